import { z } from 'zod';
import { TRACKING_TAGS } from '../flexforward/schemas';

/**
 * Tracking as the renderer shows it: built in main from the API's TrackingResponse
 * (electron/core/tracking/tracking-view.ts), with checkpoints already sorted newest first and
 * the place already written out, so the screen only renders.
 */

export const TrackingTagView = z.enum(TRACKING_TAGS);
export type TrackingTagView = z.infer<typeof TrackingTagView>;

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
