import pg from 'pg';
import { StationError } from '../../errors';
import { t } from '../../i18n';

/** What a query runs on: the pool (one statement, its own transaction) or a client inside a transaction. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** bigint (int8) columns are times in ms, seqs and counts: all well inside Number's exact range. */
const INT8 = 20;
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** A pool whose int8 values come back as numbers (the SQLite store's rows have numbers there too). */
export function createPool(config: pg.PoolConfig): pg.Pool {
  return new pg.Pool({ ...config, types });
}

/** PostgreSQL's SQLSTATE for "disk full" (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const DISK_FULL = '53100';

/**
 * A failed write to the shared database as the station's storage failure, the same codes the
 * SQLite stores throw (electron/core/db/storage-error.ts): `disk_full` when the server's disk is
 * full, else `database_write_failed` (a lost connection included: the write may not have
 * happened, so whatever depends on it stays unresolved). A StationError is returned as it is.
 */
export function pgFailure(error: unknown): StationError {
  if (error instanceof StationError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === DISK_FULL) return new StationError('disk_full', t('errors:db.sharedDiskFull'));
  const reason = error instanceof Error ? error.message : String(error);
  return new StationError('database_write_failed', t('errors:db.sharedWriteFailed', { reason }));
}

/** Runs `work` in one transaction on one client of the pool: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: unknown = null;
  try {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: unknown) => (broken = rollback));
      throw error;
    }
  } finally {
    // A client whose rollback failed (a dropped connection) is not given back to the pool.
    client.release(broken instanceof Error ? broken : undefined);
  }
}
