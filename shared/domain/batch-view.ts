import { z } from 'zod';
import { BatchField, BatchIssue, ColumnMapping, CsvEncoding, SavedMapping } from './batch';

/** The most orders one preview page carries (the page size the renderer asks for is at most this). */
export const MAX_BATCH_PAGE = 500;
/** The page size when the renderer names none. */
export const DEFAULT_BATCH_PAGE = 100;
/** Issues listed per order in a preview; `issueCount` says how many there are in all. */
export const MAX_ISSUES_PER_ORDER = 20;

/** Which orders the preview pages through: all of them, or only those with issues (to fix them). */
export const BatchPreviewFilter = z.enum(['all', 'issues']);
export type BatchPreviewFilter = z.infer<typeof BatchPreviewFilter>;

/** The page of orders a preview answer carries; the renderer asks for the one it shows. */
export const BatchPageRequest = z.strictObject({
  offset: z.number().int().min(0).max(10_000_000).optional(),
  limit: z.number().int().min(1).max(MAX_BATCH_PAGE).optional(),
  filter: BatchPreviewFilter.optional(),
});
export type BatchPageRequest = z.infer<typeof BatchPageRequest>;

/**
 * What the import step chooses for the whole file: a courier and product used where a row
 * names none, or (`overrideFile`) for every row, whatever the file's own columns say. Null
 * falls back to Settings → Defaults.
 */
export const ImportOptions = z.strictObject({
  courier: z.string().trim().min(1).max(64).nullable(),
  productCode: z.string().trim().min(1).max(64).nullable(),
  overrideFile: z.boolean(),
});
export type ImportOptions = z.infer<typeof ImportOptions>;
export const NO_IMPORT_OPTIONS: ImportOptions = { courier: null, productCode: null, overrideFile: false };

/** The saved mapping an import took by itself because the file's headers matched it; null when the columns were matched anew. */
export const MappingSource = z.object({ id: z.string(), name: z.string(), savedAt: z.number().int().nullable() }).nullable();
export type MappingSource = z.infer<typeof MappingSource>;

/** One import in the list (Batch → Imports, and the files station mode scans from), newest first. */
export const ImportListItem = z.object({
  importId: z.string(),
  fileName: z.string(),
  createdAt: z.number().int(),
  rowCount: z.number().int().min(0),
  /** As of the last preview (the mapping, fixes and defaults then). */
  orders: z.number().int().min(0),
  ready: z.number().int().min(0),
  /** Orders of the file that have a created label in the active environment. */
  labelled: z.number().int().min(0),
  lastRunId: z.string().nullable(),
});
export type ImportListItem = z.infer<typeof ImportListItem>;

/** One order of an imported file as the preview table shows it. */
export const BatchPreviewOrder = z.object({
  orderNumber: z.string(),
  rows: z.array(z.number().int()),
  valid: z.boolean(),
  /** The first MAX_ISSUES_PER_ORDER issues, in row order. */
  issues: z.array(BatchIssue).max(MAX_ISSUES_PER_ORDER),
  issueCount: z.number().int().min(0),
  excluded: z.boolean(),
  /** The order number already has a label in this environment (skipped unless asked otherwise). */
  alreadyLabelled: z.boolean(),
});
export type BatchPreviewOrder = z.infer<typeof BatchPreviewOrder>;

export const BatchPreview = z.object({
  importId: z.string(),
  fileName: z.string(),
  createdAt: z.number().int(),
  /** Courier and product for the whole file, as chosen in the import step. */
  options: ImportOptions,
  /** Set when a saved mapping was applied because the headers matched ("Using your saved mapping from …"). */
  mappingSource: MappingSource,
  /** The newest batch run started from this import, so its results come back with it. */
  lastRunId: z.string().nullable(),
  encoding: CsvEncoding,
  rowCount: z.number().int(),
  headers: z.array(z.string()),
  mapping: ColumnMapping,
  /** The platform export the headers were recognised as ("Shopify orders export"), whose mapping was suggested; null when none matched. */
  profile: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Lines above the header row and summary lines below the orders that were left out. */
  skipped: z.object({ before: z.number().int().min(0), after: z.number().int().min(0) }),
  /** Required fields with neither a column nor a default. */
  missing: z.array(BatchField),
  /** "Postal code, Currency and Courier", or null. */
  missingText: z.string().nullable(),
  /** One page of the orders (see `page`), in file order. */
  orders: z.array(BatchPreviewOrder).max(MAX_BATCH_PAGE),
  /** Where `orders` sits: `total` orders match `filter`; an offset past the end is moved to the last page. */
  page: z.object({
    offset: z.number().int().min(0),
    limit: z.number().int().min(1).max(MAX_BATCH_PAGE),
    total: z.number().int().min(0),
    filter: BatchPreviewFilter,
  }),
  /** Over the whole file. `issues` counts every issue of every order (an order can have several). */
  counts: z.object({
    orders: z.number().int(),
    ready: z.number().int(),
    withIssues: z.number().int(),
    issues: z.number().int(),
    excluded: z.number().int(),
    alreadyLabelled: z.number().int(),
  }),
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
const countsByItemState = Object.fromEntries(BatchItemState.options.map((state) => [state, z.number().int()])) as Record<
  BatchItemState,
  z.ZodNumber
>;

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
