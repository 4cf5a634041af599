import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HistoryQuery, LabelRecord } from '../../../../shared/domain/labels';
import type { PrintJobRecord } from '../../../../shared/domain/printing';
import type { ProgressEvent } from '../../../../shared/ipc/contract';
import { TRACKING_REFRESH_TASK } from '../../../../shared/ipc/progress-tasks';
import { HandoverButton } from '../handover/HandoverButton';
import { ErrorMessage } from '../../components/ui';
import { useTimes } from '../../app-state';
import { useAction } from '../../data/hooks';
import { useT } from '../../i18n';
import { station } from '../../station';
import { DocumentPreview } from '../labels/DocumentPreview';
import { LabelActions } from '../labels/LabelActions';
import { PrintStateCell } from '../print-jobs/PrintStateCell';
import { useLivePrintStates, withJob } from '../print-jobs/use-print-jobs';
import { TrackingPanel } from '../tracking/TrackingPanel';
import { ActiveFilters } from './ActiveFilters';
import { ExportButton } from './ExportButton';
import { HistoryFiltersForm } from './HistoryFiltersForm';
import { anyFilter, filtersOf, historyFilter, noFilters, type Filters } from './history-filters';
import { SelectionBar } from './SelectionBar';
import './history.css';

const PAGE_SIZE = 50;

/** Every label this station made, newest first: find one, preview or save it, follow the parcel. */
export function HistoryScreen({
  initialTrack,
  initialQuery,
  onDuplicate,
}: {
  initialTrack?: string | null;
  /** A filter another screen opens History with (the Today screen's tiles and bars), shown as chips the operator can remove. */
  initialQuery?: Partial<HistoryQuery>;
  /** "Duplicate": New label opens with a new draft copied from this label's request. */
  onDuplicate?: (label: LabelRecord) => void;
}) {
  const { t } = useT('history');
  const times = useTimes();
  // By value: a caller that builds the query object on every render must not reset what the operator typed.
  const openedKey = `${times.clock.timeZone} ${JSON.stringify(initialQuery ?? null)}`;
  const opened = useMemo(() => (initialQuery ? filtersOf(initialQuery, times) : noFilters), [openedKey]);
  const [filters, setFilters] = useState<Filters>(opened);
  const [applied, setApplied] = useState<Filters>(opened);
  // Opened again with another filter (a second tile on Today) while History is still mounted.
  useEffect(() => {
    setFilters(opened);
    setApplied(opened);
  }, [opened]);
  const filter = useMemo(() => historyFilter(applied, times), [applied, times]);
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
  const page = useAction(
    (q: typeof filter, after: string | null) => station().labels.history({ ...q, cursor: after ?? undefined, limit: PAGE_SIZE }),
    {
      onSuccess: (value, _q, after) => {
        setItems((prev) => (after ? [...prev, ...value.items] : value.items));
        setCursor(value.nextCursor);
      },
    },
  );
  const load = page.run;
  const loading = page.pending;
  const error = page.error?.message ?? null;

  useEffect(() => {
    void load(filter, null);
  }, [filter, load]);
  useEffect(() => station().on('progress', (p) => p.task === TRACKING_REFRESH_TASK && setProgress(p)), []);
  // In a workgroup another station made, printed or tracked a label (docs/architecture.md, "Live updates"): the first
  // page is read again without "loading" and put on top of the pages loaded; they go only when it does not reach them.
  const shown = useRef(items);
  shown.current = items;
  useEffect(() => {
    let current = true;
    const off = station().on('live:changed', ({ kind }) => {
      if (kind !== 'labels') return;
      void station()
        .labels.history({ ...filter, limit: PAGE_SIZE })
        .then((r) => {
          if (!current || !r.ok) return;
          const { items: fresh, nextCursor } = r.value;
          const ids = new Set(fresh.map((l) => l.id));
          const last = fresh.at(-1)?.id;
          if (nextCursor && shown.current.some((l) => l.id === last)) {
            setItems([...fresh, ...shown.current.filter((l) => !ids.has(l.id))]);
          } else {
            setItems(fresh);
            setCursor(nextCursor);
          }
        });
    });
    return () => {
      current = false;
      off();
    };
  }, [filter]);

  const apply = (next: Filters) => {
    setFilters(next);
    setApplied(next);
    // What was picked belonged to the old list.
    setSelected([]);
  };
  const refresh = useAction(() => station().tracking.refreshInTransit(), {
    onSuccess: ({ updated, total, failed }) =>
      setRefreshResult(failed ? t('refresh.resultFailed', { updated, total, failed }) : t('refresh.result', { updated, total })),
    onError: (e) => setRefreshResult(e.message),
  });
  const refreshAll = async () => {
    setRefreshResult(null);
    setProgress({ task: TRACKING_REFRESH_TASK, done: 0, failed: 0, total: 0 });
    await refresh.run();
    setProgress(null);
    void load(filter, null);
  };
  const pickable = items.filter((l) => l.status === 'created');
  const pageAllPicked = pickable.length > 0 && pickable.every((l) => selected.includes(l.id));
  const pickPage = (on: boolean) => {
    const ids = pickable.map((l) => l.id);
    setSelected((s) => (on ? [...s, ...ids.filter((id) => !s.includes(id))] : s.filter((id) => !ids.includes(id))));
  };
  const openPreview = (id: string) => setPanel({ kind: 'preview', id });
  const openTracking = (id: string) => setPanel({ kind: 'tracking', id });
  const nameOf = (label: LabelRecord) => label.customerOrderNumber ?? label.trackingNumber ?? label.id;

  return (
    <div className="history">
      <div className="new-label-head history-head">
        <h1>{t('title')}</h1>
        <div className="history-head-actions">
          <ExportButton filter={filter} />
          <HandoverButton />
          <button type="button" onClick={() => void refreshAll()} disabled={progress !== null}>
            {t('refresh.button')}
          </button>
        </div>
      </div>
      {progress && (
        <div className="progress" role="status" aria-live="polite">
          <progress max={progress.total || 1} value={progress.done} aria-label={t('refresh.progressLabel')} />{' '}
          {progress.failed
            ? t('refresh.progressFailed', { done: progress.done, total: progress.total, failed: progress.failed })
            : t('refresh.progress', { done: progress.done, total: progress.total })}
        </div>
      )}
      {refreshResult && (
        <p role="status" className="success-box">
          {refreshResult}
        </p>
      )}
      <HistoryFiltersForm filters={filters} onChange={setFilters} onSearch={() => apply(filters)} onClear={() => apply(noFilters)} />
      <ActiveFilters applied={applied} onRemove={(without) => apply({ ...applied, ...without })} />
      <ErrorMessage>{error}</ErrorMessage>
      <SelectionBar selected={selected} onSelect={setSelected} filter={filter} pageAllPicked={pageAllPicked} morePages={cursor !== null} />
      <div className={panel ? 'history-layout with-panel' : 'history-layout'}>
        <div className="card">
          {items.length === 0 && !loading ? (
            <p className="hint">{anyFilter(applied) ? t('empty.noMatch') : t('empty.none')}</p>
          ) : (
            <table className="table history-table">
              <caption className="sr-only">{t('table.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    {pickable.length > 0 ? (
                      <input
                        type="checkbox"
                        checked={pageAllPicked}
                        onChange={(e) => pickPage(e.target.checked)}
                        aria-label={t('table.pickPage')}
                      />
                    ) : (
                      <span className="sr-only">{t('table.select')}</span>
                    )}
                  </th>
                  <th scope="col">{t('table.created')}</th>
                  <th scope="col">{t('table.order')}</th>
                  <th scope="col">{t('table.recipient')}</th>
                  <th scope="col">{t('table.trackingNumber')}</th>
                  <th scope="col">{t('table.label')}</th>
                  <th scope="col">{t('table.tracking')}</th>
                  <th scope="col">{t('table.print')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('table.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((label) => {
                  const number = selected.indexOf(label.id) + 1;
                  return (
                    <tr key={label.id} className={label.status === 'failed' ? 'row-failed' : undefined}>
                      <td>
                        {label.status === 'created' && (
                          <input
                            type="checkbox"
                            checked={number > 0}
                            onChange={() => toggle(label.id)}
                            aria-label={
                              number > 0
                                ? t('table.pickNumbered', { name: nameOf(label), number })
                                : t('table.pick', { name: nameOf(label) })
                            }
                          />
                        )}
                        {number > 0 && <span className="pick-number">{number}</span>}
                      </td>
                      <td>
                        {times.dateTime(label.createdAt)}
                        <div className="hint">
                          {t(`environment.${label.environment}`)} · {label.courier}
                          {label.productCode ? ` · ${label.productCode}` : ''}
                        </div>
                      </td>
                      <td className="nowrap">{label.customerOrderNumber ?? t('table.none')}</td>
                      <td>
                        {label.recipientName}
                        <div className="hint">{[label.recipientCity, label.recipientCountry].filter(Boolean).join(', ')}</div>
                      </td>
                      <td>{label.trackingNumber ? <code>{label.trackingNumber}</code> : t('table.none')}</td>
                      <td data-testid="label-state">
                        {label.status === 'failed' ? (
                          <span className="tag tag-Exception" title={label.errorMessage ?? undefined}>
                            {label.errorMessage ? t('labelState.failedWith', { reason: label.errorMessage }) : t('labelState.failed')}
                          </span>
                        ) : (
                          <span className="tag tag-created">{t('labelState.created')}</span>
                        )}
                      </td>
                      <td data-testid="tracking-state">
                        {label.status === 'failed' ? (
                          t('table.none')
                        ) : (
                          <span className={`tag tag-${label.trackingTag ?? 'Pending'}`} title={label.trackingMessage ?? undefined}>
                            {t(`tracking:tag.${label.trackingTag ?? 'untracked'}`)}
                          </span>
                        )}
                      </td>
                      <td>
                        <PrintStateCell label={label} onSent={printSent} />
                      </td>
                      <td>
                        <LabelActions label={label} onPreview={openPreview} onTrack={openTracking} onDuplicate={onDuplicate} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {cursor && (
            <button type="button" onClick={() => void load(filter, cursor)} disabled={loading}>
              {loading ? t('loading') : t('loadMore')}
            </button>
          )}
        </div>
        {panel?.kind === 'tracking' && <TrackingPanel labelId={panel.id} onClose={() => setPanel(null)} />}
        {panel?.kind === 'preview' && (
          <section className="card" aria-label={t('panel.region')}>
            <div className="panel-head">
              <h2>{t('panel.title')}</h2>
              <button type="button" onClick={() => setPanel(null)}>
                {t('panel.close')}
              </button>
            </div>
            <DocumentPreview labelId={panel.id} />
          </section>
        )}
      </div>
    </div>
  );
}
