import type pg from 'pg';
import type { Storage } from '../storage';
import { createPgLabelStore } from './label-store';
import { migratePg } from './migrations';
import { DEFAULT_LEASE_MS, createPgOutbox } from './outbox';
import { createPgPrintLog } from './print-log';
import { createPool, pgFailure } from './pool';

export { connectionLost } from './pool';
import { StationError } from '../../errors';
import { t } from '../../i18n';

export interface PgStorageConfig {
  /** How to reach the server (node-postgres's pool settings: host, port, database, user, password, ssl, …). */
  connection: pg.PoolConfig;
  /** This station's name in the workgroup (who holds an outbox lease). */
  station: string;
  /** How long an outbox lease lasts, ms (default DEFAULT_LEASE_MS). */
  leaseMs?: number;
  /** The station's clock (History's "not moving" counts days back from it). */
  now?: () => number;
}

/**
 * Connects to the workgroup's PostgreSQL and brings its schema up to date before anything
 * else (electron/core/storage/pg/migrations.ts: versioned, under an advisory lock, a newer
 * schema refused). A server that cannot be reached rejects with `database_unavailable`; a
 * failed migration with the storage failure codes.
 */
export async function openPgStorage(config: PgStorageConfig): Promise<Storage> {
  // An idle client that loses its connection must not crash main: the next query reconnects.
  const pool = await openMigratedPool(config.connection, () => undefined);
  return { ...pgStorageOn(pool, config), close: () => pool.end() };
}

/**
 * A pool whose first connection brought the schema up to date (openPgStorage's steps, also the
 * station's shared database, electron/core/workgroup/shared-database.ts). `onIdleError` hears of
 * idle connections that break (a server restart); the pool reconnects on the next query.
 */
export async function openMigratedPool(config: pg.PoolConfig, onIdleError: (error: Error) => void): Promise<pg.Pool> {
  const pool = createPool(config);
  pool.on('error', onIdleError);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new StationError('database_unavailable', t('errors:db.sharedUnreachable', { reason }));
  }
  try {
    await migratePg(client);
  } catch (error) {
    client.release();
    await pool.end().catch(() => undefined);
    throw pgFailure(error);
  }
  client.release();
  return pool;
}

/**
 * The storage on a pool that is already open and migrated (the station's shared database,
 * electron/core/workgroup/shared-database.ts): closing it leaves the pool to its owner.
 */
export function pgStorageOn(pool: pg.Pool, config: Omit<PgStorageConfig, 'connection'>): Storage {
  return {
    kind: 'postgres',
    labels: createPgLabelStore(pool, { now: config.now }),
    outbox: createPgOutbox(pool, { station: config.station, leaseMs: config.leaseMs ?? DEFAULT_LEASE_MS }),
    printLog: createPgPrintLog(pool),
    close: async () => undefined,
  };
}
