import { z } from 'zod';
import { TRACKING_TAGS } from '../flexforward/schemas';

/**
 * Tracking as the renderer shows it: built in main from the API's TrackingResponse
 * (electron/core/tracking/tracking-view.ts), with checkpoints already sorted newest first and
 * the place already written out, so the screen only renders.
 */

export const TrackingTagView = z.enum(TRACKING_TAGS);
export type TrackingTagView = z.infer<typeof TrackingTagView>;

/**
 * The instants a checkpoint `time` can hold: what ISO 8601 writes with a four-digit year, years
 * 0000 to 9999 (UTC). A courier time outside (0000-01-01T00:30+01:00 is 31 December of year -1)
 * would be written `-000001-…` or `+010000-…`, which the view does not accept, so the tracking
 * view shows such a scan with no time instead.
 */
export const EARLIEST_CHECKPOINT_MS = Date.parse('0000-01-01T00:00:00.000Z');
export const LATEST_CHECKPOINT_MS = Date.parse('9999-12-31T23:59:59.999Z');

/** One courier scan. */
export const TrackingCheckpointView = z.object({
  /** ISO 8601 UTC; null when the courier's time could not be read. */
  time: z.iso.datetime().nullable(),
  tag: TrackingTagView,
  subtag: z.string().nullable(),
  subtagMessage: z.string().nullable(),
  /** The courier's own text. */
  message: z.string().nullable(),
  /** Location, city, state and country joined for display, e.g. "Flex Forward Hub, Hong Kong, HK". */
  place: z.string().nullable(),
});
export type TrackingCheckpointView = z.infer<typeof TrackingCheckpointView>;

export const TrackingView = z.object({
  labelId: z.string().min(1),
  /** Null until the courier assigns one. */
  trackingNumber: z.string().nullable(),
  tag: TrackingTagView,
  subtag: z.string(),
  subtagMessage: z.string(),
  /** Courier slug, e.g. `yunexpress`. */
  slug: z.string(),
  /** Newest first; scans whose time is unreadable come last. */
  checkpoints: z.array(TrackingCheckpointView),
  /** When the station fetched this (ms since epoch). */
  fetchedAt: z.number().int().nonnegative(),
});
export type TrackingView = z.infer<typeof TrackingView>;

/** A label whose tracking turned to Exception in a refresh (it was not Exception before). */
export const TrackingException = z.object({
  labelId: z.string(),
  orderNumber: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  /** The courier's words for the problem (subtagMessage). */
  message: z.string(),
});
export type TrackingException = z.infer<typeof TrackingException>;

/**
 * What a refresh (the operator's "refresh all", or a scheduled round) found: how many labels
 * it checked, how many could not be checked, how many moved to each tag, the new exceptions,
 * and all of that as one sentence in the operator's language ("3 delivered, 1 exception").
 */
export const TrackingChangeSummary = z.object({
  source: z.enum(['manual', 'schedule']),
  checked: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** Labels whose tag changed, by their new tag. */
  changed: z.partialRecord(TrackingTagView, z.number().int().positive()),
  exceptions: z.array(TrackingException),
  text: z.string(),
});
export type TrackingChangeSummary = z.infer<typeof TrackingChangeSummary>;
