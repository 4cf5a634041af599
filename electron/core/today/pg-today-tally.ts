import type { Queryable } from '../storage/pg/pool';
import { bucketFor, tallyOfRows, type KindRow, type TodayTallySource } from './today-summary';

/** Open labels (created, not Delivered or Cancelled): AttentionFilter's "not moving" among them. */
const OPEN = "l.status = 'created' AND (l.tracking_tag IS NULL OR l.tracking_tag NOT IN ('Delivered', 'Cancelled'))";

/**
 * The Today screen's counts from a workgroup's shared history (PostgreSQL): every label of an
 * environment's two weeks counted in two grouped passes over its (environment, created_at)
 * index, each label's print state from label_print_state, as History's print-state filter reads
 * it (electron/core/storage/pg/history-query.ts). The same figures as the station's own
 * SQLite (test/contract/today-postgres.test.ts); "in doubt" counts the whole workgroup's outbox.
 */
export function pgTodayTally(pool: () => Promise<Queryable>): TodayTallySource {
  return async (r) => {
    const db = await pool();
    const bucket = bucketFor(r.dayStarts.map((start) => start - r.window.start));
    const [buckets, kinds, unresolved] = await Promise.all([
      db.query<{ b: number; n: number }>(
        `SELECT (l.created_at - $1::bigint) / $2::bigint AS b, count(*) FILTER (WHERE l.status = 'created')::int AS n
           FROM labels AS l WHERE l.environment = $3 AND l.created_at >= $1::bigint AND l.created_at <= $4::bigint GROUP BY 1`,
        [r.window.start, bucket, r.environment, r.window.end],
      ),
      db.query<KindRow>(
        `SELECT (l.created_at >= $4::bigint)::int AS today, l.status, l.courier, l.product_code AS product,
             coalesce(p.state, 'never') AS print, count(*)::int AS n,
             count(*) FILTER (WHERE l.tracking_tag = 'Exception')::int AS exception,
             count(*) FILTER (WHERE ${OPEN} AND l.created_at <= $5::bigint
               AND coalesce(l.tracking_updated_at, l.created_at) <= $5::bigint)::int AS stalled
           FROM labels AS l LEFT JOIN label_print_state AS p ON p.label_nocase = l.id_nocase
           WHERE l.environment = $1 AND l.created_at >= $2::bigint AND l.created_at <= $3::bigint
           GROUP BY 1, 2, 3, 4, 5`,
        [r.environment, r.window.start, r.window.end, r.today.start, r.notMovingBefore],
      ),
      db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE state IN ('pending', 'in_doubt')"),
    ]);
    return tallyOfRows(
      kinds.rows,
      buckets.rows.map(({ b, n }) => ({ start: r.window.start + b * bucket, n })),
      unresolved.rows[0]?.n ?? 0,
    );
  };
}
