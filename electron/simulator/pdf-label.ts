import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { QUIET_ZONE_MODULES } from './barcode';
import { PAGE_HEIGHT_PT, PAGE_WIDTH_PT, drawLabel, type LabelCanvas, type LabelData } from './label-layout';

/** Points per dot of a 203 dpi thermal printer: bars are whole dots so prints stay scannable. */
const DOT_PT = 72 / 203;
const BLACK = rgb(0, 0, 0);

/** A one-page 4x6 in PDF (288 x 432 pt) with standard fonts and vector Code 128 bars. */
export async function renderPdfLabel(data: LabelData): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Shipping label ${data.trackingNumber}`);
  doc.setProducer('Flex Forward simulator');
  doc.setCreator('Flex Forward simulator');
  doc.setCreationDate(data.createdAt);
  doc.setModificationDate(data.createdAt);
  const page = doc.addPage([PAGE_WIDTH_PT, PAGE_HEIGHT_PT]);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const fontOf = (b?: boolean) => (b ? bold : regular);

  const canvas: LabelCanvas = {
    measure: (text, style) => fontOf(style.bold).widthOfTextAtSize(text, style.size),
    text: (x, top, text, style) => {
      const font = fontOf(style.bold);
      const baseline = top + font.heightAtSize(style.size, { descender: false });
      page.drawText(text, { x, y: PAGE_HEIGHT_PT - baseline, size: style.size, font, color: BLACK });
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
