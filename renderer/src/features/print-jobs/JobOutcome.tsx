import type { PrintJobRecord } from '../../../../shared/domain/printing';
import './print-jobs.css';

const jobRef = (job: PrintJobRecord) => (job.osJobId ? ` (job ${job.osJobId})` : '');

/** What became of one print job, in a sentence: sent (outcome not known yet), printed, waiting at the printer, or not printed. */
export function JobOutcome({ job }: { job: PrintJobRecord }) {
  switch (job.state) {
    case 'sent':
      return (
        <span role="status" className="print-ok">
          Sent to {job.printer}
          {jobRef(job)}
          {job.message && <span className="hint"> {job.message}</span>}
        </span>
      );
    case 'printed':
      return (
        <span role="status" className="print-ok">
          Printed on {job.printer}
          {jobRef(job)}
        </span>
      );
    case 'waiting':
      return (
        <span role="alert" className="print-waiting">
          Waiting at the printer: {job.message}
        </span>
      );
    case 'failed':
      return (
        <span role="alert" className="print-failed">
          Not printed: {job.message}
        </span>
      );
  }
}
