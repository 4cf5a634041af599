import { afterAll, beforeAll } from 'vitest';
import { openStorage } from '../../electron/core/storage';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { emptyTables, testPool } from './pg-support';
import { storageContract } from './storage.contract';

// The storage contract against PostgreSQL (a workgroup's shared database): one database for
// this file (test/support/postgres.ts), emptied before each test.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

storageContract('PostgreSQL', {
  async open({ now }) {
    const storage = await openStorage({ kind: 'postgres', connection: database.connection, station: 'bench-1', now });
    const pool = testPool(database.connection);
    await emptyTables(pool);
    await pool.end();
    return { storage, close: () => storage.close() };
  },
});
