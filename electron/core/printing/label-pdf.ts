import { degrees, PDFDocument, type PDFPage, rgb } from 'pdf-lib';
import { LABEL_SIZES, labelPageSize, type PrinterProfile, SHEET_SIZES } from '../../../shared/domain/printing';
import { embedStationFonts } from '../documents/pdf-fonts';
import { StationError } from '../errors';
import { t } from '../i18n';
import { composeSheets, type SheetLayout } from './sheet-pdf';

/**
 * Turns label documents into print-ready PDF bytes whose every page is exactly the profile's
 * label stock, so the OS can print them 1:1 with an explicit media size and no scaling
 * (docs/architecture.md, "Printing"). Labels are never stretched to fill a page: a PDF keeps its
 * size, a PNG gets the physical size its DPI gives it.
 */

export type LabelDocumentFormat = 'pdf' | 'png';

export interface LabelDocumentInput {
  format: LabelDocumentFormat;
  bytes: Uint8Array;
}

/** The part of a profile that decides where ink lands. Without `paper` (or with `label`), the pages are the label stock. */
export type LabelPlacement = Pick<PrinterProfile, 'labelSize' | 'dpi' | 'orientation' | 'offsetXmm' | 'offsetYmm'> &
  Partial<Pick<PrinterProfile, 'paper' | 'labelsPerSheet'>>;

/** The sheet layout when the profile prints on A4/Letter paper, else null. */
function sheetLayoutOf(placement: LabelPlacement): SheetLayout | null {
  if (!placement.paper || placement.paper === 'label') return null;
  return { paper: placement.paper, labelsPerSheet: placement.labelsPerSheet ?? 1, labelSize: placement.labelSize };
}

const PT_PER_MM = 72 / 25.4;
/** Within this much of the stock, a page counts as exactly stock-sized (rounding in other tools). */
const SAME_SIZE_PT = 0.5;
/**
 * A label up to 3 % larger than the stock prints 1:1, centred, losing a sliver of its margin
 * (a 4x6 in label on 100x150 mm stock loses 0.8 mm a side); shrinking it instead would put
 * barcode bars between printer dots. Anything larger is shrunk to fit rather than cut off.
 */
const CROP_TOLERANCE = 1.03;

interface Box {
  width: number;
  height: number;
}

/** Print-ready PDF bytes for one document at the profile's label size, one page per label page. */
export async function labelPdf(document: LabelDocumentInput, placement: LabelPlacement): Promise<Uint8Array> {
  if (document.format === 'png') return pngLabelPdf(document.bytes, placement);
  return pdfLabelPdf(document.bytes, placement);
}

/**
 * One PDF of all documents, in the given order, each at the profile's label size ("print all");
 * on an A4/Letter profile those labels are then laid out on sheets in that order (sheet-pdf.ts).
 */
export async function printReadyPdf(documents: readonly LabelDocumentInput[], placement: LabelPlacement): Promise<Uint8Array> {
  if (documents.length === 0) throw new StationError('print_nothing', t('printing:errors.nothing'));
  const pdfs: Uint8Array[] = [];
  for (const document of documents) pdfs.push(await labelPdf(document, placement));
  const labels = pdfs.length === 1 ? pdfs[0]! : await mergeInOrder(pdfs);
  const sheet = sheetLayoutOf(placement);
  return sheet ? composeSheets(labels, sheet) : labels;
}

/** Concatenates PDFs into one, every page of each in turn, in exactly the given order. */
export async function mergeInOrder(pdfs: readonly Uint8Array[]): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  for (const bytes of pdfs) {
    const source = await loadPdf(bytes);
    const pages = await out.copyPages(source, source.getPageIndices());
    for (const page of pages) out.addPage(page);
  }
  return out.save();
}

async function pdfLabelPdf(bytes: Uint8Array, placement: LabelPlacement): Promise<Uint8Array> {
  const source = await loadPdf(bytes);
  const stock = labelPageSize(placement.labelSize);
  const pages = source.getPages();
  if (pages.length === 0) throw new StationError('label_document_invalid', t('printing:document.noPages'));
  const noShift = placement.orientation === 'portrait' && placement.offsetXmm === 0 && placement.offsetYmm === 0;
  // Already exactly the stock and nothing to move: the original bytes go out untouched.
  if (noShift && pages.every((page) => isExactly(page, stock))) return bytes;

  const out = await PDFDocument.create();
  for (const page of pages) {
    const crop = page.getCropBox();
    const embedded = await out.embedPage(page, { left: crop.x, bottom: crop.y, right: crop.x + crop.width, top: crop.y + crop.height });
    const target = out.addPage([stock.width, stock.height]);
    const turn = (normalizedRotation(page.getRotation().angle) + (placement.orientation === 'landscape' ? 90 : 0)) % 360;
    const at = place({ width: crop.width, height: crop.height }, turn, stock, placement);
    target.drawPage(embedded, { x: at.x, y: at.y, xScale: at.scale, yScale: at.scale, rotate: degrees(at.ccwDegrees) });
  }
  return out.save();
}

async function pngLabelPdf(bytes: Uint8Array, placement: LabelPlacement): Promise<Uint8Array> {
  const header = readPngHeader(bytes);
  const dpi = pngDpi(header, placement);
  const physical = { width: (header.width / dpi) * 72, height: (header.height / dpi) * 72 };
  const stock = labelPageSize(placement.labelSize);
  const out = await PDFDocument.create();
  const image = await out.embedPng(bytes).catch((error: unknown) => {
    throw new StationError('label_document_invalid', t('printing:document.pngUnreadable', { reason: (error as Error).message }));
  });
  const page = out.addPage([stock.width, stock.height]);
  const turn = placement.orientation === 'landscape' ? 90 : 0;
  const at = place(physical, turn, stock, placement);
  page.drawImage(image, {
    x: at.x,
    y: at.y,
    width: physical.width * at.scale,
    height: physical.height * at.scale,
    rotate: degrees(at.ccwDegrees),
  });
  return out.save();
}

/**
 * Where to draw content of `size` (points, before turning) turned `turn` degrees clockwise on
 * the stock: centred, 1:1 unless it would not fit, then moved by the profile's offsets.
 * pdf-lib rotates counter-clockwise about the drawing origin, so the origin moves to the
 * corner that ends up bottom-left.
 */
export function place(size: Box, turn: number, stock: Box, offsets: Pick<LabelPlacement, 'offsetXmm' | 'offsetYmm'>) {
  const sideways = turn === 90 || turn === 270;
  const shown = sideways ? { width: size.height, height: size.width } : size;
  const fits = shown.width <= stock.width * CROP_TOLERANCE && shown.height <= stock.height * CROP_TOLERANCE;
  const scale = fits ? 1 : Math.min(stock.width / shown.width, stock.height / shown.height);
  const w = size.width * scale;
  const h = size.height * scale;
  const left = (stock.width - shown.width * scale) / 2 + offsets.offsetXmm * PT_PER_MM;
  const bottom = (stock.height - shown.height * scale) / 2 - offsets.offsetYmm * PT_PER_MM;
  const ccwDegrees = (360 - turn) % 360;
  const origin =
    ccwDegrees === 0
      ? { x: left, y: bottom }
      : ccwDegrees === 90
        ? { x: left + h, y: bottom }
        : ccwDegrees === 180
          ? { x: left + w, y: bottom + h }
          : { x: left, y: bottom + w };
  return { ...origin, scale, ccwDegrees };
}

function isExactly(page: PDFPage, stock: Box): boolean {
  const media = page.getMediaBox();
  const crop = page.getCropBox();
  const sameBox = media.x === crop.x && media.y === crop.y && media.width === crop.width && media.height === crop.height;
  return (
    sameBox &&
    media.x === 0 &&
    media.y === 0 &&
    normalizedRotation(page.getRotation().angle) === 0 &&
    Math.abs(media.width - stock.width) <= SAME_SIZE_PT &&
    Math.abs(media.height - stock.height) <= SAME_SIZE_PT
  );
}

function normalizedRotation(angle: number): number {
  const quarter = Math.round(angle / 90) * 90;
  return ((quarter % 360) + 360) % 360;
}

async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes, { ignoreEncryption: true });
  } catch (error) {
    throw new StationError('label_document_invalid', t('printing:document.pdfUnreadable', { reason: (error as Error).message }));
  }
}

interface PngHeader {
  width: number;
  height: number;
  /** Pixels per inch from the pHYs chunk, when it gives one in metres. */
  dpi: number | null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Reads IHDR and pHYs; only those two chunks matter for sizing. */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  if (bytes.length < 33 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new StationError('label_document_invalid', t('printing:document.notPng'));
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const width = view.getUint32(16);
  const height = view.getUint32(20);
  let dpi: number | null = null;
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(bytes[at + 4]!, bytes[at + 5]!, bytes[at + 6]!, bytes[at + 7]!);
    if (type === 'pHYs' && length >= 9 && at + 17 <= bytes.length) {
      const perMetreX = view.getUint32(at + 8);
      const unit = bytes[at + 16];
      // Metres cannot hold 203 dpi exactly (7992 px/m is 202.997 dpi): round to whole dpi.
      if (unit === 1 && perMetreX > 0) dpi = Math.round(perMetreX * 0.0254);
    }
    if (type === 'IDAT' || type === 'IEND') break;
    at += 12 + length;
  }
  if (width === 0 || height === 0) throw new StationError('label_document_invalid', t('printing:document.pngEmpty'));
  return { width, height, dpi };
}

/**
 * The DPI that gives a PNG its physical size: its own pHYs; else 203 or 300 when the pixels
 * are exactly the stock at that resolution; else the profile's printer DPI.
 */
function pngDpi(header: PngHeader, placement: LabelPlacement): number {
  if (header.dpi && header.dpi >= 72) return header.dpi;
  const stock = LABEL_SIZES[placement.labelSize];
  for (const dpi of [203, 300]) {
    const w = (stock.widthMm / 25.4) * dpi;
    const h = (stock.heightMm / 25.4) * dpi;
    const near = (a: number, b: number) => Math.abs(a - b) <= b * 0.01;
    if ((near(header.width, w) && near(header.height, h)) || (near(header.width, h) && near(header.height, w))) return dpi;
  }
  return placement.dpi;
}

/**
 * A test label at the profile's size: border, mm rulers along the top and left edges, a
 * 10 mm grid with a centre cross, and the printer, size, DPI and offsets written out. It is
 * placed with the profile's offsets, so once they are right the rulers' zero meets the edges.
 */
export async function calibrationLabel(profile: LabelPlacement, printerName: string): Promise<Uint8Array> {
  const info = LABEL_SIZES[profile.labelSize];
  const sheet = sheetLayoutOf(profile);
  const { width, height } = labelPageSize(profile.labelSize);
  const doc = await PDFDocument.create();
  doc.setTitle(t('documents:calibration.title', { printer: printerName }));
  const page = doc.addPage([width, height]);
  const fonts = await embedStationFonts(doc);
  const black = rgb(0, 0, 0);
  const grey = rgb(0.6, 0.6, 0.6);
  const mm = (n: number) => n * PT_PER_MM;

  // 10 mm grid, light, under everything else.
  for (let x = 10; mm(x) < width; x += 10)
    page.drawLine({ start: { x: mm(x), y: 0 }, end: { x: mm(x), y: height }, thickness: 0.25, color: grey });
  for (let y = 10; mm(y) < height; y += 10) {
    page.drawLine({ start: { x: 0, y: height - mm(y) }, end: { x: width, y: height - mm(y) }, thickness: 0.25, color: grey });
  }
  // Centre cross.
  page.drawLine({
    start: { x: width / 2 - mm(8), y: height / 2 },
    end: { x: width / 2 + mm(8), y: height / 2 },
    thickness: 0.75,
    color: black,
  });
  page.drawLine({
    start: { x: width / 2, y: height / 2 - mm(8) },
    end: { x: width / 2, y: height / 2 + mm(8) },
    thickness: 0.75,
    color: black,
  });
  // Border on the stock's edge: a missing side shows which way the print is off.
  page.drawRectangle({ x: 0.5, y: 0.5, width: width - 1, height: height - 1, borderWidth: 1, borderColor: black });

  // Rulers: 1 mm ticks, longer at 5 and 10, numbered every 10 mm, from the top-left corner.
  const tick = (n: number) => (n % 10 === 0 ? mm(4) : n % 5 === 0 ? mm(2.5) : mm(1.5));
  for (let n = 0; mm(n) <= width; n += 1) {
    page.drawLine({ start: { x: mm(n), y: height }, end: { x: mm(n), y: height - tick(n) }, thickness: 0.4, color: black });
    if (n > 0 && n % 10 === 0) fonts.draw(page, String(n), { x: mm(n) + 1, y: height - mm(6.5), size: 5 });
  }
  for (let n = 0; mm(n) <= height; n += 1) {
    page.drawLine({ start: { x: 0, y: height - mm(n) }, end: { x: tick(n), y: height - mm(n) }, thickness: 0.4, color: black });
    if (n > 0 && n % 10 === 0) fonts.draw(page, String(n), { x: mm(4.8), y: height - mm(n) - 1.8, size: 5 });
  }

  // The words in the station's language (documents namespace); a long line wraps inside the label.
  const left = mm(12);
  const room = width - left - mm(4);
  const lines: { size: number; bold?: boolean; text: string }[] = [
    { size: 11, bold: true, text: t('documents:calibration.heading') },
    { size: 9, text: t('documents:calibration.printer', { printer: printerName }) },
    { size: 9, text: t('documents:calibration.labelSize', { size: info.title, width: fmt(info.widthMm), height: fmt(info.heightMm) }) },
    { size: 9, text: t('documents:calibration.dpi', { dpi: profile.dpi }) },
    ...(sheet
      ? [
          {
            size: 9,
            text: t(sheet.labelsPerSheet === 1 ? 'documents:calibration.paperOne' : 'documents:calibration.paperTwo', {
              paper: SHEET_SIZES[sheet.paper].title,
            }),
          },
        ]
      : []),
    { size: 9, text: t('documents:calibration.offsets', { x: signed(profile.offsetXmm), y: signed(profile.offsetYmm) }) },
    { size: 7, text: t('documents:calibration.howTo') },
  ];
  let y = height - mm(16);
  for (const line of lines) {
    for (const row of fonts.wrap(line.text, line.size, room, line.bold)) {
      fonts.draw(page, row, { x: left, y, size: line.size, bold: !!line.bold, color: black });
      y -= line.size * 1.5;
    }
  }
  const drawn = await doc.save();
  const label = await labelPdf({ format: 'pdf', bytes: drawn }, { ...profile, orientation: 'portrait' });
  if (!sheet) return label;
  // On paper, every place on the sheet gets the calibration label, each measured against its cut marks.
  return composeSheets(sheet.labelsPerSheet === 2 ? await mergeInOrder([label, label]) : label, sheet);
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const signed = (n: number) => `${n >= 0 ? '+' : '-'}${Math.abs(n).toFixed(1)}`;
