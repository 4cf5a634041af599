import { PDFDocument, rgb } from 'pdf-lib';
import { embedStationFonts } from '../core/documents/pdf-fonts';
import { QUIET_ZONE_MODULES } from './barcode';
import { PAGE_HEIGHT_PT, PAGE_WIDTH_PT, TEXT_ASCENT, drawLabel, singleLine, type LabelCanvas, type LabelData } from './label-layout';

/** Points per dot of a 203 dpi thermal printer: bars are whole dots so prints stay scannable. */
const DOT_PT = 72 / 203;
const BLACK = rgb(0, 0, 0);

/**
 * A one-page 4x6 in PDF (288 x 432 pt) with vector Code 128 bars. Text is drawn in the station's
 * fonts (electron/core/documents/pdf-fonts.ts), so a Japanese or Chinese address prints as written
 * and pdftotext reads it back.
 */
export async function renderPdfLabel(data: LabelData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(data.title);
  doc.setProducer('Flex Forward simulator');
  doc.setCreator('Flex Forward simulator');
  doc.setCreationDate(data.createdAt);
  doc.setModificationDate(data.createdAt);
  const page = doc.addPage([PAGE_WIDTH_PT, PAGE_HEIGHT_PT]);
  const fonts = await embedStationFonts(doc);

  const canvas: LabelCanvas = {
    prepare: singleLine,
    measure: (text, style) => fonts.width(text, style.size, style.bold),
    text: (x, top, text, style) => {
      fonts.draw(page, text, { x, y: PAGE_HEIGHT_PT - top - style.size * TEXT_ASCENT, size: style.size, bold: !!style.bold, color: BLACK });
    },
    rect: (x, y, w, h) => page.drawRectangle({ x, y: PAGE_HEIGHT_PT - y - h, width: w, height: h, color: BLACK }),
    barcode: (x, y, w, h, code) => {
      const dots = Math.max(1, Math.floor(w / DOT_PT / (code.modules + 2 * QUIET_ZONE_MODULES)));
      const module = dots * DOT_PT;
      let bx = x + (w - code.modules * module) / 2;
      code.widths.forEach((width, i) => {
        if (i % 2 === 0) page.drawRectangle({ x: bx, y: PAGE_HEIGHT_PT - y - h, width: width * module, height: h, color: BLACK });
        bx += width * module;
      });
    },
  };
  drawLabel(canvas, data);
  return doc.save();
}
