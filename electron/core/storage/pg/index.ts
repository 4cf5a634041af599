import type pg from 'pg';
import type { Storage } from '../storage';
import { createPgLabelStore } from './label-store';
import { migratePg } from './migrations';
import { DEFAULT_LEASE_MS, createPgOutbox } from './outbox';
import { createPool, pgFailure } from './pool';

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
 * schema refused). A server that cannot be reached rejects with the storage failure codes.
 */
export async function openPgStorage(config: PgStorageConfig): Promise<Storage> {
  const pool = createPool(config.connection);
  // An idle client that loses its connection must not crash main: the next query reconnects.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    try {
      await migratePg(client);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw pgFailure(error);
  }
  return {
    kind: 'postgres',
    labels: createPgLabelStore(pool, { now: config.now }),
    outbox: createPgOutbox(pool, { station: config.station, leaseMs: config.leaseMs ?? DEFAULT_LEASE_MS }),
    close: () => pool.end(),
  };
}
