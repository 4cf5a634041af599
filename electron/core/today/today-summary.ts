import type { EnvironmentId } from '../../../shared/domain/environment';
import { DEFAULT_NOT_MOVING_DAYS } from '../../../shared/domain/labels';
import { PrintStateFilter } from '../../../shared/domain/print-state';
import type { TimeFormat } from '../../../shared/domain/time-format';
import {
  TODAY_TOP_PRODUCTS,
  TODAY_WINDOW_DAYS,
  type PrintCounts,
  type TimeSpan,
  type TodayBreakdown,
  type TodayBucket,
  type TodaySummary,
} from '../../../shared/domain/today';
import type { StationDatabase } from '../db/database';
import { QUARTER_MS, UTC_DAY_MS } from '../db/migrations';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

export interface TodaySummaryDeps {
  database: StationDatabase;
  /** The station's clock (its time zone decides where a day starts). */
  times: Pick<TimeFormat, 'iso' | 'day'>;
  now?: () => number;
}

/** A period's created labels by courier and product (null: none) and print state. */
export interface TallyPart {
  created: number;
  products: { courier: string; product: string | null; n: number }[];
  print: PrintCounts;
}

/** What a backend counts for one summary: the window's created labels by time bucket, today and the window, and the tiles. */
export interface TodayTally {
  /** Created labels by bucket: its start (ms), each bucket inside one hour of the station's zone. */
  buckets: { start: number; n: number }[];
  today: TallyPart;
  window: TallyPart;
  attention: { failed: number; print_failed: number; tracking_exception: number; not_moving: number };
  unresolved: number;
}

/** The periods one summary counts (all ms, ends inclusive); `notMovingBefore`: the "not moving" cutoff. */
export interface TallyRequest {
  environment: EnvironmentId;
  window: TimeSpan;
  today: TimeSpan;
  /** Every day's start in the window (in order), for backends that bucket by the longest period they all fall on. */
  dayStarts: number[];
  notMovingBefore: number;
}

/** How a backend counts: the station's SQLite (kept counts, electron/core/db/migrations.ts 16) or a workgroup's PostgreSQL. */
export type TodayTallySource = (request: TallyRequest) => Promise<TodayTally>;

const noPrint = (): PrintCounts => Object.fromEntries(PrintStateFilter.options.map((s) => [s, 0])) as PrintCounts;
const emptyPart = (): TallyPart => ({ created: 0, products: [], print: noPrint() });

/** The longest bucket that every boundary (offsets from the window's start) falls on. */
export const bucketFor = (offsets: number[]) => [QUARTER_MS, MINUTE_MS, 1000, 1].find((size) => offsets.every((o) => o % size === 0)) ?? 1;

/**
 * One row per today-or-earlier, state, courier, product and print state, as the counting
 * passes over labels give them: the parts of a tally they make.
 */
export interface KindRow {
  today: number;
  status: string;
  courier: string;
  product: string | null;
  print: string;
  n: number;
  exception: number;
  stalled: number;
}
export function tallyOfRows(rows: KindRow[], buckets: TodayTally['buckets'], unresolved: number): TodayTally {
  const today = emptyPart();
  const window = emptyPart();
  const attention = { failed: 0, print_failed: 0, tracking_exception: 0, not_moving: 0 };
  for (const row of rows) {
    if (row.status === 'failed') attention.failed += row.n;
    if (row.status === 'created' && row.print === 'failed') attention.print_failed += row.n;
    attention.tracking_exception += row.exception;
    attention.not_moving += row.stalled;
    if (row.status !== 'created') continue;
    for (const part of row.today === 1 ? [today, window] : [window]) {
      part.created += row.n;
      part.products.push({ courier: row.courier, product: row.product, n: row.n });
      const state = PrintStateFilter.safeParse(row.print);
      if (state.success) part.print[state.data] += row.n;
    }
  }
  return { buckets, today, window, attention, unresolved };
}

/** Open labels (created, not Delivered or Cancelled): AttentionFilter's "not moving" among them. */
const OPEN = "l.status = 'created' AND (l.tracking_tag IS NULL OR l.tracking_tag NOT IN ('Delivered', 'Cancelled'))";

/**
 * The station's own SQLite. Its counts are kept as labels change (migration 16: per
 * environment and quarter hour, and products per UTC day too), so a summary adds up ~1,300
 * rows whatever the history's size. A window whose days do not start on a quarter hour
 * (a zone with an offset such as +05:07) is counted label by label instead (labels_today).
 */
export function sqliteTodayTally(database: StationDatabase): TodayTallySource {
  const { db } = database;
  const quarters = db.prepare(`
    SELECT quarter, created, failed, exception, ${PrintStateFilter.options.map((s) => `print_${s}`).join(', ')}
    FROM label_quarters WHERE environment = ?1 AND quarter >= ?2 AND quarter < ?3`);
  const productsOf = (table: string) => `SELECT courier, product, n FROM ${table} WHERE environment = ?1 AND period >= ? AND period < ?`;
  const products = db.prepare(`
    SELECT courier, product, sum(n) AS n FROM (
      ${productsOf('label_products_quarter')} UNION ALL ${productsOf('label_products_quarter')} UNION ALL ${productsOf('label_products_day')}
    ) GROUP BY 1, 2 HAVING sum(n) <> 0`);
  // Created in the window and not moving since the cutoff (so created before it too, as History's filter asks).
  const notMoving = db.prepare(`
    SELECT count(*) AS n FROM labels AS l INDEXED BY labels_open_created
    WHERE l.environment = ?1 AND l.created_at >= ?2 AND l.created_at <= ?3
      AND coalesce(l.tracking_updated_at, l.created_at) <= ?3 AND ${OPEN}`);
  // Every figure in two passes over labels_today (every column read is in it), grouped into few
  // rows; node:sqlite binds numbers as REAL, hence the CAST (the division would not truncate).
  const byBucket = db.prepare(`
    SELECT CAST((l.created_at - ?1) / ?2 AS INTEGER) AS b, sum(l.status = 'created') AS n
    FROM labels AS l INDEXED BY labels_today
    WHERE l.environment = ?3 AND l.created_at >= ?1 AND l.created_at <= ?4
    GROUP BY 1`);
  const byKind = db.prepare(`
    SELECT l.created_at >= ?4 AS today, l.status AS status, l.courier AS courier, l.product_code AS product,
      coalesce(l.print_state, 'never') AS print, count(*) AS n,
      sum(l.tracking_tag = 'Exception') AS exception,
      sum(${OPEN} AND l.created_at <= ?5 AND coalesce(l.tracking_updated_at, l.created_at) <= ?5) AS stalled
    FROM labels AS l INDEXED BY labels_today
    WHERE l.environment = ?1 AND l.created_at >= ?2 AND l.created_at <= ?3
    GROUP BY 1, 2, 3, 4, 5`);
  // Exactly what labels:unresolved lists (electron/core/labels/outbox.ts), through the outbox_unresolved index.
  const unresolved = db.prepare("SELECT count(*) AS n FROM outbox WHERE state IN ('pending', 'in_doubt')");

  const quarterly = (r: TallyRequest) =>
    [r.window.start, r.today.start, r.window.end + 1, ...r.dayStarts].every((at) => at % QUARTER_MS === 0);

  function counted(r: TallyRequest): TodayTally {
    const q = (at: number) => at / QUARTER_MS;
    const [first, todayFirst, end] = [q(r.window.start), q(r.today.start), q(r.window.end + 1)];
    const today = emptyPart();
    const window = emptyPart();
    const attention = { failed: 0, print_failed: 0, tracking_exception: 0, not_moving: 0 };
    const buckets: TodayTally['buckets'] = [];
    for (const row of quarters.all(r.environment, first, end) as Record<string, number>[]) {
      buckets.push({ start: row.quarter! * QUARTER_MS, n: row.created! });
      attention.failed += row.failed!;
      attention.print_failed += row.print_failed!;
      attention.tracking_exception += row.exception!;
      for (const part of row.quarter! >= todayFirst ? [today, window] : [window]) {
        part.created += row.created!;
        for (const state of PrintStateFilter.options) part.print[state] += row[`print_${state}`]!;
      }
    }
    // Products: today by its quarters; the window by its whole UTC days and the quarters either side.
    const perDay = UTC_DAY_MS / QUARTER_MS;
    const dayFirst = Math.ceil(first / perDay);
    const dayEnd = Math.max(dayFirst, Math.floor(end / perDay));
    const split = dayFirst < dayEnd;
    const productRows = (args: number[]) =>
      (products.all(r.environment, ...args) as { courier: string; product: string; n: number }[]).map((p) => ({
        courier: p.courier,
        product: p.product === '' ? null : p.product,
        n: p.n,
      }));
    today.products = productRows([todayFirst, end, 0, 0, 0, 0]);
    window.products = split
      ? productRows([first, dayFirst * perDay, dayEnd * perDay, end, dayFirst, dayEnd])
      : productRows([first, end, 0, 0, 0, 0]);
    attention.not_moving = (notMoving.get(r.environment, r.window.start, Math.min(r.notMovingBefore, r.window.end)) as { n: number }).n;
    return { buckets, today, window, attention, unresolved: (unresolved.get() as { n: number }).n };
  }

  function scanned(r: TallyRequest): TodayTally {
    const bucket = bucketFor(r.dayStarts.map((start) => start - r.window.start));
    const rows = byBucket.all(r.window.start, bucket, r.environment, r.window.end) as { b: number; n: number }[];
    const kinds = byKind.all(r.environment, r.window.start, r.window.end, r.today.start, r.notMovingBefore) as unknown as KindRow[];
    return tallyOfRows(
      kinds,
      rows.map(({ b, n }) => ({ start: r.window.start + b * bucket, n })),
      (unresolved.get() as { n: number }).n,
    );
  }

  return async (request) => (quarterly(request) ? counted(request) : scanned(request));
}

/**
 * The Today screen's numbers. A backend counts (sqliteTodayTally, or a workgroup's PostgreSQL);
 * this puts them into days, hours and breakdowns. The conditions are those of the History
 * filters that list the same labels (shared/domain/labels.ts, AttentionFilter;
 * shared/domain/today.ts, historyQueryFor).
 */
export function createTodaySummary({
  tally,
  times,
  now = Date.now,
}: {
  tally: TodayTallySource;
  times: TodaySummaryDeps['times'];
  now?: () => number;
}) {
  /** The calendar date `days` before `date` (both `YYYY-MM-DD`). */
  const dateBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
  const dayOf = (date: string): TimeSpan => {
    const span = times.day(date);
    if (!span) throw new Error(`Not a calendar day: ${date}`);
    return span;
  };

  /** A period's breakdown: couriers and products, most labels first (then by name), the top few and the rest. */
  function breakdownOf(part: TallyPart): TodayBreakdown {
    const couriers = new Map<string, number>();
    const products = new Map<string, { courier: string; productCode: string; count: number }>();
    let withoutProduct = 0;
    for (const row of part.products) {
      if (row.n === 0) continue;
      couriers.set(row.courier, (couriers.get(row.courier) ?? 0) + row.n);
      if (row.product === null) withoutProduct += row.n;
      else {
        const key = `${row.courier}\u0000${row.product}`;
        const entry = products.get(key) ?? { courier: row.courier, productCode: row.product, count: 0 };
        entry.count += row.n;
        products.set(key, entry);
      }
    }
    const byCount = <T extends { count: number }>(a: T, b: T, name: (x: T) => string) =>
      b.count - a.count || name(a).localeCompare(name(b));
    const byProduct = [...products.values()].sort((a, b) => byCount(a, b, (x) => `${x.courier} ${x.productCode}`));
    const top = byProduct.slice(0, TODAY_TOP_PRODUCTS);
    return {
      created: part.created,
      byCourier: [...couriers].map(([courier, n]) => ({ courier, count: n })).sort((a, b) => byCount(a, b, (x) => x.courier)),
      byProduct: top,
      otherProducts: withoutProduct + byProduct.slice(TODAY_TOP_PRODUCTS).reduce((sum, p) => sum + p.count, 0),
      print: part.print,
    };
  }

  return {
    /** The summary for an environment at this moment. */
    async summary(environment: EnvironmentId, notMovingDays = DEFAULT_NOT_MOVING_DAYS): Promise<TodaySummary> {
      const at = now();
      const date = times.iso(at).slice(0, 10);
      const today = dayOf(date);
      const dates = Array.from({ length: TODAY_WINDOW_DAYS }, (_, i) => dateBefore(date, TODAY_WINDOW_DAYS - 1 - i));
      const spans = dates.map((d) => (d === date ? today : dayOf(d)));
      const window = { start: spans[0]!.start, end: today.end };
      const counts = await tally({
        environment,
        window,
        today,
        dayStarts: spans.map((span) => span.start),
        notMovingBefore: at - notMovingDays * DAY_MS,
      });

      const days: TodayBucket[] = dates.map((d, i) => ({ date: d, ...spans[i]!, created: 0 }));
      // Hours as the clock runs (a day the clock changes has 23 or 25); the last ends with the day.
      const hours: TodayBucket[] = [];
      for (let start = today.start; start <= today.end; start += HOUR_MS) {
        hours.push({ date, start, end: Math.min(start + HOUR_MS - 1, today.end), created: 0 });
      }
      for (const { start, n } of counts.buckets) {
        if (n === 0) continue;
        // The day it falls in: the last whose start is at or before it (the spans are in order).
        let day = days.length - 1;
        while (day > 0 && days[day]!.start > start) day--;
        days[day]!.created += n;
        if (start >= today.start) hours[Math.floor((start - today.start) / HOUR_MS)]!.created += n;
      }
      return {
        environment,
        at,
        today: { date, ...today },
        window,
        hours,
        days,
        todayBreakdown: breakdownOf(counts.today),
        windowBreakdown: breakdownOf(counts.window),
        attention: { ...counts.attention, unresolved: counts.unresolved },
        notMovingDays,
      };
    },
  };
}
export type TodaySummaryService = ReturnType<typeof createTodaySummary>;
