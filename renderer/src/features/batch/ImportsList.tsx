import type { BatchState } from './use-batch';
import { count } from './use-batch';
import { useTimes } from '../../app-state';

/** The imports main keeps (they survive leaving the screen and a restart): open one, or take it off the list. */
export function ImportsList({ batch, compact = false }: { batch: BatchState; compact?: boolean }) {
  const { dateTime: when } = useTimes();
  const { imports, preview } = batch;
  if (!imports || imports.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="batch-imports">
      <h2 id="batch-imports">Imports</h2>
      {!compact && (
        <p className="hint">
          Station mode scans the orders of every import listed here; an order in several imports counts once, and the newest import’s rows
          are used.
        </p>
      )}
      <table className="table" data-testid="imports-list">
        <caption className="sr-only">Imported files</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Imported</th>
            <th scope="col">Orders</th>
            <th scope="col">Ready</th>
            <th scope="col">Labelled</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {imports.map((i) => (
            <tr key={i.importId} aria-current={preview?.importId === i.importId ? 'true' : undefined}>
              <td>{i.fileName}</td>
              <td>{when(i.createdAt)}</td>
              <td>{count(i.orders)}</td>
              <td>{count(i.ready)}</td>
              <td>{count(i.labelled)}</td>
              <td className="actions">
                <button type="button" onClick={() => void batch.openImport(i.importId)} disabled={preview?.importId === i.importId}>
                  {preview?.importId === i.importId ? 'On screen' : 'Open'}
                </button>
                <button type="button" aria-label={`Remove ${i.fileName} from the list`} onClick={() => void batch.removeImport(i.importId)}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
