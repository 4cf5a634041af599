import { StationError } from '../errors';
import type { Logger } from '../logger';
import { orderKey } from '../labels/history-keys';
import type { SettingsService } from '../settings-store';
import { createOrderClaims, DEFAULT_CLAIM_TTL_MS, type OrderClaim, type OrderClaims } from '../workgroup/claims';
import type { SharedDatabase } from '../workgroup/shared-database';

export interface ScanClaimsDeps {
  settings: Pick<SettingsService, 'view'>;
  shared: Pick<SharedDatabase, 'pool' | 'onReset'>;
  /** Who works at this station, as other stations are told ("… by <operator>"): one function, so operators (issue 18 item 5) plug in here. */
  operator: () => string;
  logger: Logger;
  /** A claim not renewed for this long is free again (default 15 minutes). */
  ttlMs?: number;
  /** How often the order open at this station is renewed (default: a third of the TTL). */
  renewEveryMs?: number;
  /** How often expired claims are removed from the table (default: every TTL). */
  purgeEveryMs?: number;
}

export interface ScanClaims {
  /**
   * In a workgroup: claims the order for this station before it is worked on (giving up the
   * order it held before: the operator moved on) and answers null, or answers the holder when
   * another station has it. Outside a workgroup: null, nothing stored. Rejects when the shared
   * database cannot be reached (database_unavailable): nothing is packed that another station may pack too.
   */
  take(order: string): Promise<OrderClaim | null>;
  /** The station is done with the order it holds (its label was made, the scan ended, cancel, leave, new session). */
  letGo(): Promise<void>;
  /** A supervisor frees an order whoever holds it (the caller gates the role). */
  supervisorRelease(order: string): Promise<{ released: OrderClaim | null }>;
  /** The order this station holds now (for tests and the log). */
  held(): string | null;
  close(): Promise<void>;
}

/**
 * Station mode's use of the workgroup's order claims (issue 18 item 4, electron/core/workgroup/claims.ts):
 * a station holds at most one order, the one it is working on. The claim is renewed on a timer while
 * the order stays open here, given up when it is done, and expires by its TTL when the station
 * crashes or is switched off; expired rows are purged from time to time. Timers are unref'd, so
 * they never keep a process alive.
 */
export function createScanClaims(deps: ScanClaimsDeps): ScanClaims {
  const ttlMs = deps.ttlMs ?? DEFAULT_CLAIM_TTL_MS;
  const renewEveryMs = deps.renewEveryMs ?? Math.max(1_000, Math.floor(ttlMs / 3));
  const purgeEveryMs = deps.purgeEveryMs ?? ttlMs;
  const { logger } = deps;
  /** The order held: its number as scanned and the workgroup station id it was claimed under. */
  let current: { order: string; stationId: string } | null = null;
  let renewTimer: ReturnType<typeof setInterval> | null = null;

  const joined = () => deps.settings.view().workgroup;
  const claims = async (): Promise<OrderClaims> => createOrderClaims({ pool: await deps.shared.pool(), ttlMs });

  const stopRenewing = () => {
    if (renewTimer) clearInterval(renewTimer);
    renewTimer = null;
  };
  const renew = async () => {
    const held = current;
    if (!held) return stopRenewing();
    try {
      if (!(await (await claims()).renew(held))) {
        // Released by a supervisor (or expired while the database was away): no longer ours.
        logger.warn('station.claim_lost', { orderNumber: held.order });
        if (current === held) {
          current = null;
          stopRenewing();
        }
      }
    } catch (error) {
      logger.warn('station.claim_renew_failed', {
        orderNumber: held.order,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  };

  /**
   * Orders this station let go of while the shared database refused the release (it was away):
   * released again at the next claim or release, so another station need not wait for the TTL.
   */
  const unreleased = new Map<string, { order: string; stationId: string }>();
  const keyOf = (order: string) => orderKey(order) ?? order;
  const release = async (held: { order: string; stationId: string }) => {
    try {
      await (await claims()).release(held);
      unreleased.delete(keyOf(held.order));
    } catch (error) {
      // Held by another station by now (it expired and was taken): no longer ours to release.
      if (error instanceof StationError && error.code === 'claim_held_elsewhere') {
        unreleased.delete(keyOf(held.order));
        return;
      }
      // Kept, and tried again at the next claim or release; else it expires by itself.
      unreleased.set(keyOf(held.order), held);
      logger.warn('station.claim_release_failed', {
        orderNumber: held.order,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  };
  const releaseLeftOvers = async (stationId: string) => {
    for (const held of [...unreleased.values()]) {
      if (held.stationId === stationId) await release(held);
      else unreleased.delete(keyOf(held.order));
    }
  };

  async function letGo() {
    const held = current;
    current = null;
    stopRenewing();
    const workgroup = joined();
    if (!workgroup) return;
    if (held) await release(held);
    await releaseLeftOvers(workgroup.stationId);
  }

  // Expired claims are already ignored; removing them keeps the table small.
  const purgeTimer = setInterval(() => {
    if (!joined()) return;
    void claims()
      .then((c) => c.purgeExpired())
      .then((n) => n > 0 && logger.info('workgroup.claims_purged', { count: n }))
      .catch((error: unknown) =>
        logger.warn('workgroup.claims_purge_failed', { reason: error instanceof Error ? error.message : String(error) }),
      );
  }, purgeEveryMs);
  purgeTimer.unref();

  // Joined, left or changed workgroup: a claim held belongs to the old database (it expires there).
  // Subscribed at the first claim (the station makes its shared database after its services).
  let unsubscribe: (() => void) | null = null;
  const followResets = () => {
    unsubscribe ??= deps.shared.onReset(() => {
      current = null;
      unreleased.clear();
      stopRenewing();
    });
  };

  return {
    async take(order) {
      const workgroup = joined();
      if (!workgroup) {
        current = null;
        stopRenewing();
        return null;
      }
      followResets();
      if (current && (current.stationId !== workgroup.stationId || orderKey(current.order) !== orderKey(order))) await letGo();
      // Claimed again here: not to be released. The others this station let go of while the database was away: released now.
      unreleased.delete(keyOf(order));
      await releaseLeftOvers(workgroup.stationId);
      const outcome = await (
        await claims()
      ).claim({ order, station: { id: workgroup.stationId, name: workgroup.stationName }, operator: deps.operator() });
      if (outcome.kind === 'heldBy') return outcome.holder;
      current = { order, stationId: workgroup.stationId };
      if (!renewTimer) {
        renewTimer = setInterval(() => void renew(), renewEveryMs);
        renewTimer.unref();
      }
      return null;
    },
    letGo,
    async supervisorRelease(order) {
      const released = await (await claims()).supervisorRelease({ order });
      if (current && orderKey(current.order) === orderKey(order)) {
        current = null;
        stopRenewing();
      }
      return released;
    },
    held: () => current?.order ?? null,
    async close() {
      clearInterval(purgeTimer);
      unsubscribe?.();
      await letGo();
    },
  };
}
