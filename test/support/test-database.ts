import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from './postgres';
import { startCluster, stopCluster, type PgCluster } from './workgroup-pg';

/**
 * A database of its own for the enclosing describe (made before its tests, dropped after them)
 * and a pool on it for the test's own queries, handed to `use` once made. Vitest only: the e2e
 * specs use createTestDatabase (./postgres.ts) directly.
 */
export function useTestDatabase(use: (made: { db: TestDatabase; sql: pg.Pool }) => void): void {
  let made: { db: TestDatabase; sql: pg.Pool } | undefined;
  beforeAll(async () => {
    const db = await createTestDatabase();
    made = { db, sql: new pg.Pool(db.connection) };
    use(made);
  });
  afterAll(async () => {
    await made?.sql.end();
    await made?.db.drop();
  });
}

/**
 * A PostgreSQL cluster of the enclosing describe's own (its tests stop and start it), made
 * before its tests and removed after them, handed to `use` once started.
 */
export function useOwnCluster(use: (cluster: PgCluster) => void): void {
  let cluster: PgCluster | undefined;
  beforeAll(() => {
    cluster = startCluster();
    use(cluster);
  }, 60_000);
  afterAll(() => {
    if (cluster) stopCluster(cluster);
  });
}
