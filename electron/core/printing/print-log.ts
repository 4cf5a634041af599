import { PrintLogEntry, type PrintedLabel } from '../../../shared/domain/print-state';
import { PrintJobRecord } from '../../../shared/domain/printing';
import type { StationDatabase } from '../db/database';
import { promised, type Synchronous } from '../storage/promised';

/**
 * The print job log: every job the station sent or failed to send, with the OS's job id or
 * message. Label ids are kept in their own table (in print order) so "when was this label
 * printed" is an index lookup; they are not foreign keys, as the label service owns labels
 * and a calibration job has none. Each label's newest job is also kept in label_print_state,
 * with what became of it once the job was followed (job-follow.ts), for History.
 */

/** What following a job found: its outcome, or `sent` with why it is not known. */
export interface JobSettlement {
  state: 'printed' | 'waiting' | 'failed' | 'sent';
  errorCode: string | null;
  message: string | null;
  at: number;
}

/**
 * Async, so that the station's SQLite (createPrintLog here) and a workgroup's PostgreSQL
 * (electron/core/storage/pg/print-log.ts) implement the same log, as described in
 * docs/architecture.md, "Storage backends".
 */
export interface PrintLog {
  /** Writes one job (sent or failed) with its labels, atomically; it becomes each label's print state. */
  record(job: PrintJobRecord): Promise<void>;
  /**
   * Records a followed job's outcome, and for each of its labels whose newest job it still is,
   * the label's print state. Returns the job as it now stands (null: no such job).
   */
  settle(jobId: string, settlement: JobSettlement): Promise<PrintJobRecord | null>;
  get(jobId: string): Promise<PrintJobRecord | null>;
  /** The print log screen: newest jobs first (or one label's), each naming its labels' orders and tracking numbers. */
  entries(options?: { labelId?: string; limit?: number }): Promise<PrintLogEntry[]>;
  /** The newest jobs first. */
  recent(limit?: number): Promise<PrintJobRecord[]>;
  /** Jobs that included the label, newest first. */
  forLabel(labelId: string): Promise<PrintJobRecord[]>;
  /**
   * Jobs the OS accepted whose outcome is still open (never settled, its time ran out, or
   * waiting), sent since `since`, newest first: followed again when the station starts.
   */
  unfinished(since: number, limit: number): Promise<PrintJobRecord[]>;
}

/** A print job as both backends read it; `label_ids` is JSON text in SQLite and an array in PostgreSQL. */
export interface PrintJobRow<LabelIds> {
  id: string;
  profile_id: string | null;
  printer: string;
  copies: number;
  os_job_id: string | null;
  state: string;
  error_code: string | null;
  message: string | null;
  created_at: number;
  label_ids: LabelIds;
}
type Row = PrintJobRow<string>;

/** The record of a job row, its label ids already read (electron/core/storage/pg/print-log.ts too). */
export const printJobRecord = (row: PrintJobRow<unknown>, labelIds: string[]): PrintJobRecord =>
  PrintJobRecord.parse({
    id: row.id,
    labelIds,
    profileId: row.profile_id,
    printer: row.printer,
    copies: row.copies,
    osJobId: row.os_job_id,
    state: row.state,
    errorCode: row.error_code,
    message: row.message,
    createdAt: row.created_at,
  });

const ENTRY_LABELS = `(SELECT json_group_array(json_object('id', x.label_id, 'orderNumber', x.order_number, 'trackingNumber', x.tracking_number))
    FROM (SELECT pl.label_id, l.customer_order_number AS order_number, l.tracking_number
      FROM print_job_labels AS pl LEFT JOIN labels AS l ON l.id = pl.label_id WHERE pl.job_seq = j.seq ORDER BY pl.position) AS x) AS labels`;

const SELECT = `
  SELECT j.id, j.profile_id, j.printer, j.copies, j.os_job_id, coalesce(j.outcome, j.state) AS state, j.error_code, j.message, j.created_at,
    (SELECT json_group_array(label_id) FROM (SELECT label_id FROM print_job_labels WHERE job_seq = j.seq ORDER BY position)) AS label_ids
  FROM print_jobs AS j`;

/** The station's print log in its SQLite database, through the async interface the services use. */
export function createPrintLog(database: StationDatabase): PrintLog {
  return promised<PrintLog>(createSqlitePrintLog(database));
}

/** The synchronous SQLite print log (node:sqlite): each call one atomic step. */
export function createSqlitePrintLog(database: StationDatabase): Synchronous<PrintLog> {
  const { db } = database;
  const insertJob = db.prepare(`
    INSERT INTO print_jobs (id, profile_id, printer, copies, os_job_id, state, error_code, message, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertLabel = db.prepare('INSERT INTO print_job_labels (job_seq, position, label_id) VALUES (?, ?, ?)');
  const recentJobs = db.prepare(`${SELECT} ORDER BY j.created_at DESC, j.seq DESC LIMIT ?`);
  const labelJobs = db.prepare(`${SELECT}
    WHERE j.seq IN (SELECT job_seq FROM print_job_labels WHERE label_id = ?)
    ORDER BY j.created_at DESC, j.seq DESC`);
  const oneJob = db.prepare(`${SELECT} WHERE j.id = ?`);
  const unfinishedJobs = db.prepare(`${SELECT}
    WHERE j.state = 'sent' AND j.os_job_id IS NOT NULL AND (j.outcome IS NULL OR j.outcome = 'waiting') AND j.created_at >= ?
    ORDER BY j.created_at DESC, j.seq DESC LIMIT ?`);
  const recentEntries = db.prepare(`${SELECT.replace('FROM print_jobs', `, ${ENTRY_LABELS} FROM print_jobs`)}
    ORDER BY j.created_at DESC, j.seq DESC LIMIT ?`);
  const labelEntries = db.prepare(`${SELECT.replace('FROM print_jobs', `, ${ENTRY_LABELS} FROM print_jobs`)}
    WHERE j.seq IN (SELECT job_seq FROM print_job_labels WHERE label_id = ?)
    ORDER BY j.created_at DESC, j.seq DESC LIMIT ?`);
  // The newest job of a label wins: a job recorded later (a reprint) replaces the state.
  const setLabelState = db.prepare(`
    INSERT INTO label_print_state (label_id, job_seq, state, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (label_id) DO UPDATE SET job_seq = excluded.job_seq, state = excluded.state, updated_at = excluded.updated_at
    WHERE excluded.job_seq >= label_print_state.job_seq`);
  const settleJob = db.prepare(`
    UPDATE print_jobs SET outcome = ?, error_code = coalesce(?, error_code), message = ?, settled_at = ? WHERE id = ? RETURNING seq`);
  const settleLabels = db.prepare('UPDATE label_print_state SET state = ?, updated_at = ? WHERE job_seq = ?');

  const toRecord = (row: Row) => printJobRecord(row, JSON.parse(row.label_ids) as string[]);

  const getJob = (jobId: string) => {
    const row = oneJob.get(jobId) as Row | undefined;
    return row ? toRecord(row) : null;
  };

  return {
    record(input) {
      const job = PrintJobRecord.parse(input);
      db.exec('BEGIN IMMEDIATE');
      try {
        const { lastInsertRowid } = insertJob.run(
          job.id,
          job.profileId,
          job.printer,
          job.copies,
          job.osJobId,
          job.state,
          job.errorCode,
          job.message,
          job.createdAt,
        );
        job.labelIds.forEach((labelId, position) => {
          insertLabel.run(lastInsertRowid, position, labelId);
          setLabelState.run(labelId, lastInsertRowid, job.state, job.createdAt);
        });
        db.exec('COMMIT');
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
    settle(jobId, settlement) {
      db.exec('BEGIN IMMEDIATE');
      try {
        const outcome = settlement.state === 'sent' ? null : settlement.state;
        const row = settleJob.get(outcome, settlement.errorCode, settlement.message, settlement.at, jobId) as { seq: number } | undefined;
        if (row) settleLabels.run(settlement.state, settlement.at, row.seq);
        db.exec('COMMIT');
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
      return getJob(jobId);
    },
    get: getJob,
    entries({ labelId, limit = 50 } = {}) {
      const n = Math.max(1, Math.min(1000, Math.trunc(limit)));
      const found = (labelId ? labelEntries.all(labelId, n) : recentEntries.all(n)) as unknown as (Row & { labels: string })[];
      return found.map((row) => PrintLogEntry.parse({ ...toRecord(row), labels: JSON.parse(row.labels) as PrintedLabel[] }));
    },
    recent(limit = 50) {
      const n = Math.max(1, Math.min(1000, Math.trunc(limit)));
      return (recentJobs.all(n) as unknown as Row[]).map(toRecord);
    },
    forLabel(labelId) {
      return (labelJobs.all(labelId) as unknown as Row[]).map(toRecord);
    },
    unfinished(since, limit) {
      return (unfinishedJobs.all(since, Math.max(1, Math.trunc(limit))) as unknown as Row[]).map(toRecord);
    },
  };
}
