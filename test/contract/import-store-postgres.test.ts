import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packRows } from '../../electron/core/batch/csv-table';
import { suggestMapping } from '../../electron/core/batch/mapping';
import { NO_IMPORT_OPTIONS } from '../../shared/domain/batch-view';
import { createPgImportStore } from '../../electron/core/batch/pg-import-store';
import { openStorage } from '../../electron/core/storage';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { emptyTables, testPool } from './pg-support';
import { importStoreContract } from './import-store.contract';

/**
 * A pool on this file's database. pg's pool.end() resolves before its connections have closed:
 * one still closing when afterAll drops the database is cut by the server, which is no failure.
 */
const quietPool = () => testPool(database.connection).on('error', () => undefined);

// The import store's contract against PostgreSQL (a workgroup's shared imports): one database
// for this file (test/support/postgres.ts), emptied before each test.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

importStoreContract('PostgreSQL', {
  async open() {
    // Opening the storage migrates the schema; its label store is the shared history the list counts.
    const storage = await openStorage({ kind: 'postgres', connection: database.connection, station: 'bench-1' });
    const pool = quietPool();
    await emptyTables(pool);
    await pool.query('TRUNCATE imports RESTART IDENTITY CASCADE');
    return {
      store: createPgImportStore(pool),
      labels: storage.labels,
      async writeRaw(id, column, text) {
        await pool.query(`UPDATE imports SET ${column} = $1 WHERE id = $2`, [text, id]);
      },
      async close() {
        await pool.end();
        await storage.close();
      },
    };
  },
});

describe('PostgreSQL imports, several stations at once', () => {
  it('fixes made at the same time from two stations are all kept, each with its own position, none refused', async () => {
    const pools = [quietPool(), quietPool()];
    try {
      await openStorage({ kind: 'postgres', connection: database.connection, station: 'bench-1' }).then((s) => s.close());
      await pools[0]!.query('TRUNCATE imports RESTART IDENTITY CASCADE');
      const [a, b] = pools.map(createPgImportStore) as [ReturnType<typeof createPgImportStore>, ReturnType<typeof createPgImportStore>];
      const headers = ['Order number', 'Weight'];
      await a.insert({
        id: 'shared-1',
        fileName: 'today.csv',
        encoding: 'utf-8',
        createdAt: 1,
        table: packRows(headers, [{ row: 2, values: { 'Order number': 'SO-1', Weight: '1' } }]),
        mapping: suggestMapping(headers),
        mappingSource: null,
        options: NO_IMPORT_OPTIONS,
        reading: { profile: null, skipped: { before: 0, after: 0 } },
        orderNumbers: ['SO-1'],
      });
      const values = Array.from({ length: 20 }, (_, i) => String(i + 1));
      await Promise.all(values.map((value, i) => (i % 2 ? a : b).addFix('shared-1', { row: 2, column: 'Weight', value })));
      const fixes = (await b.get('shared-1'))!.fixes;
      expect(fixes.map((f) => f.value).sort((x, y) => Number(x) - Number(y))).toEqual(values);
      const positions = await pools[0]!.query('SELECT position FROM import_fixes ORDER BY position');
      expect(positions.rows.map((r) => r.position)).toEqual(values.map(Number));
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });
});
