import type { EnvironmentId } from '../../../shared/domain/environment';
import type { TrackingView } from '../../../shared/domain/tracking';
import type { StationDatabase } from '../db/database';

/**
 * Each label's place in the scheduled tracking refresh (columns of migration 10): when it is
 * next asked about, how many checks in a row found nothing new, what the last check saw, and
 * when its tracking last changed. Kept apart from the label store: only the tracking area reads
 * or writes these columns.
 */

/** A label whose check is due, with what the station knew before asking. */
export interface DueLabel {
  id: string;
  createdAt: number;
  trackingTag: string | null;
  orderNumber: string | null;
  trackingNumber: string | null;
}

export interface CheckResult {
  /** The tracking differs from what the previous check saw (the first check always counts as new). */
  changed: boolean;
  /** Checks in a row that found nothing new, after this one. */
  unchanged: number;
  nextCheckAt: number;
}

export interface BackoffPolicy {
  /** The first check after a label is made, and the interval after a change. */
  firstCheckMs: number;
  /** The interval never grows past this. */
  maxIntervalMs: number;
}

/** What a check saw, compact: tag, subtag and the newest scan (time and text). Equal text means nothing moved. */
export function trackingFingerprint(view: Pick<TrackingView, 'tag' | 'subtag' | 'checkpoints' | 'trackingNumber'>): string {
  const newest = view.checkpoints[0];
  return JSON.stringify([
    view.tag,
    view.subtag,
    view.trackingNumber,
    view.checkpoints.length,
    newest?.time ?? null,
    newest?.message ?? null,
  ]);
}

/** The wait after a check: the first interval, doubled for each check in a row that found nothing new, up to the cap. */
export function backoffInterval(unchanged: number, policy: BackoffPolicy): number {
  // 2^30 is far past any cap; the bound keeps the arithmetic finite.
  return Math.min(policy.firstCheckMs * 2 ** Math.min(unchanged, 30), policy.maxIntervalMs);
}

export function createTrackingScheduleStore(database: StationDatabase, policy: BackoffPolicy) {
  const { db } = database;
  // The WHERE clause repeats the labels_in_transit partial index's (migration 1), so only labels
  // still moving are read, however many delivered ones the history holds.
  const due = db.prepare(`
    SELECT id, created_at, tracking_tag, coalesce(customer_order_number, platform_order_number) AS order_number, tracking_number
    FROM labels
    WHERE environment = ? AND status = 'created' AND (tracking_tag IS NULL OR tracking_tag NOT IN ('Delivered', 'Cancelled'))
      AND created_at >= ? AND coalesce(tracking_next_check_at, created_at + ?) <= ?
    ORDER BY coalesce(tracking_next_check_at, created_at + ?), seq
    LIMIT ?`);
  const nextDue = db.prepare(`
    SELECT min(coalesce(tracking_next_check_at, created_at + ?)) AS at
    FROM labels
    WHERE environment = ? AND status = 'created' AND (tracking_tag IS NULL OR tracking_tag NOT IN ('Delivered', 'Cancelled'))
      AND created_at >= ?`);
  const seen = db.prepare('SELECT tracking_seen, tracking_unchanged FROM labels WHERE id = ?');
  const record = db.prepare(
    `UPDATE labels SET tracking_seen = ?, tracking_unchanged = ?, tracking_next_check_at = ?,
       tracking_changed_at = iif(?, ?, tracking_changed_at) WHERE id = ?`,
  );
  const postpone = db.prepare('UPDATE labels SET tracking_unchanged = ?, tracking_next_check_at = ? WHERE id = ?');

  return {
    /** Labels of an environment made since `since` whose check is due at `now`, most overdue first. */
    due(environment: EnvironmentId, { now, since, limit }: { now: number; since: number; limit: number }): DueLabel[] {
      const rows = due.all(environment, since, policy.firstCheckMs, now, policy.firstCheckMs, limit) as {
        id: string;
        created_at: number;
        tracking_tag: string | null;
        order_number: string | null;
        tracking_number: string | null;
      }[];
      return rows.map((r) => ({
        id: r.id,
        createdAt: r.created_at,
        trackingTag: r.tracking_tag,
        orderNumber: r.order_number,
        trackingNumber: r.tracking_number,
      }));
    },
    /** When the next check of an environment falls due (null: no label left to follow). */
    nextDueAt(environment: EnvironmentId, since: number): number | null {
      const row = nextDue.get(policy.firstCheckMs, environment, since) as { at: number | null };
      return row.at;
    },
    /** A check read the label's tracking: the back-off restarts on news and doubles on none. */
    recordCheck(id: string, view: Parameters<typeof trackingFingerprint>[0], now: number): CheckResult {
      const before = seen.get(id) as { tracking_seen: string | null; tracking_unchanged: number } | undefined;
      const fingerprint = trackingFingerprint(view);
      const changed = before?.tracking_seen !== fingerprint;
      const unchanged = changed ? 0 : (before?.tracking_unchanged ?? 0) + 1;
      const nextCheckAt = now + backoffInterval(unchanged, policy);
      record.run(fingerprint, unchanged, nextCheckAt, changed ? 1 : 0, now, id);
      return { changed, unchanged, nextCheckAt };
    },
    /** A check could not read the label's tracking: it is asked again later, backing off as if nothing moved. */
    recordFailure(id: string, now: number): void {
      const before = seen.get(id) as { tracking_unchanged: number } | undefined;
      const unchanged = (before?.tracking_unchanged ?? 0) + 1;
      postpone.run(unchanged, now + backoffInterval(unchanged, policy), id);
    },
  };
}
export type TrackingScheduleStore = ReturnType<typeof createTrackingScheduleStore>;
