import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { StationError } from '../../electron/core/errors';
import { silentLogger } from '../../electron/core/logger';
import { PG_MIGRATIONS } from '../../electron/core/storage/pg/migrations';
import { createSharedDatabase } from '../../electron/core/workgroup/shared-database';
import { closedPort } from '../support/closed-port';
import { createTestDatabase, type TestDatabase } from '../support/postgres';

// The station's one pool of the workgroup database (electron/core/workgroup/shared-database.ts),
// against a real PostgreSQL: opened on first use with the schema migrated, a server that cannot
// be reached reported and tried again on the next use, and a reset (join, leave) closing it.
describe('shared database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
  });

  it('outside a workgroup refuses with workgroup_not_joined', async () => {
    const shared = createSharedDatabase({ poolConfig: async () => null, onUnreachable: () => undefined, logger: silentLogger });
    await expect(shared.pool()).rejects.toMatchObject({ code: 'workgroup_not_joined' });
  });

  it('opens one pool on first use with the schema up to date, and a reset closes it', async () => {
    const shared = createSharedDatabase({
      poolConfig: async () => db.connection,
      onUnreachable: () => undefined,
      logger: silentLogger,
    });
    const [a, b] = await Promise.all([shared.pool(), shared.pool()]);
    expect(a).toBe(b);
    const { rows } = await a.query<{ version: number }>('SELECT max(version) AS version FROM ffs_schema_migrations');
    expect(rows[0]?.version).toBe(Math.max(...PG_MIGRATIONS.map((m) => m.version)));
    let told = 0;
    shared.onReset(() => (told += 1));
    await shared.reset();
    expect(told).toBe(1);
    await expect(a.query('SELECT 1')).rejects.toThrow();
    const c = await shared.pool();
    expect(c).not.toBe(a);
    await shared.close();
  });

  it('an unreachable server is told (the banner) and the next use connects once it answers', async () => {
    const port = await closedPort();
    let config: pg.PoolConfig = { host: '127.0.0.1', port, user: 'nobody', password: 'x', database: 'none', connectionTimeoutMillis: 2000 };
    const told: StationError[] = [];
    const shared = createSharedDatabase({ poolConfig: async () => config, onUnreachable: (e) => told.push(e), logger: silentLogger });
    await expect(shared.pool()).rejects.toMatchObject({ code: 'database_unavailable' });
    expect(told.map((e) => e.code)).toEqual(['database_unavailable']);
    config = db.connection;
    const pool = await shared.pool();
    expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    await shared.close();
  });
});
