import { writeFile } from 'node:fs/promises';
import bwipjs from 'bwip-js/node';
import { PageSizes, PDFDocument, type PDFPage, rgb } from 'pdf-lib';
import { COMMAND_CODES, ScanCommand } from '../../../shared/domain/scan';
import { embedStationFonts, type StationFonts } from '../documents/pdf-fonts';
import { t } from '../i18n';
import { saveWhereChosen, type ChooseSavePath } from '../save-file';

/**
 * The printable sheet of station-mode command barcodes: one page, one row per command in
 * `ScanCommand.options` order, each a bold title over a Code 128 of its code with the code
 * in small print under the bars.
 *
 * Layout choices:
 * - Bars are vector rectangles, every module 0.02 in (20 mil, 1.44 pt, about 0.51 mm), the
 *   same for all codes: wide enough for a handheld scanner at arm's length, and a whole
 *   number of dots at 300, 600 and 1200 dpi so office printers do not round bars unevenly.
 *   The longest code (FFSCMD-REPRINT-LAST, 244 modules) is 124 mm wide and fits A4 and Letter.
 * - Bars are 22 mm tall (at least 15 mm asked), easy to hit with a tilted scan line.
 * - Titles, bars and code text share one left edge at the 20 mm page margin, so the quiet
 *   zone (at least 10 modules, 14.4 pt) lies in the blank margin on the left and in the
 *   empty right part of the row on the right; nothing else is drawn level with the bars.
 * - Rows share the page below the heading equally, each centred in its share, which leaves
 *   over 30 mm of white between barcodes, so the scan line does not catch a neighbour.
 * - Words are in the station's language (documents namespace), drawn in the station's fonts
 *   (electron/core/documents/pdf-fonts.ts) so Japanese and Chinese read; a long instruction wraps.
 */
export async function commandSheetPdf(options: { paper?: 'a4' | 'letter' } = {}): Promise<Uint8Array> {
  const [width, height] = options.paper === 'letter' ? PageSizes.Letter : PageSizes.A4;
  const doc = await PDFDocument.create();
  doc.setTitle(t('documents:commandSheet.title'));
  doc.setCreator('Flex Forward Station');
  doc.setProducer('Flex Forward Station');
  const page = doc.addPage([width, height]);
  const fonts = await embedStationFonts(doc);

  const left = MARGIN_PT;
  const room = width - 2 * MARGIN_PT;
  let top = height - MARGIN_PT;
  for (const line of fonts.wrap(t('documents:commandSheet.heading'), 18, room, true)) top = text(page, fonts, 18, line, left, top, true);
  top -= 6;
  for (const line of fonts.wrap(t('documents:commandSheet.instruction'), 11, room)) top = text(page, fonts, 11, line, left, top);
  top -= 10;
  page.drawLine({ start: { x: left, y: top }, end: { x: width - MARGIN_PT, y: top }, thickness: 0.75, color: BLACK });

  // The commands share the rest of the page equally, each row's block centred in its share.
  const commands = ScanCommand.options;
  const rowHeight = (top - MARGIN_PT) / commands.length;
  const block = LINE * 15 + 8 + BAR_HEIGHT_PT + 4 + LINE * 9;
  commands.forEach((command, i) => {
    let y = top - rowHeight * i - (rowHeight - block) / 2;
    y = text(page, fonts, 15, fonts.fit(t(`documents:commandSheet.commands.${command}`), 15, room, true), left, y, true);
    y -= 8;
    drawCode128(page, left, y - BAR_HEIGHT_PT, COMMAND_CODES[command]);
    y -= BAR_HEIGHT_PT + 4;
    text(page, fonts, 9, COMMAND_CODES[command], left, y);
  });
  return doc.save();
}

/** The sheet saved where the operator chooses (`flexforward-command-barcodes.pdf` unless renamed); nothing when cancelled. */
export function saveCommandSheet(chooseSavePath: ChooseSavePath, options: { paper?: 'a4' | 'letter' } = {}) {
  return saveWhereChosen(chooseSavePath, 'flexforward-command-barcodes.pdf', async (target) =>
    writeFile(target, await commandSheetPdf(options)),
  );
}

const PT_PER_MM = 72 / 25.4;
const MARGIN_PT = 20 * PT_PER_MM;
/** One Code 128 module: 0.02 in. */
const MODULE_PT = 0.02 * 72;
const BAR_HEIGHT_PT = 22 * PT_PER_MM;
/** The standard asks for at least 10 modules of white each side of the bars. */
const QUIET_ZONE_MODULES = 10;
const BLACK = rgb(0, 0, 0);
/** A line's height and its baseline below the line's top, as shares of the size (about what Helvetica had, so the layout stays). */
const LINE = 0.93;
const ASCENT = 0.72;

/** Draws one line of text with its top at `top`; returns where the next line's top would be. */
function text(page: PDFPage, fonts: StationFonts, size: number, line: string, x: number, top: number, bold = false): number {
  fonts.draw(page, line, { x, y: top - ASCENT * size, size, bold, color: BLACK });
  return top - LINE * size;
}

/**
 * Code 128 bars (bwip-js picks the code sets and check character) with their left edge at `x`
 * and bottom at `y`. Throws if the quiet zones would not fit on the page.
 */
function drawCode128(page: PDFPage, x: number, y: number, data: string): void {
  const raw = bwipjs.raw('code128', data, {});
  const first = raw[0];
  if (!first || !('sbs' in first)) throw new Error('bwip-js returned no bars for Code 128');
  const widths = [...first.sbs];
  const modules = widths.reduce((a, b) => a + b, 0);
  const quiet = QUIET_ZONE_MODULES * MODULE_PT;
  if (x < quiet || x + modules * MODULE_PT + quiet > page.getWidth())
    throw new Error(`The barcode for ${data} does not fit the page with its quiet zones`);
  let bx = x;
  widths.forEach((w, i) => {
    // Even entries are bars, odd ones spaces.
    if (i % 2 === 0) page.drawRectangle({ x: bx, y, width: w * MODULE_PT, height: BAR_HEIGHT_PT, color: BLACK });
    bx += w * MODULE_PT;
  });
}
