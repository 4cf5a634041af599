import { z } from 'zod';

/**
 * Station mode (scan to print), as main and the renderer share it: the command barcodes,
 * what one scan ended in, and the session the station screen shows.
 */

/** Actions a printed command barcode (or a key) triggers at the scan input. */
export const ScanCommand = z.enum(['reprint_last', 'cancel', 'next_printer', 'leave']);
export type ScanCommand = z.infer<typeof ScanCommand>;

/**
 * What each command barcode encodes. Capitals, digits and hyphens only: every scanner types
 * them the same on any keyboard layout, and Code 128 encodes them compactly. Recognised
 * case-insensitively (a scanner with Caps Lock on still works).
 */
export const COMMAND_CODES: Readonly<Record<ScanCommand, string>> = {
  reprint_last: 'FFSCMD-REPRINT-LAST',
  cancel: 'FFSCMD-CANCEL',
  next_printer: 'FFSCMD-NEXT-PRINTER',
  leave: 'FFSCMD-LEAVE',
};

/** The command a scanned text stands for, or null when it is not a command barcode. */
export function commandOf(scanned: string): ScanCommand | null {
  const text = scanned.trim().toUpperCase();
  for (const command of ScanCommand.options) if (COMMAND_CODES[command] === text) return command;
  return null;
}

/**
 * How a scan ended. `printed`: a new label was created and printed. `reprinted`: the order
 * already had a label; its stored document was printed again (nothing bought).
 * `needs_weight`: the order has no weight; the station waits for one. `check_weight`: the weight
 * is implausible (shared/domain/weight-plausibility.ts); nothing is bought until a second scan of
 * the order (or Enter) confirms it, or a new weight is typed. `held_elsewhere`: in a workgroup,
 * another station has claimed the order (electron/core/scan/scan-claims.ts); nothing was bought.
 * The rest are failures, each with its own reason and what to do.
 */
export const ScanStatus = z.enum([
  'printed',
  'reprinted',
  'needs_weight',
  'check_weight',
  'held_elsewhere',
  'cancelled',
  'command',
  'unknown_order',
  'validation',
  'rejected',
  'token',
  'printer',
  'in_doubt',
  'error',
]);
export type ScanStatus = z.infer<typeof ScanStatus>;

/** Statuses counted as failures in the session and shown in red. */
export const FAILURE_STATUSES: ReadonlySet<ScanStatus> = new Set([
  'unknown_order',
  'validation',
  'rejected',
  'token',
  'printer',
  'in_doubt',
  'error',
]);

/** The station holding an order in a workgroup, and since when (ISO 8601). */
export const OrderHolder = z.object({ order: z.string(), station: z.string(), operator: z.string(), since: z.string() });
export type OrderHolder = z.infer<typeof OrderHolder>;

export const ScanResult = z.object({
  /** Increases with each scan of the session. */
  seq: z.number().int().positive(),
  /** Epoch ms. */
  at: z.number(),
  /** What the scanner (or the operator) typed. */
  input: z.string(),
  status: ScanStatus,
  orderNumber: z.string().nullable(),
  /** The large line: "Printed", "Unknown order 1234", … */
  title: z.string(),
  /** The reason and what to do next. */
  message: z.string(),
  recipient: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  labelId: z.string().nullable(),
  /** "Desk label printer (ffs-label-pdf)" when something was printed or was meant to be. */
  printer: z.string().nullable(),
  osJobId: z.string().nullable(),
  /** The parcel weights the label was made with (or the one asked about): "1.2 kg", "1.2 kg + 3 kg". */
  weight: z.string().nullable().optional(),
  /** held_elsewhere: who holds the order (a supervisor may release it: `claims:release`). */
  heldBy: OrderHolder.nullable().optional(),
  /** In a workgroup: this scan claimed the order for this station (it was not its before); the audit trail records it. */
  claimed: z.string().optional(),
});
export type ScanResult = z.infer<typeof ScanResult>;

export const ScanPrinter = z.object({ profileId: z.string(), name: z.string(), printer: z.string() });
export type ScanPrinter = z.infer<typeof ScanPrinter>;

export const ScanSession = z.object({
  labelsMade: z.number().int().nonnegative(),
  reprints: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  /** Newest first, at most RECENT_SCANS. */
  recent: z.array(ScanResult),
  /** The order waiting for a weight, if any. */
  pending: z
    .object({
      orderNumber: z.string(),
      recipient: z.string().nullable(),
      unit: z.enum(['KG', 'LB']),
      /** Set when the order has an implausible weight waiting for confirmation: the weight ("120 kg"). */
      confirm: z.string().nullable().optional(),
    })
    .nullable(),
  /** The default label printer the station prints on; null when none is set up. */
  printer: ScanPrinter.nullable(),
  /** How many label printer profiles there are (the "next printer" command cycles through them). */
  printerCount: z.number().int().nonnegative(),
  /** Orders the station can find by number: every file imported since the app started. */
  ordersLoaded: z.number().int().nonnegative(),
  files: z.array(z.string()),
  sounds: z.boolean(),
  /** The unit the weight field takes (Settings → Defaults → units). */
  weightUnit: z.enum(['KG', 'LB']),
  /** The last label printed or reprinted (what "reprint last" prints). */
  lastLabelId: z.string().nullable(),
});
export type ScanSession = z.infer<typeof ScanSession>;

export const RECENT_SCANS = 20;
/** Longest text the scan input sends (barcodes are far shorter). */
export const MAX_SCAN_LENGTH = 200;
