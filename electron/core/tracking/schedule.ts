import type { EnvironmentId } from '../../../shared/domain/environment';
import type { TrackingChangeSummary } from '../../../shared/domain/tracking';
import type { Logger } from '../logger';
import type { CheckedLabel } from './change-summary';
import type { DueLabel, TrackingScheduleStore } from './schedule-store';

/**
 * Tracking follows up by itself while the station runs. The API has no webhooks: tracking is
 * pull-only and no polling interval is recommended (docs/api-contract.md §6), so the station
 * polls, gently:
 * - in rounds: each round takes the labels whose check is due (most overdue first, at most
 *   `roundSize`) and asks about them ONE AT A TIME, `spacingMs` apart, so a day's labels are
 *   spread out rather than sent at once;
 * - within the rate limit: the guideline is 10 requests per second per account
 *   (docs/api-contract.md §11, enforced by electron/core/api/rate-limiter.ts); one request per
 *   `spacingMs` (1.5 s by default, under one a second) leaves nearly all of it to the operator's
 *   own work, and the limiter paces on top. A spacing that alone would break the limit is refused;
 * - backing off: a label's next check is `firstCheckMs` after it was made or last changed, and
 *   the wait doubles each time a check finds nothing new, up to `maxIntervalMs`
 *   (schedule-store.ts); a failed check backs off the same way;
 * - stopping: Delivered and Cancelled labels are never asked again, nor labels older than `maxAgeMs`.
 * After each round the summary of what changed is announced (the tracking service: the
 * `tracking:changed` event, a notification for new exceptions).
 */

/** The timer the schedule waits with; tests pass a fake clock's. */
export interface ScheduleTimer {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface TrackingScheduleOptions {
  /** Wait between two checks of a round. */
  spacingMs?: number;
  /** At most this many checks per round. */
  roundSize?: number;
  /** First check of a new label (and the interval after a change); doubles per unchanged check. */
  firstCheckMs?: number;
  maxIntervalMs?: number;
  /** Labels older than this are no longer followed. */
  maxAgeMs?: number;
  /** The first round after start. */
  startDelayMs?: number;
  /** When nothing is due, look again after at most this long (new labels are made meanwhile). */
  idleMs?: number;
  /** Never start rounds closer together than this. */
  minRoundGapMs?: number;
  now?: () => number;
  timer?: ScheduleTimer;
}

export const DEFAULT_SCHEDULE = {
  spacingMs: 1500,
  roundSize: 100,
  firstCheckMs: 30 * 60_000,
  maxIntervalMs: 24 * 60 * 60_000,
  maxAgeMs: 60 * 24 * 60 * 60_000,
  startDelayMs: 60_000,
  idleMs: 15 * 60_000,
  minRoundGapMs: 60_000,
} as const;

const systemTimer: ScheduleTimer = {
  setTimeout: (run, ms) => {
    const handle = setTimeout(run, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface TrackingScheduleDeps {
  store: Pick<TrackingScheduleStore, 'due' | 'nextDueAt'>;
  /** The environment whose labels are followed (the active one, read each round). */
  environment: () => EnvironmentId;
  /** Checks one label; never throws (a failure is a CheckedLabel without `after`). */
  check: (label: DueLabel) => Promise<CheckedLabel>;
  /** A round ended: summarise and announce. */
  finishRound: (checks: readonly CheckedLabel[]) => TrackingChangeSummary;
  /** The API client's rate limit (requests per second per token); the spacing must stay inside it. */
  rateLimitPerSecond?: number;
  logger?: Logger;
  options?: TrackingScheduleOptions;
}

export function createTrackingSchedule(deps: TrackingScheduleDeps) {
  const o = { ...DEFAULT_SCHEDULE, ...deps.options };
  const now = deps.options?.now ?? Date.now;
  const timer = deps.options?.timer ?? systemTimer;
  const rate = deps.rateLimitPerSecond ?? 10;
  if (!(o.spacingMs >= 1000 / rate))
    throw new RangeError(`spacingMs must be at least ${1000 / rate} ms to stay within ${rate} requests a second`);
  if (!(o.roundSize >= 1)) throw new RangeError('roundSize must be at least 1');

  let handle: unknown = null;
  let running = false;
  let stopped = true;
  let round: Promise<TrackingChangeSummary | null> | null = null;
  // The spacing wait in progress ends early when the schedule stops.
  let wake: (() => void) | null = null;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      handle = timer.setTimeout(() => {
        handle = null;
        wake = null;
        resolve();
      }, ms);
    });

  const schedule = (ms: number) => {
    if (stopped) return;
    handle = timer.setTimeout(() => {
      handle = null;
      round = runRound();
      void round.then(() => {
        const at = now();
        const next = deps.store.nextDueAt(deps.environment(), at - o.maxAgeMs);
        const delay = next === null ? o.idleMs : Math.min(Math.max(next - at, o.minRoundGapMs), o.idleMs);
        schedule(delay);
      });
    }, ms);
  };

  /** One round: the due labels, one at a time, spaced; then the summary. Null when nothing was due. */
  async function runRound(): Promise<TrackingChangeSummary | null> {
    if (running) return null;
    running = true;
    try {
      const at = now();
      const due = deps.store.due(deps.environment(), { now: at, since: at - o.maxAgeMs, limit: o.roundSize });
      if (due.length === 0) return null;
      const checks: CheckedLabel[] = [];
      for (const [i, label] of due.entries()) {
        if (stopped) break;
        if (i > 0) await wait(o.spacingMs);
        if (stopped) break;
        checks.push(await deps.check(label));
      }
      return checks.length > 0 ? deps.finishRound(checks) : null;
    } catch (error) {
      // A database that fails under the read must not stop the schedule: the next round tries again.
      deps.logger?.error('tracking.schedule_round_failed', { error });
      return null;
    } finally {
      running = false;
    }
  }

  return {
    /** Starts following (the first round after `startDelayMs`). */
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(o.startDelayMs);
    },
    /** Stops: no new round or check starts; a check in flight finishes. Resolves when the round in progress ended. */
    async stop() {
      stopped = true;
      if (handle !== null) timer.clearTimeout(handle);
      handle = null;
      wake?.();
      wake = null;
      await round;
    },
    /** The round in progress (or the last one), for tests that wait for it. */
    current: () => round,
  };
}
export type TrackingSchedule = ReturnType<typeof createTrackingSchedule>;
