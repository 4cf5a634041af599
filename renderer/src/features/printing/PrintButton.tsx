import { useState } from 'react';
import type { PrintJobRecord } from '../../../../shared/domain/printing';
import { useAction } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
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
export function PrintButton({ labelIds, label = 'Print' }: { labelIds: string[]; label?: string }) {
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
          No printer set up yet (
          <button type="button" className="link-button" onClick={openPrinterSettings}>
            Settings → Printers
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
        aria-label={`${job?.state === 'failed' ? 'Print again' : label} on ${profile.name}`}
      >
        {busy ? 'Printing…' : job?.state === 'failed' ? 'Print again' : label}
      </button>
      <span className="hint printer-name">
        on {profile.name} ({profile.printer})
      </span>
      {job && <PrintJobStatus job={job} />}
      {error && (
        <span role="alert" className="print-failed">
          {error}
        </span>
      )}
    </span>
  );
}
