import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../electron/simulator';
import type { DemoServer } from '../../electron/core/connections';
import { httpFetch, type FetchLike } from '../../electron/core/api/http-fetch';
import { createLogger } from '../../electron/core/logger';
import { controlledDemo, labelDraft } from '../fixtures/label-drafts';
import { batchRunnerFor } from '../support/batch-station';
import { mountSmallDisk, type SmallDisk } from '../support/small-disk';
import { createTestStation, type TestStationOptions } from '../support/test-station';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const MB = 1024 * 1024;
const CLIENT = { retryDelaysMs: [10, 20], connectTimeoutMs: 5_000, responseTimeoutMs: 10_000 };
const posts = (sim: Simulator) => sim.stats().requests.filter((r) => r.method === 'POST' && r.path === '/labels');

/** A small real disk, unmounted after the test (after the stations on it are closed). */
function smallDisk(size = 32 * MB): SmallDisk {
  const disk = mountSmallDisk(size);
  cleanup.push(() => disk.unmount());
  return disk;
}

/**
 * A Demo station whose userData (database, documents, settings) is on `disk`; its log is
 * elsewhere, so this test is about the database, not about logging on a full disk.
 */
async function stationOn(disk: SmallDisk, startDemo: () => Promise<DemoServer>, extra: TestStationOptions = {}) {
  const station = createTestStation({
    startDemo,
    userDataDir: disk.dir,
    logger: createLogger({ file: join(mkdtempSync(join(tmpdir(), 'ffs-log-')), 'station.log') }),
    ...extra,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await station.close();
  };
  cleanup.push(close);
  expect((await station.client.env.switch({ environment: 'demo' })).ok).toBe(true);
  // Start-up work (resolving what the outbox holds) is over before the test goes on.
  await station.services.labelService.resolveUnresolved();
  return { ...station, close };
}

/** What the simulator and the station's history hold in the end: one label, one history row. */
async function expectOneLabel(sim: Simulator, station: Awaited<ReturnType<typeof stationOn>>) {
  expect(sim.stats().labelsCreated).toBe(1);
  const history = await station.client.labels.history({});
  expect(history.ok && history.value.items).toHaveLength(1);
  const [label] = history.ok ? history.value.items : [];
  expect(sim.stats().labelsByKey).toEqual({ [label!.idempotencyKey]: 1 });
  expect(await station.client.labels.unresolved()).toEqual({ ok: true, value: [] });
  return label!;
}

describe('disk full during label creation (a real tmpfs)', () => {
  it('the outbox write fails: nothing is sent; Create again after space returns, then a restart, gives one label', async () => {
    const disk = smallDisk();
    const { sim, startDemo } = await controlledDemo();
    cleanup.push(() => sim.close());
    // The free-space check passed (the space ran out between the check and the write): the write itself must fail loudly.
    const options = { diskSpace: { minFreeBytes: 0 } };
    const first = await stationOn(disk, startDemo, options);

    disk.fill();
    // No order number: the key is a fresh UUID, so a request the outbox lost could never be replayed.
    const refused = await first.client.labels.create({ draft: labelDraft(null) });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'disk_full', message: expect.stringMatching(/nothing was sent.*Free some disk space/) },
    });
    expect(posts(sim)).toHaveLength(0);
    expect(await first.client.labels.unresolved()).toEqual({ ok: true, value: [] });

    disk.release();
    const again = await first.client.labels.create({ draft: labelDraft(null) });
    expect(again.ok && again.value.kind).toBe('created');
    await first.close();

    const second = await stationOn(disk, startDemo, options);
    const label = await expectOneLabel(sim, second);
    expect(label.idempotencyKey).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(posts(sim)).toHaveLength(1);
  });

  it('the disk fills after the request was sent: the answer is in doubt, and the restart resolves it with the same key', async () => {
    const disk = smallDisk();
    const { sim, startDemo } = await controlledDemo();
    cleanup.push(() => sim.close());
    let fillAfterPost = true;
    // The API answers; before the station reads the answer, the disk is full.
    const fetch: FetchLike = async (url, init) => {
      const response = await httpFetch(url, init);
      if (fillAfterPost && init.method === 'POST' && url.pathname === '/labels') disk.fill();
      return response;
    };
    const first = await stationOn(disk, startDemo, { clientOptions: { ...CLIENT, fetch } });

    const doubt = await first.client.labels.create({ draft: labelDraft(null) });
    expect(doubt).toMatchObject({
      ok: true,
      value: { kind: 'in_doubt', message: expect.stringMatching(/may have been created.*disk.*full.*Do not create it again/) },
    });
    const key = doubt.ok && doubt.value.kind === 'in_doubt' ? doubt.value.idempotencyKey : '';
    expect(sim.stats().labelsByKey).toEqual({ [key]: 1 });
    // Recording "in doubt" failed as well: the request is still pending, which the next start resolves.
    expect(await first.client.labels.unresolved()).toMatchObject({ ok: true, value: [{ idempotencyKey: key, state: 'pending' }] });

    // "Check again" while the disk is still full: refused before sending, still unresolved.
    fillAfterPost = false;
    expect(await first.client.labels.resolve({ idempotencyKey: key })).toMatchObject({ ok: false, error: { code: 'disk_full' } });
    expect(posts(sim)).toHaveLength(1);

    disk.release();
    await first.close();
    const second = await stationOn(disk, startDemo);
    const label = await expectOneLabel(sim, second);
    expect(label.idempotencyKey).toBe(key);
    expect(posts(sim).map((p) => p.status)).toEqual([201, 200]);
  });

  it('with less than the minimum free, nothing is written or sent and the operator is told why', async () => {
    const disk = smallDisk();
    const { sim, startDemo } = await controlledDemo();
    cleanup.push(() => sim.close());
    const station = await stationOn(disk, startDemo);

    disk.fill(2 * MB);
    const refused = await station.client.labels.create({ draft: labelDraft('DISK-1') });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'disk_full', message: expect.stringMatching(/only 2\.0 MB free.*needs 5\.0 MB.*No label was requested/) },
    });
    expect(posts(sim)).toHaveLength(0);
    expect(await station.client.labels.unresolved()).toEqual({ ok: true, value: [] });

    disk.release();
    const created = await station.client.labels.create({ draft: labelDraft('DISK-1') });
    expect(created.ok && created.value.kind).toBe('created');
    await expectOneLabel(sim, station);
  });
});

describe('a batch item whose request may have bought a label', () => {
  it('is in doubt, not failed, when its replay is refused, and its resume replays the same key', async () => {
    const { sim, startDemo } = await controlledDemo({ faults: { dropAfterCreate: 1 } });
    cleanup.push(() => sim.close());
    let free = 100 * MB;
    const station = createTestStation({
      startDemo,
      clientOptions: { ...CLIENT, retryDelaysMs: [] },
      diskSpace: { statfs: () => ({ bavail: free, bsize: 1 }) },
    });
    cleanup.push(() => station.close());
    await station.client.env.switch({ environment: 'demo' });
    await station.services.labelService.resolveUnresolved();

    // ORD-A's label was created, but the answer was lost: in doubt.
    const doubt = await station.client.labels.create({ draft: labelDraft('ORD-A') });
    expect(doubt.ok && doubt.value.kind).toBe('in_doubt');
    sim.setFaults({});

    // The batch sends ORD-A's replay and ORD-B while the disk is short: neither is sent.
    free = 1 * MB;
    const { store, runner } = batchRunnerFor(station);
    const run = store.createRun({ drafts: [labelDraft('ORD-A'), labelDraft('ORD-B')], concurrency: 1 }, Date.now());
    await runner.start(run.id);
    const items = store.itemsPage(run.id, { afterPosition: -1, limit: 10 }).items;
    expect(items.map((i) => [i.draft.order?.customerOrderNumber, i.state])).toEqual([
      ['ORD-A', 'in_doubt'],
      ['ORD-B', 'failed'],
    ]);
    expect(items[0]!.message).toMatch(/^Not confirmed yet: .*only 1\.0 MB free.*checked with the same request/);
    expect(posts(sim)).toHaveLength(1);

    free = 100 * MB;
    await runner.resume(run.id);
    const resumed = store.itemsPage(run.id, { afterPosition: -1, limit: 10 }).items;
    expect(resumed.map((i) => i.state)).toEqual(['created', 'failed']);
    expect(sim.stats().labelsByKey).toEqual({ 'ORD-A': 1 });
    expect(posts(sim).map((p) => p.status)).toEqual([0, 200]);
  });
});
