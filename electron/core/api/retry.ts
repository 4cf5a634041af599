/** Documented backoff for unknown outcomes: 1, 2, 4, 8 s (docs/api-contract.md §7). */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1000, 2000, 4000, 8000];

/** Jitter spreads retries of many stations so they do not hit the API in lock-step. */
const JITTER_FRACTION = 0.25;

/** The delay before retry number `attempt` (0-based): the scheduled delay plus up to 25 % jitter. */
export function backoffDelay(schedule: readonly number[], attempt: number, random: () => number): number {
  const base = schedule[Math.min(attempt, schedule.length - 1)] ?? 0;
  return Math.round(base + base * JITTER_FRACTION * random());
}

/**
 * Parses a Retry-After header: delta-seconds or an HTTP date. Returns milliseconds from
 * `now`, or undefined when absent or unreadable (the caller then uses its own backoff).
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // Only accept something that looks like an HTTP date, not any string Date.parse tolerates.
  if (!/^[A-Za-z]{3},/.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
