import { createHash } from 'node:crypto';
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

/**
 * A pg.Client that closes its socket when it fails to connect. node-postgres leaves it open after
 * a refused or missing password (and pg-pool does not end a client that failed to connect): the
 * server keeps such a backend in "authentication" until its authentication_timeout (60 s), holding
 * a connection slot, and a backend there does not take in the signals that DROP DATABASE waits
 * for. A station without its workgroup password retrying every few seconds left a row of them.
 */
export class ClosingClient extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: (err: Error) => void): void;
  override connect(callback?: (err: Error) => void): Promise<pg.Client> | void {
    const close = (): void => (this as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    if (callback)
      return super.connect((err: Error) => {
        if (err) close();
        callback(err);
      });
    return super.connect().catch((err: unknown) => {
      close();
      throw err;
    });
  }
}

/** A pool whose int8 values come back as numbers (the SQLite store's rows have numbers there too), of ClosingClients. */
export function createPool(config: pg.PoolConfig): pg.Pool {
  return new pg.Pool({ ...config, types, Client: ClosingClient as unknown as new () => pg.ClientBase });
}

/** Names given so far, by statement text (at most MAX_NAMED: past that, statements go unnamed). */
const names = new Map<string, string>();
const MAX_NAMED = 200;

/**
 * A statement of fixed text that a scan runs (claim, outbox, history and print-log writes, the
 * audit line) as a named prepared statement: each connection parses it once, and after a few runs
 * PostgreSQL keeps a generic plan, so a run is only bind and execute (a profile of one scan: parse
 * and planning were about half of the server's 4 ms). The name is a hash of the text, so one text
 * has one name on every connection and station. PostgreSQL plans again by itself when a migration
 * changes a table a statement uses. Not for statements whose text or best plan depends on what
 * is searched (History's search, whose plans follow the values, see
 * docs/architecture.md, "Storage backends"). A connection pooler in front of PostgreSQL must pass
 * prepared statements through (PgBouncer 1.21+ with max_prepared_statements, or session pooling).
 */
export function named(text: string, values: unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `ffs_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    names.set(text, name);
  }
  return name === undefined ? { text, values } : { name, text, values };
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
  const failure = new StationError('database_write_failed', t('errors:db.sharedWriteFailed', { reason }));
  // What went wrong underneath, so that a lost connection can be told from a refused write (connectionLost).
  failure.cause = error;
  return failure;
}

/** Node's socket errors for a server that is not there (down, restarting, the network gone). */
const SOCKET_ERRORS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
]);
/** SQLSTATEs of a server shutting down or restarting: admin_shutdown, crash_shutdown, cannot_connect_now. */
const SHUTDOWN_STATES = new Set(['57P01', '57P02', '57P03']);
/** node-postgres's own words for a connection that broke or never came. */
const LOST_MESSAGES =
  /Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect|Connection ended/i;

/**
 * Whether a failed call on the shared database failed because the server could not be reached
 * (not because it refused the statement): socket errors, connection-class SQLSTATEs (08xxx), a
 * server shutting down, a connection pg saw break. A pgFailure is judged by what it wraps.
 */
export function connectionLost(error: unknown): boolean {
  const root = error instanceof StationError ? error.cause : error;
  if (!root || typeof root !== 'object') return false;
  const code = (root as { code?: unknown }).code;
  if (typeof code === 'string' && (SOCKET_ERRORS.has(code) || SHUTDOWN_STATES.has(code) || code.startsWith('08'))) return true;
  const errors = (root as { errors?: unknown }).errors;
  // Node's AggregateError when every address of a host refused (localhost: ::1 and 127.0.0.1).
  if (Array.isArray(errors) && errors.some((e) => connectionLost(e))) return true;
  return root instanceof Error && LOST_MESSAGES.test(root.message);
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
