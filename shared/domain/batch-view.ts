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

export const BatchItemState = z.enum(['queued', 'running', 'created', 'rejected', 'failed', 'skipped', 'in_doubt']);

export const BatchRunView = z.object({
  runId: z.string(),
  state: z.enum(['running', 'paused', 'cancelled', 'done']),
  summary: z.object({
    total: z.number().int(),
    queued: z.number().int(),
    running: z.number().int(),
    created: z.number().int(),
    rejected: z.number().int(),
    failed: z.number().int(),
    skipped: z.number().int(),
    in_doubt: z.number().int(),
  }),
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
