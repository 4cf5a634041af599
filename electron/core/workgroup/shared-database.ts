import type pg from 'pg';
import { StationError } from '../errors';
import { t } from '../i18n';
import type { Logger } from '../logger';
import { openMigratedPool } from '../storage/pg';

export interface SharedDatabaseDeps {
  /** The pool settings of the workgroup this station is in (Workgroup.poolConfig), null outside one. */
  poolConfig: () => Promise<pg.PoolConfig | null>;
  /** A use of the database found it unreachable: the health monitor shows the banner and checks again. */
  onUnreachable: (error: StationError) => void;
  logger: Logger;
}

export interface SharedDatabase {
  /**
   * The workgroup's pool, its schema brought up to date (electron/core/storage/pg/migrations.ts)
   * the first time. Rejects with `workgroup_not_joined` outside a workgroup and with
   * `database_unavailable` (the banner told) when the server cannot be reached; the next call
   * tries again, so the station reconnects by itself.
   */
  pool(): Promise<pg.Pool>;
  /**
   * The station joined, left or changed its workgroup: the old pool is closed and the next
   * pool() opens the new one. Listeners (caches, LISTEN connections) are told after the close.
   */
  reset(): Promise<void>;
  onReset(listener: () => void): () => void;
  close(): Promise<void>;
}

/**
 * The one connection pool of the workgroup's PostgreSQL a station uses for everything it
 * shares (docs/architecture.md, "Storage backends"): opened on first use, not at start, so a
 * station whose server is down still starts (its banner says why) and connects as soon as the
 * server answers.
 */
export function createSharedDatabase(deps: SharedDatabaseDeps): SharedDatabase {
  let opening: Promise<pg.Pool> | null = null;
  const listeners = new Set<() => void>();

  async function open(): Promise<pg.Pool> {
    const config = await deps.poolConfig();
    if (!config) throw new StationError('workgroup_not_joined', t('workgroup:errors.notJoined'));
    let pool: pg.Pool;
    try {
      // An idle client that loses its connection (a server restart) must not crash main: the next query reconnects.
      pool = await openMigratedPool(config, (error) => deps.logger.warn('workgroup.idle_connection_lost', { reason: error.message }));
    } catch (error) {
      if (error instanceof StationError && error.code === 'database_unavailable') deps.onUnreachable(error);
      throw error;
    }
    deps.logger.info('workgroup.database_opened', {});
    return pool;
  }

  async function closePool() {
    const current = opening;
    opening = null;
    if (!current) return;
    const pool = await current.catch(() => null);
    await pool?.end().catch(() => undefined);
  }

  return {
    pool() {
      if (!opening) {
        const attempt = open();
        opening = attempt;
        // A failed open is forgotten, so the next use tries again.
        attempt.catch(() => {
          if (opening === attempt) opening = null;
        });
      }
      return opening;
    },
    async reset() {
      await closePool();
      for (const listener of listeners) listener();
    },
    onReset(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: closePool,
  };
}
