import type { TrackingView } from '../../../shared/domain/tracking';
import type { ProgressEvent } from '../../../shared/ipc/contract';
import type { ProgressTask } from '../../../shared/ipc/progress-tasks';
import { StationError } from '../errors';
import { t } from '../i18n';

/** How refreshing one label turned out; the caller's `fetch` stores the view itself. */
export type RefreshOutcome = { ok: true; value: TrackingView } | { ok: false; message: string };

export interface RefreshAllOptions {
  labels: readonly { id: string }[];
  /** Fetches (and stores) tracking for one label; a throw counts as that label's failure. */
  fetch: (id: string) => Promise<RefreshOutcome>;
  /** Called after each label: `done` counts finished labels, failed ones included. */
  onProgress: (progress: ProgressEvent) => void;
  /** Progress task name, e.g. `tracking:refresh`. */
  task: ProgressTask;
  /** Labels in flight at once. Default 2; the API client paces requests to its rate limit on top. */
  concurrency?: number;
  /** Aborting stops new labels from starting; those already in flight finish and are counted. */
  signal?: AbortSignal;
}

export interface RefreshAllResult {
  updated: number;
  failed: { id: string; message: string }[];
  /** True when the signal left some labels unrefreshed. */
  cancelled: boolean;
}

export const DEFAULT_REFRESH_CONCURRENCY = 2;

/** Refreshes tracking for many labels with bounded concurrency, reporting progress as it goes. */
export async function refreshAll(options: RefreshAllOptions): Promise<RefreshAllResult> {
  const { labels, task, signal } = options;
  const concurrency = options.concurrency ?? DEFAULT_REFRESH_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a whole number of at least 1');

  const total = labels.length;
  const failed: { id: string; message: string }[] = [];
  let next = 0;
  let done = 0;
  let updated = 0;

  async function worker(): Promise<void> {
    // Workers take the next label in list order, so at most `concurrency` fetches are ever in flight.
    while (next < total && !signal?.aborted) {
      const label = labels[next++] as { id: string };
      const outcome = await fetchOne(options.fetch, label.id);
      done++;
      if (outcome.ok) updated++;
      else failed.push({ id: label.id, message: outcome.message });
      report(options.onProgress, { task, done, failed: failed.length, total, message: progressMessage(done, failed.length, total) });
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, () => worker()));
  return { updated, failed, cancelled: done < total };
}

async function fetchOne(fetch: RefreshAllOptions['fetch'], id: string): Promise<RefreshOutcome> {
  try {
    return await fetch(id);
  } catch (err) {
    // One broken label must not stop the rest; StationError messages are already operator sentences.
    return {
      ok: false,
      message: err instanceof StationError ? err.message : t('tracking:errors.unexpected'),
    };
  }
}

function report(onProgress: RefreshAllOptions['onProgress'], progress: ProgressEvent): void {
  try {
    onProgress(progress);
  } catch {
    // A failing progress sink (e.g. a closed window) must not abandon labels halfway.
  }
}

function progressMessage(done: number, failed: number, total: number): string {
  return failed > 0
    ? t('tracking:progress.checkedWithFailed', { done, failed, count: total })
    : t('tracking:progress.checked', { done, count: total });
}
