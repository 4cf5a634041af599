import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { insertLabel } from '../../electron/core/storage/pg/label-store';
import { LIVE_CHANNEL, liveTriggerSql, migratePg } from '../../electron/core/storage/pg/migrations';
import { createOrderClaims } from '../../electron/core/workgroup/claims';
import type { EventName } from '../../shared/ipc/channels';
import type { LiveKind } from '../../shared/domain/live';
import type { CreateOutcome } from '../../shared/domain/label-draft';
import { label } from '../contract/storage.contract';
import { controlledDemo, labelDraft } from '../fixtures/label-drafts';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { useOwnCluster, useTestDatabase } from '../support/test-database';
import { createTestStation, type TestStationOptions } from '../support/test-station';
import { joinWorkgroup } from '../support/workgroup-station';
import { startServer, stopServer, type PgCluster } from '../support/workgroup-pg';

// Issue 18 item 6: stations in a workgroup hear of each other's new labels, claims and imports
// within a second, through LISTEN/NOTIFY on a real PostgreSQL (never a mock).

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of opened.splice(0).reverse()) await x.close().catch(() => undefined);
});

/** The live:changed events a station emitted, each with when it came (ms, performance.now). */
interface Heard {
  kind: LiveKind;
  at: number;
}

/** A Demo station that records its live:changed events. */
async function liveStation(startDemo: unknown, options: TestStationOptions = {}) {
  const heard: Heard[] = [];
  const station = createTestStation({
    startDemo: startDemo as never,
    ...options,
    emit: (event: EventName, payload: unknown) => {
      if (event === 'live:changed') heard.push({ kind: (payload as { kind: LiveKind }).kind, at: performance.now() });
    },
  });
  opened.push(station);
  expect((await station.client.env.switch({ environment: 'demo' })).ok).toBe(true);
  return { station, heard };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Waits until `ok()` holds, up to `ms`; false if it never did. */
async function until(ok: () => boolean, ms = 2_000): Promise<boolean> {
  const end = performance.now() + ms;
  while (!ok()) {
    if (performance.now() > end) return false;
    await sleep(10);
  }
  return true;
}
/** The first event of this kind heard at or after `since`, waited for up to 1 s from `since`. */
async function heardWithinASecond(heard: Heard[], kind: LiveKind, since: number): Promise<number> {
  await until(() => heard.some((h) => h.kind === kind && h.at >= since), 1_000 - (performance.now() - since));
  const first = heard.find((h) => h.kind === kind && h.at >= since);
  expect(first, `a live:changed ${kind} event within 1 s`).toBeDefined();
  return first!.at - since;
}

/** The station's LISTEN connections the server has (by its application name, "<station> (live)"). */
async function listeners(sql: pg.Pool, stationName: string): Promise<number> {
  const { rows } = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1`,
    [`${stationName} (live)`],
  );
  return rows[0]!.n;
}

describe('live updates between two stations on one workgroup database', () => {
  let db: TestDatabase;
  let sql: pg.Pool;
  useTestDatabase((made) => ({ db, sql } = made));

  it('a label made at A and a claim taken at A reach B within a second; a renewal or a tracking check that found nothing new does not', async () => {
    const { sim, startDemo } = await controlledDemo();
    opened.push(sim);
    const a = await liveStation(startDemo);
    const b = await liveStation(startDemo);
    await joinWorkgroup(a.station, db, 'Bench A');
    await joinWorkgroup(b.station, db, 'Bench B');
    expect(await until(() => a.station.services.live.listening() && b.station.services.live.listening())).toBe(true);
    expect(await listeners(sql, 'Bench B')).toBe(1);

    let since = performance.now();
    const made = await a.station.client.labels.create({ draft: labelDraft('LIVE-1001') });
    expect(made).toMatchObject({ ok: true, value: { kind: 'created' } });
    const madeId = (made as { value: Extract<CreateOutcome, { kind: 'created' }> }).value.label.id;
    expect(await heardWithinASecond(b.heard, 'labels', since)).toBeLessThan(1_000);
    // B's History finds it when it reads again.
    const found = await b.station.client.labels.history({ search: { kind: 'any', text: 'LIVE-1001' } });
    expect(found.ok && found.value.items.map((l) => l.id)).toEqual([madeId]);

    // A claim at A (station mode's claims on A's shared pool), and its release.
    const claims = createOrderClaims({ pool: await a.station.services.shared.pool() });
    const bench = a.station.services.workgroup.station()!;
    since = performance.now();
    expect(await claims.claim({ order: 'LIVE-2001', station: bench, operator: 'Aiko' })).toMatchObject({ kind: 'claimed' });
    expect(await heardWithinASecond(b.heard, 'claims', since)).toBeLessThan(1_000);

    // A renewal and a tracking check that changed nothing are not news.
    await sleep(300);
    since = performance.now();
    expect(await claims.renew({ order: 'LIVE-2001', stationId: bench.id })).toBe(true);
    await sql.query('UPDATE labels SET tracking_updated_at = coalesce(tracking_updated_at, 0) + 1 WHERE id = $1', [madeId]);
    await sleep(500);
    expect(b.heard.filter((h) => h.at >= since)).toEqual([]);

    since = performance.now();
    expect(await claims.release({ order: 'LIVE-2001', stationId: bench.id })).toEqual({ released: true });
    expect(await heardWithinASecond(b.heard, 'claims', since)).toBeLessThan(1_000);

    // A change of tracking seen at another station is news for History.
    since = performance.now();
    await sql.query(`UPDATE labels SET tracking_tag = 'InTransit', tracking_message = 'Departed' WHERE id = $1`, [madeId]);
    expect(await heardWithinASecond(b.heard, 'labels', since)).toBeLessThan(1_000);
  });

  it('a burst of 300 labels written one by one is a few events, and 500 in one transaction one', async () => {
    const { sim, startDemo } = await controlledDemo();
    opened.push(sim);
    const b = await liveStation(startDemo);
    await joinWorkgroup(b.station, db, 'Bench B');
    expect(await until(() => b.station.services.live.listening())).toBe(true);

    // Another station's labels, one statement (and transaction) each.
    const since = performance.now();
    for (let i = 0; i < 300; i += 1) await insertLabel(sql, label(), false);
    const wrote = performance.now() - since;
    await sleep(400);
    const events = b.heard.filter((h) => h.at >= since);
    expect(events.every((h) => h.kind === 'labels')).toBe(true);
    // At most one event per 150 ms window while the burst lasts, and the first within a second.
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.length).toBeLessThanOrEqual(Math.ceil(wrote / 150) + 2);
    expect(events.length).toBeLessThan(30);
    expect(events[0]!.at - since).toBeLessThan(1_000);

    const batchSince = performance.now();
    const client = await sql.connect();
    try {
      await client.query('BEGIN');
      for (let i = 0; i < 500; i += 1) await insertLabel(client, label(), false);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    await sleep(400);
    expect(b.heard.filter((h) => h.at >= batchSince).map((h) => h.kind)).toEqual(['labels']);
  });

  it('a station that leaves the workgroup stops listening: no connection left, no more events', async () => {
    const { sim, startDemo } = await controlledDemo();
    opened.push(sim);
    const a = await liveStation(startDemo);
    const b = await liveStation(startDemo);
    await joinWorkgroup(a.station, db, 'Bench A');
    await joinWorkgroup(b.station, db, 'Bench Leaving');
    expect(await until(() => b.station.services.live.listening())).toBe(true);
    expect(await listeners(sql, 'Bench Leaving')).toBe(1);

    expect((await b.station.client.workgroup.leave()).ok).toBe(true);
    expect(b.station.services.live.listening()).toBe(false);
    await sleep(200);
    expect(await listeners(sql, 'Bench Leaving')).toBe(0);

    const since = performance.now();
    expect(await a.station.client.labels.create({ draft: labelDraft('LIVE-3001') })).toMatchObject({
      ok: true,
      value: { kind: 'created' },
    });
    await sleep(600);
    expect(b.heard.filter((h) => h.at >= since)).toEqual([]);
    // A still hears its own.
    expect(a.heard.filter((h) => h.at >= since).map((h) => h.kind)).toContain('labels');
  });

  it('the shared imports (PostgreSQL step 6) notify kind "imports", and a later shared table attaches with liveTriggerSql', async () => {
    const other = await createTestDatabase();
    const pool = new pg.Pool(other.connection);
    const listener = new pg.Client({ connectionString: other.url });
    try {
      const client = await pool.connect();
      try {
        await migratePg(client);
        // A later step making another shared table attaches it the same way.
        await client.query('CREATE TABLE import_rows (id text PRIMARY KEY)');
        await client.query(liveTriggerSql('import_rows', 'imports'));
      } finally {
        client.release();
      }
      const payloads: string[] = [];
      await listener.connect();
      listener.on('notification', (m) => m.channel === LIVE_CHANNEL && payloads.push(m.payload ?? ''));
      await listener.query(`LISTEN ${LIVE_CHANNEL}`);
      await pool.query(
        `INSERT INTO imports (id, file_name, encoding, created_at, headers, cells, offsets, row_numbers, mapping, options)
         VALUES ('i1', 'orders.csv', 'utf-8', 1, '[]', '', '', '', '{}', '{}'), ('i2', 'more.csv', 'utf-8', 2, '[]', '', '', '', '{}', '{}')`,
      );
      await pool.query(`INSERT INTO import_rows VALUES ('r1')`);
      await pool.query(`DELETE FROM imports WHERE id = 'i1'`);
      expect(await until(() => payloads.length >= 3)).toBe(true);
      // One per transaction (identical notifications of one transaction are folded), small JSON.
      expect(payloads).toEqual(['{"kind" : "imports"}', '{"kind" : "imports"}', '{"kind" : "imports"}']);
    } finally {
      await listener.end().catch(() => undefined);
      await pool.end();
      await other.drop();
    }
  });
});

describe('live updates across a PostgreSQL restart', () => {
  let cluster: PgCluster;
  useOwnCluster((made) => (cluster = made));

  it('B listens again by itself once the server is back, reads everything again once, and hears A’s next label and claim', async () => {
    const { sim, startDemo } = await controlledDemo();
    opened.push(sim);
    const options: TestStationOptions = {
      workgroupHealth: { everyMs: 200, firstBackoffMs: 100, maxBackoffMs: 400 },
      workgroupLive: { firstBackoffMs: 100, maxBackoffMs: 400 },
    };
    const a = await liveStation(startDemo, options);
    const b = await liveStation(startDemo, options);
    await joinWorkgroup(a.station, cluster, 'Bench A');
    await joinWorkgroup(b.station, cluster, 'Bench B');
    expect(await until(() => b.station.services.live.listening())).toBe(true);

    stopServer(cluster);
    expect(await until(() => !b.station.services.live.listening())).toBe(true);
    startServer(cluster);
    const back = performance.now();
    expect(await until(() => b.station.services.live.listening(), 10_000)).toBe(true);
    // What changed while it was away was not heard: every kind is read again, once.
    await sleep(400);
    expect(
      b.heard
        .filter((h) => h.at >= back)
        .map((h) => h.kind)
        .sort(),
    ).toEqual(['claims', 'imports', 'labels', 'lists', 'operators']);

    let since = performance.now();
    // The first write after the restart may meet a connection the restart cut (a failed write, retried by the operator).
    let made = await a.station.client.labels.create({ draft: labelDraft('LIVE-4001') });
    if (!made.ok) made = await a.station.client.labels.create({ draft: labelDraft('LIVE-4001') });
    expect(made).toMatchObject({ ok: true, value: { kind: 'created' } });
    expect(await heardWithinASecond(b.heard, 'labels', since)).toBeLessThan(1_000);

    since = performance.now();
    const claims = createOrderClaims({ pool: await a.station.services.shared.pool() });
    expect(await claims.claim({ order: 'LIVE-4002', station: a.station.services.workgroup.station()!, operator: 'Aiko' })).toMatchObject({
      kind: 'claimed',
    });
    expect(await heardWithinASecond(b.heard, 'claims', since)).toBeLessThan(1_000);
  }, 60_000);
});
