import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openStorage } from '../../electron/core/storage';
import { migratePg, PG_MIGRATIONS, pgSchemaVersion, type PgMigration } from '../../electron/core/storage/pg/migrations';
import { createPool } from '../../electron/core/storage/pg/pool';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { rejectionCode } from './storage.contract';

// Schema migrations of the shared PostgreSQL database: versioned like SQLite's, run at
// connect, one station at a time (electron/core/storage/pg/migrations.ts).
const made: TestDatabase[] = [];
const fresh = async () => {
  const database = await createTestDatabase();
  made.push(database);
  return database;
};
const pools: ReturnType<typeof createPool>[] = [];
const poolOn = (database: TestDatabase) => {
  const pool = createPool(database.connection);
  pools.push(pool);
  return pool;
};
afterEach(async () => {
  for (const pool of pools.splice(0)) await pool.end();
});
afterAll(async () => {
  for (const database of made) await database.drop();
});

const LATEST = Math.max(...PG_MIGRATIONS.map((m) => m.version));

describe('PostgreSQL schema migrations', () => {
  it('a first connect creates the schema and records each version; the next connect applies nothing', async () => {
    const database = await fresh();
    const storage = await openStorage({ kind: 'postgres', connection: database.connection, station: 'bench-1' });
    await storage.close();
    const pool = poolOn(database);
    const versions = await pool.query<{ version: number; name: string }>(
      'SELECT version, name FROM ffs_schema_migrations ORDER BY version',
    );
    expect(versions.rows).toEqual(PG_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    const client = await pool.connect();
    try {
      expect(await pgSchemaVersion(client)).toBe(LATEST);
      expect(await migratePg(client)).toEqual([]);
    } finally {
      client.release();
    }
    // The trigram extension is there and serves the substring indexes.
    const indexes = await pool.query<{ indexname: string }>(
      "SELECT indexname FROM pg_indexes WHERE tablename = 'labels' AND indexdef LIKE '%gin_trgm_ops%'",
    );
    expect(indexes.rows.map((r) => r.indexname).sort()).toEqual(['labels_recipient_trgm', 'labels_tracking_trgm']);
    // Name searches are planned on finer statistics than the default 100 (migration 10).
    const target = await pool.query<{ attstattarget: number }>(
      "SELECT attstattarget FROM pg_attribute WHERE attrelid = 'labels'::regclass AND attname = 'recipient_key'",
    );
    expect(target.rows[0]?.attstattarget).toBe(1000);
  });

  it('two stations connecting at once: one migrates, the other waits and finds it done', async () => {
    const database = await fresh();
    let runs = 0;
    // A slow step, so that the two connects overlap while it runs.
    const slow: PgMigration[] = [
      {
        version: 1,
        name: 'slow step',
        async up(client) {
          runs += 1;
          await client.query('SELECT pg_sleep(0.3)');
          await client.query('CREATE TABLE slow_step (n integer)');
        },
      },
    ];
    const pool = poolOn(database);
    const [a, b] = [await pool.connect(), await pool.connect()];
    try {
      const applied = await Promise.all([migratePg(a, slow), migratePg(b, slow)]);
      expect(runs).toBe(1);
      expect(applied.flat()).toEqual([1]);
      expect(await pgSchemaVersion(a)).toBe(1);
    } finally {
      a.release();
      b.release();
    }
  });

  it('a failed step leaves the version before it, and is tried again at the next connect', async () => {
    const database = await fresh();
    const pool = poolOn(database);
    const client = await pool.connect();
    try {
      const steps = (fail: boolean): PgMigration[] => [
        { version: 1, name: 'one', up: async (c) => void (await c.query('CREATE TABLE one (n integer)')) },
        {
          version: 2,
          name: 'two',
          async up(c) {
            await c.query('CREATE TABLE two (n integer)');
            if (fail) await c.query('SELECT no_such_function()');
          },
        },
      ];
      await expect(migratePg(client, steps(true))).rejects.toThrow(/no_such_function/);
      expect(await pgSchemaVersion(client)).toBe(1);
      expect((await client.query("SELECT to_regclass('two') AS t")).rows[0].t).toBeNull();
      expect(await migratePg(client, steps(false))).toEqual([2]);
    } finally {
      client.release();
    }
  });

  it('a database of a newer station is refused and left as it is', async () => {
    const database = await fresh();
    const storage = await openStorage({ kind: 'postgres', connection: database.connection, station: 'bench-1' });
    await storage.close();
    const pool = poolOn(database);
    await pool.query("INSERT INTO ffs_schema_migrations (version, name) VALUES ($1, 'from the future')", [LATEST + 1]);
    expect(await rejectionCode(openStorage({ kind: 'postgres', connection: database.connection, station: 'bench-2' }))).toBe(
      'database_too_new',
    );
    expect((await pool.query('SELECT count(*) AS n FROM ffs_schema_migrations')).rows[0].n).toBe(PG_MIGRATIONS.length + 1);
  });

  it('a server that cannot be reached is a storage failure the operator can read', async () => {
    const unreachable = { host: '127.0.0.1', port: 1, user: 'ffs', database: 'ffs', connectionTimeoutMillis: 2_000 };
    await expect(openStorage({ kind: 'postgres', connection: unreachable, station: 'bench-1' })).rejects.toMatchObject({
      code: 'database_unavailable',
      message: expect.stringContaining("The workgroup's database server cannot be reached"),
    });
  });
});
