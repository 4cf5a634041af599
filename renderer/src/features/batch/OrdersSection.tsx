import { useEffect, useState } from 'react';
import type { BatchIssue } from '../../../../shared/domain/batch';
import type { BatchPreview, BatchPreviewFilter } from '../../../../shared/domain/batch-view';
import { count, PAGE_SIZE, type BatchState } from './use-batch';

/**
 * Step 3: the counts, one page of the orders with their issues and inline fixes, and starting
 * the run (not in station mode, which creates each order's label when it is scanned).
 */
export function OrdersSection({ batch, preview, run = true }: { batch: BatchState; preview: BatchPreview; run?: boolean }) {
  return (
    <section className="card stack" aria-labelledby="batch-preview">
      <h2 id="batch-preview">3. Check the orders</h2>
      <p data-testid="batch-counts">
        {count(preview.counts.ready)} ready, {count(preview.counts.withIssues)} with issues, {count(preview.counts.excluded)} excluded.
      </p>
      {preview.counts.alreadyLabelled > 0 && (
        <div className="notice-box" role="status">
          {count(preview.counts.alreadyLabelled)} of these orders already have labels; they are skipped.{' '}
          <label className="checkbox">
            <input type="checkbox" checked={batch.includeLabelled} onChange={(e) => batch.setIncludeLabelled(e.target.checked)} /> Create
            another label for them anyway
          </label>
        </div>
      )}
      <Pager preview={preview} onPage={(offset, filter) => void batch.showPage(offset, filter)} />
      <table className="table batch-table" id="batch-orders">
        <caption className="sr-only">Orders in the file</caption>
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Rows</th>
            <th scope="col">Status</th>
            <th scope="col">Include</th>
          </tr>
        </thead>
        <tbody>
          {preview.orders.map((o) => (
            <tr key={`${o.orderNumber}-${o.rows[0]}`} className={!o.valid ? 'row-failed' : undefined}>
              <td>{o.orderNumber || '(no order number)'}</td>
              <td>{o.rows.join(', ')}</td>
              <td>
                {o.valid ? (
                  o.alreadyLabelled ? (
                    <span className="tag tag-Unknown">Already labelled</span>
                  ) : (
                    <span className="tag tag-Delivered">Ready</span>
                  )
                ) : null}
                {o.issues.map((issue) => (
                  <IssueFix
                    key={`${issue.row}-${issue.column}`}
                    issue={issue}
                    // A cell can be fixed only where the file has one: not for joined columns, a constant or a field it lacks.
                    fixable={preview.headers.includes(issue.column)}
                    onFix={(value) => void batch.fixCell(issue.row, issue.column, value)}
                  />
                ))}
                {o.issueCount > o.issues.length && (
                  <p className="hint">And {count(o.issueCount - o.issues.length)} more issues in this order: fix these first.</p>
                )}
              </td>
              <td>
                <input
                  type="checkbox"
                  checked={!o.excluded}
                  aria-label={`Include order ${o.orderNumber}`}
                  onChange={(e) => void batch.setIncluded(o.orderNumber, e.target.checked)}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.page.total > PAGE_SIZE && (
        <Pager preview={preview} onPage={(offset, filter) => void batch.showPage(offset, filter)} bottom />
      )}
      {run && (
        <>
          <label className="checkbox">
            <input type="checkbox" checked={batch.printWhenDone} onChange={(e) => batch.setPrintWhenDone(e.target.checked)} /> Print all
            labels when done, in file order, as one job
          </label>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void batch.start()} disabled={!batch.canStart}>
              Create {count(preview.counts.ready)} labels
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/**
 * Previous / Next over the preview's pages, and the choice to page through only the orders
 * with issues. The buttons stay focusable at either end (aria-disabled), so the keyboard focus
 * never drops to the page when the last page is reached.
 */
function Pager({
  preview,
  onPage,
  bottom = false,
}: {
  preview: BatchPreview;
  onPage: (offset: number, filter?: BatchPreviewFilter) => void;
  bottom?: boolean;
}) {
  const { offset, limit, total, filter } = preview.page;
  // The box shows what was asked for at once; the page that answers follows from main.
  const [issuesOnly, setIssuesOnly] = useState(filter === 'issues');
  useEffect(() => setIssuesOnly(filter === 'issues'), [filter]);
  const hasPrevious = offset > 0;
  const hasNext = offset + limit < total;
  const what = filter === 'issues' ? 'Orders with issues' : 'Orders';
  const range =
    total === 0
      ? filter === 'issues'
        ? 'No orders with issues.'
        : 'No orders.'
      : `${what} ${count(offset + 1)}–${count(Math.min(total, offset + limit))} of ${count(total)}`;
  return (
    <div className="pager" role="navigation" aria-label={bottom ? 'Pages of orders (bottom)' : 'Pages of orders'}>
      <button
        type="button"
        aria-controls="batch-orders"
        aria-disabled={!hasPrevious}
        onClick={() => hasPrevious && onPage(Math.max(0, offset - limit))}
      >
        ← Previous page
      </button>
      <span data-testid={bottom ? undefined : 'batch-page'} aria-live={bottom ? undefined : 'polite'}>
        {range}
      </span>
      <button type="button" aria-controls="batch-orders" aria-disabled={!hasNext} onClick={() => hasNext && onPage(offset + limit)}>
        Next page →
      </button>
      {!bottom && (preview.counts.withIssues > 0 || filter === 'issues') && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={issuesOnly}
            onChange={(e) => {
              setIssuesOnly(e.target.checked);
              onPage(0, e.target.checked ? 'issues' : 'all');
            }}
          />{' '}
          Only orders with issues ({count(preview.counts.withIssues)}
          {preview.counts.issues > preview.counts.withIssues ? `, ${count(preview.counts.issues)} issues` : ''})
        </label>
      )}
    </div>
  );
}

/** One issue with an inline fix for the cell it names. */
function IssueFix({ issue, fixable, onFix }: { issue: BatchIssue; fixable: boolean; onFix: (value: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <div className="issue">
      <span className="field-error">{issue.message}</span>
      {issue.field && fixable && (
        <form
          className="inline-fix"
          onSubmit={(e) => {
            e.preventDefault();
            onFix(value);
          }}
        >
          <input aria-label={`New value for row ${issue.row}, ${issue.column}`} value={value} onChange={(e) => setValue(e.target.value)} />
          <button type="submit">Fix</button>
        </form>
      )}
    </div>
  );
}
