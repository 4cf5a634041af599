import { useT } from '../../i18n';
import { useOsJobOutcome } from './use-print-jobs';
import './print-jobs.css';

/** Station mode's big card: the print job's final state once main knows it (a printer out of paper is noticed at the desk). */
export function ScanPrintOutcome({ osJobId }: { osJobId: string | null }) {
  const job = useOsJobOutcome(osJobId);
  const { t } = useT('printing');
  if (!job) return null;
  return (
    <div role="alert" data-testid="scan-print-outcome">
      <p className={`scan-print-outcome outcome-${job.state}`}>{t(`scanOutcome.${job.state}`, { printer: job.printer })}</p>
      {job.message && <p className="scan-message">{job.message}</p>}
    </div>
  );
}
