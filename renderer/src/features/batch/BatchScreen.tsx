import { useEffect, useState, type ChangeEvent } from 'react';
import { BATCH_FIELDS, batchFieldLabels, type BatchField, type CsvEncodingChoice } from '../../../../shared/domain/batch';
import type { BatchPreview, BatchPreviewFilter, BatchRunView } from '../../../../shared/domain/batch-view';
import type { ProgressEvent } from '../../../../shared/ipc/contract';
import { batchTask } from '../../../../shared/ipc/progress-tasks';
import { ErrorMessage, SelectField, SuccessMessage, TextField } from '../../components/ui';
import { bytesToBase64 } from '../../lib/base64';
import { station } from '../../station';

/** Orders per preview page (main answers at most MAX_BATCH_PAGE). */
const PAGE_SIZE = 100;
const count = (n: number) => n.toLocaleString('en-US');

const formatEta = (ms: number | null | undefined) => (ms == null ? 'estimating…' : ms < 60_000 ? `about ${Math.max(1, Math.round(ms / 1000))} s left` : `about ${Math.round(ms / 60_000)} min left`);

/** Hundreds of labels from a CSV of orders: import, map, fix, run with progress, results. */
export function BatchScreen() {
  const [preview, setPreview] = useState<BatchPreview | null>(null);
  const [run, setRun] = useState<BatchRunView | null>(null);
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [encoding, setEncoding] = useState<'' | CsvEncodingChoice>('');
  const [includeLabelled, setIncludeLabelled] = useState(false);
  const [printWhenDone, setPrintWhenDone] = useState(false);
  const [mappingName, setMappingName] = useState('');

  useEffect(
    () =>
      station().on('progress', (p) => {
        if (!run || p.task !== batchTask(run.runId)) return;
        setProgress(p);
      }),
    [run],
  );
  // The results table follows the run while it goes (the whole table, so not on every item).
  useEffect(() => {
    if (!run || run.state !== 'running') return;
    const timer = setInterval(() => {
      void station()
        .batch.run({ runId: run.runId })
        .then((r) => r.ok && setRun(r.value));
    }, 2000);
    return () => clearInterval(timer);
  }, [run]);

  const take = <T,>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }, set: (v: T) => void) => {
    if (r.ok) {
      set(r.value);
      setError(null);
    } else {
      setError(r.error.message);
      // Main closed the file to save memory: the preview on screen can no longer be changed.
      if (r.error.code === 'import_expired') setPreview(null);
    }
  };

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setBusy(true);
    setRun(null);
    setProgress(null);
    const bytes = new Uint8Array(await file.arrayBuffer());
    const r = await station().batch.import({ fileName: file.name, base64: bytesToBase64(bytes), limit: PAGE_SIZE, ...(encoding ? { encoding } : {}) });
    setBusy(false);
    take(r, setPreview);
  };
  /** Asks main for the page on screen (or another one), after a change when one is given. */
  const update = async (input: Omit<Parameters<ReturnType<typeof station>['batch']['preview']>[0], 'importId'>) => {
    if (!preview) return;
    const { offset, filter } = preview.page;
    take(await station().batch.preview({ importId: preview.importId, offset, limit: PAGE_SIZE, filter, ...input }), setPreview);
  };
  const showPage = (offset: number, filter: BatchPreviewFilter = preview?.page.filter ?? 'all') => void update({ offset, filter });
  const start = async () => {
    if (!preview) return;
    setProgress(null);
    take(await station().batch.start({ importId: preview.importId, includeAlreadyLabelled: includeLabelled, printWhenDone }), setRun);
  };
  const control = async (action: 'pause' | 'resume' | 'cancel') => run && take(await station().batch.control({ runId: run.runId, action }), setRun);

  const s = run?.summary;
  const done = s ? s.total - s.queued - s.running : 0;
  return (
    <div className="batch stack">
      <div className="new-label-head">
        <h1>Batch labels from a CSV</h1>
        <button type="button" onClick={() => void station().batch.sampleCsv().then((r) => (r.ok && r.value.saved ? setMessage(`Sample saved to ${r.value.path}`) : undefined))}>
          Download the sample CSV
        </button>
      </div>
      <SuccessMessage>{message}</SuccessMessage>
      <ErrorMessage>{error}</ErrorMessage>

      <section className="card stack" aria-labelledby="batch-file">
        <h2 id="batch-file">1. Choose the file</h2>
        <div className="grid-3">
          <div className="field">
            <label htmlFor="batch-file-input">CSV file of orders</label>
            <input id="batch-file-input" type="file" accept=".csv,text/csv" onChange={(e) => void onFile(e)} disabled={busy} />
          </div>
          <SelectField label="Text encoding" value={encoding} onChange={(e) => setEncoding(e.target.value as '' | CsvEncodingChoice)}>
            <option value="">Detect (UTF-8, Shift_JIS, GBK)</option>
            <option value="utf-8">UTF-8</option>
            <option value="shift_jis">Shift_JIS (Japanese)</option>
            <option value="gbk">GBK (Chinese)</option>
          </SelectField>
        </div>
        {busy && <p role="status">Reading the file…</p>}
        {preview && (
          <p className="hint" data-testid="import-summary">
            {preview.fileName}: {count(preview.rowCount)} rows, {count(preview.counts.orders)} orders, read as {preview.encoding}.
          </p>
        )}
      </section>

      {preview && (
        <section className="card stack" aria-labelledby="batch-mapping">
          <h2 id="batch-mapping">2. Match the columns</h2>
          {preview.missingText && <p className="error-box" role="alert">Map a column for {preview.missingText}.</p>}
          <div className="mapping-grid">
            {BATCH_FIELDS.map((field: BatchField) => (
              <SelectField key={field} label={batchFieldLabels[field]} value={preview.mapping[field] ?? ''} onChange={(e) => void update({ mapping: { ...preview.mapping, [field]: e.target.value || null } })}>
                <option value="">(not in the file)</option>
                {preview.headers.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </SelectField>
            ))}
          </div>
          <div className="inline-form">
            {preview.savedMappings.length > 0 && (
              <SelectField label="Use a saved mapping" value="" onChange={(e) => {
                const saved = preview.savedMappings.find((m) => m.id === e.target.value);
                if (saved) void update({ mapping: saved.mapping });
              }}>
                <option value="">Choose…</option>
                {preview.savedMappings.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
              </SelectField>
            )}
            <TextField label="Save this mapping as" value={mappingName} onChange={(e) => setMappingName(e.target.value)} placeholder="Shopify export" />
            <button
              type="button"
              disabled={!mappingName.trim()}
              onClick={() =>
                void station()
                  .batch.saveMapping({ importId: preview.importId, name: mappingName, offset: preview.page.offset, limit: PAGE_SIZE, filter: preview.page.filter })
                  .then((r) => take(r, setPreview))
              }
            >
              Save mapping
            </button>
          </div>
        </section>
      )}

      {preview && (
        <section className="card stack" aria-labelledby="batch-preview">
          <h2 id="batch-preview">3. Check the orders</h2>
          <p data-testid="batch-counts">
            {count(preview.counts.ready)} ready, {count(preview.counts.withIssues)} with issues, {count(preview.counts.excluded)} excluded.
          </p>
          {preview.counts.alreadyLabelled > 0 && (
            <div className="notice-box" role="status">
              {count(preview.counts.alreadyLabelled)} of these orders already have labels; they are skipped.{' '}
              <label className="checkbox">
                <input type="checkbox" checked={includeLabelled} onChange={(e) => setIncludeLabelled(e.target.checked)} /> Create another label for them anyway
              </label>
            </div>
          )}
          <Pager preview={preview} onPage={showPage} />
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
                    {o.valid ? (o.alreadyLabelled ? <span className="tag tag-Unknown">Already labelled</span> : <span className="tag tag-Delivered">Ready</span>) : null}
                    {o.issues.map((issue) => (
                      <IssueFix key={`${issue.row}-${issue.column}`} issue={issue} onFix={(value) => void update({ fix: { row: issue.row, column: issue.column, value } })} />
                    ))}
                    {o.issueCount > o.issues.length && <p className="hint">And {count(o.issueCount - o.issues.length)} more issues in this order: fix these first.</p>}
                  </td>
                  <td>
                    <input type="checkbox" checked={!o.excluded} aria-label={`Include order ${o.orderNumber}`} onChange={(e) => void update({ exclude: { orderNumber: o.orderNumber, excluded: !e.target.checked } })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.page.total > PAGE_SIZE && <Pager preview={preview} onPage={showPage} bottom />}
          <label className="checkbox">
            <input type="checkbox" checked={printWhenDone} onChange={(e) => setPrintWhenDone(e.target.checked)} /> Print all labels when done, in file order, as one job
          </label>
          <div className="actions">
            <button type="button" className="primary" onClick={() => void start()} disabled={preview.counts.ready === 0 || Boolean(preview.missingText) || run?.state === 'running'}>
              Create {count(preview.counts.ready)} labels
            </button>
          </div>
        </section>
      )}

      {run && s && (
        <section className="card stack" aria-labelledby="batch-run">
          <h2 id="batch-run">4. Run</h2>
          <div className="progress" role="status" aria-live="polite">
            <progress max={s.total} value={done} aria-label="Batch progress" />
            <span data-testid="batch-progress">
              {done} of {s.total} done · {s.created} created · {s.failed + s.rejected} failed · {s.skipped} skipped · {s.queued + s.running} remaining
              {s.in_doubt ? ` · ${s.in_doubt} not confirmed yet` : ''}
              {run.state === 'running' ? ` · ${formatEta(progress?.etaMs)}` : ` · ${run.state}`}
            </span>
          </div>
          <div className="actions">
            {run.state === 'running' && (
              <button type="button" onClick={() => void control('pause')}>
                Pause
              </button>
            )}
            {(run.state === 'paused' || (run.state === 'done' && s.in_doubt > 0)) && (
              <button type="button" onClick={() => void control('resume')}>
                Resume
              </button>
            )}
            {(run.state === 'running' || run.state === 'paused') && (
              <button type="button" className="danger" onClick={() => void control('cancel')}>
                Cancel the rest
              </button>
            )}
            <button type="button" onClick={() => void station().batch.exportResults({ runId: run.runId }).then((r) => (r.ok && r.value.saved ? setMessage(`Results saved to ${r.value.path}`) : undefined))}>
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
                    <span className={`tag ${i.state === 'created' ? 'tag-Delivered' : i.state === 'failed' || i.state === 'rejected' ? 'tag-Exception' : 'tag-Unknown'}`}>{i.state.replace('_', ' ')}</span>
                  </td>
                  <td>{i.trackingNumber ? <code>{i.trackingNumber}</code> : '—'}</td>
                  <td>{i.message ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="hint">Fix failed orders in the table above and create again: orders that already have labels are skipped, so only the rest are sent.</p>
        </section>
      )}
    </div>
  );
}

/**
 * Previous / Next over the preview's pages, and the choice to page through only the orders
 * with issues. The buttons stay focusable at either end (aria-disabled), so the keyboard focus
 * never drops to the page when the last page is reached.
 */
function Pager({ preview, onPage, bottom = false }: { preview: BatchPreview; onPage: (offset: number, filter?: BatchPreviewFilter) => void; bottom?: boolean }) {
  const { offset, limit, total, filter } = preview.page;
  // The box shows what was asked for at once; the page that answers follows from main.
  const [issuesOnly, setIssuesOnly] = useState(filter === 'issues');
  useEffect(() => setIssuesOnly(filter === 'issues'), [filter]);
  const hasPrevious = offset > 0;
  const hasNext = offset + limit < total;
  const what = filter === 'issues' ? 'Orders with issues' : 'Orders';
  const range = total === 0 ? (filter === 'issues' ? 'No orders with issues.' : 'No orders.') : `${what} ${count(offset + 1)}–${count(Math.min(total, offset + limit))} of ${count(total)}`;
  return (
    <div className="pager" role="navigation" aria-label={bottom ? 'Pages of orders (bottom)' : 'Pages of orders'}>
      <button type="button" aria-controls="batch-orders" aria-disabled={!hasPrevious} onClick={() => hasPrevious && onPage(Math.max(0, offset - limit))}>
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
          /> Only orders with issues ({count(preview.counts.withIssues)}
          {preview.counts.issues > preview.counts.withIssues ? `, ${count(preview.counts.issues)} issues` : ''})
        </label>
      )}
    </div>
  );
}

/** One issue with an inline fix for the cell it names. */
function IssueFix({ issue, onFix }: { issue: { row: number; column: string; message: string; field: string | null }; onFix: (value: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <div className="issue">
      <span className="field-error">{issue.message}</span>
      {issue.field && (
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
