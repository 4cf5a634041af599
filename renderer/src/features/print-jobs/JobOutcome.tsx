import type { PrintJobRecord } from '../../../../shared/domain/printing';
import { useT } from '../../i18n';
import './print-jobs.css';

/** What became of one print job, in a sentence: sent (outcome not known yet), printed, waiting at the printer, or not printed. */
export function JobOutcome({ job }: { job: PrintJobRecord }) {
  const { t } = useT('printing');
  const jobRef = job.osJobId ? ` ${t('outcome.job', { job: job.osJobId })}` : '';
  switch (job.state) {
    case 'sent':
      return (
        <span role="status" className="print-ok">
          {t('outcome.sentTo', { printer: job.printer })}
          {jobRef}
          {job.message && <span className="hint"> {job.message}</span>}
        </span>
      );
    case 'printed':
      return (
        <span role="status" className="print-ok">
          {t('outcome.printedOn', { printer: job.printer })}
          {jobRef}
        </span>
      );
    case 'waiting':
      return (
        <span role="alert" className="print-waiting">
          {t('outcome.waiting', { message: job.message ?? '' })}
        </span>
      );
    case 'failed':
      return (
        <span role="alert" className="print-failed">
          {t('outcome.failed', { message: job.message ?? '' })}
        </span>
      );
  }
}
