import type pg from 'pg';
import type { OutboxEntry } from '../../../../shared/domain/labels';
import type { NewLabel } from '../../labels/label-store';
import { StationError } from '../../errors';
import { t } from '../../i18n';
import { OUTBOX_COLUMNS as COLUMNS, toEntry, type AttemptOutcome, type Outbox, type OutboxRow } from '../../labels/outbox';
import { insertLabelFrom } from './label-store';
import { named, pgFailure, type Queryable } from './pool';

export interface PgOutboxOptions {
  /** This station's name in the workgroup: who holds a lease. */
  station: string;
  /** How long a lease lasts (ms): longer than one request with all its retries takes. */
  leaseMs: number;
}

/** Default lease: 5 minutes, well over a request's retries (electron/core/api/client.ts). */
export const DEFAULT_LEASE_MS = 5 * 60_000;

/** Whether a lease lets this station take the entry ($2: station, $3: now). */
const FREE = '(leased_by IS NULL OR leased_by = $2 OR lease_until <= $3)';

/**
 * The workgroup's outbox in PostgreSQL (docs/architecture.md, "Storage backends"): the Outbox
 * the SQLite store implements, plus leases. A request is sent or resolved by one station at
 * a time: `add` leases the new entry to its station, `claim` takes an unresolved one only
 * when no other station holds an unexpired lease (a conditional UPDATE: of two stations
 * racing, the second sees the first's lease once the first commits, and gets nothing), and
 * recording an attempt gives the lease back. A station that dies mid-request leaves its entry
 * leased until `lease_until`; then any station claims it and resolves it with the same key.
 * Each write is one statement or one transaction, committed before it resolves.
 */
export function createPgOutbox(pool: pg.Pool, options: PgOutboxOptions): Outbox {
  const { station, leaseMs } = options;

  const one = async (q: Queryable, sql: string, values: unknown[]): Promise<OutboxEntry | null> => {
    const row = (await q.query<OutboxRow>(named(sql, values))).rows[0];
    return row ? toEntry(row) : null;
  };
  const get = (key: string, q: Queryable = pool) => one(q, `SELECT ${COLUMNS} FROM outbox WHERE idempotency_key = $1`, [key]);

  const writing = async <T>(write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      throw pgFailure(error);
    }
  };

  const unknown = (key: string) => new StationError('outbox_key_unknown', t('labels:outbox.keyUnknown', { key }));

  /**
   * Records an attempt on `q` (the pool, or a transaction's client), or throws why it cannot.
   * With `label`: the same statement saves it in the history unless a label with its id is
   * there, only when the attempt is recorded (one round trip, both or neither).
   */
  const record = async (q: Queryable, key: string, outcome: AttemptOutcome, now: number, label?: NewLabel): Promise<OutboxEntry> => {
    const update = `UPDATE outbox SET attempts = attempts + 1, state = $1, last_error = $2, label_id = coalesce($3, label_id), updated_at = $4,
        lease_until = CASE WHEN leased_by = $6 THEN NULL ELSE lease_until END,
        leased_by = CASE WHEN leased_by = $6 THEN NULL ELSE leased_by END
      WHERE idempotency_key = $5 AND (state NOT IN ('done', 'rejected', 'unavailable') OR state = $1)
      RETURNING ${COLUMNS}`;
    const values: unknown[] = [outcome.state, outcome.lastError ?? null, outcome.labelId ?? null, now, key, station];
    let sql = update;
    if (label) {
      const saved = insertLabelFrom(label, 'recorded', values.length);
      sql = `WITH recorded AS (${update}), saved AS (${saved.sql}) SELECT * FROM recorded`;
      values.push(...saved.values);
    }
    const updated = await one(q, sql, values);
    if (updated) return updated;
    const existing = await get(key, q);
    if (!existing) throw unknown(key);
    throw new StationError(
      'outbox_entry_final',
      t(existing.state === 'done' ? 'labels:outbox.finalLabel' : 'labels:outbox.finalRejected', { key }),
    );
  };

  return {
    add: (entry, now = Date.now()) =>
      writing(async () => {
        const added = await one(
          pool,
          `INSERT INTO outbox (idempotency_key, environment, account_id, order_number, body, state, attempts, created_at, updated_at,
            leased_by, lease_until)
          VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $6, $7, $8)
          ON CONFLICT (idempotency_key) DO NOTHING
          RETURNING ${COLUMNS}`,
          [entry.idempotencyKey, entry.environment, entry.accountId, entry.orderNumber, entry.body, now, station, now + leaseMs],
        );
        if (!added) throw new StationError('outbox_key_exists', t('labels:outbox.keyExists', { key: entry.idempotencyKey }));
        return added;
      }),

    get: (key) => get(key),

    async unresolved(environment) {
      const sql = `SELECT ${COLUMNS} FROM outbox WHERE state IN ('pending', 'in_doubt') ${environment ? 'AND environment = $1' : ''}
        ORDER BY created_at, seq`;
      return (await pool.query<OutboxRow>(sql, environment ? [environment] : [])).rows.map(toEntry);
    },

    latestForOrder: (environment, orderNumber) =>
      one(pool, `SELECT ${COLUMNS} FROM outbox WHERE environment = $1 AND order_number = $2 ORDER BY created_at DESC, seq DESC LIMIT 1`, [
        environment,
        orderNumber,
      ]),

    async countForOrder(environment, orderNumber) {
      const result = await pool.query<{ n: number }>('SELECT count(*) AS n FROM outbox WHERE environment = $1 AND order_number = $2', [
        environment,
        orderNumber,
      ]);
      return result.rows[0]!.n;
    },

    recordAttempt: (key, outcome, now = Date.now()) => writing(() => record(pool, key, outcome, now)),

    recordAnswer: (key, outcome, label, now = Date.now()) => writing(() => record(pool, key, outcome, now, label)),

    replaceBody: (key, body, now = Date.now()) =>
      writing(async () => {
        const replaced = await one(
          pool,
          `UPDATE outbox SET body = $1, state = 'pending', last_error = NULL, updated_at = $2
          WHERE idempotency_key = $3 AND state = 'invalid' RETURNING ${COLUMNS}`,
          [body, now, key],
        );
        if (replaced) return replaced;
        const existing = await get(key);
        if (!existing) throw unknown(key);
        throw new StationError(
          'outbox_not_invalid',
          t('labels:outbox.notInvalid', { key, state: t(`labels:outbox.state.${existing.state}`) }),
        );
      }),

    claim: (key, now = Date.now()) =>
      writing(() =>
        one(
          pool,
          `UPDATE outbox SET leased_by = $2, lease_until = $4
          WHERE idempotency_key = $1 AND state IN ('pending', 'in_doubt') AND ${FREE}
          RETURNING ${COLUMNS}`,
          [key, station, now, now + leaseMs],
        ),
      ),

    claimUnresolved: (limit, now = Date.now()) =>
      writing(async () => {
        // SKIP LOCKED: an entry another station is claiming right now is left to it, not waited for;
        // the UPDATE checks the lease again on the row it locked.
        const claimed = await pool.query<OutboxRow & { seq: number }>(
          `WITH free AS (
            SELECT seq FROM outbox WHERE state IN ('pending', 'in_doubt') AND ${FREE}
            ORDER BY created_at, seq LIMIT $1 FOR UPDATE SKIP LOCKED
          )
          UPDATE outbox AS o SET leased_by = $2, lease_until = $4 FROM free
          WHERE o.seq = free.seq AND (o.leased_by IS NULL OR o.leased_by = $2 OR o.lease_until <= $3)
          RETURNING o.seq, ${COLUMNS.split(', ')
            .map((c) => `o.${c}`)
            .join(', ')}`,
          [limit, station, now, now + leaseMs],
        );
        return claimed.rows.sort((a, b) => a.created_at - b.created_at || a.seq - b.seq).map(toEntry);
      }),

    release: (key) =>
      writing(async () => {
        await pool.query('UPDATE outbox SET leased_by = NULL, lease_until = NULL WHERE idempotency_key = $1 AND leased_by = $2', [
          key,
          station,
        ]);
      }),
  };
}
