import type { StatementSync } from 'node:sqlite';
import type { EnvironmentId } from '../../../shared/domain/environment';
import type { OutboxEntry, OutboxState } from '../../../shared/domain/labels';
import { StationError } from '../errors';
import { t } from '../i18n';
import type { StationDatabase } from '../db/database';
import { storageFailure } from '../db/storage-error';
import { promised, type Synchronous } from '../storage/promised';
import { createSqliteLabelStore, type NewLabel } from './label-store';

export type NewOutboxEntry = Pick<OutboxEntry, 'idempotencyKey' | 'environment' | 'accountId' | 'orderNumber' | 'body'>;

/** How an answer that brought a label is recorded (Outbox.recordAnswer). */
export type AttemptOutcome = { state: Exclude<OutboxState, 'pending'>; lastError?: string | null; labelId?: string | null };

/**
 * The durable record of label requests (docs/architecture.md, "Label creation is exactly-once").
 * Async, so that the station's embedded SQLite (createOutbox here) and a workgroup's
 * PostgreSQL (electron/core/storage/pg/outbox.ts) implement the same interface
 * (docs/architecture.md, "Storage backends").
 */
export interface Outbox {
  /**
   * Writes the request BEFORE it is sent (state 'pending', attempts 0) and returns the row
   * read back by its key. Rejects with StationError('outbox_key_exists') if the key exists
   * (the insert is the check: two writers of one key cannot both succeed), and
   * StationError('disk_full' | 'database_write_failed') when the write did not reach the
   * database. Durable when it resolves (synced to disk, power-cut safe). Every write here
   * fails the same ways. In a workgroup the new entry is leased to this station (see `claim`).
   */
  add(entry: NewOutboxEntry, now?: number): Promise<OutboxEntry>;
  get(idempotencyKey: string): Promise<OutboxEntry | null>;
  /** pending or in_doubt entries, oldest first (resolved on start-up before anything else is sent). Optional environment filter. */
  unresolved(environment?: EnvironmentId): Promise<OutboxEntry[]>;
  /** Newest entry for an order number in an environment, any state. */
  latestForOrder(environment: EnvironmentId, orderNumber: string): Promise<OutboxEntry | null>;
  /** Number of entries ever made for this order (used to mint the next key "ORDER#2"). */
  countForOrder(environment: EnvironmentId, orderNumber: string): Promise<number>;
  /**
   * Records the outcome of a send attempt: increments attempts, sets state, lastError (omitted
   * means none), labelId (omitted keeps the stored one), updatedAt, and gives back this
   * station's lease. 'done', 'rejected' and 'unavailable' are final: recording another outcome
   * on them rejects with StationError('outbox_entry_final'); the same outcome again (a second
   * replay answered) is recorded.
   */
  recordAttempt(idempotencyKey: string, outcome: AttemptOutcome, now?: number): Promise<OutboxEntry>;
  /**
   * The answer that brought a label (created, rejected or courier-unavailable): saves the label
   * in the same storage's history unless a label with its id is already there, and records the
   * attempt as `recordAttempt` does, in ONE transaction committed like the outbox's own
   * writes: both or neither (a crash or failure leaves the entry unresolved, and its replay
   * finds the label).
   */
  recordAnswer(idempotencyKey: string, outcome: AttemptOutcome, label: NewLabel, now?: number): Promise<OutboxEntry>;
  /** For a request refused as invalid (400): replace the stored body after the operator fixed it (same key allowed by the API after a 400). Only allowed in state 'invalid'; sets state back to 'pending'. */
  replaceBody(idempotencyKey: string, body: string, now?: number): Promise<OutboxEntry>;
  /**
   * Takes an unresolved entry (pending or in doubt) for this station to send or resolve, under
   * a lease: only when no other station holds an unexpired lease on it. Resolves to the entry,
   * or null when it is resolved, unknown, or leased to another station. A station that dies
   * mid-request leaves the entry in doubt under its lease; once the lease ran out another
   * station claims it and resolves it with the same key. The embedded SQLite store serves one
   * station, which always holds the lease.
   */
  claim(idempotencyKey: string, now?: number): Promise<OutboxEntry | null>;
  /** The unresolved entries no other station holds (oldest first, at most `limit`), each claimed for this station. */
  claimUnresolved(limit: number, now?: number): Promise<OutboxEntry[]>;
  /** Gives this station's lease on an entry back without recording an attempt (it was not sent). */
  release(idempotencyKey: string): Promise<void>;
}

/** An outbox row as both backends store it (electron/core/storage/pg/outbox.ts reads the same columns). */
export interface OutboxRow {
  idempotency_key: string;
  environment: string;
  account_id: string | null;
  order_number: string | null;
  body: string;
  state: string;
  attempts: number;
  last_error: string | null;
  label_id: string | null;
  created_at: number;
  updated_at: number;
}

export const OUTBOX_COLUMNS =
  'idempotency_key, environment, account_id, order_number, body, state, attempts, last_error, label_id, created_at, updated_at';

export const toEntry = (row: OutboxRow): OutboxEntry => ({
  idempotencyKey: row.idempotency_key,
  environment: row.environment as EnvironmentId,
  accountId: row.account_id,
  orderNumber: row.order_number,
  body: row.body,
  state: row.state as OutboxState,
  attempts: row.attempts,
  lastError: row.last_error,
  labelId: row.label_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The station's outbox in its SQLite database, through the async interface the services use. */
export function createOutbox(database: StationDatabase): Outbox {
  return promised<Outbox>(createSqliteOutbox(database));
}

/**
 * The synchronous SQLite outbox. One station owns the file, so it always holds the lease:
 * `claim` takes any unresolved entry and `release` has nothing to give back.
 */
export function createSqliteOutbox(database: StationDatabase): Synchronous<Outbox> & { transaction<T>(work: () => T): T } {
  const { db } = database;
  let labels: ReturnType<typeof createSqliteLabelStore> | null = null;
  const prepare = (sql: string): StatementSync => db.prepare(sql);
  // Writes use run(), never get() on INSERT/UPDATE … RETURNING: node:sqlite's get() steps
  // once and resets the statement without looking at the result, so a commit that fails
  // there (SQLITE_FULL when the log cannot grow) still "returns" the row that was rolled back.
  const insert = prepare(`
    INSERT INTO outbox (idempotency_key, environment, account_id, order_number, body, state, attempts, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)
    ON CONFLICT (idempotency_key) DO NOTHING`);
  const byKey = prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE idempotency_key = ?`);
  const unresolvedAll = prepare(`SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE state IN ('pending', 'in_doubt') ORDER BY created_at, seq`);
  const unresolvedIn = prepare(
    `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE state IN ('pending', 'in_doubt') AND environment = ? ORDER BY created_at, seq`,
  );
  const latest = prepare(
    `SELECT ${OUTBOX_COLUMNS} FROM outbox WHERE environment = ? AND order_number = ? ORDER BY created_at DESC, seq DESC LIMIT 1`,
  );
  const count = prepare('SELECT count(*) AS n FROM outbox WHERE environment = ? AND order_number = ?');
  const attempt = prepare(`
    UPDATE outbox SET attempts = attempts + 1, state = ?1, last_error = ?2, label_id = coalesce(?3, label_id), updated_at = ?4
    WHERE idempotency_key = ?5 AND (state NOT IN ('done', 'rejected', 'unavailable') OR state = ?1)`);
  const replace = prepare(`
    UPDATE outbox SET body = ?, state = 'pending', last_error = NULL, updated_at = ?
    WHERE idempotency_key = ? AND state = 'invalid'`);

  const get = (key: string) => {
    const row = byKey.get(key) as OutboxRow | undefined;
    return row ? toEntry(row) : null;
  };

  const unknown = (key: string) => new StationError('outbox_key_unknown', t('labels:outbox.keyUnknown', { key }));

  /** The row a write just made, read back by its key: what a later replay will send. */
  const readBack = (key: string): OutboxEntry => {
    const entry = get(key);
    if (!entry) throw new StationError('database_write_failed', t('labels:outbox.notReadBack', { key }));
    return entry;
  };

  /**
   * Outbox writes must survive a power cut, not just a crash: a lost entry for a request that
   * was sent could buy a second label. Each write is its own transaction (BEGIN IMMEDIATE …
   * COMMIT), so a failed commit throws, and WAL with synchronous=FULL syncs the log on commit.
   * SQLite cannot change this inside a transaction: a caller's own transaction commits at
   * the connection's level (NORMAL: survives a crash of the app, not of the machine).
   * SQLite errors are thrown as StationError('disk_full' | 'database_write_failed').
   */
  const durably = <T>(write: () => T): T => {
    try {
      if (db.isTransaction) return write();
      db.exec('PRAGMA synchronous = FULL');
      try {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = write();
          db.exec('COMMIT');
          return result;
        } catch (error) {
          // SQLite may already have rolled back (it does on SQLITE_FULL at commit).
          if (db.isTransaction) db.exec('ROLLBACK');
          throw error;
        }
      } finally {
        db.exec('PRAGMA synchronous = NORMAL');
      }
    } catch (error) {
      throw storageFailure(error) ?? error;
    }
  };

  const record = (key: string, outcome: AttemptOutcome, now: number) => {
    if (attempt.run(outcome.state, outcome.lastError ?? null, outcome.labelId ?? null, now, key).changes > 0) return;
    const existing = get(key);
    if (!existing) throw unknown(key);
    throw new StationError(
      'outbox_entry_final',
      t(existing.state === 'done' ? 'labels:outbox.finalLabel' : 'labels:outbox.finalRejected', { key }),
    );
  };

  const unresolvedOf = (environment?: EnvironmentId) => {
    const rows = (environment ? unresolvedIn.all(environment) : unresolvedAll.all()) as unknown as OutboxRow[];
    return rows.map(toEntry);
  };

  return {
    add(entry, now = Date.now()) {
      durably(() => {
        const { changes } = insert.run(entry.idempotencyKey, entry.environment, entry.accountId, entry.orderNumber, entry.body, now, now);
        if (changes === 0) {
          throw new StationError('outbox_key_exists', t('labels:outbox.keyExists', { key: entry.idempotencyKey }));
        }
      });
      return readBack(entry.idempotencyKey);
    },

    get,

    unresolved: unresolvedOf,

    latestForOrder(environment, orderNumber) {
      const row = latest.get(environment, orderNumber) as OutboxRow | undefined;
      return row ? toEntry(row) : null;
    },

    countForOrder(environment, orderNumber) {
      return (count.get(environment, orderNumber) as { n: number }).n;
    },

    recordAttempt(key, outcome, now = Date.now()) {
      durably(() => record(key, outcome, now));
      return readBack(key);
    },

    recordAnswer(key, outcome, label, now = Date.now()) {
      labels ??= createSqliteLabelStore(database);
      const store = labels;
      durably(() => {
        if (!store.get(label.id)) store.save(label);
        record(key, outcome, now);
      });
      return readBack(key);
    },

    replaceBody(key, body, now = Date.now()) {
      durably(() => {
        if (replace.run(body, now, key).changes > 0) return;
        const existing = get(key);
        if (!existing) throw unknown(key);
        throw new StationError(
          'outbox_not_invalid',
          t('labels:outbox.notInvalid', { key, state: t(`labels:outbox.state.${existing.state}`) }),
        );
      });
      return readBack(key);
    },

    claim(key) {
      const entry = get(key);
      return entry && (entry.state === 'pending' || entry.state === 'in_doubt') ? entry : null;
    },

    claimUnresolved(limit) {
      return unresolvedOf().slice(0, limit);
    },

    release() {},

    transaction: durably,
  };
}
