import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createPool } from '../../electron/core/storage/pg/pool';

/**
 * A print job of these labels straight into the PostgreSQL tables the label store reads (the
 * print log itself is not in PostgreSQL yet): what electron/core/printing/print-log.ts's record
 * (and settle, for printed or waiting) writes in SQLite, each label's newest job winning.
 */
export async function recordPrint(
  pool: pg.Pool,
  labelIds: string[],
  state: 'sent' | 'failed' | 'printed' | 'waiting',
  at: number,
  jobId: string = randomUUID(),
) {
  const failed = state === 'failed';
  const outcome = state === 'printed' || state === 'waiting' ? state : null;
  const job = await pool.query<{ seq: number }>(
    `INSERT INTO print_jobs (id, profile_id, printer, copies, os_job_id, state, created_at, outcome, settled_at)
    VALUES ($1, NULL, 'desk', 1, $2, $3, $4, $5, $6) RETURNING seq`,
    [jobId, failed ? null : 'desk-1', failed ? 'failed' : 'sent', at, outcome, outcome ? at : null],
  );
  const seq = job.rows[0]!.seq;
  for (const [position, labelId] of labelIds.entries()) {
    await pool.query('INSERT INTO print_job_labels (job_seq, position, label_id) VALUES ($1, $2, $3)', [seq, position, labelId]);
    await pool.query(
      `INSERT INTO label_print_state (label_id, job_seq, state, updated_at) VALUES ($1, $2, $3, $4)
      ON CONFLICT (label_nocase) DO UPDATE SET job_seq = excluded.job_seq, state = excluded.state, updated_at = excluded.updated_at
      WHERE excluded.job_seq >= label_print_state.job_seq`,
      [labelId, seq, state, at],
    );
  }
}

/** A pool on a test database (int8 as numbers, like the storage's own). */
export const testPool = (connection: pg.PoolConfig) => createPool(connection);

/** Empties every table of the storage schema (between tests of one file's database). */
export async function emptyTables(pool: pg.Pool) {
  await pool.query('TRUNCATE labels, outbox, print_job_labels, label_print_state, print_jobs RESTART IDENTITY CASCADE');
}
