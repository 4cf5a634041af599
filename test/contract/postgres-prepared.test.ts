import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { openStorage } from '../../electron/core/storage';
import { createPgLabelStore } from '../../electron/core/storage/pg/label-store';
import { createPgOutbox } from '../../electron/core/storage/pg/outbox';
import { createPool, named } from '../../electron/core/storage/pg/pool';
import { createOrderClaims } from '../../electron/core/workgroup/claims';
import { createTestDatabase, type TestDatabase } from '../support/postgres';

// A scan's statements of fixed text are named prepared statements (electron/core/storage/pg/pool.ts,
// `named`; docs/architecture.md, "Storage backends"): parsed once per connection.
let database: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  database = await createTestDatabase();
  // Opening the storage migrates the schema.
  await (await openStorage({ kind: 'postgres', connection: database.connection, station: 'bench-a', leaseMs: 60_000 })).close();
  // One connection, so pg_prepared_statements (one per session) shows what this pool's statements left there.
  pool = createPool({ ...database.connection, max: 1 });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

const prepared = async () =>
  (await pool.query<{ name: string; statement: string }>("SELECT name, statement FROM pg_prepared_statements WHERE name LIKE 'ffs\\_%'"))
    .rows;

describe('named statements (PostgreSQL)', () => {
  it('one text has one name, another text another; the name is the same on every call', () => {
    const a = named('SELECT $1::int AS n', [1]);
    expect(a).toEqual({ name: expect.stringMatching(/^ffs_[0-9a-f]{32}$/), text: 'SELECT $1::int AS n', values: [1] });
    expect(named('SELECT $1::int AS n', [2]).name).toBe(a.name);
    expect(named('SELECT $1::int AS m', [1]).name).not.toBe(a.name);
  });

  it("a scan's outbox, history and claim statements are prepared once on the connection and used again", async () => {
    const outbox = createPgOutbox(pool, { station: 'bench-a', leaseMs: 60_000 });
    const labels = createPgLabelStore(pool);
    const claims = createOrderClaims({ pool });
    const station = { id: 'station-a', name: 'Bench A' };
    const scan = async (order: string) => {
      expect(await claims.claim({ order, station, operator: 'Aiko' })).toMatchObject({ kind: 'claimed' });
      await outbox.add({ idempotencyKey: order, environment: 'demo', accountId: null, orderNumber: order, body: '{}' });
      expect(await outbox.get(order)).toMatchObject({ idempotencyKey: order, state: 'pending' });
      expect(await labels.forOrder('demo', order)).toEqual([]);
      expect(await claims.release({ order, stationId: station.id })).toEqual({ released: true });
    };
    await scan('PREP-1');
    const first = await prepared();
    const texts = first.map((p) => p.statement).join('\n');
    expect(texts).toContain('INSERT INTO order_claims');
    expect(texts).toContain('INSERT INTO outbox');
    expect(texts).toContain('FROM outbox WHERE idempotency_key = $1');
    expect(texts).toContain('customer_order_nocase = $2');
    expect(texts).toContain('DELETE FROM order_claims');
    // The next scans reuse them: no statement is prepared twice, none is added.
    for (let i = 2; i <= 6; i += 1) await scan(`PREP-${i}`);
    expect((await prepared()).map((p) => p.name).sort()).toEqual(first.map((p) => p.name).sort());
  });

  it('past 200 texts a statement goes unnamed (text that varies cannot fill the server with prepared statements)', () => {
    for (let i = 0; i < 200; i += 1) named(`SELECT ${i} AS filler`, []);
    expect(named('SELECT 1 AS past_the_cap', [])).toEqual({ text: 'SELECT 1 AS past_the_cap', values: [] });
    // A text named before still has its name.
    expect(named('SELECT $1::int AS n', [1]).name).toMatch(/^ffs_/);
  });
});
