import bwipjs from 'bwip-js/node';
import { PDFDocument, type PDFPage, rgb } from 'pdf-lib';
import { SHEET_SIZES } from '../../../shared/domain/printing';
import type { HandoverPaper } from '../../../shared/domain/handover';
import { embedStationFonts, type StationFonts } from '../documents/pdf-fonts';
import { t as stationT } from '../i18n';
import { weightInKg, type HandoverParcel } from './handover-parcels';

/**
 * The hand-over sheet: for each courier, the day's parcels as a table (number, order,
 * recipient, tracking number with its Code 128 barcode, weight), then the count and the total
 * weight and a block for the driver (name, signature, time). A long day runs over several
 * pages, each with the heading and the table's column titles again and "page x of y" (counted
 * per courier: each courier's pages go to its own driver). Text goes through the station's
 * fonts (documents/pdf-fonts.ts), so Japanese and Chinese names print.
 *
 * Barcodes are drawn as the command sheet draws them (scan/command-sheet.ts): vector bars from
 * bwip-js's Code 128, a module of 0.014 in (about 0.36 mm; narrower only when a very long
 * number would not fit the column), 9 mm tall, with at least 10 modules of white each side.
 */

export interface HandoverSheetInput {
  /** The day as the operator reads it (already formatted), e.g. "2 Dec 2026". */
  dayText: string;
  /** Each courier's parcels, in order; one section (pages of its own) per courier. */
  sections: { courier: string; parcels: HandoverParcel[] }[];
  paper: HandoverPaper;
  /** Numbers in the operator's format. */
  formatNumber: (value: number) => string;
  /** When the sheet was made, formatted. */
  printedAt: string;
  t?: typeof stationT;
}

const PT_PER_MM = 72 / 25.4;
const MARGIN = 15 * PT_PER_MM;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.4, 0.4, 0.4);
const ROW_HEIGHT = 17 * PT_PER_MM;
const BAR_HEIGHT = 9 * PT_PER_MM;
const MODULE_PT = 0.014 * 72;
const MIN_MODULE_PT = 0.01 * 72;
const QUIET_MODULES = 10;
const HEADER_HEIGHT = 30 * PT_PER_MM;
const FOOTER_HEIGHT = 8 * PT_PER_MM;
const CLOSING_HEIGHT = 62 * PT_PER_MM;

/** Column widths as shares of the text width: #, order, recipient, tracking number, weight. */
const COLUMNS = [0.06, 0.2, 0.26, 0.36, 0.12] as const;

export async function handoverSheetPdf(input: HandoverSheetInput): Promise<{ pdf: Uint8Array; pages: number }> {
  const t = input.t ?? stationT;
  const sheet = SHEET_SIZES[input.paper];
  const doc = await PDFDocument.create();
  doc.setTitle(t('handover:pdf.title'));
  doc.setCreator('Flex Forward Station');
  doc.setProducer('Flex Forward Station');
  const fonts = await embedStationFonts(doc);
  const width = sheet.widthPt - 2 * MARGIN;
  const columnX: number[] = [];
  COLUMNS.reduce((x, share) => (columnX.push(x), x + share * width), MARGIN);
  const columnWidth = COLUMNS.map((share) => share * width);

  for (const section of input.sections) {
    // How many rows fit: the first page and the following ones alike; the closing block needs room on the last.
    const perPage = Math.max(1, Math.floor((sheet.heightPt - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT) / ROW_HEIGHT));
    const chunks: HandoverParcel[][] = [];
    for (let i = 0; i < section.parcels.length; i += perPage) chunks.push(section.parcels.slice(i, i + perPage));
    if (chunks.length === 0) chunks.push([]);
    const lastRows = chunks.at(-1)!.length;
    const closingFits = sheet.heightPt - 2 * MARGIN - HEADER_HEIGHT - FOOTER_HEIGHT - lastRows * ROW_HEIGHT >= CLOSING_HEIGHT;
    const pageCount = chunks.length + (closingFits ? 0 : 1);
    let number = 0;

    const newPage = () => {
      number += 1;
      const page = doc.addPage([sheet.widthPt, sheet.heightPt]);
      drawHeader(page, fonts, t, { courier: section.courier, dayText: input.dayText, page: number, pages: pageCount });
      drawFooter(page, fonts, t, input.printedAt);
      return page;
    };

    let rowIndex = 0;
    let page: PDFPage | null = null;
    let y = 0;
    for (const chunk of chunks) {
      page = newPage();
      y = sheet.heightPt - MARGIN - HEADER_HEIGHT;
      y = drawColumnTitles(page, fonts, t, columnX, y);
      for (const parcel of chunk) {
        rowIndex += 1;
        drawRow(page, fonts, input.formatNumber, columnX, columnWidth, y, rowIndex, parcel);
        y -= ROW_HEIGHT;
      }
    }
    if (!closingFits) {
      page = newPage();
      y = sheet.heightPt - MARGIN - HEADER_HEIGHT;
    }
    const totalKg = section.parcels.reduce((sum, p) => sum + weightInKg(p), 0);
    drawClosing(page!, fonts, t, y, {
      count: section.parcels.length,
      total: input.formatNumber(totalKg),
      width,
    });
  }
  return { pdf: await doc.save(), pages: doc.getPageCount() };
}

function drawHeader(
  page: PDFPage,
  fonts: StationFonts,
  t: typeof stationT,
  h: { courier: string; dayText: string; page: number; pages: number },
): void {
  const top = page.getHeight() - MARGIN;
  const right = page.getWidth() - MARGIN;
  fonts.draw(page, t('handover:pdf.heading', { courier: h.courier }), { x: MARGIN, y: top - 16, size: 16, bold: true });
  fonts.draw(page, t('handover:pdf.day', { day: h.dayText }), { x: MARGIN, y: top - 34, size: 11 });
  const pageText = t('handover:pdf.page', { page: h.page, pages: h.pages });
  fonts.draw(page, pageText, { x: right - fonts.width(pageText, 10), y: top - 16, size: 10, color: GREY });
  fonts.draw(page, t('handover:pdf.intro'), { x: MARGIN, y: top - 52, size: 9, color: GREY });
  page.drawLine({ start: { x: MARGIN, y: top - 60 }, end: { x: right, y: top - 60 }, thickness: 0.75, color: BLACK });
}

function drawFooter(page: PDFPage, fonts: StationFonts, t: typeof stationT, printedAt: string): void {
  fonts.draw(page, t('handover:pdf.printedAt', { time: printedAt }), { x: MARGIN, y: MARGIN, size: 8, color: GREY });
}

function drawColumnTitles(page: PDFPage, fonts: StationFonts, t: typeof stationT, columnX: number[], top: number): number {
  const titles = [
    t('handover:pdf.column.number'),
    t('handover:pdf.column.order'),
    t('handover:pdf.column.recipient'),
    t('handover:pdf.column.tracking'),
    t('handover:pdf.column.weight'),
  ];
  titles.forEach((title, i) => fonts.draw(page, title, { x: columnX[i]!, y: top - 10, size: 9, bold: true }));
  const y = top - 16;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: page.getWidth() - MARGIN, y }, thickness: 0.5, color: BLACK });
  return y - 4;
}

function drawRow(
  page: PDFPage,
  fonts: StationFonts,
  formatNumber: (value: number) => string,
  columnX: number[],
  columnWidth: number[],
  top: number,
  index: number,
  parcel: HandoverParcel,
): void {
  const size = 10;
  const textY = top - 12;
  const fit = (text: string, column: number) => fonts.fit(text, size, columnWidth[column]! - 6);
  fonts.draw(page, String(index), { x: columnX[0]!, y: textY, size });
  fonts.draw(page, fit(parcel.orderNumber ?? '—', 1), { x: columnX[1]!, y: textY, size });
  const name = fonts.wrap(parcel.recipientName, size, columnWidth[2]! - 6).slice(0, 2);
  name.forEach((line, i) =>
    fonts.draw(page, i === 1 && name.length > 1 ? fit(line, 2) : line, { x: columnX[2]!, y: textY - i * 13, size }),
  );
  const tracking = parcel.trackingNumber;
  fonts.draw(page, tracking ?? '—', { x: columnX[3]! + 0, y: textY, size, bold: true });
  if (tracking) drawCode128(page, columnX[3]!, top - 16 - BAR_HEIGHT, columnWidth[3]!, tracking);
  const weight = parcel.weight === null ? '—' : `${formatNumber(parcel.weight)} ${parcel.unit === 'LB' ? 'lb' : 'kg'}`;
  fonts.draw(page, weight, { x: columnX[4]! + columnWidth[4]! - fonts.width(weight, size), y: textY, size });
  const bottom = top - ROW_HEIGHT + 2;
  page.drawLine({ start: { x: MARGIN, y: bottom }, end: { x: page.getWidth() - MARGIN, y: bottom }, thickness: 0.25, color: GREY });
}

/**
 * Code 128 bars of `data` inside a column starting at `x`: the quiet zone lies inside the
 * column on the left (the recipient's text ends before it) and in the white after the bars.
 */
function drawCode128(page: PDFPage, x: number, y: number, columnWidth: number, data: string): void {
  const raw = bwipjs.raw('code128', data, {});
  const first = raw[0];
  if (!first || !('sbs' in first)) throw new Error('bwip-js returned no bars for Code 128');
  const widths = [...first.sbs];
  const modules = widths.reduce((a, b) => a + b, 0);
  // Text sits at the column's left edge; the bars start after a quiet zone of their own.
  const module = Math.max(MIN_MODULE_PT, Math.min(MODULE_PT, columnWidth / (modules + 2 * QUIET_MODULES)));
  let bx = x + QUIET_MODULES * module;
  widths.forEach((w, i) => {
    if (i % 2 === 0) page.drawRectangle({ x: bx, y, width: w * module, height: BAR_HEIGHT, color: BLACK });
    bx += w * module;
  });
}

function drawClosing(
  page: PDFPage,
  fonts: StationFonts,
  t: typeof stationT,
  top: number,
  c: { count: number; total: string; width: number },
): void {
  let y = top - 18;
  fonts.draw(page, t('handover:pdf.count', { count: c.count }), { x: MARGIN, y, size: 12, bold: true });
  y -= 16;
  fonts.draw(page, t('handover:pdf.totalWeight', { weight: c.total }), { x: MARGIN, y, size: 12, bold: true });
  y -= 22;
  fonts.draw(page, t('handover:pdf.confirm'), { x: MARGIN, y, size: 9, color: GREY });
  const lineLength = c.width * 0.62;
  for (const key of ['driverName', 'signature', 'time'] as const) {
    y -= 30;
    const label = t(`handover:pdf.${key}`);
    fonts.draw(page, label, { x: MARGIN, y, size: 11 });
    const lineX = MARGIN + c.width * 0.3;
    page.drawLine({ start: { x: lineX, y: y - 2 }, end: { x: lineX + lineLength, y: y - 2 }, thickness: 0.75, color: BLACK });
  }
}
