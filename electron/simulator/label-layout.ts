import { code128, type Code128 } from './barcode';

/**
 * One 4x6 in label layout (288 x 432 pt, origin top-left, y down) drawn onto either renderer:
 * the PDF canvas draws in points, the PNG canvas scales to 203 dpi pixels.
 */

export const PAGE_WIDTH_PT = 288;
export const PAGE_HEIGHT_PT = 432;

export interface LabelData {
  labelId: string;
  courierName: string;
  productCode: string;
  trackingNumber: string;
  courierOrderNumber: string;
  customerOrderNumber: string;
  from: string[];
  to: { name: string; lines: string[] };
  weight: string;
  parcels: number;
  createdAt: Date;
  /** createdAt as the station's clock reads it (the Demo label is printed at that desk). */
  created: string;
  /** The document title (PDF metadata). */
  title: string;
  /** The label's own words, in the station's language (documents namespace, shared/i18n/locales). */
  words: LabelWords;
}

export interface LabelWords {
  from: string;
  shipTo: string;
  trackingNumber: string;
  order: string;
  courierOrder: string;
  weightAndParcels: string;
  created: string;
  label: string;
  footer: string;
}

export interface TextStyle {
  size: number;
  bold?: boolean;
}

/** From the top of a line's em box to its baseline, as a share of the size (Latin capitals; CJK glyphs reach a little higher). */
export const TEXT_ASCENT = 0.72;

/** A value as one line of label text: composed (NFC, an accent is one character), line breaks and tabs as single spaces. */
export function singleLine(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[\t\r\n]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

export interface LabelCanvas {
  /** The text as this renderer draws it (both draw every script: see singleLine). */
  prepare(text: string): string;
  /** Width of `text` in points. */
  measure(text: string, style: TextStyle): number;
  /** Draws `text` with the top of its em box at `top`. */
  text(x: number, top: number, text: string, style: TextStyle): void;
  rect(x: number, y: number, w: number, h: number): void;
  /** Draws the bars centred in the box; the renderer picks a module width that fits its dots. */
  barcode(x: number, y: number, w: number, h: number, code: Code128): void;
}

const MARGIN = 14;
const CONTENT_WIDTH = PAGE_WIDTH_PT - 2 * MARGIN;

/** Shortens `text` with an ellipsis until it fits `maxWidth`. */
function fit(canvas: LabelCanvas, raw: string, style: TextStyle, maxWidth = CONTENT_WIDTH): string {
  const text = canvas.prepare(raw);
  if (canvas.measure(text, style) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 1 && canvas.measure(`${chars.join('')}...`, style) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}...`;
}

export function drawLabel(canvas: LabelCanvas, data: LabelData): void {
  const line = (y: number, weight = 1) => canvas.rect(6, y, PAGE_WIDTH_PT - 12, weight);
  // Frame.
  canvas.rect(6, 6, PAGE_WIDTH_PT - 12, 1.5);
  canvas.rect(6, PAGE_HEIGHT_PT - 7.5, PAGE_WIDTH_PT - 12, 1.5);
  canvas.rect(6, 6, 1.5, PAGE_HEIGHT_PT - 12);
  canvas.rect(PAGE_WIDTH_PT - 7.5, 6, 1.5, PAGE_HEIGHT_PT - 12);

  // Header: courier and product.
  const product = fit(canvas, data.productCode, { size: 10 }, 90);
  const productWidth = canvas.measure(product, { size: 10 });
  canvas.text(MARGIN, 14, fit(canvas, data.courierName, { size: 18, bold: true }, CONTENT_WIDTH - productWidth - 8), {
    size: 18,
    bold: true,
  });
  canvas.text(PAGE_WIDTH_PT - MARGIN - productWidth, 20, product, { size: 10 });
  line(40, 1.5);

  // Sender.
  const words = data.words;
  canvas.text(MARGIN, 46, fit(canvas, words.from, { size: 7, bold: true }), { size: 7, bold: true });
  let y = 56;
  for (const text of data.from.slice(0, 5)) {
    canvas.text(MARGIN, y, fit(canvas, text, { size: 8.5 }), { size: 8.5 });
    y += 10.5;
  }
  line(112);

  // Recipient.
  canvas.text(MARGIN, 118, fit(canvas, words.shipTo, { size: 8, bold: true }), { size: 8, bold: true });
  canvas.text(MARGIN, 130, fit(canvas, data.to.name, { size: 14, bold: true }), { size: 14, bold: true });
  y = 148;
  for (const text of data.to.lines.slice(0, 6)) {
    canvas.text(MARGIN, y, fit(canvas, text, { size: 11 }), { size: 11 });
    y += 13;
  }
  line(232, 1.5);

  // Tracking number as Code 128, and in the text layer underneath.
  canvas.text(MARGIN, 238, fit(canvas, words.trackingNumber, { size: 7, bold: true }), { size: 7, bold: true });
  canvas.barcode(MARGIN, 250, CONTENT_WIDTH, 66, code128(data.trackingNumber));
  const tracking = { size: 13, bold: true };
  canvas.text((PAGE_WIDTH_PT - canvas.measure(data.trackingNumber, tracking)) / 2, 322, data.trackingNumber, tracking);
  line(342, 1.5);

  // References.
  const refs = [words.order, words.courierOrder, words.weightAndParcels, words.created, words.label];
  y = 350;
  for (const text of refs) {
    canvas.text(MARGIN, y, fit(canvas, text, { size: 8.5 }), { size: 8.5 });
    y += 10.5;
  }
  canvas.text(MARGIN, 410, fit(canvas, words.footer, { size: 6.5 }), { size: 6.5 });
}
