import { environmentLabelKeys } from '../../../../shared/domain/environment';
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import type { HistoryQuery } from '../../../../shared/domain/labels';
import { AttentionFilter } from '../../../../shared/domain/labels';
import type { PrintStateFilter } from '../../../../shared/domain/print-state';
import { historyQueryFor, type TodayBucket, type TodayCount, type TodaySummary } from '../../../../shared/domain/today';
import { ErrorMessage } from '../../components/ui';
import { useFormats, useTimes } from '../../app-state';
import { useQuery, useQueryCache } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useT } from '../../i18n';
import { station } from '../../station';
import { HandoverButton } from '../handover/HandoverButton';
import { ChartBoundary } from './ChartBoundary';
import { UnresolvedRequests } from './UnresolvedRequests';
import './today.css';

// The charting library (uPlot) is fetched only when the charts render, after the tiles.
const BarChart = lazy(() => import('./BarChart'));

/** Today's print-state rows, in the order an operator reads them. */
const PRINT_ORDER: readonly PrintStateFilter[] = ['printed', 'sent', 'waiting', 'failed', 'never'];
const PERIODS = ['today', 'window'] as const;
type Period = (typeof PERIODS)[number];
/** The tile of the requests in doubt (the others are named by their AttentionFilter). */
const UNRESOLVED_TILE = 'unresolved';

/**
 * The home screen: what went out today and over the last two weeks, and what needs attention.
 * Every number is a button opening History on exactly the labels it counted (historyQueryFor);
 * the requests in doubt are not labels, so their tile opens their list here instead.
 */
export function TodayScreen({ onOpenHistory }: { onOpenHistory: (query: Partial<HistoryQuery>) => void }) {
  const { t } = useT('today');
  const times = useTimes();
  const formats = useFormats();
  const summary = useQuery(queryKeys.today, () => station().today.summary(), { refetchOnMount: true });
  // Counted again when tracking news arrives (the schedule's or a manual refresh: new exceptions,
  // deliveries) and when a print job is recorded or settles (the print-state numbers).
  const cache = useQueryCache();
  useEffect(() => {
    const again = () => cache.invalidate([queryKeys.today]);
    const offTracking = station().on('tracking:changed', again);
    const offPrint = station().on('print:job', again);
    // In a workgroup: another station made, printed or tracked a label (docs/architecture.md, "Live updates").
    const offLive = station().on('live:changed', (e) => e.kind === 'labels' && again());
    return () => {
      offTracking();
      offPrint();
      offLive();
    };
  }, [cache]);
  const [showUnresolved, setShowUnresolved] = useState(false);
  const [period, setPeriod] = useState<Period>(PERIODS[0]);
  const s = summary.data;

  const open = (count: TodayCount) => s && onOpenHistory(historyQueryFor(s, count));
  const openCreated = (span: TodayBucket) => open({ kind: 'created', span });
  const openAttention = (attention: AttentionFilter) => open({ kind: 'attention', attention });

  return (
    <div className="today">
      <div className="today-head">
        <h1>{t('title')}</h1>
        {s && (
          <span className="hint">{t('counted', { time: times.shortTime(s.at), environment: t(environmentLabelKeys[s.environment]) })}</span>
        )}
        <button type="button" onClick={() => void summary.reload()} disabled={summary.loading}>
          {t('refresh')}
        </button>
        {/* The end of the day's sheet for the courier's driver (also in History's toolbar). */}
        <HandoverButton />
      </div>
      {summary.error && <ErrorMessage>{summary.error.message}</ErrorMessage>}
      {!s && !summary.error && (
        <p className="hint" role="status">
          {t('loading')}
        </p>
      )}
      {s && (
        <>
          <section aria-labelledby="today-attention" className="today-section">
            <h2 id="today-attention">
              {t('attention.title')} <span className="today-sub">({t('attention.window')})</span>
            </h2>
            <ul className="today-tiles">
              <Tile
                title={t('attention.unresolved')}
                hint={t('attention.unresolvedHint')}
                value={s.attention.unresolved}
                pressed={showUnresolved}
                onOpen={() => setShowUnresolved((v) => !v)}
                tone={UNRESOLVED_TILE}
              />
              {AttentionFilter.options.map((a) => (
                <Tile
                  key={a}
                  title={t(`attention.${a}`)}
                  hint={a === 'not_moving' ? t('attention.not_movingHint', { count: s.notMovingDays }) : t(`attention.${a}Hint`)}
                  value={s.attention[a]}
                  onOpen={() => openAttention(a)}
                  tone={a}
                />
              ))}
            </ul>
            {showUnresolved && <UnresolvedRequests onClose={() => setShowUnresolved(false)} onChecked={() => void summary.reload()} />}
          </section>

          <div className="today-charts">
            <ChartSection
              id="today-by-hour"
              title={t('charts.byHour')}
              buckets={s.hours}
              label={(b) => times.shortTime(b.start)}
              heading={t('charts.hour')}
              onOpen={openCreated}
            />
            <ChartSection
              id="today-by-day"
              title={t('charts.byDay')}
              buckets={s.days}
              label={(b) => dayLabel(b, times.clock)}
              heading={t('charts.day')}
              onOpen={openCreated}
            />
          </div>

          <section aria-labelledby="today-breakdown" className="today-section">
            <div className="today-head">
              <h2 id="today-breakdown">{t('breakdown.title')}</h2>
              <div role="radiogroup" aria-label={t('breakdown.period')} className="today-period">
                {PERIODS.map((p) => (
                  <label key={p}>
                    <input type="radio" name="today-period" checked={period === p} onChange={() => setPeriod(p)} />
                    {t(`breakdown.${p}`)}
                  </label>
                ))}
              </div>
            </div>
            <Breakdown summary={s} period={period} open={open} count={formats.count} />
          </section>
        </>
      )}
    </div>
  );
}

function Tile({
  title,
  hint,
  value,
  onOpen,
  tone,
  pressed,
}: {
  title: string;
  hint: string;
  value: number;
  onOpen: () => void;
  tone: string;
  pressed?: boolean;
}) {
  const { t } = useT('today');
  const formats = useFormats();
  return (
    <li>
      <button
        type="button"
        className={`today-tile today-tile-${tone}${value > 0 ? ' today-tile-alert' : ''}`}
        aria-label={t(pressed === undefined ? 'attention.open' : 'attention.openList', { title, number: formats.count(value) })}
        aria-expanded={pressed}
        onClick={onOpen}
        data-testid={`today-tile-${tone}`}
      >
        <span className="today-tile-value">{formats.count(value)}</span>
        <span className="today-tile-title">{title}</span>
        <span className="today-tile-hint">{hint}</span>
      </button>
    </li>
  );
}

function ChartSection({
  id,
  title,
  buckets,
  label,
  heading,
  onOpen,
}: {
  id: string;
  title: string;
  buckets: TodayBucket[];
  label: (b: TodayBucket) => string;
  heading: string;
  onOpen: (b: TodayBucket) => void;
}) {
  const { t } = useT('today');
  const formats = useFormats();
  const labels = buckets.map(label);
  const values = buckets.map((b) => b.created);
  const max = Math.max(0, ...values);
  const description = t('charts.description', {
    total: formats.count(values.reduce((a, b) => a + b, 0)),
    max: formats.count(max),
    at: max > 0 ? labels[values.indexOf(max)]! : '—',
  });
  return (
    <section aria-labelledby={id} className="today-section today-chart">
      <h2 id={id}>{title}</h2>
      <ChartBoundary fallback={<p className="hint">{t('charts.chartFailed')}</p>}>
        <Suspense fallback={<div className="today-chart-placeholder hint">{t('charts.loadingChart')}</div>}>
          <BarChart labels={labels} values={values} description={description} onSelect={(i) => onOpen(buckets[i]!)} />
        </Suspense>
      </ChartBoundary>
      <details className="today-table">
        <summary>{t('charts.table')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{heading}</th>
              <th scope="col">{t('charts.labels')}</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((b, i) => (
              <tr key={b.start}>
                <th scope="row">{labels[i]}</th>
                <td>
                  <NumberButton label={t('charts.openBar', { when: labels[i]!, count: b.created })} onOpen={() => onOpen(b)}>
                    {formats.count(b.created)}
                  </NumberButton>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

function Breakdown({
  summary,
  period,
  open,
  count,
}: {
  summary: TodaySummary;
  period: Period;
  open: (count: TodayCount) => void;
  count: (n: number) => string;
}) {
  const { t } = useT('today');
  const b = period === 'today' ? summary.todayBreakdown : summary.windowBreakdown;
  const span = period === 'today' ? summary.today : summary.window;
  const openLabel = (what: string, n: number) => t('breakdown.openNumber', { what, number: count(n) });
  const openTotal = () => open({ kind: 'created', span });
  const openPrint = (printState: PrintStateFilter) => open({ kind: 'print', span, printState });
  const openCourier = (courier: string) => open({ kind: 'courier', span, courier });
  const openProduct = (courier: string, productCode: string) => open({ kind: 'product', span, courier, productCode });
  if (b.created === 0) return <p className="hint">{t('breakdown.none')}</p>;
  return (
    <div className="today-breakdown">
      <table>
        <caption>{t('breakdown.print')}</caption>
        <tbody>
          <tr>
            <th scope="row">{t('breakdown.total')}</th>
            <td>
              <NumberButton label={openLabel(t('breakdown.total'), b.created)} onOpen={openTotal}>
                {count(b.created)}
              </NumberButton>
            </td>
          </tr>
        </tbody>
        <tbody aria-label={t('breakdown.print')}>
          {PRINT_ORDER.map((state) => (
            <tr key={state}>
              <th scope="row">{t(`breakdown.printState.${state}`)}</th>
              <td>
                <NumberButton label={openLabel(t(`breakdown.printState.${state}`), b.print[state])} onOpen={() => openPrint(state)}>
                  {count(b.print[state])}
                </NumberButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>{t('breakdown.byCourier')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('breakdown.courier')}</th>
            <th scope="col">{t('breakdown.count')}</th>
          </tr>
        </thead>
        <tbody>
          {b.byCourier.map((c) => (
            <tr key={c.courier}>
              <th scope="row">{c.courier}</th>
              <td>
                <NumberButton label={openLabel(c.courier, c.count)} onOpen={() => openCourier(c.courier)}>
                  {count(c.count)}
                </NumberButton>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>{t('breakdown.byProduct')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('breakdown.product')}</th>
            <th scope="col">{t('breakdown.courier')}</th>
            <th scope="col">{t('breakdown.count')}</th>
          </tr>
        </thead>
        <tbody>
          {b.byProduct.map((p) => (
            <tr key={`${p.courier} ${p.productCode}`}>
              <th scope="row">{p.productCode}</th>
              <td>{p.courier}</td>
              <td>
                <NumberButton
                  label={openLabel(`${p.productCode} (${p.courier})`, p.count)}
                  onOpen={() => openProduct(p.courier, p.productCode)}
                >
                  {count(p.count)}
                </NumberButton>
              </td>
            </tr>
          ))}
          {b.otherProducts > 0 && (
            <tr>
              <th scope="row" colSpan={2}>
                {t('breakdown.otherProducts')}
              </th>
              <td className="today-number">{count(b.otherProducts)}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

function NumberButton({ label, onOpen, children }: { label: string; onOpen: () => void; children: ReactNode }) {
  return (
    <button type="button" className="today-number link-button" aria-label={label} onClick={onOpen}>
      {children}
    </button>
  );
}

/** A day's bar label: day and month in the operator's format (the station's zone, as its bounds). */
function dayLabel(bucket: TodayBucket, clock: { timeZone: string; locale: string }): string {
  return new Intl.DateTimeFormat(clock.locale, { timeZone: clock.timeZone, month: 'short', day: 'numeric' }).format(bucket.start);
}
