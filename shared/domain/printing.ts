import { z } from 'zod';

/**
 * Printing as main and the renderer share it: label stock sizes, printer profiles, the
 * printers the OS reports and the print job log (docs/architecture.md, "Printing").
 */

const MM_PER_INCH = 25.4;
const PT_PER_INCH = 72;
const mmToPt = (mm: number) => (mm / MM_PER_INCH) * PT_PER_INCH;

/** Label stock the station prints on. Always portrait: width is the short edge. */
export const LabelSize = z.enum(['4x6in', '100x150mm', 'A6']);
export type LabelSize = z.infer<typeof LabelSize>;

export interface LabelSizeInfo {
  /** Shown to the operator. */
  title: string;
  widthMm: number;
  heightMm: number;
  /** PDF points (1/72 in). */
  widthPt: number;
  heightPt: number;
}

export const LABEL_SIZES: Readonly<Record<LabelSize, LabelSizeInfo>> = {
  '4x6in': { title: '4 × 6 in', widthMm: 101.6, heightMm: 152.4, widthPt: 288, heightPt: 432 },
  '100x150mm': { title: '100 × 150 mm', widthMm: 100, heightMm: 150, widthPt: mmToPt(100), heightPt: mmToPt(150) },
  A6: { title: 'A6 (105 × 148 mm)', widthMm: 105, heightMm: 148, widthPt: mmToPt(105), heightPt: mmToPt(148) },
};

/**
 * What goes into the printer. `label`: label stock of the profile's label size (a thermal
 * printer's roll or fanfold); every page is one label. `A4` / `Letter`: office paper in a laser
 * or inkjet printer; each sheet carries one label (true size, upright, centred, with cut marks) or
 * two (each turned a quarter turn, label 1 in the top half, label 2 in the bottom half), see
 * electron/core/printing/sheet-pdf.ts.
 */
export const PaperKind = z.enum(['label', 'A4', 'Letter']);
export type PaperKind = z.infer<typeof PaperKind>;
export type SheetPaper = Exclude<PaperKind, 'label'>;

export const LabelsPerSheet = z.union([z.literal(1), z.literal(2)]);
export type LabelsPerSheet = z.infer<typeof LabelsPerSheet>;

export interface SheetInfo {
  title: string;
  widthMm: number;
  heightMm: number;
  /** PDF points, portrait. */
  widthPt: number;
  heightPt: number;
}

/** Office paper sizes, portrait. A4 is 595.28 × 841.89 pt (pdfinfo rounds to 595 × 842), Letter 612 × 792 pt. */
export const SHEET_SIZES: Readonly<Record<SheetPaper, SheetInfo>> = {
  A4: { title: 'A4', widthMm: 210, heightMm: 297, widthPt: mmToPt(210), heightPt: mmToPt(297) },
  Letter: { title: 'Letter', widthMm: 215.9, heightMm: 279.4, widthPt: 612, heightPt: 792 },
};

/**
 * The paper choices offered when a printer is set up: label stock of each size, and a 4x6 in
 * label on A4 or Letter, one or two per sheet.
 */
export interface PaperChoice {
  id: string;
  title: string;
  labelSize: LabelSize;
  paper: PaperKind;
  labelsPerSheet: LabelsPerSheet;
}
export const PAPER_CHOICES: readonly PaperChoice[] = [
  ...(Object.keys(LABEL_SIZES) as LabelSize[]).map((size): PaperChoice => ({
    id: `label-${size}`,
    title: `${LABEL_SIZES[size].title} label stock`,
    labelSize: size,
    paper: 'label',
    labelsPerSheet: 1,
  })),
  ...(['A4', 'Letter'] as const).flatMap((paper) =>
    ([1, 2] as const).map((n): PaperChoice => ({
      id: `${paper}-${n}`,
      title: `4 × 6 in label on ${paper} paper, ${n === 1 ? 'one' : 'two'} per sheet`,
      labelSize: '4x6in',
      paper,
      labelsPerSheet: n,
    })),
  ),
];

/**
 * Which of PAPER_CHOICES a profile's paper is: its name in the catalogue is
 * `printing:paper.<id>` ("4 × 6 in label stock", "4 × 6 in label on A4 paper, two per sheet").
 */
export function paperChoiceId(
  profile: Pick<PrinterProfile, 'labelSize' | 'paper' | 'labelsPerSheet'>,
): `label-${LabelSize}` | `${'A4' | 'Letter'}-${1 | 2}` {
  return profile.paper === 'label' ? `label-${profile.labelSize}` : `${profile.paper}-${profile.labelsPerSheet}`;
}

export const PrinterDpi = z.union([z.literal(203), z.literal(300)]);
export type PrinterDpi = z.infer<typeof PrinterDpi>;

export const PrinterRole = z.enum(['labels', 'documents']);
export type PrinterRole = z.infer<typeof PrinterRole>;

/**
 * How the label sits on the stock. `portrait`: upright. `landscape`: the label is turned 90°
 * clockwise onto the (portrait) stock, for labels laid out sideways. The page sent to the
 * printer is the stock's size either way.
 */
export const LabelOrientation = z.enum(['portrait', 'landscape']);
export type LabelOrientation = z.infer<typeof LabelOrientation>;

/** Offsets the operator measures on a calibration label; a few centimetres at most. */
const OffsetMm = z.number().min(-50, { error: 'Keep offsets within ±50 mm.' }).max(50, { error: 'Keep offsets within ±50 mm.' }).default(0);

export const MAX_PRINTER_NAME_LENGTH = 256;

/** A printer set up for the station: which system printer, for what, on which stock. */
export const PrinterProfile = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1, { error: 'Give the printer profile a name.' }).max(80, { error: 'Keep the name under 80 characters.' }),
  /**
   * The system printer's name (CUPS queue name, or the Windows printer name). CUPS allows 127
   * characters and Windows a little over 220 with its server part.
   */
  printer: z
    .string()
    .min(1, { error: 'Choose a printer.' })
    .max(MAX_PRINTER_NAME_LENGTH, { error: 'That printer name is too long to be a printer on this computer.' }),
  role: PrinterRole,
  labelSize: LabelSize.default('4x6in'),
  /** Label stock, or office paper the label is printed on (one or two per sheet). */
  paper: PaperKind.default('label'),
  /** Only for A4/Letter paper. */
  labelsPerSheet: LabelsPerSheet.default(1),
  dpi: PrinterDpi.default(203),
  orientation: LabelOrientation.default('portrait'),
  /** Positive moves the print right. */
  offsetXmm: OffsetMm,
  /** Positive moves the print down (towards the bottom edge of the label). */
  offsetYmm: OffsetMm,
  /** Print a label as soon as it is created. */
  autoPrint: z.boolean().default(false),
});
export type PrinterProfile = z.infer<typeof PrinterProfile>;

/** `stopped`: the queue is paused (CUPS "disabled"), jobs wait in it. `rejecting`: it refuses new jobs. */
export const PrinterState = z.enum(['idle', 'printing', 'stopped', 'rejecting', 'unknown']);
export type PrinterState = z.infer<typeof PrinterState>;

/** A printer as the operating system reports it. */
export const PrinterInfo = z.object({
  name: z.string().min(1),
  isDefault: z.boolean(),
  state: PrinterState,
  /** The OS's reason text, e.g. "Paper out" or "Not accepting jobs"; null when there is none. */
  message: z.string().nullable(),
});
export type PrinterInfo = z.infer<typeof PrinterInfo>;

/**
 * `sent`: handed to the OS, its outcome not (yet) known; `printed`: the OS finished it; `waiting`:
 * held or on a stopped printer; `failed`: not sent, or given up or cancelled after it was sent.
 */
export const PrintJobState = z.enum(['sent', 'printed', 'waiting', 'failed']);
export type PrintJobState = z.infer<typeof PrintJobState>;

/** One print job as the station sent it. Never retried automatically: a failed job is reprinted by the operator. */
export const PrintJobRecord = z.object({
  id: z.string().min(1),
  /** The labels in the job, in print order; empty for a calibration label. */
  labelIds: z.array(z.string().min(1)),
  /** The profile used, when there was one. */
  profileId: z.string().nullable(),
  /** The system printer's name. */
  printer: z.string().min(1),
  copies: z.number().int().min(1),
  /** The job id the OS gave (CUPS "ffs-label-pdf-12"); null when it gives none or the job failed. */
  osJobId: z.string().nullable(),
  state: PrintJobState,
  /** For a failed job, the StationError code: printer_not_found, printing_unavailable, printer_rejected, print_failed, label_document_invalid, print_job_failed (after it was sent). */
  errorCode: z.string().nullable(),
  /** For a failed or waiting job (or one whose outcome stayed unknown), what happened in the operator's words, with the OS's own message. */
  message: z.string().nullable(),
  /** When the job was sent (ms since epoch). */
  createdAt: z.number().int(),
});
export type PrintJobRecord = z.infer<typeof PrintJobRecord>;

/** Page size in points of a label size; the stock is portrait, so width < height. */
export function labelPageSize(size: LabelSize): { width: number; height: number } {
  const info = LABEL_SIZES[size];
  return { width: info.widthPt, height: info.heightPt };
}

/** The default label printer (the profile `defaultLabelProfileId` names), or null when none is set up. */
export function defaultLabelProfile(settings: {
  printerProfiles: readonly PrinterProfile[];
  defaultLabelProfileId: string | null;
}): PrinterProfile | null {
  return settings.printerProfiles.find((p) => p.id === settings.defaultLabelProfileId) ?? null;
}
