import { t } from '../i18n';
import type { ErrorCode } from '../../../shared/ipc/error-codes';
import { StationError } from '../errors';

/** SQLite's primary result code for "database or disk is full" (https://sqlite.org/rescode.html#full). */
const SQLITE_FULL = 13;

/** Codes of {@link storageFailure}: a write to the station database did not happen. */
export const STORAGE_FAILURE_CODES: readonly ErrorCode[] = ['disk_full', 'database_write_failed'];

/**
 * A SQLite error from a write as a StationError: `disk_full` for SQLITE_FULL, else
 * `database_write_failed`. A StationError with one of those codes is returned as it is;
 * anything else (another StationError, a programming error) gives null.
 */
export function storageFailure(error: unknown): StationError | null {
  if (error instanceof StationError) return STORAGE_FAILURE_CODES.includes(error.code) ? error : null;
  if (!(error instanceof Error) || (error as { code?: unknown }).code !== 'ERR_SQLITE_ERROR') return null;
  const errcode = (error as { errcode?: unknown }).errcode;
  // Extended result codes keep the primary code in their low byte.
  if (typeof errcode === 'number' && (errcode & 0xff) === SQLITE_FULL) {
    return new StationError('disk_full', t('errors:db.diskFull'));
  }
  return new StationError('database_write_failed', t('errors:db.writeFailed', { reason: error.message }));
}
