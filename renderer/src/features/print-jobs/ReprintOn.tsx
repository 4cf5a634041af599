import { useState } from 'react';
import type { PrintJobRecord } from '../../../../shared/domain/printing';
import { useAction, useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useSettingsView } from '../../data/queries';
import { useT } from '../../i18n';
import { station } from '../../station';
import { JobOutcome } from './JobOutcome';
import { useFollowedJob } from './use-print-jobs';

/**
 * "Reprint on…": prints stored labels again on a printer the operator picks, a printer profile
 * or any system printer (with the default profile's stock). One job, sent once; never buys a label.
 */
export function ReprintOn({
  labelIds,
  what,
  onSent,
}: {
  labelIds: string[];
  /** Names the labels in the button's accessible name ("Reprint LOOP-1 on…"). */
  what: string;
  onSent?: (job: PrintJobRecord) => void;
}) {
  const { t } = useT('printing');
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState('');
  const [job, setJob] = useState<PrintJobRecord | null>(null);
  const shown = useFollowedJob(job);
  const settings = useSettingsView();
  const printers = useQuery(open ? queryKeys.printers : null, () => station().printers.list(), { refetchOnMount: true });
  const reprint = useAction(
    (choice: string) => {
      const [kind, value] = [choice.slice(0, choice.indexOf(':')), choice.slice(choice.indexOf(':') + 1)];
      return station().print.labels(kind === 'profile' ? { labelIds, profileId: value } : { labelIds, printer: value });
    },
    {
      invalidates: [queryKeys.printLog],
      onSuccess: (sent) => {
        setJob(sent);
        setOpen(false);
        onSent?.(sent);
      },
    },
  );
  const profiles = (settings.data?.printerProfiles ?? []).filter((p) => p.role === 'labels');
  const choose = () => (setOpen(true), setTarget(''), reprint.clearError());
  return (
    <span className="reprint-on">
      {open ? (
        <>
          <select aria-label={t('reprint.selectAria', { what })} value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="" disabled>
              {t('reprint.choose')}
            </option>
            {profiles.length > 0 && (
              <optgroup label={t('reprint.profiles')}>
                {profiles.map((p) => (
                  <option key={p.id} value={`profile:${p.id}`}>
                    {p.name} ({p.printer})
                  </option>
                ))}
              </optgroup>
            )}
            {(printers.data ?? []).length > 0 && (
              <optgroup label={t('reprint.system')}>
                {printers.data!.map((p) => (
                  <option key={p.name} value={`printer:${p.name}`}>
                    {p.state === 'stopped' ? t('reprint.stopped', { name: p.name }) : p.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
          <button type="button" className="primary" disabled={!target || reprint.pending} onClick={() => void reprint.run(target)}>
            {reprint.pending ? t('reprint.printing') : t('reprint.reprint')}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            {t('reprint.cancel')}
          </button>
        </>
      ) : (
        <button type="button" onClick={choose} aria-label={t('reprint.openAria', { what })}>
          {t('reprint.open')}
        </button>
      )}
      {shown && !open && <JobOutcome job={shown} />}
      {reprint.error && (
        <span role="alert" className="print-failed">
          {reprint.error.message}
        </span>
      )}
    </span>
  );
}
