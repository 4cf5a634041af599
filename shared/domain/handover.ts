import { z } from 'zod';

/**
 * The courier hand-over sheet (electron/core/handover/): at the end of the day, the parcels a
 * courier's driver takes, one list per courier with the count, the total weight and a line for
 * the driver to sign. Any past day can be printed again.
 */

export const HandoverPaper = z.enum(['A4', 'Letter']);
export type HandoverPaper = z.infer<typeof HandoverPaper>;

/** A calendar day in the station's time zone, as a date input gives it. */
export const HandoverDay = z.iso.date();

export const HandoverQuery = z.strictObject({
  day: HandoverDay,
  /** One courier's sheet; absent: every courier of the day, each on pages of its own. */
  courier: z.string().trim().min(1).max(100).optional(),
  /** Absent: the desk's paper (the documents printer's, else the label printer's office paper, else the region's). */
  paper: HandoverPaper.optional(),
});
export type HandoverQuery = z.infer<typeof HandoverQuery>;

/** One courier's parcels on a day, for the courier picker. */
export const HandoverCourier = z.object({
  courier: z.string(),
  parcels: z.number().int().nonnegative(),
  /** Total weight in kilograms (pounds converted). */
  totalKg: z.number().nonnegative(),
});
export type HandoverCourier = z.infer<typeof HandoverCourier>;

export const HandoverSheet = z.object({
  base64: z.string(),
  pages: z.number().int().positive(),
  parcels: z.number().int().nonnegative(),
  paper: HandoverPaper,
});
export type HandoverSheet = z.infer<typeof HandoverSheet>;
