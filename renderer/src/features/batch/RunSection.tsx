import type { BatchRunView } from '../../../../shared/domain/batch-view';
import type { BatchState } from './use-batch';

const formatEta = (ms: number | null | undefined) =>
  ms == null
    ? 'estimating…'
    : ms < 60_000
      ? `about ${Math.max(1, Math.round(ms / 1000))} s left`
      : `about ${Math.round(ms / 60_000)} min left`;

/** Step 4: the run's progress, pause, resume and cancel, and its results per order. */
export function RunSection({ batch, run }: { batch: BatchState; run: BatchRunView }) {
  const s = run.summary;
  const done = s.total - s.queued - s.running;
  return (
    <section className="card stack" aria-labelledby="batch-run">
      <h2 id="batch-run">4. Run</h2>
      <div className="progress" role="status" aria-live="polite">
        <progress max={s.total} value={done} aria-label="Batch progress" />
        <span data-testid="batch-progress">
          {done} of {s.total} done · {s.created} created · {s.failed + s.rejected} failed · {s.skipped} skipped · {s.queued + s.running}{' '}
          remaining
          {s.in_doubt ? ` · ${s.in_doubt} not confirmed yet` : ''}
          {run.state === 'running' ? ` · ${formatEta(batch.progress?.etaMs)}` : ` · ${run.state}`}
        </span>
      </div>
      <div className="actions">
        {run.state === 'running' && (
          <button type="button" onClick={() => void batch.control('pause')}>
            Pause
          </button>
        )}
        {(run.state === 'paused' || (run.state === 'done' && s.in_doubt > 0)) && (
          <button type="button" onClick={() => void batch.control('resume')}>
            Resume
          </button>
        )}
        {(run.state === 'running' || run.state === 'paused') && (
          <button type="button" className="danger" onClick={() => void batch.control('cancel')}>
            Cancel the rest
          </button>
        )}
        <button type="button" onClick={() => void batch.exportResults()}>
          Export results as CSV
        </button>
      </div>
      {run.printMessage && <p role="status">{run.printMessage}</p>}
      <table className="table">
        <caption className="sr-only">Results per order</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Outcome</th>
            <th scope="col">Tracking number</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {run.items.map((i) => (
            <tr key={i.position} className={i.state === 'failed' || i.state === 'rejected' ? 'row-failed' : undefined}>
              <td>{i.orderNumber}</td>
              <td>
                <span
                  className={`tag ${i.state === 'created' ? 'tag-Delivered' : i.state === 'failed' || i.state === 'rejected' ? 'tag-Exception' : 'tag-Unknown'}`}
                >
                  {i.state.replace('_', ' ')}
                </span>
              </td>
              <td>{i.trackingNumber ? <code>{i.trackingNumber}</code> : '—'}</td>
              <td>{i.message ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">
        Fix failed orders in the table above and create again: orders that already have labels are skipped, so only the rest are sent.
      </p>
    </section>
  );
}
