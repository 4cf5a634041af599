import pg from 'pg';
import { LIVE_KINDS, LiveKind } from '../../../shared/domain/live';
import type { Logger } from '../logger';
import { LIVE_CHANNEL } from '../storage/pg/migrations';

export interface LiveOptions {
  /** Notifications of one kind within this window are one callback (default 150 ms). */
  coalesceMs?: number;
  /** After a lost connection or a failed connect: the first retry's delay, doubled up to `maxBackoffMs` (250 ms … 10 s). */
  firstBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often the listening connection is checked with a query (a server that vanished without closing it; default 30 s). */
  pingEveryMs?: number;
}

export interface LiveDeps extends LiveOptions {
  /** The connection settings of the workgroup this station is in (Workgroup.poolConfig), null outside one. */
  config: () => Promise<pg.ClientConfig | null>;
  /** Something of this kind changed in the shared database (coalesced). */
  onChange: (kind: LiveKind) => void;
  logger: Logger;
}

export interface LiveUpdates {
  /** Listens on the workgroup the station is in now (after a join, change or leave: none, nothing is listened to). */
  restart(): Promise<void>;
  /** The database answers again (the health check): a connection waiting out its backoff tries now. */
  retryNow(): void;
  /** Whether a connection is listening now. */
  listening(): boolean;
  /** No more listening (the station closes). */
  stop(): Promise<void>;
}

/**
 * Calls `emit` once per kind per window: the first notification of a kind opens a window of
 * `ms`, the ones inside it are folded into it, and `emit` runs when it ends. A burst of 500
 * labels written one by one is a handful of callbacks, and none is later than `ms`.
 */
export function createCoalescer(emit: (kind: LiveKind) => void, ms: number) {
  const open = new Map<LiveKind, NodeJS.Timeout>();
  return {
    push(kind: LiveKind) {
      if (open.has(kind)) return;
      const timer = setTimeout(() => {
        open.delete(kind);
        emit(kind);
      }, ms);
      timer.unref();
      open.set(kind, timer);
    },
    clear() {
      for (const timer of open.values()) clearTimeout(timer);
      open.clear();
    },
  };
}

/** The kind a notification's payload names (migration 5's `{"kind": …}`), null for anything else. */
export function liveKindOf(payload: string | undefined): LiveKind | null {
  try {
    const parsed = LiveKind.safeParse((JSON.parse(payload ?? '') as { kind?: unknown } | null)?.kind);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Live updates of a workgroup (issue 18 item 6; docs/architecture.md, "Live updates"): one
 * dedicated connection of its own, never one of the pool's (a pool client goes back to the pool
 * and would stop hearing), LISTENs on `ffs_live` while the station is in a workgroup. The
 * triggers of PostgreSQL migration 5 notify on it. A connection that breaks (the server
 * restarts, the network goes) is opened again after 250 ms, 500 ms … 10 s and LISTENs again;
 * then every kind is announced once, for what changed while it was away.
 */
export function createLiveUpdates(deps: LiveDeps): LiveUpdates {
  const { logger } = deps;
  const firstBackoffMs = deps.firstBackoffMs ?? 250;
  const maxBackoffMs = deps.maxBackoffMs ?? 10_000;
  const pingEveryMs = deps.pingEveryMs ?? 30_000;
  const coalescer = createCoalescer(deps.onChange, deps.coalesceMs ?? 150);

  let client: pg.Client | null = null;
  /** Bumped by restart and stop: an attempt of an older generation gives up. */
  let generation = 0;
  let failures = 0;
  /** Whether this generation listened before: a new connection after a lost one announces every kind. */
  let listenedBefore = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let pingTimer: NodeJS.Timeout | null = null;

  const clearTimers = () => {
    if (retryTimer) clearTimeout(retryTimer);
    if (pingTimer) clearInterval(pingTimer);
    retryTimer = null;
    pingTimer = null;
  };

  const retry = (mine: number, delayMs: number) => {
    if (mine !== generation) return;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void connect(mine);
    }, delayMs);
    retryTimer.unref();
  };
  const backoff = () => Math.min(maxBackoffMs, firstBackoffMs * 2 ** Math.min(failures - 1, 20));

  /** The connection `c` broke (or a ping failed): it goes, and another is tried after the backoff. */
  const lost = (c: pg.Client, mine: number, reason: string) => {
    if (client !== c || mine !== generation) return;
    client = null;
    clearTimers();
    void c.end().catch(() => undefined);
    failures += 1;
    logger.warn('workgroup.live_lost', { reason });
    retry(mine, backoff());
  };

  async function connect(mine: number): Promise<void> {
    if (mine !== generation || client) return;
    let config: pg.ClientConfig | null;
    try {
      config = await deps.config();
    } catch (error) {
      failures += 1;
      if (failures === 1) logger.warn('workgroup.live_failed', { reason: error instanceof Error ? error.message : String(error) });
      return retry(mine, backoff());
    }
    if (!config || mine !== generation) return;
    // Named apart from the pool's connections in pg_stat_activity (63 bytes at most).
    const name = (config.application_name ?? 'Flex Forward Station').slice(0, 50);
    const c = new pg.Client({ ...config, application_name: `${name} (live)`, keepAlive: true });
    // Before connect: a connection that breaks is an 'error' event, which must never crash main.
    c.on('error', (error) => lost(c, mine, error.message));
    c.on('end', () => lost(c, mine, 'connection ended'));
    c.on('notification', (message) => {
      if (message.channel !== LIVE_CHANNEL) return;
      const kind = liveKindOf(message.payload);
      if (kind) coalescer.push(kind);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (error) {
      c.removeAllListeners('end');
      await c.end().catch(() => undefined);
      if (mine !== generation) return;
      failures += 1;
      if (failures === 1) logger.warn('workgroup.live_failed', { reason: error instanceof Error ? error.message : String(error) });
      return retry(mine, backoff());
    }
    if (mine !== generation || client) {
      c.removeAllListeners('end');
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    failures = 0;
    logger.info('workgroup.live_listening', {});
    pingTimer = setInterval(() => {
      const timeout = setTimeout(() => lost(c, mine, 'no answer to a ping'), Math.min(10_000, pingEveryMs));
      timeout.unref();
      c.query('SELECT 1').then(
        () => clearTimeout(timeout),
        (error: unknown) => {
          clearTimeout(timeout);
          lost(c, mine, error instanceof Error ? error.message : String(error));
        },
      );
    }, pingEveryMs);
    pingTimer.unref();
    // Back after a lost connection: what changed meanwhile was not heard, so every kind is read again.
    if (listenedBefore) for (const kind of LIVE_KINDS) coalescer.push(kind);
    listenedBefore = true;
  }

  async function stop(): Promise<void> {
    generation += 1;
    failures = 0;
    listenedBefore = false;
    clearTimers();
    coalescer.clear();
    const c = client;
    client = null;
    if (c) {
      c.removeAllListeners('end');
      await c.end().catch(() => undefined);
    }
  }

  return {
    async restart() {
      await stop();
      await connect(generation);
    },
    retryNow() {
      if (client || !retryTimer) return;
      clearTimeout(retryTimer);
      retryTimer = null;
      void connect(generation);
    },
    listening: () => client !== null,
    stop,
  };
}
