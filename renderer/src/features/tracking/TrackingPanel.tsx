import type { TrackingView } from '../../../../shared/domain/tracking';
import { ErrorMessage } from '../../components/ui';
import { useTimes } from '../../app-state';
import { useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { station } from '../../station';

const tagLabels: Record<TrackingView['tag'], string> = {
  Pending: 'Pending',
  InfoReceived: 'Info received',
  InTransit: 'In transit',
  Delivered: 'Delivered',
  Exception: 'Exception',
  Cancelled: 'Cancelled',
  Unknown: 'Unknown',
};

/** Where the parcel is: the current tag and the courier's scans, newest first. */
export function TrackingPanel({ labelId, onClose }: { labelId: string; onClose: () => void }) {
  // Asks the courier each time the panel opens (transient), and again on Refresh.
  const tracking = useQuery(queryKeys.tracking(labelId), () => station().tracking.get({ id: labelId }), { transient: true });
  const view = tracking.data ?? null;
  const error = tracking.error?.message ?? null;
  const busy = tracking.loading;
  const times = useTimes();

  return (
    <section className="card tracking" aria-labelledby="tracking-heading">
      <div className="panel-head">
        <h2 id="tracking-heading">Tracking {view?.trackingNumber ? <code>{view.trackingNumber}</code> : null}</h2>
        <div className="actions">
          <button type="button" onClick={() => void tracking.reload()} disabled={busy}>
            {busy ? 'Refreshing…' : 'Refresh'}
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      <ErrorMessage>{error}</ErrorMessage>
      {!view && !error && <p role="status">Loading tracking…</p>}
      {view && (
        <>
          <p className="tracking-now">
            <span className={`tag tag-${view.tag}`} data-testid="tracking-tag">
              {tagLabels[view.tag]}
            </span>{' '}
            {view.subtagMessage} <span className="hint">({view.subtag})</span>
          </p>
          {view.checkpoints.length === 0 ? (
            <p className="hint">No scans yet: the courier has not received the parcel.</p>
          ) : (
            <ol className="timeline" aria-label="Checkpoints, newest first">
              {view.checkpoints.map((c, i) => (
                <li key={i}>
                  <span className={`dot tag-${c.tag}`} aria-hidden="true" />
                  <div>
                    <strong>{tagLabels[c.tag]}</strong> {c.message && <span>· {c.message}</span>}
                    <div className="hint">
                      {c.time ? times.dateTime(c.time) : 'Time unknown'}
                      {c.place ? ` · ${c.place}` : ''}
                    </div>
                  </div>
                </li>
              ))}
            </ol>
          )}
          <p className="hint">Checked {times.time(view.fetchedAt)}.</p>
        </>
      )}
    </section>
  );
}
