import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../electron/core/storage';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { emptyTables, testPool } from './pg-support';

// Outbox leases in PostgreSQL: a request is sent or resolved by one station at a time; one
// that died mid-request is taken over after its lease (electron/core/storage/pg/outbox.ts).
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});
const open: Storage[] = [];
afterEach(async () => {
  for (const storage of open.splice(0)) await storage.close();
});
const LEASE = 60_000;
const station = async (name: string) => {
  const storage = await openStorage({ kind: 'postgres', connection: database.connection, station: name, leaseMs: LEASE });
  open.push(storage);
  return storage;
};
const fresh = async () => {
  const pool = testPool(database.connection);
  await emptyTables(pool);
  await pool.end();
};
const request = (key: string) => ({
  idempotencyKey: key,
  environment: 'production' as const,
  accountId: null,
  orderNumber: key,
  body: '{}',
});

describe('outbox leases (PostgreSQL)', () => {
  it('a new request is leased to the station that wrote it: another cannot claim it until the lease runs out', async () => {
    const [a, b] = [await station('bench-a'), await station('bench-b')];
    await fresh();
    await a.outbox.add(request('SO-1'), 1_000);
    expect(await b.outbox.claim('SO-1', 2_000)).toBeNull();
    expect(await b.outbox.claimUnresolved(10, 2_000)).toEqual([]);
    expect(await a.outbox.claim('SO-1', 2_000)).toMatchObject({ idempotencyKey: 'SO-1' });
    // bench-a dies mid-request: after its lease, bench-b takes the request over with the same key.
    expect(await b.outbox.claim('SO-1', 2_000 + LEASE + 1)).toMatchObject({ idempotencyKey: 'SO-1', state: 'pending' });
    expect(await a.outbox.claim('SO-1', 2_000 + LEASE + 2)).toBeNull();
    const done = await b.outbox.recordAttempt('SO-1', { state: 'done', labelId: 'L1' }, 2_000 + LEASE + 3);
    expect(done).toMatchObject({ idempotencyKey: 'SO-1', state: 'done', attempts: 1 });
  });

  it('recording an attempt or releasing gives the lease back', async () => {
    const [a, b] = [await station('bench-a'), await station('bench-b')];
    await fresh();
    await a.outbox.add(request('SO-2'), 1_000);
    await a.outbox.recordAttempt('SO-2', { state: 'in_doubt', lastError: 'timeout' }, 2_000);
    expect(await b.outbox.claim('SO-2', 3_000)).toMatchObject({ state: 'in_doubt' });
    expect(await a.outbox.claim('SO-2', 3_000)).toBeNull();
    await b.outbox.release('SO-2');
    expect(await a.outbox.claim('SO-2', 3_000)).toMatchObject({ state: 'in_doubt' });
  });

  it('two stations racing for one in-doubt request: exactly one wins, every time', async () => {
    const [a, b] = [await station('bench-a'), await station('bench-b')];
    await fresh();
    for (let i = 0; i < 40; i++) {
      const key = `RACE-${i}`;
      await a.outbox.add(request(key), 1_000);
      await a.outbox.recordAttempt(key, { state: 'in_doubt' }, 1_000);
      const won = await Promise.all([a.outbox.claim(key, 2_000), b.outbox.claim(key, 2_000)]);
      expect(won.filter(Boolean)).toHaveLength(1);
    }
  });

  it('two stations resolving at start take disjoint entries, all of them between them', async () => {
    const [a, b] = [await station('bench-a'), await station('bench-b')];
    await fresh();
    const keys = Array.from({ length: 30 }, (_, i) => `START-${String(i).padStart(2, '0')}`);
    for (const key of keys) {
      await a.outbox.add(request(key), 1_000);
      await a.outbox.recordAttempt(key, { state: 'in_doubt' }, 1_000);
    }
    const [byA, byB] = await Promise.all([a.outbox.claimUnresolved(20, 2_000), b.outbox.claimUnresolved(20, 2_000)]);
    const taken = [...byA, ...byB].map((e) => e.idempotencyKey);
    expect(new Set(taken).size).toBe(taken.length);
    expect(taken.sort()).toEqual(keys);
  });

  it('an entry another station is claiming right now is skipped, not waited for', async () => {
    // lock_timeout: a claim that waited for the locked row would fail instead of hanging.
    const a = await station('bench-a');
    const b = await openStorage({
      kind: 'postgres',
      connection: { ...database.connection, options: '-c lock_timeout=3000' },
      station: 'bench-b',
      leaseMs: LEASE,
    });
    open.push(b);
    await fresh();
    for (const key of ['LOCK-1', 'LOCK-2']) {
      await a.outbox.add(request(key), 1_000);
      await a.outbox.recordAttempt(key, { state: 'in_doubt' }, 1_000);
    }
    const pool = testPool(database.connection);
    const holder = await pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query("SELECT 1 FROM outbox WHERE idempotency_key = 'LOCK-1' FOR UPDATE");
      expect((await b.outbox.claimUnresolved(10, 2_000)).map((e) => e.idempotencyKey)).toEqual(['LOCK-2']);
      await holder.query('ROLLBACK');
    } finally {
      holder.release();
      await pool.end();
    }
  });
});
