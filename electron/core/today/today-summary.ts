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

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const QUARTER_MS = 900_000;
const MINUTE_MS = 60_000;

export interface TodaySummaryDeps {
  database: StationDatabase;
  /** The station's clock (its time zone decides where a day starts). */
  times: Pick<TimeFormat, 'iso' | 'day'>;
  now?: () => number;
}

/**
 * The Today screen's numbers, from one SQL aggregate over an indexed created_at range of one
 * environment (labels_today), so the cost follows the labels of the last two weeks, not the
 * whole history. The conditions are those of the History filters that list the
 * same labels (shared/domain/labels.ts, AttentionFilter; shared/domain/today.ts, historyQueryFor).
 */
export function createTodaySummary({ database, times, now = Date.now }: TodaySummaryDeps) {
  const { db } = database;
  // Every figure of the window in two passes over the labels_today index (migration 12: it
  // holds every column read here, so no label row is read), each grouped into few rows (a group
  // per label would cost more than the pass):
  // - created labels by time bucket from the window's start: whole quarter hours, so each falls
  //   in one day and one hour of the station's zone (zones and clock changes move by quarters);
  //   node:sqlite binds numbers as REAL, hence the CAST (the division would not truncate);
  // - by today or earlier, state, courier, product and print state, with the tracking exceptions
  //   and the parcels not moving among them (AttentionFilter's definitions).
  const byBucket = db.prepare(`
    SELECT CAST((l.created_at - ?1) / ?2 AS INTEGER) AS b, sum(l.status = 'created') AS n
    FROM labels AS l INDEXED BY labels_today
    WHERE l.environment = ?3 AND l.created_at >= ?1 AND l.created_at <= ?4
    GROUP BY 1`);
  const byKind = db.prepare(`
    SELECT l.created_at >= ?4 AS today, l.status AS status, l.courier AS courier, l.product_code AS product,
      coalesce(l.print_state, 'never') AS print, count(*) AS n,
      sum(l.tracking_tag = 'Exception') AS exception,
      sum(l.status = 'created' AND (l.tracking_tag IS NULL OR l.tracking_tag NOT IN ('Delivered', 'Cancelled'))
        AND coalesce(l.tracking_updated_at, l.created_at) <= ?5) AS stalled
    FROM labels AS l INDEXED BY labels_today
    WHERE l.environment = ?1 AND l.created_at >= ?2 AND l.created_at <= ?3
    GROUP BY 1, 2, 3, 4, 5`);
  // Exactly what labels:unresolved lists (electron/core/labels/outbox.ts), through the outbox_unresolved index.
  const unresolved = db.prepare("SELECT count(*) AS n FROM outbox WHERE state IN ('pending', 'in_doubt')");

  /** The calendar date `days` before `date` (both `YYYY-MM-DD`). */
  const dateBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
  const dayOf = (date: string): TimeSpan => {
    const span = times.day(date);
    if (!span) throw new Error(`Not a calendar day: ${date}`);
    return span;
  };
  /** The longest bucket that every boundary (offsets from the window's start) falls on. */
  const bucketFor = (offsets: number[]) => [QUARTER_MS, MINUTE_MS, 1000, 1].find((size) => offsets.every((o) => o % size === 0)) ?? 1;

  interface Row {
    today: number;
    status: string;
    courier: string;
    product: string | null;
    print: string;
    n: number;
    exception: number;
    stalled: number;
  }

  /** A period's created labels by courier, product and print state, from the pass's rows in it. */
  function breakdownOf(rows: Row[]): TodayBreakdown {
    const couriers = new Map<string, number>();
    const products = new Map<string, { courier: string; productCode: string; count: number }>();
    const print = Object.fromEntries(PrintStateFilter.options.map((s) => [s, 0])) as PrintCounts;
    let created = 0;
    let withoutProduct = 0;
    for (const row of rows) {
      if (row.status !== 'created') continue;
      created += row.n;
      couriers.set(row.courier, (couriers.get(row.courier) ?? 0) + row.n);
      if (row.product === null) withoutProduct += row.n;
      else {
        const key = `${row.courier}\u0000${row.product}`;
        const entry = products.get(key) ?? { courier: row.courier, productCode: row.product, count: 0 };
        entry.count += row.n;
        products.set(key, entry);
      }
      const state = PrintStateFilter.safeParse(row.print);
      if (state.success) print[state.data] += row.n;
    }
    const byCount = <T extends { count: number }>(a: T, b: T, name: (x: T) => string) =>
      b.count - a.count || name(a).localeCompare(name(b));
    const byProduct = [...products.values()].sort((a, b) => byCount(a, b, (x) => `${x.courier} ${x.productCode}`));
    const top = byProduct.slice(0, TODAY_TOP_PRODUCTS);
    return {
      created,
      byCourier: [...couriers].map(([courier, n]) => ({ courier, count: n })).sort((a, b) => byCount(a, b, (x) => x.courier)),
      byProduct: top,
      otherProducts: withoutProduct + byProduct.slice(TODAY_TOP_PRODUCTS).reduce((sum, p) => sum + p.count, 0),
      print,
    };
  }

  return {
    /** The summary for an environment at this moment. */
    summary(environment: EnvironmentId, notMovingDays = DEFAULT_NOT_MOVING_DAYS): TodaySummary {
      const at = now();
      const date = times.iso(at).slice(0, 10);
      const today = dayOf(date);
      const dates = Array.from({ length: TODAY_WINDOW_DAYS }, (_, i) => dateBefore(date, TODAY_WINDOW_DAYS - 1 - i));
      const spans = dates.map((d) => (d === date ? today : dayOf(d)));
      const window = { start: spans[0]!.start, end: today.end };
      const bucket = bucketFor(spans.map((span) => span.start - window.start));
      const buckets = byBucket.all(window.start, bucket, environment, window.end) as { b: number; n: number }[];
      const rows = byKind.all(environment, window.start, window.end, today.start, at - notMovingDays * DAY_MS) as unknown as Row[];

      const days: TodayBucket[] = dates.map((d, i) => ({ date: d, ...spans[i]!, created: 0 }));
      // Hours as the clock runs (a day the clock changes has 23 or 25); the last ends with the day.
      const hours: TodayBucket[] = [];
      for (let start = today.start; start <= today.end; start += HOUR_MS) {
        hours.push({ date, start, end: Math.min(start + HOUR_MS - 1, today.end), created: 0 });
      }
      for (const { b, n } of buckets) {
        const start = window.start + b * bucket;
        // The day it falls in: the last whose start is at or before it (the spans are in order).
        let day = days.length - 1;
        while (day > 0 && days[day]!.start > start) day--;
        days[day]!.created += n;
        if (start >= today.start) hours[Math.floor((start - today.start) / HOUR_MS)]!.created += n;
      }
      const attention = { failed: 0, print_failed: 0, tracking_exception: 0, not_moving: 0 };
      for (const row of rows) {
        if (row.status === 'failed') attention.failed += row.n;
        if (row.status === 'created' && row.print === 'failed') attention.print_failed += row.n;
        attention.tracking_exception += row.exception;
        attention.not_moving += row.stalled;
      }
      return {
        environment,
        at,
        today: { date, ...today },
        window,
        hours,
        days,
        todayBreakdown: breakdownOf(rows.filter((row) => row.today === 1)),
        windowBreakdown: breakdownOf(rows),
        attention: { ...attention, unresolved: (unresolved.get() as { n: number }).n },
        notMovingDays,
      };
    },
  };
}
export type TodaySummaryService = ReturnType<typeof createTodaySummary>;
