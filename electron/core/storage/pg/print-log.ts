import type pg from 'pg';
import { PrintLogEntry, type PrintedLabel } from '../../../../shared/domain/print-state';
import { PrintJobRecord } from '../../../../shared/domain/printing';
import { printJobRecord, type PrintJobRow, type PrintLog } from '../../printing/print-log';
import { NOCASE } from './migrations';
import { inTransaction, named, pgFailure } from './pool';

type Row = PrintJobRow<string[]>;

/** SQLite's NOCASE, as the label_nocase columns fold (electron/core/storage/pg/migrations.ts). */
const nocase = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The listed label ids folded as the label_nocase columns are. */
const NOCASE_SQL = NOCASE('listed.label_id');

const SELECT = `
  SELECT j.id, j.profile_id, j.printer, j.copies, j.os_job_id, coalesce(j.outcome, j.state) AS state, j.error_code, j.message, j.created_at,
    (SELECT coalesce(json_agg(pl.label_id ORDER BY pl.position), '[]'::json) FROM print_job_labels AS pl WHERE pl.job_seq = j.seq) AS label_ids
  FROM print_jobs AS j`;

const ENTRY_LABELS = `, (SELECT coalesce(json_agg(json_build_object('id', pl.label_id, 'orderNumber', l.customer_order_number,
    'trackingNumber', l.tracking_number) ORDER BY pl.position), '[]'::json)
    FROM print_job_labels AS pl LEFT JOIN labels AS l ON l.id_nocase = pl.label_nocase WHERE pl.job_seq = j.seq) AS labels`;
const WITH_LABELS = SELECT.replace('FROM print_jobs AS j', `${ENTRY_LABELS} FROM print_jobs AS j`);

const toRecord = (row: Row) => printJobRecord(row, row.label_ids);

const clamp = (limit: number) => Math.max(1, Math.min(1000, Math.trunc(limit)));

/**
 * The workgroup's print log in PostgreSQL: the PrintLog the SQLite one implements
 * (electron/core/printing/print-log.ts), the same jobs, outcomes and label print states, so
 * History's print-state column and filter read the same on both.
 */
export function createPgPrintLog(pool: pg.Pool): PrintLog {
  const jobs = async (sql: string, values: unknown[]) => (await pool.query<Row>(sql, values)).rows.map(toRecord);
  const getJob = async (jobId: string) => (await jobs(`${SELECT} WHERE j.id = $1`, [jobId]))[0] ?? null;
  const writing = async <T>(write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      throw pgFailure(error);
    }
  };

  return {
    // One statement (one round trip, atomic as a transaction): the job, its labels in order, and
    // each label's print state, where the newest job of a label wins (a reprint replaces the state).
    // A label twice in one job gets one state row (ON CONFLICT cannot touch a row twice in one statement).
    record: async (input) => {
      const job = PrintJobRecord.parse(input);
      await writing(() =>
        pool.query(
          named(
            `WITH job AS (
            INSERT INTO print_jobs (id, profile_id, printer, copies, os_job_id, state, error_code, message, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING seq
          ), listed AS (
            SELECT label_id, (ordinality - 1)::integer AS position FROM unnest($10::text[]) WITH ORDINALITY AS u (label_id, ordinality)
          ), placed AS (
            INSERT INTO print_job_labels (job_seq, position, label_id) SELECT job.seq, listed.position, listed.label_id FROM job, listed
          )
          INSERT INTO label_print_state (label_id, job_seq, state, updated_at)
          SELECT DISTINCT ON (${NOCASE_SQL}) listed.label_id, job.seq, $6, $9 FROM job, listed ORDER BY ${NOCASE_SQL}, listed.position
          ON CONFLICT (label_nocase) DO UPDATE SET job_seq = excluded.job_seq, state = excluded.state, updated_at = excluded.updated_at
          WHERE excluded.job_seq >= label_print_state.job_seq`,
            [
              job.id,
              job.profileId,
              job.printer,
              job.copies,
              job.osJobId,
              job.state,
              job.errorCode,
              job.message,
              job.createdAt,
              job.labelIds,
            ],
          ),
        ),
      );
    },

    async settle(jobId, settlement) {
      await writing(() =>
        inTransaction(pool, async (client) => {
          const outcome = settlement.state === 'sent' ? null : settlement.state;
          const row = await client.query<{ seq: number }>(
            'UPDATE print_jobs SET outcome = $1, error_code = coalesce($2, error_code), message = $3, settled_at = $4 WHERE id = $5 RETURNING seq',
            [outcome, settlement.errorCode, settlement.message, settlement.at, jobId],
          );
          const seq = row.rows[0]?.seq;
          if (seq !== undefined) {
            await client.query('UPDATE label_print_state SET state = $1, updated_at = $2 WHERE job_seq = $3', [
              settlement.state,
              settlement.at,
              seq,
            ]);
          }
        }),
      );
      return getJob(jobId);
    },

    get: getJob,

    async entries({ labelId, limit = 50 } = {}) {
      const sql = labelId
        ? `${WITH_LABELS} WHERE j.seq IN (SELECT job_seq FROM print_job_labels WHERE label_nocase = $1)
          ORDER BY j.created_at DESC, j.seq DESC LIMIT $2`
        : `${WITH_LABELS} ORDER BY j.created_at DESC, j.seq DESC LIMIT $1`;
      const found = await pool.query<Row & { labels: PrintedLabel[] }>(sql, labelId ? [nocase(labelId), clamp(limit)] : [clamp(limit)]);
      return found.rows.map((row) => PrintLogEntry.parse({ ...toRecord(row), labels: row.labels }));
    },

    recent: (limit = 50) => jobs(`${SELECT} ORDER BY j.created_at DESC, j.seq DESC LIMIT $1`, [clamp(limit)]),

    forLabel: (labelId) =>
      jobs(
        `${SELECT} WHERE j.seq IN (SELECT job_seq FROM print_job_labels WHERE label_nocase = $1) ORDER BY j.created_at DESC, j.seq DESC`,
        [nocase(labelId)],
      ),

    unfinished: (since, limit) =>
      jobs(
        `${SELECT}
        WHERE j.state = 'sent' AND j.os_job_id IS NOT NULL AND (j.outcome IS NULL OR j.outcome = 'waiting') AND j.created_at >= $1
        ORDER BY j.created_at DESC, j.seq DESC LIMIT $2`,
        [since, Math.max(1, Math.trunc(limit))],
      ),
  };
}
