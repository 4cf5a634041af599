import { z } from 'zod';
import { TRACKING_TAGS } from '../flexforward/schemas';
import { EnvironmentId } from './environment';
import { LabelPrintStatus, PrintStateFilter } from './print-state';

/**
 * Station-side records of labels, the outbox and history. Shared by main (SQLite in
 * electron/core/db) and the renderer (history screen), so they are zod schemas.
 */

/** Where a label request stands in the outbox (docs/architecture.md, "Label creation is exactly-once"). */
export const OutboxState = z.enum([
  /** Written, not yet answered. */
  'pending',
  /** Sent at least once without a definite answer: must be resolved by replaying the same bytes and key. */
  'in_doubt',
  /** The API answered with a label (created or replayed). */
  'done',
  /** The courier refused it: terminal for this key. */
  'rejected',
  /** The API refused it as invalid (400): nothing was created; the key may be reused after fixing. */
  'invalid',
  /**
   * The courier's side was down (its own 5xx): nothing was bought and the shipment needs no
   * fix, but the API keeps the failure under this key, so the next Create sends a new key
   * without asking. Terminal for this key.
   */
  'unavailable',
]);
export type OutboxState = z.infer<typeof OutboxState>;

export const OutboxEntry = z.object({
  idempotencyKey: z.string(),
  environment: EnvironmentId,
  accountId: z.string().nullable(),
  /** order.customerOrderNumber of the request, if any (drives duplicate warnings). */
  orderNumber: z.string().nullable(),
  /** The exact request bytes (canonical JSON); retries resend these unchanged. */
  body: z.string(),
  state: OutboxState,
  attempts: z.number().int().nonnegative(),
  /** Last error as the operator saw it. */
  lastError: z.string().nullable(),
  labelId: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export const LabelStatus = z.enum(['created', 'failed']);
export type LabelStatus = z.infer<typeof LabelStatus>;

export const TrackingTagValue = z.enum(TRACKING_TAGS);

/** One label in history (created or failed with the courier's reason). */
export const LabelRecord = z.object({
  /** The API's label id (UUID). */
  id: z.string(),
  environment: EnvironmentId,
  accountId: z.string().nullable(),
  idempotencyKey: z.string(),
  status: LabelStatus,
  courier: z.string(),
  productCode: z.string().nullable(),
  customerOrderNumber: z.string().nullable(),
  platformOrderNumber: z.string().nullable(),
  courierOrderNumber: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  recipientName: z.string(),
  recipientCountry: z.string().nullable(),
  recipientCity: z.string().nullable(),
  /** Courier rejection, for failed labels. */
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  /** When the station recorded the label (ms since epoch). */
  createdAt: z.number().int(),
  /** The permanent document URL from GET /labels/{id}, once fetched. */
  documentUrl: z.string().nullable(),
  documentFormat: z.enum(['pdf', 'png']).nullable(),
  /** Whether the document file is stored locally (reprints never call the API). */
  documentStored: z.boolean(),
  trackingTag: TrackingTagValue.nullable(),
  trackingMessage: z.string().nullable(),
  trackingUpdatedAt: z.number().int().nullable(),
  /** Its newest print job and what became of it; absent when the label was never printed. */
  print: LabelPrintStatus.optional(),
});
export type LabelRecord = z.infer<typeof LabelRecord>;

/**
 * What the search text is matched against: order numbers (without "#", spaces or leading
 * zeros), tracking numbers (a prefix, or any part of 6 characters or more), recipient names
 * (any part, any script, without case, width or spaces), `place` (the start of the city or
 * postal code), label ids (a prefix); `any` tries them all.
 */
export const HistorySearchKind = z.enum(['any', 'order', 'tracking', 'recipient', 'label', 'place']);
export type HistorySearchKind = z.infer<typeof HistorySearchKind>;

/**
 * History's tracking-state filter: the API's tracking tags (shown by their names in the
 * `tracking` catalogue, `tracking:tag.<Tag>`), or `untracked` (no tracking fetched yet).
 */
export const TrackingStateFilter = z.enum(['untracked', ...TRACKING_TAGS]);
export type TrackingStateFilter = z.infer<typeof TrackingStateFilter>;

/**
 * What needs attention, as the Today screen's tiles count it; each tile opens History with the
 * same filter, so the list holds exactly the labels the tile counted.
 * - `failed`: creations the courier refused (status failed);
 * - `print_failed`: created labels whose newest print job failed;
 * - `tracking_exception`: tracking tag Exception;
 * - `not_moving`: created, not Delivered or Cancelled, with tracking that has not changed
 *   (trackingUpdatedAt, else createdAt) for `notMovingDays` days.
 */
export const AttentionFilter = z.enum(['failed', 'print_failed', 'tracking_exception', 'not_moving']);
export type AttentionFilter = z.infer<typeof AttentionFilter>;

/** How many days without tracking news make a parcel "not moving" unless the query says otherwise. */
export const DEFAULT_NOT_MOVING_DAYS = 5;

export const HistoryQuery = z.strictObject({
  /** Free text; `kind` says which field it is matched against ('any' tries all of them). */
  search: z.strictObject({ kind: HistorySearchKind, text: z.string().trim().min(1).max(200) }).optional(),
  status: LabelStatus.optional(),
  /** The state of each label's newest print job, or `never` (created labels with no print job). */
  printState: PrintStateFilter.optional(),
  environment: EnvironmentId.optional(),
  accountId: z.string().max(64).optional(),
  /** Tracking states to show (any of them). */
  tracking: z.array(TrackingStateFilter).min(1).max(TrackingStateFilter.options.length).optional(),
  /** Courier code, as stored with the label (e.g. `yunexpress`). */
  courier: z.string().min(1).max(64).optional(),
  productCode: z.string().min(1).max(64).optional(),
  /** One of the Today screen's attention tiles (see AttentionFilter). */
  attention: AttentionFilter.optional(),
  /** For `attention: 'not_moving'`: days without tracking news (default DEFAULT_NOT_MOVING_DAYS). */
  notMovingDays: z.number().int().min(1).max(365).optional(),
  /** Inclusive range on createdAt, ms since epoch. */
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  /** Opaque cursor from the previous page (keyset pagination, newest first). */
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type HistoryQuery = z.input<typeof HistoryQuery>;

/** A History filter without its page: what "select all matching" and the export act on. */
export const HistoryFilter = HistoryQuery.omit({ cursor: true, limit: true });
export type HistoryFilter = z.input<typeof HistoryFilter>;

/** The most labels one print job takes (`print:labels`): a merged PDF of more is slow to make and to spool. */
export const MAX_PRINT_LABELS = 500;

/**
 * "Select all matching" returns at most this many label ids (newest first): what one print job
 * takes, the only thing a selection is for. Reading more ids costs a label read each (10,000
 * took ~25 ms at ten million labels) for a selection nothing could act on.
 */
export const HISTORY_SELECT_CAP = MAX_PRINT_LABELS;

/** "Select all matching" counts the matches up to this many; beyond, it says "more than 10,000" (an exact count reads every match). */
export const HISTORY_COUNT_CAP = 10_000;

export const HistoryIds = z.object({
  /** The matching labels' ids, newest first, at most HISTORY_SELECT_CAP. */
  ids: z.array(z.string()),
  /** How many labels match the filter, counted up to HISTORY_COUNT_CAP. */
  total: z.number().int().nonnegative(),
  /** Whether more labels match than `ids` holds. */
  capped: z.boolean(),
  /** Whether more labels match than `total` (counting stopped at the count cap). */
  moreThanTotal: z.boolean(),
});
export type HistoryIds = z.infer<typeof HistoryIds>;

export const HistoryExport = z.object({ saved: z.boolean(), path: z.string().nullable(), rows: z.number().int().nonnegative() });
export type HistoryExport = z.infer<typeof HistoryExport>;

export const HistoryPage = z.object({
  items: z.array(LabelRecord),
  /** Null when this was the last page. */
  nextCursor: z.string().nullable(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;
