/**
 * The tasks that report `progress` events (shared/ipc/contract.ts, `ProgressEvent.task`):
 * History's "refresh all in transit", and each batch run under its own id. Main names a task
 * with these and the renderer matches it with the same ones, so neither writes a task id by
 * hand. No zod here, so the renderer imports the names without the contract's schemas.
 */
export const TRACKING_REFRESH_TASK = 'tracking:refresh';
export const BATCH_TASK_PREFIX = 'batch:';

export type ProgressTask = typeof TRACKING_REFRESH_TASK | `${typeof BATCH_TASK_PREFIX}${string}`;

/** The task of one batch run: `batch:<run id>`. */
export const batchTask = (runId: string): ProgressTask => `${BATCH_TASK_PREFIX}${runId}`;

/** Copying a station's own history into the workgroup it joined (electron/core/workgroup/move-in.ts). */
export const MOVE_IN_TASK = 'workgroup:moveIn';
