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

export interface TodaySummaryDeps {
  database: StationDatabase;
  /** The station's clock (its time zone decides where a day starts). */
  times: Pick<TimeFormat, 'iso' | 'day'>;
  now?: () => number;
}

/**
 * The Today screen's numbers, each one SQL aggregate over an indexed created_at range of one
 * environment (labels_environment_created), so the cost follows the labels of the last two
 * weeks, not the whole history. The conditions are those of the History filters that list the
 * same labels (shared/domain/labels.ts, AttentionFilter; shared/domain/today.ts, historyQueryFor).
 */
export function createTodaySummary({ database, times, now = Date.now }: TodaySummaryDeps) {
  const { db } = database;
  // Created labels in a span: one range of the (environment, created_at) index per bar.
  const createdIn = db.prepare(`
    SELECT count(*) AS n FROM labels AS l
    WHERE l.environment = ? AND l.created_at >= ? AND l.created_at <= ? AND +l.status = 'created'`);
  // Today's created labels by hour since the day began (the bars are whole hours from its start).
  const byHour = db.prepare(`
    SELECT CAST((l.created_at - ?1) / 3600000 AS INTEGER) AS h, count(*) AS n FROM labels AS l
    WHERE l.environment = ?2 AND l.created_at >= ?1 AND l.created_at <= ?3 AND +l.status = 'created'
    GROUP BY 1`);
  // A period's created labels by courier, product and print state ("never": no print job), in one pass.
  const breakdown = db.prepare(`
    SELECT l.courier AS courier, l.product_code AS product, coalesce(p.state, 'never') AS print, count(*) AS n
    FROM labels AS l LEFT JOIN label_print_state AS p ON p.label_id = l.id
    WHERE l.environment = ? AND l.created_at >= ? AND l.created_at <= ? AND +l.status = 'created'
    GROUP BY 1, 2, 3`);
  // The attention tiles over the window, in one pass (AttentionFilter's definitions).
  const attention = db.prepare(`
    SELECT
      coalesce(sum(l.status = 'failed'), 0) AS failed,
      coalesce(sum(l.status = 'created' AND p.state = 'failed'), 0) AS print_failed,
      coalesce(sum(l.tracking_tag = 'Exception'), 0) AS tracking_exception,
      coalesce(sum(l.status = 'created' AND (l.tracking_tag IS NULL OR l.tracking_tag NOT IN ('Delivered', 'Cancelled'))
        AND coalesce(l.tracking_updated_at, l.created_at) <= ?), 0) AS not_moving
    FROM labels AS l LEFT JOIN label_print_state AS p ON p.label_id = l.id
    WHERE l.environment = ? AND l.created_at >= ? AND l.created_at <= ?`);
  // Exactly what labels:unresolved lists (electron/core/labels/outbox.ts), through the outbox_unresolved index.
  const unresolved = db.prepare("SELECT count(*) AS n FROM outbox WHERE state IN ('pending', 'in_doubt')");

  const count = (statement: typeof createdIn, ...params: (string | number)[]) => (statement.get(...params) as { n: number }).n;

  /** The calendar date `days` before `date` (both `YYYY-MM-DD`). */
  const dateBefore = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);
  const dayOf = (date: string): TimeSpan => {
    const span = times.day(date);
    if (!span) throw new Error(`Not a calendar day: ${date}`);
    return span;
  };

  function breakdownOf(environment: EnvironmentId, span: TimeSpan): TodayBreakdown {
    const rows = breakdown.all(environment, span.start, span.end) as {
      courier: string;
      product: string | null;
      print: string;
      n: number;
    }[];
    const couriers = new Map<string, number>();
    const products = new Map<string, { courier: string; productCode: string; count: number }>();
    const print = Object.fromEntries(PrintStateFilter.options.map((s) => [s, 0])) as PrintCounts;
    let created = 0;
    let withoutProduct = 0;
    for (const row of rows) {
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
      const days: TodayBucket[] = dates.map((d) => {
        const span = d === date ? today : dayOf(d);
        return { date: d, ...span, created: count(createdIn, environment, span.start, span.end) };
      });
      // Hours as the clock runs (a day the clock changes has 23 or 25); the last ends with the day.
      const perHour = new Map((byHour.all(today.start, environment, today.end) as { h: number; n: number }[]).map((row) => [row.h, row.n]));
      const hours: TodayBucket[] = [];
      for (let start = today.start, h = 0; start <= today.end; start += HOUR_MS, h++) {
        hours.push({ date, start, end: Math.min(start + HOUR_MS - 1, today.end), created: perHour.get(h) ?? 0 });
      }
      const window = { start: days[0]!.start, end: today.end };
      const a = attention.get(at - notMovingDays * DAY_MS, environment, window.start, window.end) as Record<string, number>;
      return {
        environment,
        at,
        today: { date, ...today },
        window,
        hours,
        days,
        todayBreakdown: breakdownOf(environment, today),
        windowBreakdown: breakdownOf(environment, window),
        attention: {
          failed: a.failed ?? 0,
          print_failed: a.print_failed ?? 0,
          tracking_exception: a.tracking_exception ?? 0,
          not_moving: a.not_moving ?? 0,
          unresolved: count(unresolved),
        },
        notMovingDays,
      };
    },
  };
}
export type TodaySummaryService = ReturnType<typeof createTodaySummary>;
