import type { ErrorCode } from '../../shared/ipc/error-codes';

/**
 * An error with a stable code and an operator-facing sentence; handlers throw it, IPC returns
 * it as a value. A new code goes into shared/ipc/error-codes.ts first.
 */
export class StationError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'StationError';
  }
}
