import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { EnvironmentId, environmentLabels } from '../../../../shared/domain/environment';
import type { HistorySearchKind, LabelRecord } from '../../../../shared/domain/labels';
import type { PrintStateFilter } from '../../../../shared/domain/print-state';
import type { PrintJobRecord } from '../../../../shared/domain/printing';
import type { TimeFormat } from '../../../../shared/domain/time-format';
import type { ProgressEvent } from '../../../../shared/ipc/contract';
import { TRACKING_REFRESH_TASK } from '../../../../shared/ipc/progress-tasks';
import { HandoverButton } from '../handover/HandoverButton';
import { ErrorMessage, SelectField, TextField } from '../../components/ui';
import { useAppState, useTimes } from '../../app-state';
import { useAction } from '../../data/hooks';
import { station } from '../../station';
import { DocumentPreview } from '../labels/DocumentPreview';
import { LabelActions } from '../labels/LabelActions';
import { PrintStateCell } from '../print-jobs/PrintStateCell';
import { PrintStateFilterField } from '../print-jobs/PrintStateFilterField';
import { useLivePrintStates, withJob } from '../print-jobs/use-print-jobs';
import { PrintButton } from '../printing/PrintButton';
import { TrackingPanel } from '../tracking/TrackingPanel';

interface Filters {
  text: string;
  kind: HistorySearchKind;
  status: '' | 'created' | 'failed';
  printState: '' | PrintStateFilter;
  environment: '' | EnvironmentId;
  accountId: string;
  from: string;
  to: string;
}
const noFilters: Filters = { text: '', kind: 'any', status: '', printState: '', environment: '', accountId: '', from: '', to: '' };

/** The history query of the filters as typed: blank filters left out, dates as whole days of the station's clock. */
const historyQuery = (f: Filters, after: string | null, times: TimeFormat) => ({
  search: f.text.trim() ? { kind: f.kind, text: f.text.trim() } : undefined,
  status: f.status || undefined,
  printState: f.printState || undefined,
  environment: f.environment || undefined,
  accountId: f.accountId || undefined,
  from: f.from ? times.day(f.from)?.start : undefined,
  to: f.to ? times.day(f.to)?.end : undefined,
  cursor: after ?? undefined,
  limit: 50,
});

/** Every label this station made, newest first: find one, preview or save it, follow the parcel. */
export function HistoryScreen({
  initialTrack,
  onDuplicate,
}: {
  initialTrack?: string | null;
  /** "Duplicate": New label opens with a new draft copied from this label's request. */
  onDuplicate?: (label: LabelRecord) => void;
}) {
  const { info } = useAppState();
  const times = useTimes();
  const [filters, setFilters] = useState<Filters>(noFilters);
  const [applied, setApplied] = useState<Filters>(noFilters);
  const [items, setItems] = useState<LabelRecord[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [panel, setPanel] = useState<{ kind: 'preview' | 'tracking'; id: string } | null>(
    initialTrack ? { kind: 'tracking', id: initialTrack } : null,
  );
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [refreshResult, setRefreshResult] = useState<string | null>(null);
  /** Labels picked for "print all", in the order they were picked. */
  const [selected, setSelected] = useState<string[]>([]);
  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  // Print states change while the screen is open (a job's outcome arrives, a reprint is sent).
  useLivePrintStates(setItems);
  const printSent = useCallback((job: PrintJobRecord) => setItems((list) => withJob(list, job)), []);

  // Pages, not a cached query: the list grows with "Load more" and is read anew each time the screen opens.
  const page = useAction((f: Filters, after: string | null) => station().labels.history(historyQuery(f, after, times)), {
    onSuccess: (value, _f, after) => {
      setItems((prev) => (after ? [...prev, ...value.items] : value.items));
      setCursor(value.nextCursor);
    },
  });
  const load = page.run;
  const loading = page.pending;
  const error = page.error?.message ?? null;

  useEffect(() => {
    void load(applied, null);
  }, [applied, load]);
  useEffect(() => station().on('progress', (p) => p.task === TRACKING_REFRESH_TASK && setProgress(p)), []);

  const search = (e: FormEvent) => {
    e.preventDefault();
    setApplied(filters);
  };
  const refresh = useAction(() => station().tracking.refreshInTransit(), {
    onSuccess: ({ updated, total, failed }) =>
      setRefreshResult(`Tracking refreshed for ${updated} of ${total} parcels${failed ? `; ${failed} could not be checked` : ''}.`),
    onError: (e) => setRefreshResult(e.message),
  });
  const refreshAll = async () => {
    setRefreshResult(null);
    setProgress({ task: TRACKING_REFRESH_TASK, done: 0, failed: 0, total: 0 });
    await refresh.run();
    setProgress(null);
    void load(applied, null);
  };

  return (
    <div className="history">
      <div className="new-label-head">
        <h1>History</h1>
        <button type="button" onClick={() => void refreshAll()} disabled={progress !== null}>
          Refresh tracking of parcels in transit
        </button>
        <HandoverButton />
      </div>
      {progress && (
        <div className="progress" role="status" aria-live="polite">
          <progress max={progress.total || 1} value={progress.done} aria-label="Tracking refresh progress" /> {progress.done} of{' '}
          {progress.total} checked
          {progress.failed ? `, ${progress.failed} failed` : ''}
        </div>
      )}
      {refreshResult && (
        <p role="status" className="success-box">
          {refreshResult}
        </p>
      )}
      <form className="card filters" onSubmit={search} aria-label="Search history">
        <div className="grid-7">
          <TextField
            label="Search"
            type="search"
            value={filters.text}
            onChange={(e) => setFilters({ ...filters, text: e.target.value })}
            placeholder="Order, tracking number, name or label ID"
          />
          <SelectField
            label="Search in"
            value={filters.kind}
            onChange={(e) => setFilters({ ...filters, kind: e.target.value as HistorySearchKind })}
          >
            <option value="any">Everything</option>
            <option value="order">Order number</option>
            <option value="tracking">Tracking number</option>
            <option value="recipient">Recipient name</option>
            <option value="label">Label ID</option>
          </SelectField>
          <SelectField
            label="Status"
            value={filters.status}
            onChange={(e) => setFilters({ ...filters, status: e.target.value as Filters['status'] })}
          >
            <option value="">All</option>
            <option value="created">Created</option>
            <option value="failed">Failed</option>
          </SelectField>
          <PrintStateFilterField value={filters.printState} onChange={(printState) => setFilters({ ...filters, printState })} />
          <SelectField
            label="Environment filter"
            value={filters.environment}
            onChange={(e) => setFilters({ ...filters, environment: e.target.value as Filters['environment'] })}
          >
            <option value="">All</option>
            {EnvironmentId.options.map((id) => (
              <option key={id} value={id}>
                {environmentLabels[id]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Shipper account filter"
            value={filters.accountId}
            onChange={(e) => setFilters({ ...filters, accountId: e.target.value })}
          >
            <option value="">All</option>
            {(info?.accounts ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </SelectField>
          <TextField label="From" type="date" value={filters.from} onChange={(e) => setFilters({ ...filters, from: e.target.value })} />
          <TextField label="To" type="date" value={filters.to} onChange={(e) => setFilters({ ...filters, to: e.target.value })} />
        </div>
        <div className="actions">
          <button type="submit" className="primary">
            Search
          </button>
          <button type="button" onClick={() => (setFilters(noFilters), setApplied(noFilters))}>
            Clear
          </button>
        </div>
      </form>
      <ErrorMessage>{error}</ErrorMessage>
      {selected.length > 0 && (
        <div className="selection-bar" role="region" aria-label="Selected labels">
          <span>{selected.length} selected, printed in the order picked.</span>
          <PrintButton key={selected.join(',')} labelIds={selected} label={`Print all ${selected.length} as one job`} />
          <button type="button" onClick={() => setSelected([])}>
            Clear selection
          </button>
        </div>
      )}
      <div className={panel ? 'history-layout with-panel' : 'history-layout'}>
        <div className="card">
          {items.length === 0 && !loading ? (
            <p className="hint">{applied === noFilters ? 'No labels yet. Create one on the New label screen.' : 'No labels match.'}</p>
          ) : (
            <table className="table history-table">
              <caption className="sr-only">Labels, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="sr-only">Select</span>
                  </th>
                  <th scope="col">Created</th>
                  <th scope="col">Order</th>
                  <th scope="col">Recipient</th>
                  <th scope="col">Tracking number</th>
                  <th scope="col">Status</th>
                  <th scope="col">Print</th>
                  <th scope="col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((label) => (
                  <tr key={label.id} className={label.status === 'failed' ? 'row-failed' : undefined}>
                    <td>
                      {label.status === 'created' && (
                        <input
                          type="checkbox"
                          checked={selected.includes(label.id)}
                          onChange={() => toggle(label.id)}
                          aria-label={`Select ${label.customerOrderNumber ?? label.trackingNumber ?? label.id} for printing${selected.includes(label.id) ? ` (number ${selected.indexOf(label.id) + 1})` : ''}`}
                        />
                      )}
                      {selected.includes(label.id) && <span className="pick-number">{selected.indexOf(label.id) + 1}</span>}
                    </td>
                    <td>
                      {times.dateTime(label.createdAt)}
                      <div className="hint">
                        {environmentLabels[label.environment]} · {label.courier}
                      </div>
                    </td>
                    <td>{label.customerOrderNumber ?? '—'}</td>
                    <td>
                      {label.recipientName}
                      <div className="hint">{[label.recipientCity, label.recipientCountry].filter(Boolean).join(', ')}</div>
                    </td>
                    <td>{label.trackingNumber ? <code>{label.trackingNumber}</code> : '—'}</td>
                    <td>
                      {label.status === 'failed' ? (
                        <span className="tag tag-Exception" title={label.errorMessage ?? undefined}>
                          Failed: {label.errorMessage}
                        </span>
                      ) : (
                        <span className={`tag tag-${label.trackingTag ?? 'Pending'}`}>{label.trackingTag ?? 'Created'}</span>
                      )}
                    </td>
                    <td>
                      <PrintStateCell label={label} onSent={printSent} />
                    </td>
                    <td>
                      <LabelActions
                        label={label}
                        onPreview={(id) => setPanel({ kind: 'preview', id })}
                        onTrack={(id) => setPanel({ kind: 'tracking', id })}
                        onDuplicate={onDuplicate}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {cursor && (
            <button type="button" onClick={() => void load(applied, cursor)} disabled={loading}>
              {loading ? 'Loading…' : 'Load more'}
            </button>
          )}
        </div>
        {panel?.kind === 'tracking' && <TrackingPanel labelId={panel.id} onClose={() => setPanel(null)} />}
        {panel?.kind === 'preview' && (
          <section className="card" aria-label="Label document">
            <div className="panel-head">
              <h2>Label</h2>
              <button type="button" onClick={() => setPanel(null)}>
                Close
              </button>
            </div>
            <DocumentPreview labelId={panel.id} />
          </section>
        )}
      </div>
    </div>
  );
}
