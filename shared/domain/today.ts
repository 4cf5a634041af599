import { z } from 'zod';
import { EnvironmentId } from './environment';
import { AttentionFilter, type HistoryQuery } from './labels';
import { PrintStateFilter } from './print-state';

/**
 * The Today screen's numbers (today:summary), counted by main over the label history of the
 * active environment, in the station's time zone. Every number is a count of exactly the labels
 * that History shows for the query `historyQueryFor` builds from it (the same filters,
 * shared/domain/labels.ts), so opening a number never shows more or fewer labels than it said.
 */

/** How many days the Today screen looks back, today included (the chart by day, the attention tiles). */
export const TODAY_WINDOW_DAYS = 14;

/** How many products the summary names one by one; the rest are summed in `otherProducts`. */
export const TODAY_TOP_PRODUCTS = 10;

/** A span of time on the station's clock: its first and last millisecond (inclusive, as HistoryQuery from/to). */
export const TimeSpan = z.object({ start: z.number().int(), end: z.number().int() });
export type TimeSpan = z.infer<typeof TimeSpan>;

/** One bar: the created labels whose createdAt falls in the span. */
export const TodayBucket = TimeSpan.extend({
  /** For a day: its date (`YYYY-MM-DD`, station's zone). For an hour: the date it belongs to. */
  date: z.string(),
  created: z.number().int().nonnegative(),
});
export type TodayBucket = z.infer<typeof TodayBucket>;

export const PrintCounts = z.object(
  Object.fromEntries(PrintStateFilter.options.map((s) => [s, z.number().int().nonnegative()])) as Record<PrintStateFilter, z.ZodNumber>,
);
export type PrintCounts = Record<PrintStateFilter, number>;

/** Created labels of a period, by courier, by product and by the state of their newest print job. */
export const TodayBreakdown = z.object({
  created: z.number().int().nonnegative(),
  byCourier: z.array(z.object({ courier: z.string(), count: z.number().int().nonnegative() })),
  /** Most used first, at most TODAY_TOP_PRODUCTS; labels without a product code are counted in `otherProducts`. */
  byProduct: z.array(z.object({ courier: z.string(), productCode: z.string(), count: z.number().int().nonnegative() })),
  otherProducts: z.number().int().nonnegative(),
  print: PrintCounts,
});
export type TodayBreakdown = z.infer<typeof TodayBreakdown>;

/** The attention tiles: label counts per AttentionFilter over the window, and the requests not yet answered. */
export const TodayAttention = z.object({
  ...(Object.fromEntries(AttentionFilter.options.map((a) => [a, z.number().int().nonnegative()])) as Record<AttentionFilter, z.ZodNumber>),
  /**
   * Label requests without a definite answer (outbox pending or in doubt, every environment:
   * exactly what labels:unresolved lists). They are requests, not labels: their tile opens that
   * list with "Check again now", not History.
   */
  unresolved: z.number().int().nonnegative(),
});
export type TodayAttention = z.infer<typeof TodayAttention>;

export const TodaySummary = z.object({
  environment: EnvironmentId,
  /** When it was counted (main's clock); `not_moving` is measured from here. */
  at: z.number().int(),
  /** Today, in the station's zone. */
  today: TimeSpan.extend({ date: z.string() }),
  /** The TODAY_WINDOW_DAYS days ending today. */
  window: TimeSpan,
  /** Today by hour (23 or 25 bars on a day the clock changes). */
  hours: z.array(TodayBucket),
  /** The window by day, oldest first. */
  days: z.array(TodayBucket),
  todayBreakdown: TodayBreakdown,
  windowBreakdown: TodayBreakdown,
  attention: TodayAttention,
  notMovingDays: z.number().int().min(1),
});
export type TodaySummary = z.infer<typeof TodaySummary>;

/** What a number on the Today screen counts; `historyQueryFor` turns it into History's filter. */
export type TodayCount =
  | { kind: 'created'; span: TimeSpan }
  | { kind: 'courier'; span: TimeSpan; courier: string }
  | { kind: 'product'; span: TimeSpan; courier: string; productCode: string }
  | { kind: 'print'; span: TimeSpan; printState: PrintStateFilter }
  | { kind: 'attention'; attention: AttentionFilter };

/**
 * The History filter listing exactly the labels a Today number counted: created labels of the
 * environment in the span (by courier, product or print state), or an attention tile's labels
 * over the window (not_moving with the summary's day count).
 */
export function historyQueryFor(
  summary: Pick<TodaySummary, 'environment' | 'window' | 'notMovingDays'>,
  count: TodayCount,
): Partial<HistoryQuery> {
  const base = { environment: summary.environment };
  switch (count.kind) {
    case 'created':
      return { ...base, status: 'created', from: count.span.start, to: count.span.end };
    case 'courier':
      return { ...base, status: 'created', from: count.span.start, to: count.span.end, courier: count.courier };
    case 'product':
      return {
        ...base,
        status: 'created',
        from: count.span.start,
        to: count.span.end,
        courier: count.courier,
        productCode: count.productCode,
      };
    case 'print':
      return { ...base, status: 'created', from: count.span.start, to: count.span.end, printState: count.printState };
    case 'attention':
      return {
        ...base,
        from: summary.window.start,
        to: summary.window.end,
        attention: count.attention,
        ...(count.attention === 'not_moving' ? { notMovingDays: summary.notMovingDays } : {}),
      };
  }
}
