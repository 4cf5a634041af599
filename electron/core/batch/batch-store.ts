import { randomUUID } from 'node:crypto';
import type { StatementSync } from 'node:sqlite';
import { BatchItemState, type BatchRunState } from '../../../shared/domain/batch-view';
import type { LabelDraft } from '../../../shared/domain/label-draft';
import type { StationDatabase } from '../db/database';
import { storageFailure } from '../db/storage-error';

/** The states an item's send can end in (queued and running are the runner's own). */
export type BatchItemOutcome = Exclude<BatchItemState, 'queued' | 'running'>;

export interface BatchRun {
  id: string;
  state: BatchRunState;
  concurrency: number;
  /** Orders that already have a label get another one (an explicit operator choice) instead of being skipped. */
  includeAlreadyLabelled: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface BatchItem {
  runId: string;
  position: number;
  orderNumber: string | null;
  draft: LabelDraft;
  state: BatchItemState;
  labelId: string | null;
  trackingNumber: string | null;
  /** The courier's or validator's reason, or why the item was skipped or is in doubt. */
  message: string | null;
  /** How many times the item was claimed (more than one after a crash or an in-doubt retry). */
  attempts: number;
  /** When the item was first claimed: a label recorded after it may be this item's own. */
  firstClaimedAt: number | null;
  updatedAt: number;
}

export type BatchSummary = Record<BatchItemState, number> & { total: number };

export interface NewBatchRun {
  drafts: readonly LabelDraft[];
  concurrency: number;
  includeAlreadyLabelled?: boolean;
  id?: string;
}

export interface BatchItemsPage {
  items: BatchItem[];
  /** Pass as `afterPosition` for the next page; null on the last page. */
  nextAfter: number | null;
}

/** The batch tables: runs, their items, and the queries the runner and the results table need. */
export interface BatchStore {
  /** Creates a run (state running) with one queued item per draft, in one transaction. */
  createRun(run: NewBatchRun, now: number): BatchRun;
  getRun(runId: string): BatchRun | null;
  setRunState(runId: string, state: BatchRunState, now: number): void;
  /** Marks the next queued item (lowest position) running and returns it; null when none is queued. */
  claimNext(runId: string, now: number): BatchItem | null;
  recordOutcome(
    runId: string,
    position: number,
    outcome: { state: BatchItemOutcome; labelId?: string | null; trackingNumber?: string | null; message?: string | null },
    now: number,
  ): void;
  /** Puts items in the given states back in the queue (after a crash: running; on resume: in_doubt). Returns how many. */
  requeue(runId: string, states: readonly ('running' | 'in_doubt')[], now: number): number;
  /** Runs that are running or paused, or finished with items still in doubt; oldest first. */
  unfinishedRuns(): BatchRun[];
  summary(runId: string): BatchSummary;
  /** Items in position order, optionally filtered by state (the results table). */
  itemsPage(runId: string, query?: { afterPosition?: number; limit?: number; states?: readonly BatchItemState[] }): BatchItemsPage;
}

interface RunRow {
  id: string;
  state: string;
  concurrency: number;
  include_already_labelled: number;
  created_at: number;
  updated_at: number;
}

interface ItemRow {
  run_id: string;
  position: number;
  order_number: string | null;
  draft: string;
  state: string;
  label_id: string | null;
  tracking_number: string | null;
  message: string | null;
  attempts: number;
  first_claimed_at: number | null;
  updated_at: number;
}

const ITEM_COLUMNS =
  'run_id, position, order_number, draft, state, label_id, tracking_number, message, attempts, first_claimed_at, updated_at';

const toRun = (row: RunRow): BatchRun => ({
  id: row.id,
  state: row.state as BatchRunState,
  concurrency: row.concurrency,
  includeAlreadyLabelled: row.include_already_labelled === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toItem = (row: ItemRow): BatchItem => ({
  runId: row.run_id,
  position: row.position,
  orderNumber: row.order_number,
  draft: JSON.parse(row.draft) as LabelDraft,
  state: row.state as BatchItemState,
  labelId: row.label_id,
  trackingNumber: row.tracking_number,
  message: row.message,
  attempts: row.attempts,
  firstClaimedAt: row.first_claimed_at,
  updatedAt: row.updated_at,
});

export function createBatchStore(database: StationDatabase): BatchStore {
  const { db } = database;
  const prepare = (sql: string): StatementSync => db.prepare(sql);
  const insertRun = prepare(
    'INSERT INTO batch_runs (id, state, concurrency, include_already_labelled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const insertItem = prepare(
    `INSERT INTO batch_items (run_id, position, order_number, draft, state, updated_at) VALUES (?, ?, ?, ?, 'queued', ?)`,
  );
  const runById = prepare('SELECT * FROM batch_runs WHERE id = ?');
  const updateRunState = prepare('UPDATE batch_runs SET state = ?, updated_at = ? WHERE id = ?');
  // A claim's attempts and first claim time decide whether a resumed run may buy "another"
  // label, so it is written with run() inside a transaction and read back: node:sqlite's get()
  // on UPDATE … RETURNING answers the row even when its commit fails (see the outbox's writes).
  const nextQueued = prepare(`SELECT position FROM batch_items WHERE run_id = ? AND state = 'queued' ORDER BY position LIMIT 1`);
  const claim = prepare(`
    UPDATE batch_items SET state = 'running', attempts = attempts + 1, first_claimed_at = coalesce(first_claimed_at, ?), updated_at = ?
    WHERE run_id = ? AND position = ? AND state = 'queued'`);
  const itemAt = prepare(`SELECT ${ITEM_COLUMNS} FROM batch_items WHERE run_id = ? AND position = ?`);
  const outcome = prepare(
    'UPDATE batch_items SET state = ?, label_id = ?, tracking_number = ?, message = ?, updated_at = ? WHERE run_id = ? AND position = ?',
  );
  const requeueState = prepare(`UPDATE batch_items SET state = 'queued', updated_at = ? WHERE run_id = ? AND state = ?`);
  const unfinished = prepare(`
    SELECT * FROM batch_runs WHERE state IN ('running', 'paused')
    UNION
    SELECT r.* FROM batch_runs r WHERE r.state = 'done' AND EXISTS (SELECT 1 FROM batch_items i WHERE i.run_id = r.id AND i.state = 'in_doubt')
    ORDER BY created_at, id`);
  const counts = prepare('SELECT state, count(*) AS n FROM batch_items WHERE run_id = ? GROUP BY state');

  const transaction = <T>(work: () => T): T => {
    db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      db.exec('COMMIT');
      return result;
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  };

  return {
    createRun({ drafts, concurrency, includeAlreadyLabelled = false, id = randomUUID() }, now) {
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a whole number of at least 1');
      transaction(() => {
        insertRun.run(id, 'running', concurrency, includeAlreadyLabelled ? 1 : 0, now, now);
        drafts.forEach((draft, position) => {
          insertItem.run(id, position, draft.order?.customerOrderNumber?.trim() || null, JSON.stringify(draft), now);
        });
      });
      return { id, state: 'running', concurrency, includeAlreadyLabelled, createdAt: now, updatedAt: now };
    },

    getRun(runId) {
      const row = runById.get(runId) as RunRow | undefined;
      return row ? toRun(row) : null;
    },

    setRunState(runId, state, now) {
      updateRunState.run(state, now, runId);
    },

    claimNext(runId, now) {
      let position: number | null;
      try {
        position = transaction(() => {
          const next = nextQueued.get(runId) as { position: number } | undefined;
          if (!next || claim.run(now, now, runId, next.position).changes === 0) return null;
          return next.position;
        });
      } catch (error) {
        throw storageFailure(error) ?? error;
      }
      if (position === null) return null;
      const row = itemAt.get(runId, position) as ItemRow | undefined;
      return row ? toItem(row) : null;
    },

    recordOutcome(runId, position, { state, labelId = null, trackingNumber = null, message = null }, now) {
      outcome.run(state, labelId, trackingNumber, message, now, runId, position);
    },

    requeue(runId, states, now) {
      return transaction(() => states.reduce((n, state) => n + Number(requeueState.run(now, runId, state).changes), 0));
    },

    unfinishedRuns() {
      return (unfinished.all() as unknown as RunRow[]).map(toRun);
    },

    summary(runId) {
      const result = Object.fromEntries(BatchItemState.options.map((s) => [s, 0])) as BatchSummary;
      result.total = 0;
      for (const { state, n } of counts.all(runId) as unknown as { state: BatchItemState; n: number }[]) {
        result[state] = n;
        result.total += n;
      }
      return result;
    },

    itemsPage(runId, { afterPosition = -1, limit = 100, states } = {}) {
      const filter = states && states.length > 0 ? `AND state IN (${states.map(() => '?').join(', ')})` : '';
      const rows = db
        .prepare(`SELECT ${ITEM_COLUMNS} FROM batch_items WHERE run_id = ? AND position > ? ${filter} ORDER BY position LIMIT ?`)
        .all(runId, afterPosition, ...(states ?? []), limit + 1) as unknown as ItemRow[];
      const items = rows.slice(0, limit).map(toItem);
      return { items, nextAfter: rows.length > limit ? (items.at(-1)?.position ?? null) : null };
    },
  };
}
