import type { CreateOutcome, LabelDraft } from '../../../shared/domain/label-draft';
import type { LabelRecord } from '../../../shared/domain/labels';
import type { ProgressEvent } from '../../../shared/ipc/contract';
import { batchTask } from '../../../shared/ipc/progress-tasks';
import { StationError } from '../errors';
import { numberFormats } from '../../../shared/i18n/format';
import { stationLanguage, t } from '../i18n';
import { UnresolvedRequestError } from '../labels/label-service';
import type { BatchItem, BatchItemOutcome, BatchStore, BatchSummary } from './batch-store';

export const DEFAULT_BATCH_CONCURRENCY = 4;

export type BatchProgress = ProgressEvent & {
  /** Items not finished yet (queued or in flight). */
  remaining: number;
  /** Time left at the rate observed since this pass started; null until one item finished. */
  etaMs: number | null;
};

export interface BatchRunnerDeps {
  store: BatchStore;
  /** The label service's create: every request goes through its outbox, keyed by the order number. */
  create: (draft: LabelDraft, options: { another?: boolean }) => Promise<CreateOutcome>;
  onProgress: (progress: BatchProgress) => void;
  /** Runs after an item's label was created (e.g. fetch or print its document); a throw is logged in the item's message. */
  afterCreated?: (labelId: string) => Promise<void>;
  /** Default concurrency for runs created without one. */
  concurrency?: number;
  now?: () => number;
}

interface Execution {
  /** Settles when every worker of this pass stopped. */
  finished: Promise<BatchSummary>;
  stopping: boolean;
}

/**
 * Runs batch label runs from the batch store. Exactly-once comes from the label service: every
 * item is sent through its outbox under the order number's key, so an item re-sent after a
 * crash or an in-doubt answer is a replay, never a second label. The runner only decides which
 * items to send, how many at once, and records what came back.
 */
export function createBatchRunner(deps: BatchRunnerDeps) {
  const { store, create } = deps;
  const now = deps.now ?? Date.now;
  const executions = new Map<string, Execution>();

  const requireRun = (runId: string) => {
    const run = store.getRun(runId);
    if (!run) throw new StationError('batch_not_found', t('batch:errors.runNotFound'));
    return run;
  };

  function report(runId: string, s: BatchSummary, startedAt: number, finishedThisPass: number) {
    const remaining = s.queued + s.running;
    const elapsed = now() - startedAt;
    const etaMs = finishedThisPass > 0 ? Math.round((remaining * elapsed) / finishedThisPass) : null;
    const done = s.total - remaining;
    const failed = s.failed + s.rejected;
    const n = numberFormats(stationLanguage()).count;
    const parts = [t('batch:progress.done', { count: s.total, done: n(done), total: n(s.total) })];
    if (failed > 0) parts.push(t('batch:progress.failed', { n: n(failed) }));
    if (s.skipped > 0) parts.push(t('batch:progress.skipped', { n: n(s.skipped) }));
    if (s.in_doubt > 0) parts.push(t('batch:progress.inDoubt', { n: n(s.in_doubt) }));
    try {
      const message = t('batch:progress.sentence', { parts: parts.join(t('batch:progress.separator')) });
      deps.onProgress({ task: batchTask(runId), done, failed, total: s.total, remaining, etaMs, message });
    } catch {
      // A closed window must not stop a run halfway.
    }
  }

  /** One item: send, then turn the outcome into the item's result. Never throws. */
  async function runItem(
    item: BatchItem,
    includeAlreadyLabelled: boolean,
  ): Promise<{ state: BatchItemOutcome; labelId?: string | null; trackingNumber?: string | null; message?: string | null }> {
    try {
      let outcome = await create(item.draft, {});
      if (outcome.kind === 'already_labelled') {
        // Claimed before (a crash or quit came between the answer and recording it): a label
        // recorded since the first claim is this item's own, not an earlier one to skip or
        // to buy "another" for — so a resumed run never buys a second label for it.
        const own =
          item.attempts > 1 && item.firstClaimedAt !== null
            ? newest(outcome.labels.filter((l) => l.createdAt >= item.firstClaimedAt!))
            : undefined;
        if (own) return own.status === 'created' ? { ...fromLabel(own), message: await afterCreated(own.id) } : fromLabel(own);
        if (includeAlreadyLabelled) outcome = await create(item.draft, { another: true });
      }
      switch (outcome.kind) {
        case 'created': {
          const message = outcome.documentError ?? (await afterCreated(outcome.label.id));
          return { state: 'created', labelId: outcome.label.id, trackingNumber: outcome.label.trackingNumber, message };
        }
        case 'rejected':
          return fromLabel(outcome.label);
        case 'in_doubt':
          return { state: 'in_doubt', message: outcome.message };
        case 'already_labelled': {
          const existing = newest(outcome.labels.filter((l) => l.status === 'created')) ?? newest(outcome.labels);
          const message = !existing
            ? t('batch:item.skippedMissing')
            : outcome.lastRejected
              ? existing.errorMessage
                ? t('batch:item.skippedRefusedWhy', { reason: existing.errorMessage })
                : t('batch:item.skippedRefused')
              : t('batch:item.skippedLabelled');
          return {
            state: 'skipped',
            labelId: existing?.id ?? null,
            trackingNumber: existing?.status === 'created' ? existing.trackingNumber : null,
            message,
          };
        }
      }
    } catch (error) {
      // A request that may have bought a label is never "failed": it is resolved under its key.
      if (error instanceof UnresolvedRequestError) {
        return { state: 'in_doubt', message: t('batch:item.inDoubt', { reason: failureMessage(error) }) };
      }
      return { state: 'failed', message: failureMessage(error) };
    }
  }

  async function afterCreated(labelId: string): Promise<string | null> {
    if (!deps.afterCreated) return null;
    try {
      await deps.afterCreated(labelId);
      return null;
    } catch (error) {
      return error instanceof StationError ? error.message : t('batch:item.afterFailed');
    }
  }

  /** A run with the runner's default concurrency unless one is given; start it with `start(run.id)`. */
  function createRun(drafts: readonly LabelDraft[], options: { concurrency?: number; includeAlreadyLabelled?: boolean } = {}) {
    return store.createRun(
      {
        drafts,
        concurrency: options.concurrency ?? deps.concurrency ?? DEFAULT_BATCH_CONCURRENCY,
        includeAlreadyLabelled: options.includeAlreadyLabelled,
      },
      now(),
    );
  }

  /** Starts workers for a run whose state is running; returns the pass's promise. */
  function execute(runId: string): Promise<BatchSummary> {
    const existing = executions.get(runId);
    if (existing && !existing.stopping) return existing.finished;
    // Resumed while the previous pass drains: start after it, so the limit is never exceeded.
    const previous = existing?.finished ?? Promise.resolve();
    const run = requireRun(runId);
    const execution: Execution = { stopping: false, finished: Promise.resolve(store.summary(runId)) };
    let startedAt = now();
    let finishedThisPass = 0;
    // Counted here rather than re-read after every item: a summary query per item grows with the run.
    let counts: BatchSummary = store.summary(runId);

    const worker = async () => {
      while (!execution.stopping) {
        const item = store.claimNext(runId, now());
        if (!item) return;
        counts.queued -= 1;
        counts.running += 1;
        const result = await runItem(item, run.includeAlreadyLabelled);
        store.recordOutcome(runId, item.position, result, now());
        counts.running -= 1;
        counts[result.state] += 1;
        finishedThisPass += 1;
        report(runId, counts, startedAt, finishedThisPass);
        // Orders that fail at once (no token, say) settle without I/O: without this turn of the
        // event loop a whole run would hold main (IPC, Pause included) until its last order.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };

    execution.finished = previous
      .catch(() => undefined)
      .then(async () => {
        // A pass resumed while the previous one drained starts counting once that one is done.
        counts = store.summary(runId);
        startedAt = now();
        await Promise.all(Array.from({ length: run.concurrency }, () => worker()));
        const current = requireRun(runId);
        const summary = store.summary(runId);
        if (current.state === 'running' && summary.queued + summary.running === 0) store.setRunState(runId, 'done', now());
        return summary;
      })
      .finally(() => {
        if (executions.get(runId) === execution) executions.delete(runId);
      });
    executions.set(runId, execution);
    return execution.finished;
  }

  /** Stops a pass from claiming new items; items in flight finish and are recorded. */
  async function stop(runId: string, state: 'paused' | 'cancelled'): Promise<BatchSummary> {
    const run = requireRun(runId);
    if (run.state === 'cancelled' || (run.state === 'done' && state === 'paused')) return store.summary(runId);
    store.setRunState(runId, state, now());
    const execution = executions.get(runId);
    if (execution) {
      execution.stopping = true;
      await execution.finished;
    }
    return store.summary(runId);
  }

  return {
    createRun,

    /** Runs a created run until every item has an outcome (or it is paused or cancelled). Resolves with the counts. */
    start(runId: string): Promise<BatchSummary> {
      const run = requireRun(runId);
      if (run.state !== 'running') throw new StationError('batch_not_running', t('batch:errors.runNotRunning'));
      return execute(runId);
    },

    /** No new items are started; resolves when the ones in flight are recorded. */
    pause: (runId: string) => stop(runId, 'paused'),

    /** Cancels the rest of the run: items not yet sent stay queued (never sent); those in flight finish and are recorded. */
    cancel: (runId: string) => stop(runId, 'cancelled'),

    /**
     * Continues a paused run, or a finished one with items still in doubt: in-doubt items are
     * queued again and re-sent under their own key (a replay, so no second label).
     */
    resume(runId: string): Promise<BatchSummary> {
      const run = requireRun(runId);
      if (run.state === 'cancelled') throw new StationError('batch_cancelled', t('batch:errors.runCancelled'));
      store.requeue(runId, ['in_doubt'], now());
      if (run.state !== 'running') store.setRunState(runId, 'running', now());
      return execute(runId);
    },

    /**
     * On start-up: items a crash left running go back to the queue (re-sending them replays
     * the outbox entry), and in-doubt ones are retried; runs that were running continue, paused
     * runs stay paused. Returns the passes started.
     */
    resumeUnfinished(): { runId: string; finished: Promise<BatchSummary> }[] {
      const started: { runId: string; finished: Promise<BatchSummary> }[] = [];
      for (const run of store.unfinishedRuns()) {
        if (executions.has(run.id)) continue;
        store.requeue(run.id, ['running'], now());
        if (run.state === 'paused') continue;
        store.requeue(run.id, ['in_doubt'], now());
        if (run.state === 'done') store.setRunState(run.id, 'running', now());
        started.push({ runId: run.id, finished: execute(run.id) });
      }
      return started;
    },

    /** The promise of a run's current pass, if one is active. */
    active(runId: string): Promise<BatchSummary> | null {
      return executions.get(runId)?.finished ?? null;
    },
  };
}
export type BatchRunner = ReturnType<typeof createBatchRunner>;

function fromLabel(label: LabelRecord): {
  state: BatchItemOutcome;
  labelId: string;
  trackingNumber: string | null;
  message: string | null;
} {
  return label.status === 'created'
    ? { state: 'created', labelId: label.id, trackingNumber: label.trackingNumber, message: null }
    : { state: 'rejected', labelId: label.id, trackingNumber: null, message: label.errorMessage ?? t('batch:item.refused') };
}

/** The operator's sentence plus each field it names ("shipment.shipTo.address.postalCode: Postal code must not be empty."). */
function failureMessage(error: unknown): string {
  if (!(error instanceof StationError)) return t('batch:item.unexpected');
  const fields = Object.entries(error.fields ?? {}).map(([field, problem]) => `${field}: ${problem}`);
  return fields.length > 0 ? `${error.message} ${fields.join(' ')}` : error.message;
}

function newest(labels: readonly LabelRecord[]): LabelRecord | undefined {
  return labels.reduce<LabelRecord | undefined>((best, l) => (!best || l.createdAt > best.createdAt ? l : best), undefined);
}
