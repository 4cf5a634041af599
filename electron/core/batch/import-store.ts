import { z } from 'zod';
import type { StatementSync } from 'node:sqlite';
import { ColumnMapping, CsvEncoding } from '../../../shared/domain/batch';
import { ImportOptions, MappingSource, NO_IMPORT_OPTIONS, type ImportListItem } from '../../../shared/domain/batch-view';
import type { EnvironmentId } from '../../../shared/domain/environment';
import type { StationDatabase } from '../db/database';
import { storageFailure } from '../db/storage-error';
import type { CsvTable } from './csv-table';

/** An import as the database keeps it (the `imports` tables of migration 6, electron/core/db/migrations.ts). */
export interface StoredImport {
  id: string;
  fileName: string;
  encoding: CsvEncoding;
  createdAt: number;
  /** The table as imported; `fixes` are applied on top of it, in order. */
  table: CsvTable;
  /** Null when the stored mapping no longer validates (a newer mapping model wrote it): the columns are matched again. */
  mapping: ColumnMapping | null;
  mappingSource: MappingSource;
  options: ImportOptions;
  /** How the file was read: the platform export recognised and the lines left out (csv-parse.ts). */
  reading: ImportReading;
  excluded: string[];
  fixes: { row: number; column: string; value: string }[];
  lastRunId: string | null;
}

export interface NewImport {
  id: string;
  fileName: string;
  encoding: CsvEncoding;
  createdAt: number;
  table: CsvTable;
  mapping: ColumnMapping;
  mappingSource: MappingSource;
  options: ImportOptions;
  reading: ImportReading;
  /** The file's order numbers (trimmed, non-empty). */
  orderNumbers: Iterable<string>;
}

export const ImportReading = z.object({
  profile: z.object({ id: z.string(), name: z.string() }).nullable(),
  skipped: z.object({ before: z.number().int().min(0), after: z.number().int().min(0) }),
});
export type ImportReading = z.infer<typeof ImportReading>;
const UNKNOWN_READING: ImportReading = { profile: null, skipped: { before: 0, after: 0 } };

/**
 * Where imports are kept: the station's SQLite (a single station, `createImportStore`) or, in a
 * workgroup, the shared PostgreSQL (pg-import-store.ts), where an import loaded at one station
 * is listed, opened and scanned at every station. Both answer the same (the contract tests in
 * test/contract/import-store.contract.ts).
 */
export interface ImportStore {
  /** Keeps a new import with its order numbers, in one transaction. */
  insert(imp: NewImport): Promise<void>;
  get(id: string): Promise<StoredImport | null>;
  has(id: string): Promise<boolean>;
  setMapping(id: string, mapping: ColumnMapping, source: MappingSource): Promise<void>;
  /** The order numbers after a new mapping or a fix in the order-number column. */
  setOrderNumbers(id: string, numbers: Iterable<string>): Promise<void>;
  /** Appends the operator's fix (applied in the order they were made). */
  addFix(id: string, fix: { row: number; column: string; value: string }): Promise<void>;
  setOptions(id: string, options: ImportOptions): Promise<void>;
  setExcluded(id: string, excluded: Iterable<string>): Promise<void>;
  setCounts(id: string, orders: number, ready: number): Promise<void>;
  setLastRun(id: string, runId: string): Promise<void>;
  remove(id: string): Promise<boolean>;
  /** The imports, newest first, with how many of their orders have a created label in the environment. */
  list(environment: EnvironmentId): Promise<ImportListItem[]>;
  /** Ids and file names, newest first. */
  ids(): Promise<{ id: string; file_name: string }[]>;
  /** The imports holding this order number (ignoring letter case), newest first. */
  holding(orderNumber: string): Promise<string[]>;
  /** Different order numbers across all imports (letter case ignored): an order in two files counts once. */
  distinctOrders(): Promise<number>;
}

/** The JSON columns read back leniently (a newer station may have written a shape this one does not know). */
export const readJson = <T>(text: string | null, fallback: T, parse: (value: unknown) => T | null): T => {
  if (text === null) return fallback;
  try {
    return parse(JSON.parse(text)) ?? fallback;
  } catch {
    return fallback;
  }
};

/** A stored import's row (the same columns in SQLite and PostgreSQL) with its fixes, as the service reads it. */
export function storedImportOf(
  row: Record<string, unknown>,
  offsets: Uint8Array,
  rowNumbers: Uint8Array,
  fixes: { row: number; column: string; value: string }[],
): StoredImport {
  return {
    id: row.id as string,
    fileName: row.file_name as string,
    encoding: CsvEncoding.catch('utf-8').parse(row.encoding),
    createdAt: Number(row.created_at),
    table: {
      headers: JSON.parse(row.headers as string) as string[],
      text: row.cells as string,
      offsets: uint32s(offsets),
      rowNumbers: uint32s(rowNumbers),
    },
    mapping: readJson<ColumnMapping | null>(row.mapping as string, null, (v) => ColumnMapping.safeParse(v).data ?? null),
    mappingSource: readJson<MappingSource>(row.mapping_source as string | null, null, (v) => MappingSource.safeParse(v).data ?? null),
    options: readJson(row.options as string, NO_IMPORT_OPTIONS, (v) => ImportOptions.safeParse(v).data ?? null),
    reading: readJson(row.reading as string | null, UNKNOWN_READING, (v) => ImportReading.safeParse(v).data ?? null),
    excluded: readJson<string[]>(row.excluded as string, [], (v) => (Array.isArray(v) ? v.map(String) : null)),
    fixes,
    lastRunId: (row.last_run_id as string | null) ?? null,
  };
}

/**
 * A new import's column values in the order both stores insert them (id, file_name, encoding,
 * created_at, headers, cells, offsets, row_numbers, mapping, mapping_source, options, reading),
 * the packed arrays as the driver's bytes.
 */
export const importValues = <B>(imp: NewImport, bytes: (a: Uint32Array) => B) =>
  [
    imp.id,
    imp.fileName,
    imp.encoding,
    imp.createdAt,
    JSON.stringify(imp.table.headers),
    imp.table.text,
    bytes(imp.table.offsets),
    bytes(imp.table.rowNumbers),
    JSON.stringify(imp.mapping),
    imp.mappingSource ? JSON.stringify(imp.mappingSource) : null,
    JSON.stringify(imp.options),
    JSON.stringify(imp.reading),
  ] as const;

/** A typed array's bytes as a blob, and back (the platform's byte order, little-endian on every supported one). */
export const blob = (a: Uint32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const uint32s = (b: Uint8Array) => {
  const copy = new Uint32Array(b.byteLength / 4);
  new Uint8Array(copy.buffer).set(b);
  return copy;
};

/**
 * The imports kept in the station's database, so they survive leaving the Batch screen and a
 * restart, are listed once each, and station mode finds an order in them without holding
 * their tables in memory (an index on the order numbers). The mapping is stored as JSON and
 * validated with `ColumnMapping` when read, so the mapping model can grow without a migration.
 */
export function createImportStore(database: StationDatabase): ImportStore {
  const { db } = database;
  const prepare = (sql: string): StatementSync => db.prepare(sql);
  const insert = prepare(`
    INSERT INTO imports (id, file_name, encoding, created_at, headers, cells, offsets, row_numbers, mapping, mapping_source, options, reading)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const seqOf = prepare('SELECT seq FROM imports WHERE id = ?');
  const insertOrder = prepare('INSERT OR IGNORE INTO import_orders (import_seq, order_number) VALUES (?, ?)');
  const deleteOrders = prepare('DELETE FROM import_orders WHERE import_seq = ?');
  const byId = prepare('SELECT * FROM imports WHERE id = ?');
  const fixesOf = prepare('SELECT row_number, column_name, value FROM import_fixes WHERE import_seq = ? ORDER BY position');
  const addFix = prepare(`
    INSERT INTO import_fixes (import_seq, position, row_number, column_name, value)
    VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1 FROM import_fixes WHERE import_seq = ?1), ?2, ?3, ?4)`);
  const setMapping = prepare('UPDATE imports SET mapping = ?, mapping_source = ? WHERE id = ?');
  const setOptions = prepare('UPDATE imports SET options = ? WHERE id = ?');
  const setExcluded = prepare('UPDATE imports SET excluded = ? WHERE id = ?');
  const setCounts = prepare('UPDATE imports SET orders = ?, ready = ? WHERE id = ? AND (orders IS NOT ? OR ready IS NOT ?)');
  const setRun = prepare('UPDATE imports SET last_run_id = ? WHERE id = ?');
  const remove = prepare('DELETE FROM imports WHERE id = ?');
  // Label matching as the preview does it (label-store.ts createdForOrders): customer or platform order number.
  const list = prepare(`
    SELECT i.id, i.file_name, i.created_at, length(i.row_numbers) / 4 AS row_count, i.orders, i.ready, i.last_run_id,
      (SELECT COUNT(*) FROM import_orders AS o WHERE o.import_seq = i.seq AND (
         EXISTS (SELECT 1 FROM labels AS l WHERE l.customer_order_number = o.order_number AND +l.environment = ?1 AND +l.status = 'created')
         OR EXISTS (SELECT 1 FROM labels AS l WHERE l.platform_order_number = o.order_number AND +l.environment = ?1 AND +l.status = 'created')
      )) AS labelled
    FROM imports AS i ORDER BY i.created_at DESC, i.seq DESC`);
  const idsNewestFirst = prepare('SELECT id, file_name FROM imports ORDER BY created_at DESC, seq DESC');
  const holding = prepare(`
    SELECT i.id FROM import_orders AS o JOIN imports AS i ON i.seq = o.import_seq
    WHERE o.order_number = ? ORDER BY i.created_at DESC, i.seq DESC`);
  const distinctOrders = prepare('SELECT COUNT(DISTINCT order_number) AS n FROM import_orders');

  const transaction = <T>(work: () => T): T => {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw storageFailure(error) ?? error;
    }
  };
  const seq = (id: string) => (seqOf.get(id) as { seq: number } | undefined)?.seq;
  const writeOrders = (importSeq: number, numbers: Iterable<string>) => {
    deleteOrders.run(importSeq);
    for (const n of numbers) insertOrder.run(importSeq, n);
  };

  // The SQLite statements are synchronous; the interface is the shared one (PostgreSQL answers later).
  const store = {
    insert(imp: NewImport): void {
      transaction(() => {
        insert.run(...importValues(imp, blob));
        writeOrders(seq(imp.id)!, imp.orderNumbers);
      });
    },

    get(id: string): StoredImport | null {
      const row = byId.get(id) as Record<string, unknown> | undefined;
      if (!row) return null;
      const fixes = (fixesOf.all(row.seq as number) as { row_number: number; column_name: string; value: string }[]).map((f) => ({
        row: f.row_number,
        column: f.column_name,
        value: f.value,
      }));
      return storedImportOf(row, row.offsets as Uint8Array, row.row_numbers as Uint8Array, fixes);
    },

    has: (id: string) => seq(id) !== undefined,

    setMapping(id: string, mapping: ColumnMapping, source: MappingSource) {
      setMapping.run(JSON.stringify(mapping), source ? JSON.stringify(source) : null, id);
    },
    /** The order numbers after a new mapping or a fix in the order-number column. */
    setOrderNumbers(id: string, numbers: Iterable<string>) {
      const s = seq(id);
      if (s !== undefined) transaction(() => writeOrders(s, numbers));
    },
    addFix(id: string, fix: { row: number; column: string; value: string }) {
      const s = seq(id);
      if (s !== undefined) addFix.run(s, fix.row, fix.column, fix.value);
    },
    setOptions: (id: string, options: ImportOptions) => void setOptions.run(JSON.stringify(options), id),
    setExcluded: (id: string, excluded: Iterable<string>) => void setExcluded.run(JSON.stringify([...excluded]), id),
    setCounts: (id: string, orders: number, ready: number) => void setCounts.run(orders, ready, id, orders, ready),
    setLastRun: (id: string, runId: string) => void setRun.run(runId, id),
    remove: (id: string) => Number(remove.run(id).changes) > 0,

    list(environment: EnvironmentId): ImportListItem[] {
      return (list.all(environment) as Record<string, unknown>[]).map((r) => ({
        importId: r.id as string,
        fileName: r.file_name as string,
        createdAt: r.created_at as number,
        rowCount: r.row_count as number,
        orders: r.orders as number,
        ready: r.ready as number,
        labelled: r.labelled as number,
        lastRunId: (r.last_run_id as string | null) ?? null,
      }));
    },
    ids: () => idsNewestFirst.all() as { id: string; file_name: string }[],
    holding: (orderNumber: string) => (holding.all(orderNumber) as { id: string }[]).map((r) => r.id),
    distinctOrders: () => (distinctOrders.get() as { n: number }).n,
  };
  const answer =
    <A extends unknown[], R>(f: (...args: A) => R) =>
    async (...args: A): Promise<R> =>
      f(...args);
  return {
    insert: answer(store.insert),
    get: answer(store.get),
    has: answer(store.has),
    setMapping: answer(store.setMapping),
    setOrderNumbers: answer(store.setOrderNumbers),
    addFix: answer(store.addFix),
    setOptions: answer(store.setOptions),
    setExcluded: answer(store.setExcluded),
    setCounts: answer(store.setCounts),
    setLastRun: answer(store.setLastRun),
    remove: answer(store.remove),
    list: answer(store.list),
    ids: answer(store.ids),
    holding: answer(store.holding),
    distinctOrders: answer(store.distinctOrders),
  };
}
