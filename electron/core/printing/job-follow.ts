import { t } from '../i18n';
import type { IppJobAttributes } from './ipp';

/**
 * Following a job after the OS accepted it (closed-loop printing): ask the print system about
 * it until it is completed, aborted, cancelled, held or stopped, for a bounded time. The answer
 * is what the station records for the job and its labels. Following never resends anything:
 * a job that failed at the printer is reported, and the operator reprints.
 */

/** What the OS says about a job: CUPS's job attributes; null when it does not know the job (any more). */
export type OsJobStatus = IppJobAttributes;
export type JobPoller = (osJobId: string) => Promise<OsJobStatus | null>;

/** The outcome recorded for a followed job. `sent`: handed over, but no final state within the time allowed. */
export interface FollowOutcome {
  state: 'printed' | 'failed' | 'waiting' | 'sent';
  /** What happened in the operator's words; null when it printed. */
  message: string | null;
}

export interface FollowClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: FollowClock = {
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref?.()),
};

export interface FollowOptions {
  /** How long to follow before settling for `sent`. Default 2 minutes: a label printer finishes a job in seconds. */
  timeoutMs?: number;
  /** Pause between two questions. Default 1 s. */
  intervalMs?: number;
  clock?: FollowClock;
  /** Ends following early (the station is closing): the outcome is then `sent`. */
  signal?: AbortSignal;
}

export const DEFAULT_FOLLOW_TIMEOUT_MS = 120_000;

const reasonText = (status: OsJobStatus) =>
  [status.message, ...status.reasons.filter((r) => !/^(none|processing-to-stop-point|job-printing|printer-stopped)$/.test(r))]
    .filter(Boolean)
    .join('; ');

/** The outcome a status settles, or null while the job is still on its way (pending or printing). */
export function outcomeOf(status: OsJobStatus, printer: string): FollowOutcome | null {
  const why = reasonText(status);
  const because = why ? t('printing:follow.because', { why }) : '';
  switch (status.state) {
    case 'completed':
      return { state: 'printed', message: null };
    case 'aborted':
      return {
        state: 'failed',
        message: t('printing:follow.aborted', { printer, because }),
      };
    case 'canceled':
      return {
        state: 'failed',
        message: t('printing:follow.cancelled', { printer, because }),
      };
    case 'held':
      return {
        state: 'waiting',
        message: t('printing:follow.held', { printer, because }),
      };
    case 'stopped':
      return {
        state: 'waiting',
        message: t('printing:follow.stoppedWithJob', { printer, because }),
      };
    default:
      // A queue that is stopped leaves its jobs pending, with the reason on the job.
      if (status.reasons.includes('printer-stopped')) {
        return {
          state: 'waiting',
          message: t('printing:follow.stoppedWaiting', { printer, because }),
        };
      }
      return null;
  }
}

/**
 * Follows one job until its outcome is known or `timeoutMs` has passed. Never throws: a print
 * system that cannot be asked, or a job it does not know, ends as `sent` when the time is up.
 */
export async function followJob(osJobId: string, printer: string, poll: JobPoller, options: FollowOptions = {}): Promise<FollowOutcome> {
  const clock = options.clock ?? realClock;
  const timeoutMs = options.timeoutMs ?? DEFAULT_FOLLOW_TIMEOUT_MS;
  const intervalMs = options.intervalMs ?? 1_000;
  const started = clock.now();
  const deadline = started + timeoutMs;
  let last: string | null = null;
  for (;;) {
    if (options.signal?.aborted) break;
    try {
      const status = await poll(osJobId);
      if (status) {
        const outcome = outcomeOf(status, printer);
        if (outcome) return outcome;
        last = status.state === 'processing' ? t('printing:follow.stillPrinting') : t('printing:follow.stillQueued');
      } else {
        last = t('printing:follow.jobForgotten');
      }
    } catch (error) {
      last = t('printing:follow.notAsked', { reason: (error as Error).message });
    }
    if (options.signal?.aborted || clock.now() + intervalMs > deadline) break;
    await clock.sleep(intervalMs);
  }
  return {
    state: 'sent',
    message: last
      ? t('printing:follow.unknownAfter', { printer, seconds: Math.round((clock.now() - started) / 1000), last })
      : t('printing:follow.unknown', { printer }),
  };
}
