import type pg from 'pg';
import type { TimeFormat } from '../../../shared/domain/time-format';
import { StationError } from '../errors';
import { t } from '../i18n';
import { orderKey } from '../labels/history-keys';
import { named } from '../storage/pg/pool';

/** A claim not renewed for this long is free again (a station that crashed or was switched off). */
export const DEFAULT_CLAIM_TTL_MS = 15 * 60_000;

/** Anything that runs a query: a Pool, or one of its clients. */
export type Queryable = Pick<pg.Pool, 'query'>;

/** Which station claims: its id (settings, never shown) and its name (shown to others). */
export interface ClaimStation {
  id: string;
  name: string;
}

export interface OrderClaim {
  /** The order number as the claiming station scanned it. */
  order: string;
  stationId: string;
  station: string;
  operator: string;
  /** When this station claimed it (ISO 8601); renewals keep it. */
  since: string;
  renewedAt: string;
}

export type ClaimOutcome = { kind: 'claimed'; claim: OrderClaim } | { kind: 'heldBy'; holder: OrderClaim };

export interface OrderClaims {
  /**
   * Claims an order for a station: `claimed` when it was free, expired, or already this
   * station's (then renewed, `since` kept); otherwise `heldBy` with the holder. Atomic: one
   * INSERT … ON CONFLICT DO UPDATE … WHERE, so concurrent claims of one order from any number
   * of stations leave exactly one holder.
   */
  claim(input: { order: string; station: ClaimStation; operator: string }): Promise<ClaimOutcome>;
  /** The station still works on the order: its claim lives another TTL. False: it no longer holds it. */
  renew(input: { order: string; stationId: string }): Promise<boolean>;
  /** The holder is done with the order (or gives it up); another station's claim is refused (claim_held_elsewhere). */
  release(input: { order: string; stationId: string }): Promise<{ released: boolean }>;
  /**
   * A supervisor frees an order whoever holds it. The caller checks the role (operators and
   * roles are issue 18 item 5, not built yet).
   */
  supervisorRelease(input: { order: string }): Promise<{ released: OrderClaim | null }>;
  /** The claim in force on an order, if any (expired claims are not). */
  holder(order: string): Promise<OrderClaim | null>;
  /** Every claim in force, oldest first. */
  list(): Promise<OrderClaim[]>;
  /** Removes expired rows (they are already ignored); answers how many. */
  purgeExpired(): Promise<number>;
}

interface ClaimRow {
  order_number: string;
  station_id: string;
  station_name: string;
  operator: string;
  claimed_at: Date;
  renewed_at: Date;
}
const COLUMNS = 'order_number, station_id, station_name, operator, claimed_at, renewed_at';
const fromRow = (row: ClaimRow): OrderClaim => ({
  order: row.order_number,
  stationId: row.station_id,
  station: row.station_name,
  operator: row.operator,
  since: row.claimed_at.toISOString(),
  renewedAt: row.renewed_at.toISOString(),
});

/** The order key, refusing an order number that has none (only "#", spaces). */
function keyOf(order: string): string {
  const key = orderKey(order);
  if (key === null) throw new StationError('invalid_input', t('workgroup:claims.noOrder'));
  return key;
}

/**
 * Order claims on the workgroup database (issue 18 item 4). Times are the server's clock
 * (`now()`), so stations whose clocks differ still agree on who holds what and what expired.
 */
export function createOrderClaims({ pool, ttlMs = DEFAULT_CLAIM_TTL_MS }: { pool: Queryable; ttlMs?: number }): OrderClaims {
  // $ttl is milliseconds; "alive" is a claim renewed within the TTL.
  const alive = (ttl: string) => `renewed_at >= now() - ${ttl}::double precision * interval '1 millisecond'`;

  const holder = async (key: string): Promise<OrderClaim | null> => {
    const { rows } = await pool.query<ClaimRow>(
      named(`SELECT ${COLUMNS} FROM order_claims WHERE order_key = $1 AND ${alive('$2')}`, [key, ttlMs]),
    );
    return rows[0] ? fromRow(rows[0]) : null;
  };

  return {
    async claim({ order, station, operator }) {
      const key = keyOf(order);
      // A claim that is neither this station's nor alive is taken over; `since` restarts unless
      // the same station renews its own live claim.
      const sql = `
        INSERT INTO order_claims AS c (order_key, order_number, station_id, station_name, operator, claimed_at, renewed_at)
        VALUES ($1, $2, $3, $4, $5, now(), now())
        ON CONFLICT (order_key) DO UPDATE SET
          order_number = EXCLUDED.order_number,
          station_id = EXCLUDED.station_id,
          station_name = EXCLUDED.station_name,
          operator = EXCLUDED.operator,
          claimed_at = CASE WHEN c.station_id = EXCLUDED.station_id AND c.${alive('$6')} THEN c.claimed_at ELSE now() END,
          renewed_at = now()
        WHERE c.station_id = EXCLUDED.station_id OR NOT (c.${alive('$6')})
        RETURNING ${COLUMNS}`;
      // The holder seen refusing us may release before we read it: then claiming again succeeds.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const { rows } = await pool.query<ClaimRow>(named(sql, [key, order.trim(), station.id, station.name, operator, ttlMs]));
        if (rows[0]) return { kind: 'claimed', claim: fromRow(rows[0]) };
        const current = await holder(key);
        if (current) return { kind: 'heldBy', holder: current };
      }
      throw new StationError('workgroup_failed', t('workgroup:errors.failed', { reason: 'the claim kept changing hands' }));
    },
    async renew({ order, stationId }) {
      const { rowCount } = await pool.query(
        `UPDATE order_claims SET renewed_at = now() WHERE order_key = $1 AND station_id = $2 AND ${alive('$3')}`,
        [keyOf(order), stationId, ttlMs],
      );
      return (rowCount ?? 0) > 0;
    },
    async release({ order, stationId }) {
      const key = keyOf(order);
      const { rowCount } = await pool.query(
        named(`DELETE FROM order_claims WHERE order_key = $1 AND (station_id = $2 OR NOT (${alive('$3')}))`, [key, stationId, ttlMs]),
      );
      if ((rowCount ?? 0) > 0) return { released: true };
      const current = await holder(key);
      if (current) {
        throw new StationError(
          'claim_held_elsewhere',
          t('workgroup:claims.heldElsewhere', { order: current.order, station: current.station }),
        );
      }
      return { released: false };
    },
    async supervisorRelease({ order }) {
      const { rows } = await pool.query<ClaimRow>(`DELETE FROM order_claims WHERE order_key = $1 RETURNING ${COLUMNS}`, [keyOf(order)]);
      return { released: rows[0] ? fromRow(rows[0]) : null };
    },
    holder: (order) => holder(keyOf(order)),
    async list() {
      const { rows } = await pool.query<ClaimRow>(
        `SELECT ${COLUMNS} FROM order_claims WHERE ${alive('$1')} ORDER BY claimed_at, order_key`,
        [ttlMs],
      );
      return rows.map(fromRow);
    },
    async purgeExpired() {
      const { rowCount } = await pool.query(`DELETE FROM order_claims WHERE NOT (${alive('$1')})`, [ttlMs]);
      return rowCount ?? 0;
    },
  };
}

/** "Order 1001 is being packed at Bench 2 by Aiko since 10:42", the time in the station's zone and format. */
export function heldBySentence(holder: OrderClaim, times: TimeFormat): string {
  // No operator signed in there: the operator is the station's name, said once ("at Bench 2", not "at Bench 2 by Bench 2").
  return t(holder.operator === holder.station ? 'workgroup:claims.heldAt' : 'workgroup:claims.heldBy', {
    order: holder.order,
    station: holder.station,
    operator: holder.operator,
    time: times.dateTime(holder.since),
  });
}
