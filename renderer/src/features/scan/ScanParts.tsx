import { FAILURE_STATUSES, type ScanResult, type ScanSession } from '../../../../shared/domain/scan';
import { ScanPrintOutcome } from '../print-jobs/ScanPrintOutcome';
import { useTimes } from '../../app-state';
import { toneOf } from './use-scan-mode';

/** The answer to the last scan, large, in the colour of its outcome. */
export function ScanResultPanel({
  last,
  session,
  working = null,
}: {
  last: ScanResult | null;
  session: ScanSession | null;
  working?: string | null;
}) {
  const tone = working ? 'working' : last ? toneOf(last.status) : 'idle';
  return (
    <section className={`scan-result tone-${tone}`} aria-label="Last scan" data-testid="scan-result" role="status" aria-live="assertive">
      {working ? (
        // The moment Enter is pressed: the card no longer shows the previous order.
        <p className="scan-title">Working on {working}…</p>
      ) : last ? (
        <>
          <p className="scan-title">{last.title}</p>
          {last.recipient && <p className="scan-recipient">{last.recipient}</p>}
          <dl className="scan-facts">
            {last.orderNumber && (
              <>
                <dt>Order</dt>
                <dd>{last.orderNumber}</dd>
              </>
            )}
            {last.weight && (
              <>
                <dt>{last.status === 'check_weight' ? 'Weight to confirm' : 'Weight'}</dt>
                <dd data-testid="scan-weight">{last.weight}</dd>
              </>
            )}
            {last.trackingNumber && (
              <>
                <dt>Tracking number</dt>
                <dd data-testid="scan-tracking">{last.trackingNumber}</dd>
              </>
            )}
            {last.printer && (
              <>
                <dt>{last.status === 'printed' || last.status === 'reprinted' ? 'Printed on' : 'Printer'}</dt>
                <dd>{last.printer}</dd>
              </>
            )}
          </dl>
          {last.message && <p className="scan-message">{last.message}</p>}
          <ScanPrintOutcome key={last.seq} osJobId={last.osJobId} />
        </>
      ) : (
        <>
          <p className="scan-title">Scan an order to print its label</p>
          {session && session.ordersLoaded === 0 && (
            <p className="scan-message">
              No orders are loaded yet: use “Load orders (CSV)” with the file of today’s orders. Orders that already have labels can be
              scanned to reprint them.
            </p>
          )}
        </>
      )}
    </section>
  );
}

/** This session's counters and its last 20 scans. */
export function SessionPanel({ session }: { session: ScanSession }) {
  const times = useTimes();
  return (
    <section className="station-session" aria-label="This session">
      <dl className="station-counters" data-testid="station-counters">
        <div>
          <dt>Labels made</dt>
          <dd>{session.labelsMade}</dd>
        </div>
        <div>
          <dt>Reprints</dt>
          <dd>{session.reprints}</dd>
        </div>
        <div className={session.failures ? 'has-failures' : ''}>
          <dt>Failures</dt>
          <dd>{session.failures}</dd>
        </div>
      </dl>
      <table className="table station-recent" aria-label="Last 20 scans">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Scanned</th>
            <th scope="col">Outcome</th>
            <th scope="col">Tracking number or reason</th>
          </tr>
        </thead>
        <tbody>
          {session.recent.length === 0 && (
            <tr>
              <td colSpan={4} className="hint">
                No scans yet in this session.
              </td>
            </tr>
          )}
          {session.recent.map((r) => (
            <tr key={r.seq} className={`tone-${toneOf(r.status)}`}>
              <td>{times.time(r.at)}</td>
              <td>{r.input}</td>
              <td>{r.title}</td>
              <td>{r.trackingNumber ?? (FAILURE_STATUSES.has(r.status) || r.status === 'check_weight' ? r.message : '')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
