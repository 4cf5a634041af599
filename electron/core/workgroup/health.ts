import type { WorkgroupStatus } from '../../../shared/domain/workgroup';
import { StationError } from '../errors';
import type { Logger } from '../logger';

export interface WorkgroupHealthOptions {
  /** How often a reachable database is checked (default 15 s). */
  everyMs?: number;
  /** After a failed check: the first retry's delay, doubled after each further failure up to `maxBackoffMs` (1 s … 30 s). */
  firstBackoffMs?: number;
  maxBackoffMs?: number;
}

export interface WorkgroupHealthDeps extends WorkgroupHealthOptions {
  /** One check: resolves when the database answered, throws (a workgroup_* StationError) when not. */
  check: () => Promise<void>;
  /** Tells the renderer (`workgroup:changed`). */
  onChange: (status: WorkgroupStatus) => void;
  logger: Logger;
  now?: () => Date;
}

export interface WorkgroupHealth {
  current(): WorkgroupStatus;
  /** Starts checking (the station joined a workgroup, or started in one): `connecting` until the first answer. */
  start(): void;
  /** Not in a workgroup (any more): `off`, no more checks. */
  stop(): void;
  /** A use of the database failed because it could not be reached: unreachable now, checked again with backoff. */
  failed(error: StationError): void;
}

export const OFF: WorkgroupStatus = { state: 'off', since: null, reason: null, code: null };

/**
 * Whether the workgroup database can be reached: checked every `everyMs` while it answers; a
 * failed check makes it `unreachable` (the renderer shows a banner) and it is checked again
 * after 1 s, 2 s, 4 s … up to 30 s, until the first success clears the banner by itself.
 * One check at a time; timers do not keep the process alive.
 */
export function createWorkgroupHealth({
  check,
  onChange,
  logger,
  now = () => new Date(),
  everyMs = 15_000,
  firstBackoffMs = 1_000,
  maxBackoffMs = 30_000,
}: WorkgroupHealthDeps): WorkgroupHealth {
  let status: WorkgroupStatus = OFF;
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  /** Bumped by start/stop: a check that was running when the settings changed does not report. */
  let generation = 0;
  /** The generation whose check is running (-1: none). */
  let running = -1;

  const set = (next: WorkgroupStatus) => {
    const changed = next.state !== status.state || next.code !== status.code;
    status = next;
    if (!changed) return;
    if (next.state === 'unreachable') logger.warn('workgroup.unreachable', { code: next.code, reason: next.reason });
    else logger.info(`workgroup.${next.state}`, {});
    onChange(next);
  };
  const since = (state: WorkgroupStatus['state']) => (status.state === state && status.since ? status.since : now().toISOString());
  const schedule = (ms: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void run(), ms);
    timer.unref();
  };
  const backoff = () => Math.min(maxBackoffMs, firstBackoffMs * 2 ** Math.min(failures - 1, 20));
  const unreachable = (error: StationError) => {
    failures += 1;
    set({ state: 'unreachable', since: since('unreachable'), reason: error.message, code: error.code });
    schedule(backoff());
  };

  async function run() {
    const mine = generation;
    if (running === mine || status.state === 'off') return;
    running = mine;
    try {
      await check();
      if (mine !== generation) return;
      failures = 0;
      set({ state: 'connected', since: since('connected'), reason: null, code: null });
      schedule(everyMs);
    } catch (error) {
      if (mine !== generation) return;
      unreachable(error instanceof StationError ? error : new StationError('workgroup_failed', String(error)));
    } finally {
      if (running === mine) running = -1;
    }
  }

  return {
    current: () => status,
    start() {
      generation += 1;
      failures = 0;
      set({ state: 'connecting', since: now().toISOString(), reason: null, code: null });
      schedule(0);
    },
    stop() {
      generation += 1;
      if (timer) clearTimeout(timer);
      timer = null;
      set(OFF);
    },
    failed(error) {
      if (status.state === 'off') return;
      unreachable(error);
    },
  };
}
