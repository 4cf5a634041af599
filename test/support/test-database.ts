import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from './postgres';

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
