import { z } from 'zod';
import { BatchField, BatchIssue, ColumnMapping, CsvEncoding, SavedMapping } from './batch';

/** One order of an imported file as the preview table shows it. */
export const BatchPreviewOrder = z.object({
  orderNumber: z.string(),
  rows: z.array(z.number().int()),
  valid: z.boolean(),
  issues: z.array(BatchIssue),
  excluded: z.boolean(),
  /** The order number already has a label in this environment (skipped unless asked otherwise). */
  alreadyLabelled: z.boolean(),
});
export type BatchPreviewOrder = z.infer<typeof BatchPreviewOrder>;

export const BatchPreview = z.object({
  importId: z.string(),
  fileName: z.string(),
  encoding: CsvEncoding,
  rowCount: z.number().int(),
  headers: z.array(z.string()),
  mapping: ColumnMapping,
  /** Required fields with neither a column nor a default. */
  missing: z.array(BatchField),
  /** "Postal code, Currency and Courier", or null. */
  missingText: z.string().nullable(),
  orders: z.array(BatchPreviewOrder),
  counts: z.object({ orders: z.number().int(), ready: z.number().int(), withIssues: z.number().int(), excluded: z.number().int(), alreadyLabelled: z.number().int() }),
  savedMappings: z.array(SavedMapping),
});
export type BatchPreview = z.infer<typeof BatchPreview>;

/**
 * The states of a batch run and of its items: the one list main's batch store, the run view
 * and the renderer use. The database's CHECK constraints (electron/core/db/migrations.ts,
 * version 4) are shipped schema history and keep their own literal copy; a unit test
 * (test/unit/db-migrations.test.ts) checks that they list exactly these.
 */
export const BatchRunState = z.enum(['running', 'paused', 'cancelled', 'done']);
export type BatchRunState = z.infer<typeof BatchRunState>;
export const BatchItemState = z.enum(['queued', 'running', 'created', 'rejected', 'failed', 'skipped', 'in_doubt']);
export type BatchItemState = z.infer<typeof BatchItemState>;

/** How many items of a run are in each state. */
const countsByItemState = Object.fromEntries(BatchItemState.options.map((state) => [state, z.number().int()])) as Record<BatchItemState, z.ZodNumber>;

export const BatchRunView = z.object({
  runId: z.string(),
  state: BatchRunState,
  summary: z.object({ total: z.number().int(), ...countsByItemState }),
  items: z.array(
    z.object({
      position: z.number().int(),
      orderNumber: z.string().nullable(),
      state: BatchItemState,
      labelId: z.string().nullable(),
      trackingNumber: z.string().nullable(),
      message: z.string().nullable(),
    }),
  ),
  /** The "print all when done" job, once sent. */
  printMessage: z.string().nullable(),
});
export type BatchRunView = z.infer<typeof BatchRunView>;
