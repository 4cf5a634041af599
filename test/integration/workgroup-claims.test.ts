import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setStationLanguage } from '../../electron/core/i18n';
import { migratePg } from '../../electron/core/storage/pg/migrations';
import { createOrderClaims, heldBySentence, type ClaimStation } from '../../electron/core/workgroup/claims';
import { workgroupPoolConfig } from '../../electron/core/workgroup/connection';
import { timeFormat } from '../../shared/domain/time-format';
import { passwordOf, pgFromEnv, workgroupOf } from '../support/workgroup-pg';

// Order claims (issue 18 item 4) on a real PostgreSQL: a database of this test's own in the
// server `npm test` starts; every "station" is a pool of its own, as separate stations are.
const server = pgFromEnv();
const database = `ffs_claims_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const pools: pg.Pool[] = [];

async function stationPool(max = 2): Promise<pg.Pool> {
  const pool = new pg.Pool(await workgroupPoolConfig(workgroupOf(server, { database }), passwordOf(server), { max }));
  pool.on('error', () => undefined);
  pools.push(pool);
  return pool;
}
const station = (n: number): ClaimStation => ({ id: `station-${n}`, name: `Bench ${n}` });

let admin: pg.Client;
let db: pg.Pool;
beforeAll(async () => {
  admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database} OWNER ffs`);
  db = await stationPool(4);
  const client = await db.connect();
  await migratePg(client).finally(() => client.release());
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
});

/** Makes a claim look older than it is (the server's clock decides expiry). */
const age = (order: string, minutes: number) =>
  db.query(
    `UPDATE order_claims SET renewed_at = now() - $2 * interval '1 minute', claimed_at = LEAST(claimed_at, now() - $2 * interval '1 minute') WHERE order_key = $1`,
    [order, minutes],
  );

describe('order claims (real PostgreSQL)', () => {
  it('the shared schema migration makes the table once, also from several stations at once', async () => {
    const others = await Promise.all([1, 2, 3, 4, 5].map(() => stationPool(1)));
    await Promise.all(
      others.map(async (pool) => {
        const client = await pool.connect();
        await migratePg(client).finally(() => client.release());
      }),
    );
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'order_claims'`);
    expect(rows[0].n).toBe(1);
  });

  it('concurrent claims of one order from many stations: exactly one wins, every other is told who holds it', async () => {
    const stations = await Promise.all(Array.from({ length: 16 }, () => stationPool(1)));
    const claimsOf = stations.map((pool) => createOrderClaims({ pool }));
    for (let round = 0; round < 20; round += 1) {
      const order = `#000${5000 + round}`;
      // Every station's connection is open before the race starts, so the claims really overlap.
      await Promise.all(stations.map((pool) => pool.query('SELECT 1')));
      const outcomes = await Promise.all(
        claimsOf.map((claims, n) => claims.claim({ order, station: station(n), operator: `Packer ${n}` })),
      );
      const winners = outcomes.flatMap((o, n) => (o.kind === 'claimed' ? [n] : []));
      expect(winners, `round ${round}`).toHaveLength(1);
      const winner = winners[0]!;
      for (const outcome of outcomes) {
        if (outcome.kind === 'heldBy')
          expect(outcome.holder).toMatchObject({ stationId: `station-${winner}`, operator: `Packer ${winner}` });
      }
      const { rows } = await db.query('SELECT station_id FROM order_claims WHERE order_key = $1', [String(5000 + round)]);
      expect(rows).toEqual([{ station_id: `station-${winner}` }]);
    }
  });

  it('the same order written differently is one claim; the holder claiming again renews it and keeps "since"', async () => {
    const claims = createOrderClaims({ pool: db });
    const first = await claims.claim({ order: '#0007001', station: station(1), operator: 'Aiko' });
    expect(first).toMatchObject({ kind: 'claimed', claim: { order: '#0007001', station: 'Bench 1', operator: 'Aiko' } });
    expect(await claims.claim({ order: '７００１', station: station(2), operator: 'Bo' })).toMatchObject({
      kind: 'heldBy',
      holder: { station: 'Bench 1', operator: 'Aiko' },
    });
    await age('7001', 5);
    const { rows: before } = await db.query('SELECT claimed_at FROM order_claims WHERE order_key = $1', ['7001']);
    const again = await claims.claim({ order: '7001', station: station(1), operator: 'Aiko' });
    expect(again.kind).toBe('claimed');
    expect(again.kind === 'claimed' && again.claim.since).toBe((before[0].claimed_at as Date).toISOString());
    expect(again.kind === 'claimed' && Date.parse(again.claim.renewedAt)).toBeGreaterThan(
      Date.parse(again.kind === 'claimed' ? again.claim.since : ''),
    );
  });

  it('tells the other station "being packed at <station> by <operator> since <time>", the time in the station’s zone, in its language', async () => {
    const claims = createOrderClaims({ pool: db });
    await claims.claim({ order: 'A-42', station: { id: 'bench-7', name: 'Bench 7' }, operator: 'Mika' });
    const outcome = await claims.claim({ order: 'a-42', station: station(3), operator: 'Chen' });
    expect(outcome.kind).toBe('heldBy');
    if (outcome.kind !== 'heldBy') return;
    const tokyo = timeFormat({ timeZone: 'Asia/Tokyo', locale: 'en-GB' });
    expect(heldBySentence(outcome.holder, tokyo)).toBe(
      `Order A-42 is being packed at Bench 7 by Mika since ${tokyo.dateTime(outcome.holder.since)}.`,
    );
    // The zone is the station's: 09:00 later than UTC in Tokyo.
    const utc = timeFormat({ timeZone: 'UTC', locale: 'en-GB' });
    expect(tokyo.dateTime(outcome.holder.since)).not.toBe(utc.dateTime(outcome.holder.since));
    const ja = timeFormat({ timeZone: 'Asia/Tokyo', locale: 'ja-JP' });
    setStationLanguage('ja');
    try {
      expect(heldBySentence(outcome.holder, ja)).toBe(
        `注文 A-42 は ${ja.dateTime(outcome.holder.since)} から Bench 7 で Mika さんが梱包中です。`,
      );
      setStationLanguage('zh-Hant');
      expect(heldBySentence(outcome.holder, ja)).toContain('正在 Bench 7 由 Mika 包裝中');
    } finally {
      setStationLanguage('en');
    }
  });

  it('claims expire after the TTL (15 minutes unless configured); renewing keeps a claim alive', async () => {
    const claims = createOrderClaims({ pool: db });
    await claims.claim({ order: 'EXP-1', station: station(1), operator: 'Aiko' });
    await age('exp-1', 14);
    expect(await claims.holder('EXP-1')).toMatchObject({ station: 'Bench 1' });
    expect(await claims.claim({ order: 'EXP-1', station: station(2), operator: 'Bo' })).toMatchObject({ kind: 'heldBy' });
    // A shorter TTL: the same claim is already expired.
    const short = createOrderClaims({ pool: db, ttlMs: 10 * 60_000 });
    expect(await short.holder('EXP-1')).toBeNull();
    expect((await short.list()).map((c) => c.order)).not.toContain('EXP-1');

    // The holder renews: alive again for another TTL.
    expect(await claims.renew({ order: 'EXP-1', stationId: 'station-1' })).toBe(true);
    expect(await short.holder('EXP-1')).toMatchObject({ station: 'Bench 1' });
    expect(await claims.renew({ order: 'EXP-1', stationId: 'station-2' })).toBe(false);

    // Not renewed for 16 minutes: free; another station takes it, with a new "since".
    await age('exp-1', 16);
    expect(await claims.holder('EXP-1')).toBeNull();
    expect(await claims.renew({ order: 'EXP-1', stationId: 'station-1' })).toBe(false);
    const taken = await claims.claim({ order: 'EXP-1', station: station(2), operator: 'Bo' });
    expect(taken).toMatchObject({ kind: 'claimed', claim: { station: 'Bench 2', operator: 'Bo' } });
    expect(Date.now() - Date.parse(taken.kind === 'claimed' ? taken.claim.since : '')).toBeLessThan(5 * 60_000);

    await claims.claim({ order: 'EXP-2', station: station(1), operator: 'Aiko' });
    await age('exp-2', 30);
    expect(await claims.purgeExpired()).toBeGreaterThanOrEqual(1);
    const { rows } = await db.query('SELECT 1 FROM order_claims WHERE order_key = $1', ['exp-2']);
    expect(rows).toHaveLength(0);
  });

  it('only the holder releases its claim; another station is refused; a supervisor releases anyone’s', async () => {
    const claims = createOrderClaims({ pool: db });
    await claims.claim({ order: 'REL-1', station: station(1), operator: 'Aiko' });
    await expect(claims.release({ order: 'REL-1', stationId: 'station-2' })).rejects.toMatchObject({
      code: 'claim_held_elsewhere',
      message: 'Order REL-1 is being packed at Bench 1. Only that station or a supervisor can release it.',
    });
    expect(await claims.holder('REL-1')).toMatchObject({ station: 'Bench 1' });
    expect(await claims.release({ order: 'REL-1', stationId: 'station-1' })).toEqual({ released: true });
    expect(await claims.holder('REL-1')).toBeNull();
    expect(await claims.release({ order: 'REL-1', stationId: 'station-1' })).toEqual({ released: false });
    expect(await claims.claim({ order: 'REL-1', station: station(2), operator: 'Bo' })).toMatchObject({ kind: 'claimed' });

    const freed = await claims.supervisorRelease({ order: 'rel-1' });
    expect(freed.released).toMatchObject({ order: 'REL-1', station: 'Bench 2', operator: 'Bo' });
    expect(await claims.holder('REL-1')).toBeNull();
    expect(await claims.supervisorRelease({ order: 'REL-1' })).toEqual({ released: null });
  });

  it('lists the claims in force, oldest first, without expired ones', async () => {
    await db.query('DELETE FROM order_claims');
    const claims = createOrderClaims({ pool: db });
    await claims.claim({ order: 'L-1', station: station(1), operator: 'Aiko' });
    await age('l-1', 3);
    await claims.claim({ order: 'L-2', station: station(2), operator: 'Bo' });
    await claims.claim({ order: 'L-3', station: station(3), operator: 'Chen' });
    await age('l-3', 20);
    expect((await claims.list()).map((c) => [c.order, c.station])).toEqual([
      ['L-1', 'Bench 1'],
      ['L-2', 'Bench 2'],
    ]);
  });
});
