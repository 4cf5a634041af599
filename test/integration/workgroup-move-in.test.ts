import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSqliteLabelStore } from '../../electron/core/labels/label-store';
import { createMemorySecretStore } from '../../electron/core/secret-store';
import type { Simulator } from '../../electron/simulator';
import type { CreateOutcome } from '../../shared/domain/label-draft';
import type { ProgressEvent } from '../../shared/ipc/contract';
import { MOVE_IN_TASK } from '../../shared/ipc/progress-tasks';
import { controlledDemo, labelDraft } from '../fixtures/label-drafts';
import type { TestDatabase } from '../support/postgres';
import { useOwnCluster, useTestDatabase } from '../support/test-database';
import { createTestStation } from '../support/test-station';
import { joinWorkgroup } from '../support/workgroup-station';
import { passwordOf, startServer, stopServer, workgroupOf, type PgCluster } from '../support/workgroup-pg';

// Issue 18 item 2: a station that worked on its own joins a workgroup and its history, outbox
// and print log are copied up once (a real PostgreSQL, never a mock), with progress.

type TestStation = ReturnType<typeof createTestStation>;
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of opened.splice(0).reverse()) await x.close().catch(() => undefined);
});

/** A Demo station on the test's simulator, recording its move-in progress events. */
async function demoStation(startDemo: unknown, extra: Record<string, unknown> = {}) {
  const progress: ProgressEvent[] = [];
  const station = createTestStation({
    startDemo: startDemo as never,
    emit: (event: string, payload: unknown) => {
      if (event === 'progress' && (payload as ProgressEvent).task === MOVE_IN_TASK) progress.push(payload as ProgressEvent);
    },
    ...extra,
  });
  opened.push(station);
  expect((await station.client.env.switch({ environment: 'demo' })).ok).toBe(true);
  return { station, progress };
}

const create = async (station: TestStation, order: string, overrides: Parameters<typeof labelDraft>[1] = {}) => {
  const result = await station.client.labels.create({ draft: labelDraft(order, overrides) });
  if (!result.ok) throw new Error(`${order}: ${result.error.code} ${result.error.message}`);
  return result.value;
};
const labelOf = (outcome: CreateOutcome) => {
  expect(outcome.kind).toBe('created');
  return (outcome as Extract<CreateOutcome, { kind: 'created' }>).label;
};

/** A print job as the print service records it, for these labels. */
const printJob = (labelIds: string[], createdAt: number) => ({
  id: randomUUID(),
  labelIds,
  profileId: null,
  printer: 'Bench printer',
  copies: 1,
  osJobId: `bench-${createdAt}`,
  state: 'sent' as const,
  errorCode: null,
  message: null,
  createdAt,
});

async function historyIds(station: TestStation, text?: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await station.client.labels.history({
      ...(text ? { search: { kind: 'any', text } } : {}),
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    if (!page.ok) throw new Error(page.error.message);
    ids.push(...page.value.items.map((l) => l.id));
    cursor = page.value.nextCursor;
  } while (cursor);
  return ids.sort();
}

describe('moving a single station into a workgroup', () => {
  let db: TestDatabase;
  let sql: pg.Pool;
  useTestDatabase((made) => ({ db, sql } = made));

  it('its labels, outbox and print log are copied up once; another station finds them; the request in doubt is resolved with its key', async () => {
    const { sim, startDemo } = await controlledDemo();
    opened.push(sim as Simulator);
    // The keychain outlives a restart of the station (the workgroup password is in it).
    const secrets = createMemorySecretStore();
    const { station: a, progress } = await demoStation(startDemo, { moveInBatchSize: 2, secrets });

    // History made on its own: labels, a courier rejection, a request left in doubt (the label
    // was bought, every answer came back cut in half), print jobs.
    const made: ReturnType<typeof labelOf>[] = [];
    for (const order of ['MI-1001', 'MI-1002', 'MI-1003', 'MI-1004']) made.push(labelOf(await create(a, order)));
    const failed = await create(a, 'MI-1005', { firstName: 'REJECT' });
    expect(failed.kind).toBe('rejected');
    sim.setFaults({ malformedJson: 1 });
    expect(await a.client.labels.create({ draft: labelDraft('MI-1006') })).toMatchObject({ ok: false, error: { code: 'bad_response' } });
    sim.setFaults({});
    expect(await a.client.labels.unresolved()).toMatchObject({ ok: true, value: [{ idempotencyKey: 'MI-1006', state: 'in_doubt' }] });
    expect(sim.stats().labelsByKey['MI-1006']).toBe(1);
    const t0 = Date.now();
    const jobs = [printJob([made[0]!.id], t0), printJob([made[1]!.id, made[2]!.id], t0 + 1), printJob([made[0]!.id], t0 + 2)];
    for (const job of jobs) await a.services.printLog.record(job);
    await a.services.printLog.settle(jobs[2]!.id, { state: 'printed', errorCode: null, message: null, at: t0 + 3 });

    const local = createSqliteLabelStore(a.services.database);
    const localIds = local.ids({}, 1000, 1000).ids.sort();
    expect(localIds).toHaveLength(5);

    // Station B is in the workgroup already (nothing of its own to move).
    const { station: b } = await demoStation(startDemo);
    await joinWorkgroup(b, db, 'Bench B');
    expect(b.services.moveIn.movedIn()).toBe(true);
    expect(await historyIds(b)).toEqual([]);

    await joinWorkgroup(a, db, 'Bench A');
    expect(a.services.moveIn.movedIn()).toBe(true);

    // Everything is in the shared database, seen from B's History.
    expect(await historyIds(b)).toEqual(localIds);
    const rejected = await b.client.labels.history({ search: { kind: 'any', text: 'MI-1005' } });
    expect(rejected.ok && rejected.value.items.map((l) => l.status)).toEqual(['failed']);
    const rows = await sql.query<{ id: string; document_url: string | null; document_path: string | null }>(
      'SELECT id, document_url, document_path FROM labels ORDER BY id',
    );
    expect(rows.rows.every((r) => r.document_path === null)).toBe(true);
    expect(rows.rows.find((r) => r.id === made[0]!.id)?.document_url).toContain(made[0]!.id);
    // The print log and each label's print state.
    const sharedJobs = await sql.query<{ id: string }>('SELECT id FROM print_jobs ORDER BY created_at');
    expect(sharedJobs.rows.map((r) => r.id)).toEqual(jobs.map((j) => j.id));
    const atB = await b.client.labels.get({ id: made[0]!.id });
    expect(atB.ok && atB.value.print).toMatchObject({ state: 'printed', jobId: jobs[2]!.id });
    const printedTwice = await b.services.printLog.forLabel(made[0]!.id);
    expect(printedTwice.map((j) => j.id).sort()).toEqual([jobs[0]!.id, jobs[2]!.id].sort());

    // The request in doubt is resolved in the workgroup with its own key: the simulator made no second label.
    await vi.waitFor(async () => expect(await a.client.labels.unresolved()).toEqual({ ok: true, value: [] }), { timeout: 20_000 });
    expect(sim.stats().labelsByKey['MI-1006']).toBe(1);
    const entry = await sql.query('SELECT state, label_id, leased_by FROM outbox WHERE idempotency_key = $1', ['MI-1006']);
    expect(entry.rows).toEqual([{ state: 'done', label_id: expect.any(String), leased_by: null }]);
    expect(await historyIds(b, 'MI-1006')).toHaveLength(1);

    // The outbox's past came along: B sees the order as labelled, and "another label" takes the next key.
    expect(await b.client.labels.create({ draft: labelDraft('MI-1001') })).toMatchObject({
      ok: true,
      value: { kind: 'already_labelled', labels: [{ id: made[0]!.id }] },
    });
    const another = await b.client.labels.create({ draft: labelDraft('MI-1001'), another: true });
    expect(another).toMatchObject({ ok: true, value: { kind: 'created' } });
    expect(sim.stats().labelsByKey).toMatchObject({ 'MI-1001': 1, 'MI-1001#2': 1 });

    // Progress: rising counts of labels, ending with all of them.
    const counts = progress.filter((p) => !p.message).map((p) => p.done);
    expect(counts.length).toBeGreaterThanOrEqual(3);
    expect(counts).toEqual([...counts].sort((x, y) => x - y));
    expect(progress.at(-1)).toMatchObject({ done: 5, total: 5, message: expect.stringContaining('labels: 5') });

    // Recorded as done: a restart over the same files copies nothing and starts on the shared storage.
    const moved = await sql.query('SELECT labels_copied, outbox_copied, print_jobs_copied, completed_at FROM station_move_in');
    expect(moved.rows).toEqual([{ labels_copied: 5, outbox_copied: 6, print_jobs_copied: 3, completed_at: expect.any(Date) }]);
    await a.close();
    opened.splice(opened.indexOf(a), 1);
    const { station: again, progress: againProgress } = await demoStation(startDemo, { userDataDir: a.userDataDir, secrets });
    expect(again.services.moveIn.movedIn()).toBe(true);
    await vi.waitFor(() => expect(again.services.workgroup.status().state).toBe('connected'), { timeout: 10_000 });
    expect(await again.services.moveIn.run()).toMatchObject({ state: 'done' });
    expect(againProgress).toEqual([]);
    expect((await sql.query('SELECT count(*)::int AS n FROM labels')).rows[0].n).toBe(7);
  }, 60_000);

  it('joining a second time (or two runs) copies nothing new', async () => {
    const { sim, startDemo } = await controlledDemo();
    opened.push(sim as Simulator);
    const { station: c } = await demoStation(startDemo);
    const label = labelOf(await create(c, 'MI-2001'));
    await joinWorkgroup(c, db, 'Bench C');
    const before = await sql.query('SELECT count(*)::int AS n FROM labels');
    // The operator saves the same settings again, and a second run is asked for at once.
    await joinWorkgroup(c, db, 'Bench C');
    expect(await Promise.all([c.services.moveIn.run(), c.services.moveIn.run()])).toEqual([
      expect.objectContaining({ state: 'done' }),
      expect.objectContaining({ state: 'done' }),
    ]);
    expect((await sql.query('SELECT count(*)::int AS n FROM labels')).rows[0].n).toBe(before.rows[0].n);
    const ids = await sql.query('SELECT id FROM labels WHERE id = $1', [label.id]);
    expect(ids.rows).toHaveLength(1);
  }, 30_000);
  it('two stations moving in at once, one label in both histories: every label copied once', async () => {
    const { sim, startDemo } = await controlledDemo();
    opened.push(sim as Simulator);
    const { station: d } = await demoStation(startDemo, { moveInBatchSize: 3 });
    const { station: e } = await demoStation(startDemo, { moveInBatchSize: 3 });
    const common = labelOf(await create(d, 'MI-4001'));
    const own = { d: [common.id], e: [common.id] };
    createSqliteLabelStore(e.services.database).save(common);
    for (const [name, station] of [
      ['d', d],
      ['e', e],
    ] as const) {
      const store = createSqliteLabelStore(station.services.database);
      for (let i = 0; i < 8; i++) {
        const id = `MI-${name}-${i}`;
        store.save({ ...common, id, idempotencyKey: id, customerOrderNumber: id, createdAt: common.createdAt + i + 1 });
        own[name].push(id);
      }
    }
    const before = (await sql.query('SELECT count(*)::int AS n FROM labels')).rows[0].n as number;
    await Promise.all([joinWorkgroup(d, db, 'Bench D'), joinWorkgroup(e, db, 'Bench E')]);
    expect(d.services.moveIn.movedIn() && e.services.moveIn.movedIn()).toBe(true);
    const expected = [...new Set([...own.d, ...own.e])].sort();
    expect(expected).toHaveLength(17);
    const found = await sql.query<{ id: string }>('SELECT id FROM labels WHERE id = ANY($1::text[])', [expected]);
    expect(found.rows.map((r) => r.id).sort()).toEqual(expected);
    expect((await sql.query('SELECT count(*)::int AS n FROM labels')).rows[0].n).toBe(before + 17);
    // The common label counts as new at one station only.
    const moved = await sql.query<{ labels_copied: number }>(
      "SELECT labels_copied FROM station_move_in WHERE station_name IN ('Bench D', 'Bench E') AND completed_at IS NOT NULL",
    );
    expect(moved.rows.map((r) => r.labels_copied).sort()).toEqual([8, 9]);
    expect(await historyIds(d, 'MI-e-7')).toEqual(['MI-e-7']);
  }, 30_000);
});

describe('the copy is interrupted', () => {
  let cluster: PgCluster;
  useOwnCluster((made) => (cluster = made));

  it('the server stops after the first batch: the station keeps its own history, then resumes where it stopped and ends complete, no duplicates', async () => {
    const { sim, startDemo } = await controlledDemo();
    opened.push(sim as Simulator);
    let stopped = false;
    const progress: ProgressEvent[] = [];
    const a = createTestStation({
      startDemo: startDemo as never,
      moveInBatchSize: 10,
      workgroupHealth: { everyMs: 100, firstBackoffMs: 50, maxBackoffMs: 200 },
      emit: (event: string, payload: unknown) => {
        if (event !== 'progress' || (payload as ProgressEvent).task !== MOVE_IN_TASK) return;
        const p = payload as ProgressEvent;
        progress.push(p);
        // The first batch is committed: the server goes away under the copy.
        if (!stopped && p.done > 0) {
          stopped = true;
          stopServer(cluster);
        }
      },
    });
    opened.push(a);
    expect((await a.client.env.switch({ environment: 'demo' })).ok).toBe(true);
    // A longer history: a few labels through the simulator, the rest saved in the station's own store.
    const made = [labelOf(await create(a, 'MI-3001')), labelOf(await create(a, 'MI-3002'))];
    const local = createSqliteLabelStore(a.services.database);
    for (let i = 0; i < 33; i++) {
      local.save({
        ...made[0]!,
        id: `MI-SEED-${i}`,
        idempotencyKey: `MI-S${i}`,
        customerOrderNumber: `MI-S${i}`,
        createdAt: made[0]!.createdAt + i,
      });
    }
    const localIds = local.ids({}, 1000, 1000).ids.sort();
    expect(localIds).toHaveLength(35);

    const saved = await a.client.workgroup.save({
      settings: { ...workgroupOf(cluster), stationName: 'Bench A' },
      password: passwordOf(cluster),
    });
    expect(saved.ok).toBe(true);
    expect(stopped).toBe(true);
    // Paused: told why, and the station still works on its own history (nothing lost, all found).
    expect(progress.at(-1)?.message).toMatch(/paused/);
    expect(a.services.moveIn.movedIn()).toBe(false);
    expect(await historyIds(a)).toEqual(localIds);
    const resumedFrom = progress.filter((p) => !p.message).at(-1)!.done;
    expect(resumedFrom).toBe(10);

    // The server is back: the copy goes on by itself from the last batch that committed.
    startServer(cluster);
    await vi.waitFor(() => expect(a.services.moveIn.movedIn()).toBe(true), { timeout: 30_000, interval: 100 });
    await vi.waitFor(() => expect(progress.at(-1)?.message).toMatch(/in the workgroup now/), { timeout: 10_000 });
    const afterResume = progress.slice(progress.findIndex((p) => p.message?.includes('paused')) + 1).filter((p) => !p.message);
    expect(afterResume[0]!.done).toBe(10);
    expect(afterResume.map((p) => p.done)).toEqual([10, 20, 30, 35]);

    const sql = new pg.Pool({ connectionString: cluster.url });
    try {
      const shared = await sql.query<{ id: string }>('SELECT id FROM labels ORDER BY id');
      expect(shared.rows.map((r) => r.id).sort()).toEqual(localIds);
      const moved = await sql.query('SELECT labels_copied, completed_at FROM station_move_in');
      expect(moved.rows).toEqual([{ labels_copied: 35, completed_at: expect.any(Date) }]);
    } finally {
      await sql.end();
    }
    expect(await historyIds(a)).toEqual(localIds);
  }, 90_000);
});
