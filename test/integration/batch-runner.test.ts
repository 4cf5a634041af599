import { afterAll, describe, expect, it } from 'vitest';
import type { CreateOutcome, LabelDraft } from '../../shared/domain/label-draft';
import type { SimulatorOptions } from '../../electron/simulator';
import type { BatchItem, BatchStore } from '../../electron/core/batch/batch-store';
import { controlledDemo, labelDraft } from '../fixtures/label-drafts';
import { StationError } from '../../electron/core/errors';
import { createTestStation } from '../support/test-station';
import { batchRunnerFor } from '../support/batch-station';

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A Demo-mode station on a simulator the test controls; the client's own rate limit is lifted so runs stay quick. */
async function demoStation(simulator: SimulatorOptions = {}, retryDelaysMs: number[] = [5, 10, 20]) {
  const { sim, startDemo } = await controlledDemo(simulator);
  cleanup.push(() => sim.close());
  const station = createTestStation({
    startDemo,
    clientOptions: { retryDelaysMs, rateLimitPerSecond: 10_000, connectTimeoutMs: 5_000, responseTimeoutMs: 10_000 },
  });
  cleanup.push(() => station.close());
  await station.client.env.switch({ environment: 'demo' });
  // Start-up work (resolving the outbox, then resuming interrupted runs) is over before a test makes runs of its own.
  await station.services.labelService.resolveUnresolved();
  return { sim, station };
}

const orders = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => labelDraft(`${prefix}-${String(i + 1).padStart(4, '0')}`));

function allItems(store: BatchStore, runId: string): BatchItem[] {
  const items: BatchItem[] = [];
  let after: number | null = -1;
  while (after !== null) {
    const page = store.itemsPage(runId, { afterPosition: after, limit: 200 });
    items.push(...page.items);
    after = page.nextAfter;
  }
  return items;
}

const waitFor = async (what: string, check: () => boolean, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('batch runner against the simulator', () => {
  it(
    '500 orders with latency, 500s and dropped connections end created or failed with a reason, with zero duplicate labels',
    { timeout: 60_000 },
    async () => {
      // One retry only, so some requests end in doubt and the resume pass has work to do.
      const { sim, station } = await demoStation(
        { latencyMs: 5, jitterMs: 5, seed: 11, faults: { error500: 0.05, dropAfterCreate: 0.05 } },
        [5],
      );
      const { store, runner, progress } = batchRunnerFor(station);
      const drafts: LabelDraft[] = orders('FAULT', 500).map((draft, i) => {
        if (i % 50 === 7) return labelDraft(draft.order!.customerOrderNumber!, { postalCode: '00000' }); // courier refusal
        if (i % 50 === 9) return labelDraft(draft.order!.customerOrderNumber!, { postalCode: '' }); // refused by validation before sending
        return draft;
      });
      const run = store.createRun({ drafts, concurrency: 4 }, Date.now());

      const first = await runner.start(run.id);
      const firstPass = progress.length;
      console.log(`first pass: ${JSON.stringify(first)}`);
      expect(first.queued + first.running).toBe(0);
      let summary = first;
      for (let pass = 0; pass < 5 && summary.in_doubt > 0; pass++) summary = await runner.resume(run.id);

      expect(summary).toMatchObject({ total: 500, queued: 0, running: 0, in_doubt: 0, skipped: 0, rejected: 10, failed: 10, created: 480 });
      expect(store.getRun(run.id)?.state).toBe('done');
      const items = allItems(store, run.id);
      for (const item of items) {
        if (item.state === 'created') expect(item.trackingNumber).toMatch(/^YT\d{16}$/);
        else expect(item.message, `order ${item.orderNumber}`).toMatch(/\w/);
      }
      expect(items.filter((i) => i.state === 'rejected').every((i) => /Invalid postal code 00000/.test(i.message!))).toBe(true);
      expect(items.filter((i) => i.state === 'failed').every((i) => /postalCode: Postal code must not be empty/.test(i.message!))).toBe(
        true,
      );
      expect(new Set(items.filter((i) => i.labelId).map((i) => i.labelId)).size).toBe(490);

      const stats = sim.stats();
      expect(Object.values(stats.labelsByKey).every((n) => n === 1)).toBe(true);
      expect(Object.keys(stats.labelsByKey).sort()).toEqual(
        items
          .filter((i) => i.state === 'created' || i.state === 'rejected')
          .map((i) => i.orderNumber)
          .sort(),
      );
      expect(stats.labelsCreated).toBe(summary.created + summary.rejected);
      // Faults did fire: some creations were answered only by a replay.
      expect(Object.values(stats.attemptsByKey).some((n) => n > 1)).toBe(true);

      const last = progress.at(-1)!;
      expect(last).toMatchObject({ task: `batch:${run.id}`, done: 500, failed: 20, total: 500, remaining: 0 });
      expect(progress.slice(0, 400).every((p) => p.remaining > 0 && typeof p.etaMs === 'number')).toBe(true);
      const doneInFirstPass = progress.slice(0, firstPass).map((p) => p.done);
      expect(doneInFirstPass).toEqual([...doneInFirstPass].sort((a, b) => a - b));
    },
  );

  it('pause stops sending new orders and resume finishes the run without a duplicate', async () => {
    const { sim, station } = await demoStation({ latencyMs: 15 });
    const { store, runner } = batchRunnerFor(station);
    const run = store.createRun({ drafts: orders('PAUSE', 40), concurrency: 2 }, Date.now());

    const started = runner.start(run.id);
    await waitFor('5 labels', () => sim.stats().labelsCreated >= 5);
    const paused = await runner.pause(run.id);
    await started;
    expect(paused.running).toBe(0);
    expect(paused.queued).toBeGreaterThan(0);
    expect(store.getRun(run.id)?.state).toBe('paused');
    const sentWhilePausing = sim.stats().labelsCreated;
    expect(sentWhilePausing).toBe(paused.created);
    await new Promise((r) => setTimeout(r, 150));
    expect(sim.stats().labelsCreated).toBe(sentWhilePausing);

    const resumed = await runner.resume(run.id);
    expect(resumed).toMatchObject({ created: 40, queued: 0, running: 0 });
    expect(store.getRun(run.id)?.state).toBe('done');
    expect(Object.values(sim.stats().labelsByKey)).toEqual(Array(40).fill(1));
  });

  it('cancel lets orders in flight finish and be recorded, never sends the rest, and cannot be resumed', async () => {
    const { sim, station } = await demoStation({ latencyMs: 15 });
    const { store, runner } = batchRunnerFor(station);
    const run = store.createRun({ drafts: orders('CANCEL', 40), concurrency: 3 }, Date.now());

    const started = runner.start(run.id);
    await waitFor('5 labels', () => sim.stats().labelsCreated >= 5);
    const cancelled = await runner.cancel(run.id);
    expect(await started).toEqual(cancelled);
    expect(cancelled.running).toBe(0);
    expect(cancelled.queued).toBeGreaterThan(0);
    expect(cancelled.created).toBe(sim.stats().labelsCreated);
    expect(store.getRun(run.id)?.state).toBe('cancelled');
    await new Promise((r) => setTimeout(r, 150));
    expect(sim.stats().labelsCreated).toBe(cancelled.created);
    expect(() => runner.resume(run.id)).toThrow(expect.objectContaining({ code: 'batch_cancelled' }));
    expect(runner.resumeUnfinished()).toEqual([]);
  });

  it('keeps in-doubt orders in doubt, reports them, and re-sends them with the same key on resume', async () => {
    const { sim, station } = await demoStation({ faults: { error500: 1 } }, [5]);
    const { store, runner, progress } = batchRunnerFor(station);
    const run = store.createRun({ drafts: orders('DOUBT', 3), concurrency: 2 }, Date.now());

    const first = await runner.start(run.id);
    expect(first).toMatchObject({ in_doubt: 3, created: 0 });
    expect(progress.at(-1)?.message).toMatch(/3 not confirmed yet/);
    expect(allItems(store, run.id).every((i) => /could not confirm/.test(i.message ?? ''))).toBe(true);
    // A finished run with orders in doubt is unfinished business for the next start.
    expect(store.unfinishedRuns().map((r) => r.id)).toContain(run.id);

    sim.setFaults({});
    const resumed = await runner.resume(run.id);
    expect(resumed).toMatchObject({ created: 3, in_doubt: 0 });
    expect(sim.stats().labelsByKey).toEqual({ 'DOUBT-0001': 1, 'DOUBT-0002': 1, 'DOUBT-0003': 1 });
    expect(store.unfinishedRuns().map((r) => r.id)).not.toContain(run.id);
  });

  it('resumeUnfinished re-queues orders a crash left running, continues running runs and leaves paused ones paused', async () => {
    const { sim, station } = await demoStation();
    const { store, runner } = batchRunnerFor(station);
    const running = store.createRun({ drafts: orders('RESTART-A', 6), concurrency: 2 }, Date.now());
    const paused = store.createRun({ drafts: orders('RESTART-B', 4), concurrency: 2 }, Date.now());
    // What a crash leaves behind: items claimed (one of them already sent and labelled), no answer recorded.
    await station.services.labelService.create(store.claimNext(running.id, Date.now())!.draft, {});
    store.claimNext(running.id, Date.now());
    store.claimNext(paused.id, Date.now());
    store.setRunState(paused.id, 'paused', Date.now());

    const passes = runner.resumeUnfinished();
    expect(passes.map((p) => p.runId)).toEqual([running.id]);
    expect(await passes[0]!.finished).toMatchObject({ created: 6, queued: 0, running: 0 });
    expect(store.getRun(paused.id)?.state).toBe('paused');
    expect(store.summary(paused.id)).toMatchObject({ queued: 4, running: 0 });
    expect(Object.keys(sim.stats().labelsByKey)).toHaveLength(6);
    expect(Object.values(sim.stats().labelsByKey).every((n) => n === 1)).toBe(true);
  });

  it('never has more orders in flight than the run’s concurrency, also across a pause and a quick resume', async () => {
    const { station } = await demoStation({ latencyMs: 3, jitterMs: 5 });
    let inFlight = 0;
    let peak = 0;
    const create = async (draft: LabelDraft, options: { another?: boolean }): Promise<CreateOutcome> => {
      peak = Math.max(peak, ++inFlight);
      try {
        return await station.services.labelService.create(draft, options);
      } finally {
        inFlight--;
      }
    };
    const { store, runner } = batchRunnerFor(station, { create });
    const run = store.createRun({ drafts: orders('LIMIT', 60), concurrency: 3 }, Date.now());

    const started = runner.start(run.id);
    await waitFor('10 done', () => store.summary(run.id).created >= 10);
    const pausing = runner.pause(run.id);
    const resumed = runner.resume(run.id); // resumed while the paused pass still drains
    await Promise.all([started, pausing]);
    expect(await resumed).toMatchObject({ created: 60 });
    expect(peak).toBe(3);
  });

  it('skips orders that already have a label (with that label’s tracking number) unless the run asks for another', async () => {
    const { sim, station } = await demoStation();
    const { store, runner } = batchRunnerFor(station);
    const existing = await station.services.labelService.create(labelDraft('DUP-1'), {});
    if (existing.kind !== 'created') throw new Error(`expected a label, got ${existing.kind}`);

    const plain = runner.createRun([labelDraft('DUP-1'), labelDraft('DUP-2')]);
    expect(plain).toMatchObject({ concurrency: 4, includeAlreadyLabelled: false, state: 'running' });
    expect(await runner.start(plain.id)).toMatchObject({ skipped: 1, created: 1 });
    const [dup1, dup2] = allItems(store, plain.id);
    expect(dup1).toMatchObject({
      state: 'skipped',
      labelId: existing.label.id,
      trackingNumber: existing.label.trackingNumber,
      message: expect.stringMatching(/already has a label/),
    });
    expect(dup2).toMatchObject({ state: 'created' });
    expect(sim.stats().labelsByKey).toEqual({ 'DUP-1': 1, 'DUP-2': 1 });

    const another = runner.createRun([labelDraft('DUP-1')], { includeAlreadyLabelled: true });
    expect(await runner.start(another.id)).toMatchObject({ created: 1, skipped: 0 });
    const [again] = allItems(store, another.id);
    expect(again!.labelId).not.toBe(existing.label.id);
    expect(sim.stats().labelsByKey).toEqual({ 'DUP-1': 1, 'DUP-2': 1, 'DUP-1#2': 1 });
  });

  it('turns the event loop between orders: a run whose orders all fail at once leaves main free, and Pause stops it halfway', async () => {
    const station = createTestStation();
    cleanup.push(() => station.close());
    await station.services.labelService.resolveUnresolved();
    const { store, runner } = batchRunnerFor(station, {
      create: async () => {
        throw new StationError('no_token', 'No API token is saved for Development.');
      },
    });
    const run = store.createRun({ drafts: orders('NOTOKEN', 2000), concurrency: 4 }, Date.now());
    const finished = runner.start(run.id);
    // A timer (as the IPC of a Pause click would be) set as the run starts.
    const paused = await new Promise<Awaited<ReturnType<typeof runner.pause>>>((resolve) =>
      setTimeout(() => void runner.pause(run.id).then(resolve), 0),
    );
    await finished;
    expect(store.getRun(run.id)!.state).toBe('paused');
    expect(paused.failed).toBeGreaterThan(0);
    expect(paused.queued).toBeGreaterThan(0);
    expect(paused.failed + paused.queued).toBe(2000);
  });
});
