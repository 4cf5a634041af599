import { useEffect, useState } from 'react';
import type { BatchIssue } from '../../../../shared/domain/batch';
import type { BatchPreview, BatchPreviewFilter } from '../../../../shared/domain/batch-view';
import { PAGE_SIZE, type BatchState } from './use-batch';
import { useFormats } from '../../app-state';
import { useT } from '../../i18n';
import './batch.css';

/**
 * Step 3: the counts, one page of the orders with their issues and inline fixes, and starting
 * the run (not in station mode, which creates each order's label when it is scanned).
 */
export function OrdersSection({ batch, preview, run = true }: { batch: BatchState; preview: BatchPreview; run?: boolean }) {
  const { t } = useT('batch');
  const { count } = useFormats();
  const { ready, withIssues, excluded, alreadyLabelled } = preview.counts;
  return (
    <section className="card stack" aria-labelledby="batch-preview">
      <h2 id="batch-preview">{t('orders.heading')}</h2>
      <p data-testid="batch-counts">
        {t('orders.counts', { ready: count(ready), withIssues: count(withIssues), excluded: count(excluded) })}
      </p>
      {alreadyLabelled > 0 && (
        <div className="notice-box" role="status">
          {t('orders.alreadyLabelled', { count: alreadyLabelled, orders: count(alreadyLabelled) })}{' '}
          <label className="checkbox">
            <input type="checkbox" checked={batch.includeLabelled} onChange={(e) => batch.setIncludeLabelled(e.target.checked)} />{' '}
            {t('orders.includeLabelled')}
          </label>
        </div>
      )}
      <Pager preview={preview} onPage={(offset, filter) => void batch.showPage(offset, filter)} />
      <table className="table batch-table" id="batch-orders">
        <caption className="sr-only">{t('orders.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('orders.order')}</th>
            <th scope="col">{t('orders.rows')}</th>
            <th scope="col">{t('orders.status')}</th>
            <th scope="col">{t('orders.include')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.orders.map((o) => (
            <tr key={`${o.orderNumber}-${o.rows[0]}`} className={!o.valid ? 'row-failed' : undefined}>
              <td>{o.orderNumber || t('orders.noOrderNumber')}</td>
              <td>{o.rows.join(', ')}</td>
              <td>
                {o.valid ? (
                  o.alreadyLabelled ? (
                    <span className="tag tag-Unknown">{t('orders.tagLabelled')}</span>
                  ) : (
                    <span className="tag tag-Delivered">{t('orders.tagReady')}</span>
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
                  <p className="hint">
                    {t('orders.moreIssues', { count: o.issueCount - o.issues.length, issues: count(o.issueCount - o.issues.length) })}
                  </p>
                )}
              </td>
              <td>
                <input
                  type="checkbox"
                  checked={!o.excluded}
                  aria-label={t('orders.includeOrder', { order: o.orderNumber })}
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
            <input type="checkbox" checked={batch.printWhenDone} onChange={(e) => batch.setPrintWhenDone(e.target.checked)} />{' '}
            {t('orders.printWhenDone')}
          </label>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void batch.start()} disabled={!batch.canStart}>
              {t('orders.create', { count: ready, labels: count(ready) })}
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
  const { t } = useT('batch');
  const { count } = useFormats();
  const { offset, limit, total, filter } = preview.page;
  // The box shows what was asked for at once; the page that answers follows from main.
  const [issuesOnly, setIssuesOnly] = useState(filter === 'issues');
  useEffect(() => setIssuesOnly(filter === 'issues'), [filter]);
  const hasPrevious = offset > 0;
  const hasNext = offset + limit < total;
  const range = { from: count(offset + 1), to: count(Math.min(total, offset + limit)), total: count(total) };
  const text =
    total === 0
      ? filter === 'issues'
        ? t('pager.noIssues')
        : t('pager.none')
      : filter === 'issues'
        ? t('pager.rangeIssues', range)
        : t('pager.range', range);
  return (
    <div className="pager" role="navigation" aria-label={bottom ? t('pager.labelBottom') : t('pager.label')}>
      <button
        type="button"
        aria-controls="batch-orders"
        aria-disabled={!hasPrevious}
        onClick={() => hasPrevious && onPage(Math.max(0, offset - limit))}
      >
        {t('pager.previous')}
      </button>
      <span data-testid={bottom ? undefined : 'batch-page'} aria-live={bottom ? undefined : 'polite'}>
        {text}
      </span>
      <button type="button" aria-controls="batch-orders" aria-disabled={!hasNext} onClick={() => hasNext && onPage(offset + limit)}>
        {t('pager.next')}
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
          {preview.counts.issues > preview.counts.withIssues
            ? t('pager.issuesOnlyCounted', {
                orders: count(preview.counts.withIssues),
                issues: t('pager.issueCount', { count: preview.counts.issues, issues: count(preview.counts.issues) }),
              })
            : t('pager.issuesOnly', { orders: count(preview.counts.withIssues) })}
        </label>
      )}
    </div>
  );
}

/** One issue with an inline fix for the cell it names. */
function IssueFix({ issue, fixable, onFix }: { issue: BatchIssue; fixable: boolean; onFix: (value: string) => void }) {
  const { t } = useT('batch');
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
          <input
            aria-label={t('orders.fixLabel', { row: issue.row, column: issue.column })}
            value={value}
            onChange={(e) => setValue(e.target.value)}
          />
          <button type="submit">{t('orders.fix')}</button>
        </form>
      )}
    </div>
  );
}
