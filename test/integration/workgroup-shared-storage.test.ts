import { existsSync } from 'node:fs';
import type pg from 'pg';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { serializeCreateLabel } from '../../electron/core/api';
import { t } from '../../electron/core/i18n';
import type { Simulator } from '../../electron/simulator';
import type { CreateOutcome } from '../../shared/domain/label-draft';
import type { WorkgroupStatus } from '../../shared/domain/workgroup';
import { controlledDemo, labelDraft } from '../fixtures/label-drafts';
import type { TestDatabase } from '../support/postgres';
import { useOwnCluster, useTestDatabase } from '../support/test-database';
import { createTestStation } from '../support/test-station';
import { joinWorkgroup } from '../support/workgroup-station';
import { passwordOf, startServer, stopServer, workgroupOf, type PgCluster } from '../support/workgroup-pg';

// Issue 18 items 3 and 7: stations in a workgroup keep their label history, outbox and print
// log in the shared PostgreSQL (a real server, never a mock), each with its own documents.

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of opened.splice(0).reverse()) await x.close().catch(() => undefined);
});

const created = (r: { ok: boolean; value?: CreateOutcome; error?: unknown }) => {
  expect(r).toMatchObject({ ok: true, value: { kind: 'created' } });
  return r.value as Extract<CreateOutcome, { kind: 'created' }>;
};
const posts = (sim: Simulator) => sim.stats().requests.filter((r) => r.method === 'POST' && r.path === '/labels').length;
const documentGets = (sim: Simulator, id: string) =>
  sim.stats().requests.filter((r) => r.method === 'GET' && r.path.startsWith(`/documents/${id}`)).length;

/** A station in Demo mode on the test's simulator (the stations share it, as they share the real API). */
async function demoStation(
  startDemo: () => Promise<{ url: string; token: string; accounts: never[]; close(): Promise<void> }>,
  extra = {},
) {
  const station = createTestStation({ startDemo: startDemo as never, ...extra });
  opened.push(station);
  expect((await station.client.env.switch({ environment: 'demo' })).ok).toBe(true);
  return station;
}

describe('two stations on one shared database', () => {
  let db: TestDatabase;
  let sql: pg.Pool;
  useTestDatabase((made) => ({ db, sql } = made));

  it('a label made at A is found, tracked, on the hand-over sheet and reprinted at B (its document downloaded once, into B’s own cache)', async () => {
    const { sim, startDemo } = await controlledDemo();
    opened.push(sim);
    const a = await demoStation(startDemo as never);
    const b = await demoStation(startDemo as never);
    await joinWorkgroup(a, db, 'Bench A');
    await joinWorkgroup(b, db, 'Bench B');

    const { label } = created(await a.client.labels.create({ draft: labelDraft('WG-1001') }));
    const aFile = (await a.services.labelStore.documentPath(label.id))!;
    expect(aFile.startsWith(a.userDataDir)).toBe(true);
    // The label answered is the label the shared history holds, field for field.
    expect(label).toEqual(await a.services.labelStore.get(label.id));

    // Found at B: History, by order number, and the shared outbox knows the order is labelled.
    const found = await b.client.labels.history({ search: { kind: 'any', text: 'WG-1001' } });
    expect(found.ok && found.value.items.map((l) => l.id)).toEqual([label.id]);
    expect(found.ok && found.value.items[0]!.documentStored).toBe(false);
    expect(await b.client.labels.create({ draft: labelDraft('WG-1001') })).toMatchObject({
      ok: true,
      value: { kind: 'already_labelled', labels: [{ id: label.id }] },
    });

    // The hand-over sheet's parcels come from the shared history: B lists A's parcel (before B holds any copy of it).
    const day = new Date(label.createdAt).toISOString().slice(0, 10);
    const couriers = await b.client.handover.couriers({ day });
    expect(couriers.ok && couriers.value).toEqual([{ courier: label.courier, parcels: 1, totalKg: expect.any(Number) }]);

    // Reprinted at B: the document is downloaded on the first reprint, then read from B's cache.
    const before = documentGets(sim, label.id);
    const first = await b.client.labels.document({ id: label.id });
    expect(first.ok && first.value.format).toBe('pdf');
    expect(documentGets(sim, label.id)).toBe(before + 1);
    const bFile = (await b.services.labelStore.documentPath(label.id))!;
    expect(bFile.startsWith(b.userDataDir)).toBe(true);
    await b.services.documents.flush();
    expect(existsSync(bFile)).toBe(true);
    await b.client.labels.document({ id: label.id });
    expect(documentGets(sim, label.id)).toBe(before + 1);
    // Each station's cache is its own: B's download did not move A's document, and the shared row keeps no path.
    expect(await a.services.labelStore.documentPath(label.id)).toBe(aFile);
    const row = await sql.query('SELECT document_path, document_url FROM labels WHERE id = $1', [label.id]);
    expect(row.rows).toEqual([{ document_path: null, document_url: expect.stringContaining(label.id) }]);

    // Tracked at B, and the tracking seen there is in the shared history A reads.
    const tracking = await b.client.tracking.get({ id: label.id });
    expect(tracking.ok).toBe(true);
    const atA = await a.client.labels.get({ id: label.id });
    expect(atA.ok && atA.value.trackingTag).toBe(tracking.ok ? tracking.value.tag : 'none');

    expect(posts(sim)).toBe(1);
    expect(sim.stats().labelsByKey).toEqual({ 'WG-1001': 1 });
  });

  it('a request a dead station left in doubt is left to its lease, then resolved by the other station with the same key: one label', async () => {
    const { sim, startDemo } = await controlledDemo();
    opened.push(sim);
    const a = await demoStation(startDemo as never);
    const b = await demoStation(startDemo as never);
    await joinWorkgroup(a, db, 'Bench A');
    await joinWorkgroup(b, db, 'Bench B');

    // Station A writes its request to the shared outbox and sends it; the API buys the label,
    // and A dies before it hears the answer (its lease stays on the entry).
    const key = 'WG-DEAD-1';
    const serialized = serializeCreateLabel({ ...labelDraft(key), idempotencyKey: key });
    if (!serialized.ok) throw new Error(serialized.error.message);
    const body = serialized.value.body;
    await a.services.outbox.add({ idempotencyKey: key, environment: 'demo', accountId: null, orderNumber: key, body });
    const client = await a.services.connections.client('demo');
    const bought = await client.createLabel({ idempotencyKey: key, body });
    expect(bought.ok).toBe(true);
    const labelId = bought.ok ? bought.value.id : '';
    await a.close();
    opened.splice(opened.indexOf(a), 1);

    // While A's lease lasts, B leaves the entry alone: not resolved at B's start-up run, and a
    // resolve by hand is told another station holds it. Nothing is sent.
    expect(await b.services.labelService.resolveUnresolved()).toEqual({ resolved: 0, stillInDoubt: 0 });
    expect(await b.client.labels.resolve({ idempotencyKey: key })).toMatchObject({ ok: false, error: { code: 'request_leased' } });
    expect(await b.client.labels.create({ draft: labelDraft(key) })).toMatchObject({ ok: false, error: { code: 'request_leased' } });
    expect(sim.stats().attemptsByKey[key]).toBe(1);

    // A's lease runs out (the server's row as five minutes later): B resolves the request with its key.
    await sql.query('UPDATE outbox SET lease_until = 0 WHERE idempotency_key = $1', [key]);
    expect(await b.services.labelService.resolveUnresolved()).toEqual({ resolved: 1, stillInDoubt: 0 });
    expect(sim.stats().attemptsByKey[key]).toBe(2);
    expect(sim.stats().labelsByKey[key]).toBe(1);
    const entry = await sql.query('SELECT state, label_id, leased_by FROM outbox WHERE idempotency_key = $1', [key]);
    expect(entry.rows).toEqual([{ state: 'done', label_id: labelId, leased_by: null }]);
    const history = await b.client.labels.history({ search: { kind: 'any', text: key } });
    expect(history.ok && history.value.items.map((l) => l.id)).toEqual([labelId]);
  });
});

describe('the shared database goes away and comes back', () => {
  let cluster: PgCluster;
  useOwnCluster((made) => (cluster = made));

  it('server down: create refused with nothing sent, cached reprint works, banner unreachable; back up: works again and the request in doubt is resolved', async () => {
    const { sim, startDemo } = await controlledDemo();
    opened.push(sim);
    const statuses: WorkgroupStatus[] = [];
    const a = await demoStation(startDemo as never, {
      workgroupHealth: { everyMs: 100, firstBackoffMs: 50, maxBackoffMs: 200 },
      emit: (event: string, payload: unknown) => {
        if (event === 'workgroup:changed') statuses.push(payload as WorkgroupStatus);
      },
    });
    const saved = await a.client.workgroup.save({
      settings: { ...workgroupOf(cluster), stationName: 'Bench A' },
      password: passwordOf(cluster),
    });
    expect(saved.ok).toBe(true);
    await vi.waitFor(() => expect(a.services.workgroup.status().state).toBe('connected'), { timeout: 20_000 });

    const { label } = created(await a.client.labels.create({ draft: labelDraft('WG-2001') }));
    // A request the API answers only with 500s: in doubt in the shared outbox when the server goes down.
    sim.setFaults({ error500: 1 });
    const doubt = await a.client.labels.create({ draft: labelDraft('WG-2002') });
    expect(doubt).toMatchObject({ ok: true, value: { kind: 'in_doubt', idempotencyKey: 'WG-2002' } });
    sim.setFaults({});

    stopServer(cluster);
    const postsBefore = posts(sim);
    const refused = await a.client.labels.create({ draft: labelDraft('WG-2003') });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'database_unavailable', message: t('workgroup:shared.createRefused') },
    });
    // Without an order number too (its duplicate check reads the shared history first).
    const { order: _order, ...noOrder } = labelDraft('x');
    expect(await a.client.labels.create({ draft: noOrder as never })).toMatchObject({ ok: false, error: { code: 'database_unavailable' } });
    expect(posts(sim)).toBe(postsBefore);
    expect(sim.stats().labelsByKey['WG-2003']).toBeUndefined();

    // The label this station made reprints from its cache; History cannot be read and says why.
    const cached = await a.client.labels.document({ id: label.id });
    expect(cached.ok && cached.value.format).toBe('pdf');
    expect(await a.client.labels.history({})).toMatchObject({ ok: false, error: { code: 'database_unavailable' } });
    expect(a.services.workgroup.status().state).toBe('unreachable');

    startServer(cluster);
    // By itself: the banner clears and the request in doubt before the restart is resolved with its key.
    await vi.waitFor(
      async () => {
        expect(a.services.workgroup.status().state).toBe('connected');
        expect(await a.client.labels.unresolved()).toEqual({ ok: true, value: [] });
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(sim.stats().labelsByKey['WG-2002']).toBe(1);
    const resolved = await a.client.labels.history({ search: { kind: 'any', text: 'WG-2002' } });
    expect(resolved.ok && resolved.value.items).toHaveLength(1);
    // And new labels are made again, on the same (reconnected) pool.
    created(await a.client.labels.create({ draft: labelDraft('WG-2003') }));
    expect(sim.stats().labelsByKey).toEqual({ 'WG-2001': 1, 'WG-2002': 1, 'WG-2003': 1 });
    expect(statuses.map((s) => s.state).filter((s, i, all) => s !== all[i - 1])).toEqual([
      'connecting',
      'connected',
      'unreachable',
      'connected',
    ]);
  }, 90_000);
});
