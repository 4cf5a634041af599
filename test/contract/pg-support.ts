import type pg from 'pg';
import { createPool } from '../../electron/core/storage/pg/pool';

/** A pool on a test database (int8 as numbers, like the storage's own). */
export const testPool = (connection: pg.PoolConfig) => createPool(connection);

/** Empties every table of the storage schema (between tests of one file's database). */
export async function emptyTables(pool: pg.Pool) {
  await pool.query('TRUNCATE labels, outbox, print_job_labels, label_print_state, print_jobs RESTART IDENTITY CASCADE');
}
