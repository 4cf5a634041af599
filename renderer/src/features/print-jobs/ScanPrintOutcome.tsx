import { useOsJobOutcome } from './use-print-jobs';
import './print-jobs.css';

const said = {
  printed: (printer: string) => `Printed on ${printer}`,
  waiting: () => 'Not printed yet: waiting at the printer',
  failed: () => 'Not printed: the printer gave up',
  sent: () => 'Sent, not confirmed by the printer',
} as const;

/** Station mode's big card: the print job's final state once main knows it (a printer out of paper is noticed at the desk). */
export function ScanPrintOutcome({ osJobId }: { osJobId: string | null }) {
  const job = useOsJobOutcome(osJobId);
  if (!job) return null;
  return (
    <div role="alert" data-testid="scan-print-outcome">
      <p className={`scan-print-outcome outcome-${job.state}`}>{said[job.state](job.printer)}</p>
      {job.message && <p className="scan-message">{job.message}</p>}
    </div>
  );
}
