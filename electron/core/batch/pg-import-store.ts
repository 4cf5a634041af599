import type pg from 'pg';
import type { ColumnMapping } from '../../../shared/domain/batch';
import type { ImportOptions, ImportListItem, MappingSource } from '../../../shared/domain/batch-view';
import type { EnvironmentId } from '../../../shared/domain/environment';
import { asciiLower } from '../storage/pg/history-query';
import { inTransaction, pgFailure, type Queryable } from '../storage/pg/pool';
import { blob, importValues, storedImportOf, type ImportStore, type NewImport, type StoredImport } from './import-store';

/** A typed array's bytes as node-postgres sends a bytea (the same bytes SQLite's blob holds). */
const bytea = (a: Uint32Array) => {
  const bytes = blob(a);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

/** The order numbers as one text[] parameter, in the file's order (the first letter case of a number is the one kept, as in SQLite). */
const orderArray = (numbers: Iterable<string>) => [...numbers];

/** The imports holding this order, newest first (SQLite's NOCASE: ASCII letters folded, as order_nocase is). */
const HOLDING = `
  SELECT i.id FROM import_orders AS o JOIN imports AS i ON i.seq = o.import_seq
  WHERE o.order_nocase = $1 ORDER BY i.created_at DESC, i.seq DESC`;

// Label matching as the preview does it (label-store.ts createdForOrders): customer or platform order number, ignoring case.
const LIST = `
  SELECT i.id, i.file_name, i.created_at, octet_length(i.row_numbers) / 4 AS row_count, i.orders, i.ready, i.last_run_id,
    (SELECT count(*) FROM import_orders AS o WHERE o.import_seq = i.seq AND (
       EXISTS (SELECT 1 FROM labels AS l WHERE l.customer_order_nocase = o.order_nocase AND l.environment = $1 AND l.status = 'created')
       OR EXISTS (SELECT 1 FROM labels AS l WHERE l.platform_order_nocase = o.order_nocase AND l.environment = $1 AND l.status = 'created')
    )) AS labelled
  FROM imports AS i ORDER BY i.created_at DESC, i.seq DESC`;

/**
 * The workgroup's imports in its PostgreSQL (migration step 6, electron/core/storage/pg/migrations.ts):
 * the ImportStore of import-store.ts with the same answers, so that an import loaded at one
 * station is listed, opened and scanned at every station. What SQLite does in one transaction
 * is one here (an import and its order numbers; new order numbers for an import); a fix takes
 * the import's row lock, so fixes from two stations get positions one after the other.
 * Writes fail as the other shared stores' do (pgFailure: `disk_full`, `database_write_failed`).
 * See docs/architecture.md, "Storage backends".
 */
export function createPgImportStore(pool: pg.Pool): ImportStore {
  const writing = async <T>(write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      throw pgFailure(error);
    }
  };
  /** The import's seq, its row locked until the transaction ends (null: no such import). */
  const lockedSeq = async (client: Queryable, id: string): Promise<number | null> =>
    (await client.query<{ seq: number }>('SELECT seq FROM imports WHERE id = $1 FOR UPDATE', [id])).rows[0]?.seq ?? null;
  const writeOrders = async (client: Queryable, seq: number, numbers: Iterable<string>) => {
    await client.query('DELETE FROM import_orders WHERE import_seq = $1', [seq]);
    await client.query(
      `INSERT INTO import_orders (import_seq, order_number)
      SELECT $1, n FROM unnest($2::text[]) WITH ORDINALITY AS u (n, position) ORDER BY position
      ON CONFLICT DO NOTHING`,
      [seq, orderArray(numbers)],
    );
  };
  const update = (sql: string, values: unknown[]) => writing(async () => void (await pool.query(sql, values)));

  return {
    insert: (imp: NewImport) =>
      writing(() =>
        inTransaction(pool, async (client) => {
          const inserted = await client.query<{ seq: number }>(
            `INSERT INTO imports (id, file_name, encoding, created_at, headers, cells, offsets, row_numbers, mapping, mapping_source, options, reading)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING seq`,
            [...importValues(imp, bytea)],
          );
          await writeOrders(client, inserted.rows[0]!.seq, imp.orderNumbers);
        }),
      ),

    async get(id: string): Promise<StoredImport | null> {
      const row = (await pool.query<Record<string, unknown>>('SELECT * FROM imports WHERE id = $1', [id])).rows[0];
      if (!row) return null;
      const fixes = await pool.query<{ row_number: number; column_name: string; value: string }>(
        'SELECT row_number, column_name, value FROM import_fixes WHERE import_seq = $1 ORDER BY position',
        [row.seq],
      );
      return storedImportOf(
        row,
        row.offsets as Buffer,
        row.row_numbers as Buffer,
        fixes.rows.map((f) => ({ row: f.row_number, column: f.column_name, value: f.value })),
      );
    },

    has: async (id: string) => ((await pool.query('SELECT 1 FROM imports WHERE id = $1', [id])).rowCount ?? 0) > 0,

    setMapping: (id: string, mapping: ColumnMapping, source: MappingSource) =>
      update('UPDATE imports SET mapping = $1, mapping_source = $2 WHERE id = $3', [
        JSON.stringify(mapping),
        source ? JSON.stringify(source) : null,
        id,
      ]),

    setOrderNumbers: (id: string, numbers: Iterable<string>) =>
      writing(() =>
        inTransaction(pool, async (client) => {
          const seq = await lockedSeq(client, id);
          if (seq !== null) await writeOrders(client, seq, numbers);
        }),
      ),

    addFix: (id: string, fix: { row: number; column: string; value: string }) =>
      writing(() =>
        inTransaction(pool, async (client) => {
          const seq = await lockedSeq(client, id);
          if (seq === null) return;
          await client.query(
            `INSERT INTO import_fixes (import_seq, position, row_number, column_name, value)
            VALUES ($1, (SELECT coalesce(max(position), 0) + 1 FROM import_fixes WHERE import_seq = $1), $2, $3, $4)`,
            [seq, fix.row, fix.column, fix.value],
          );
        }),
      ),

    setOptions: (id: string, options: ImportOptions) =>
      update('UPDATE imports SET options = $1 WHERE id = $2', [JSON.stringify(options), id]),
    setExcluded: (id: string, excluded: Iterable<string>) =>
      update('UPDATE imports SET excluded = $1 WHERE id = $2', [JSON.stringify([...excluded]), id]),
    // Written only when they changed (every preview reports them).
    setCounts: (id: string, orders: number, ready: number) =>
      update('UPDATE imports SET orders = $1, ready = $2 WHERE id = $3 AND (orders IS DISTINCT FROM $1 OR ready IS DISTINCT FROM $2)', [
        orders,
        ready,
        id,
      ]),
    setLastRun: (id: string, runId: string) => update('UPDATE imports SET last_run_id = $1 WHERE id = $2', [runId, id]),
    remove: (id: string) => writing(async () => ((await pool.query('DELETE FROM imports WHERE id = $1', [id])).rowCount ?? 0) > 0),

    async list(environment: EnvironmentId): Promise<ImportListItem[]> {
      return (await pool.query<Record<string, unknown>>(LIST, [environment])).rows.map((r) => ({
        importId: r.id as string,
        fileName: r.file_name as string,
        createdAt: Number(r.created_at),
        rowCount: Number(r.row_count),
        orders: Number(r.orders),
        ready: Number(r.ready),
        labelled: Number(r.labelled),
        lastRunId: (r.last_run_id as string | null) ?? null,
      }));
    },
    ids: async () =>
      (await pool.query<{ id: string; file_name: string }>('SELECT id, file_name FROM imports ORDER BY created_at DESC, seq DESC')).rows,
    holding: async (orderNumber: string) => (await pool.query<{ id: string }>(HOLDING, [asciiLower(orderNumber)])).rows.map((r) => r.id),
    distinctOrders: async () =>
      Number((await pool.query<{ n: number }>('SELECT count(DISTINCT order_nocase) AS n FROM import_orders')).rows[0]!.n),
  };
}
