import { useState } from 'react';
import type { PrintJobRecord } from '../../../../shared/domain/printing';
import { useAction } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useT } from '../../i18n';
import { station } from '../../station';
import { FirstPrintDialog } from './FirstPrintDialog';
import { openPrinterSettings } from './printer-state';
import { JobOutcome } from '../print-jobs/JobOutcome';
import { useFollowedJob } from '../print-jobs/use-print-jobs';
import { usePrintTarget } from './use-print-target';

/** What became of a print job, kept current as main follows it (print-jobs/JobOutcome.tsx); a failed job offers printing again. */
export function PrintJobStatus({ job }: { job: PrintJobRecord }) {
  return <JobOutcome job={useFollowedJob(job)} />;
}

/**
 * Print (or reprint) labels on the default label printer, as one job in the given order.
 * Uses the stored documents: printing never buys a label. The printer's name is always shown.
 * With no printer set up yet, Print is still offered: it asks which printer and paper
 * (FirstPrintDialog), saves that as the default label printer and prints.
 */
export function PrintButton({ labelIds, label: asked }: { labelIds: string[]; label?: string }) {
  const { t } = useT('printing');
  const label = asked ?? t('button.print');
  const { profile, loaded } = usePrintTarget();
  const [sentJob, setJob] = useState<PrintJobRecord | null>(null);
  const job = useFollowedJob(sentJob);
  const [settingUp, setSettingUp] = useState(false);
  const printing = useAction((profileId: string) => station().print.labels({ labelIds, profileId }), {
    invalidates: [queryKeys.printLog],
    onSuccess: setJob,
  });
  const { pending: busy } = printing;
  const error = printing.error?.message;
  if (!loaded) return null;
  const print = (profileId: string) => {
    printing.clearError();
    void printing.run(profileId);
  };
  if (!profile || settingUp) {
    return (
      <span className="print-control">
        <button type="button" onClick={() => setSettingUp(true)} disabled={labelIds.length === 0} aria-haspopup="dialog">
          {label}
        </button>
        <span className="hint printer-name">
          {t('button.noPrinter')} (
          <button type="button" className="link-button" onClick={openPrinterSettings}>
            {t('button.settingsLink')}
          </button>
          )
        </span>
        {settingUp && (
          <FirstPrintDialog
            onClose={() => setSettingUp(false)}
            onSaved={(profileId) => {
              setSettingUp(false);
              print(profileId);
            }}
          />
        )}
      </span>
    );
  }
  return (
    <span className="print-control">
      <button
        type="button"
        onClick={() => print(profile.id)}
        disabled={busy || labelIds.length === 0}
        aria-label={t('button.aria', { action: job?.state === 'failed' ? t('button.printAgain') : label, profile: profile.name })}
      >
        {busy ? t('button.printing') : job?.state === 'failed' ? t('button.printAgain') : label}
      </button>
      <span className="hint printer-name">{t('button.on', { profile: profile.name, printer: profile.printer })}</span>
      {job && <PrintJobStatus job={job} />}
      {error && (
        <span role="alert" className="print-failed">
          {error}
        </span>
      )}
    </span>
  );
}
