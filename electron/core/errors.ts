/** An error with a stable code and an operator-facing sentence; handlers throw it, IPC returns it as a value. */
export class StationError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'StationError';
  }
}
