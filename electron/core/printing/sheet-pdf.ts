import { degrees, PDFDocument, type PDFPage, rgb } from 'pdf-lib';
import { labelPageSize, type LabelSize, type LabelsPerSheet, SHEET_SIZES, type SheetPaper } from '../../../shared/domain/printing';
import { StationError } from '../errors';
import { t } from '../i18n';

/**
 * Labels on office paper (A4 or Letter, portrait), for a desk with a laser or inkjet printer
 * and no label printer. The labels come in as print-ready label pages (label-pdf.ts: each page
 * exactly the label's size, PDF and PNG labels alike) and are drawn 1:1 onto sheets; the job
 * then goes out with the sheet as media and no scaling (cups.ts, windows.ts), so a 4x6 in label
 * measures 4x6 in on the paper.
 *
 * Layout (a 4x6 in label is 101.6 × 152.4 mm):
 * - one per sheet: the label upright, centred on the sheet.
 * - two per sheet: each label turned a quarter turn clockwise (152.4 mm wide, 101.6 mm high),
 *   centred across the sheet; label 1 centred in the top half, label 2 in the bottom half; the
 *   last sheet of an odd count has its bottom half empty. Side by side upright would also be
 *   203.2 mm across, but A4 is 210 mm wide: 3.4 mm of margin a side is less than most office
 *   printers can print to (about 4 to 5 mm), and leaves no room for cut marks. Turned, there is
 *   28.8 mm (A4) / 31.75 mm (Letter) at the sides and 19 to 23 mm above and below each label.
 * Every label gets cut marks at its four corners: short lines on the lines of its edges,
 * starting CUT_MARK_GAP_MM outside the label, so they stay visible after cutting.
 */

const PT_PER_MM = 72 / 25.4;
export const CUT_MARK_GAP_MM = 2;
export const CUT_MARK_LENGTH_MM = 6;
const CUT_MARK_THICKNESS_PT = 0.5;

export interface SheetLayout {
  paper: SheetPaper;
  labelsPerSheet: LabelsPerSheet;
  labelSize: LabelSize;
}

/** One label's place on a sheet: its box in points from the sheet's bottom-left corner, and whether it is turned. */
export interface SheetSlot {
  x: number;
  y: number;
  width: number;
  height: number;
  turned: boolean;
}

/** The label boxes on one sheet, in fill order (label 1 first). */
export function sheetSlots(layout: SheetLayout): SheetSlot[] {
  const sheet = SHEET_SIZES[layout.paper];
  const label = labelPageSize(layout.labelSize);
  if (layout.labelsPerSheet === 1) {
    return [{ x: (sheet.widthPt - label.width) / 2, y: (sheet.heightPt - label.height) / 2, ...label, turned: false }];
  }
  const width = label.height;
  const height = label.width;
  const half = sheet.heightPt / 2;
  const x = (sheet.widthPt - width) / 2;
  const inHalf = (half - height) / 2;
  return [
    { x, y: half + inHalf, width, height, turned: true },
    { x, y: inHalf, width, height, turned: true },
  ];
}

/**
 * Draws the label pages of `labelsPdf` (each exactly the label's size) onto A4/Letter sheets,
 * in order, `labelsPerSheet` per sheet, with cut marks.
 */
export async function composeSheets(labelsPdf: Uint8Array, layout: SheetLayout): Promise<Uint8Array> {
  const source = await PDFDocument.load(labelsPdf, { ignoreEncryption: true }).catch((error: unknown) => {
    throw new StationError('label_document_invalid', t('printing:errors.layout', { reason: (error as Error).message }));
  });
  const labels = source.getPages();
  if (labels.length === 0) throw new StationError('print_nothing', t('printing:errors.nothing'));
  const sheet = SHEET_SIZES[layout.paper];
  const slots = sheetSlots(layout);
  const out = await PDFDocument.create();
  out.setTitle(t('documents:sheets.title', { paper: sheet.title }));
  let page: PDFPage | null = null;
  for (const [index, label] of labels.entries()) {
    const slot = slots[index % slots.length]!;
    if (index % slots.length === 0) page = out.addPage([sheet.widthPt, sheet.heightPt]);
    const { width, height } = label.getSize();
    // The label page's own box clips it: nothing of one label lands outside its cut marks.
    const embedded = await out.embedPage(label, { left: 0, bottom: 0, right: width, top: height });
    const scale = Math.min(1, (slot.turned ? slot.height : slot.width) / width, (slot.turned ? slot.width : slot.height) / height);
    // pdf-lib turns counter-clockwise about the origin: a clockwise quarter turn (-90°) draws
    // the label's bottom-left corner at the slot's top-left.
    page!.drawPage(embedded, {
      x: slot.x,
      y: slot.turned ? slot.y + slot.height : slot.y,
      xScale: scale,
      yScale: scale,
      rotate: degrees(slot.turned ? -90 : 0),
    });
    drawCutMarks(page!, slot);
  }
  return out.save();
}

function drawCutMarks(page: PDFPage, box: SheetSlot) {
  const gap = CUT_MARK_GAP_MM * PT_PER_MM;
  const length = CUT_MARK_LENGTH_MM * PT_PER_MM;
  const line = (x1: number, y1: number, x2: number, y2: number) =>
    page.drawLine({ start: { x: x1, y: y1 }, end: { x: x2, y: y2 }, thickness: CUT_MARK_THICKNESS_PT, color: rgb(0, 0, 0) });
  const left = box.x;
  const right = box.x + box.width;
  const bottom = box.y;
  const top = box.y + box.height;
  for (const y of [bottom, top]) {
    line(left - gap - length, y, left - gap, y);
    line(right + gap, y, right + gap + length, y);
  }
  for (const x of [left, right]) {
    line(x, top + gap, x, top + gap + length);
    line(x, bottom - gap - length, x, bottom - gap);
  }
}
