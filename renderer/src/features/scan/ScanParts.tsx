import { FAILURE_STATUSES, RECENT_SCANS, type ScanResult, type ScanSession } from '../../../../shared/domain/scan';
import { ScanPrintOutcome } from '../print-jobs/ScanPrintOutcome';
import { useFormats, useTimes } from '../../app-state';
import { useT } from '../../i18n';
import { HeldElsewhere } from './HeldElsewhere';
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
  const { t } = useT('scan');
  const tone = working ? 'working' : last ? toneOf(last.status) : 'idle';
  return (
    <section
      className={`scan-result tone-${tone}`}
      aria-label={t('result.label')}
      data-testid="scan-result"
      role="status"
      aria-live="assertive"
    >
      {working ? (
        // The moment Enter is pressed: the card no longer shows the previous order.
        <p className="scan-title">{t('screen.workingOn', { order: working })}</p>
      ) : last ? (
        <>
          <p className="scan-title">{last.title}</p>
          {last.recipient && <p className="scan-recipient">{last.recipient}</p>}
          <dl className="scan-facts">
            {last.orderNumber && (
              <>
                <dt>{t('result.order')}</dt>
                <dd>{last.orderNumber}</dd>
              </>
            )}
            {last.weight && (
              <>
                <dt>{last.status === 'check_weight' ? t('result.weightToConfirm') : t('result.weight')}</dt>
                <dd data-testid="scan-weight">{last.weight}</dd>
              </>
            )}
            {last.trackingNumber && (
              <>
                <dt>{t('result.trackingNumber')}</dt>
                <dd data-testid="scan-tracking">{last.trackingNumber}</dd>
              </>
            )}
            {last.printer && (
              <>
                <dt>{last.status === 'printed' || last.status === 'reprinted' ? t('result.printedOn') : t('result.printer')}</dt>
                <dd>{last.printer}</dd>
              </>
            )}
          </dl>
          {last.status === 'held_elsewhere' && last.heldBy ? (
            // Another station packs it: who, since when, and the supervisor's release (a new one for each scan).
            <HeldElsewhere key={`held-${last.seq}`} message={last.message} holder={last.heldBy} />
          ) : (
            last.message && <p className="scan-message">{last.message}</p>
          )}
          <ScanPrintOutcome key={last.seq} osJobId={last.osJobId} />
        </>
      ) : (
        <>
          <p className="scan-title">{t('result.idle')}</p>
          {session && session.ordersLoaded === 0 && <p className="scan-message">{t('result.noOrders')}</p>}
        </>
      )}
    </section>
  );
}

/** This session's counters and its last 20 scans. */
export function SessionPanel({ session }: { session: ScanSession }) {
  const { t } = useT('scan');
  const { count } = useFormats();
  const times = useTimes();
  return (
    <section className="station-session" aria-label={t('session.label')}>
      <dl className="station-counters" data-testid="station-counters">
        <div>
          <dt>{t('session.labelsMade')}</dt>
          <dd>{count(session.labelsMade)}</dd>
        </div>
        <div>
          <dt>{t('session.reprints')}</dt>
          <dd>{count(session.reprints)}</dd>
        </div>
        <div className={session.failures ? 'has-failures' : ''}>
          <dt>{t('session.failures')}</dt>
          <dd>{count(session.failures)}</dd>
        </div>
      </dl>
      <table className="table station-recent" aria-label={t('session.recent', { count: RECENT_SCANS })}>
        <thead>
          <tr>
            <th scope="col">{t('session.time')}</th>
            <th scope="col">{t('session.scanned')}</th>
            <th scope="col">{t('session.outcome')}</th>
            <th scope="col">{t('session.trackingOrReason')}</th>
          </tr>
        </thead>
        <tbody>
          {session.recent.length === 0 && (
            <tr>
              <td colSpan={4} className="hint">
                {t('session.none')}
              </td>
            </tr>
          )}
          {session.recent.map((r) => (
            <tr key={r.seq} className={`tone-${toneOf(r.status)}`}>
              <td>{times.time(r.at)}</td>
              <td>{r.input}</td>
              <td>{r.title}</td>
              <td>
                {r.trackingNumber ??
                  (FAILURE_STATUSES.has(r.status) || r.status === 'check_weight' || r.status === 'held_elsewhere' ? r.message : '')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
