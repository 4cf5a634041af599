import { PrintJobRecord } from '../../../shared/domain/printing';
import type { StationDatabase } from '../db/database';

/**
 * The print job log: every job the station sent or failed to send, with the OS's job id or
 * message. Label ids are kept in their own table (in print order) so "when was this label
 * printed" is an index lookup; they are not foreign keys, as the label service owns labels
 * and a calibration job has none.
 */

export interface PrintLog {
  /** Writes one job (sent or failed) with its labels, atomically. */
  record(job: PrintJobRecord): void;
  /** The newest jobs first. */
  recent(limit?: number): PrintJobRecord[];
  /** Jobs that included the label, newest first. */
  forLabel(labelId: string): PrintJobRecord[];
}

interface Row {
  id: string;
  profile_id: string | null;
  printer: string;
  copies: number;
  os_job_id: string | null;
  state: string;
  error_code: string | null;
  message: string | null;
  created_at: number;
  label_ids: string;
}

const SELECT = `
  SELECT j.id, j.profile_id, j.printer, j.copies, j.os_job_id, j.state, j.error_code, j.message, j.created_at,
    (SELECT json_group_array(label_id) FROM (SELECT label_id FROM print_job_labels WHERE job_seq = j.seq ORDER BY position)) AS label_ids
  FROM print_jobs AS j`;

export function createPrintLog(database: StationDatabase): PrintLog {
  const { db } = database;
  const insertJob = db.prepare(`
    INSERT INTO print_jobs (id, profile_id, printer, copies, os_job_id, state, error_code, message, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertLabel = db.prepare('INSERT INTO print_job_labels (job_seq, position, label_id) VALUES (?, ?, ?)');
  const recentJobs = db.prepare(`${SELECT} ORDER BY j.created_at DESC, j.seq DESC LIMIT ?`);
  const labelJobs = db.prepare(`${SELECT}
    WHERE j.seq IN (SELECT job_seq FROM print_job_labels WHERE label_id = ?)
    ORDER BY j.created_at DESC, j.seq DESC`);

  const toRecord = (row: Row): PrintJobRecord =>
    PrintJobRecord.parse({
      id: row.id,
      labelIds: JSON.parse(row.label_ids) as string[],
      profileId: row.profile_id,
      printer: row.printer,
      copies: row.copies,
      osJobId: row.os_job_id,
      state: row.state,
      errorCode: row.error_code,
      message: row.message,
      createdAt: row.created_at,
    });

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
        job.labelIds.forEach((labelId, position) => insertLabel.run(lastInsertRowid, position, labelId));
        db.exec('COMMIT');
      } catch (error) {
        if (db.isTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
    recent(limit = 50) {
      const n = Math.max(1, Math.min(1000, Math.trunc(limit)));
      return (recentJobs.all(n) as unknown as Row[]).map(toRecord);
    },
    forLabel(labelId) {
      return (labelJobs.all(labelId) as unknown as Row[]).map(toRecord);
    },
  };
}
