import { crc32 } from 'node:zlib';
import bwipjs from 'bwip-js/node';
import { PNG } from 'pngjs';
import { QUIET_ZONE_MODULES } from './barcode';
import { toLabelText } from './label-text';
import { PAGE_HEIGHT_PT, PAGE_WIDTH_PT, drawLabel, type LabelCanvas, type LabelData, type TextStyle } from './label-layout';

/** A 4x6 in label at 203 dpi, the common thermal-printer resolution. */
export const PNG_DPI = 203;
export const PNG_WIDTH = Math.round((PAGE_WIDTH_PT / 72) * PNG_DPI); // 812
export const PNG_HEIGHT = Math.round((PAGE_HEIGHT_PT / 72) * PNG_DPI); // 1218
const SCALE = PNG_DPI / 72;

/** 8-bit grayscale raster (255 = white) with text from bwip-js's built-in OCR-B glyphs. */
class Raster {
  readonly pixels = new Uint8Array(PNG_WIDTH * PNG_HEIGHT).fill(255);
  private readonly font = bwipjs.FontLib.lookup('OCR-B');

  fill(x0: number, y0: number, x1: number, y1: number): void {
    const xa = Math.max(0, Math.round(x0));
    const xb = Math.min(PNG_WIDTH, Math.max(xa + 1, Math.round(x1)));
    const ya = Math.max(0, Math.round(y0));
    const yb = Math.min(PNG_HEIGHT, Math.max(ya + 1, Math.round(y1)));
    for (let y = ya; y < yb; y++) this.pixels.fill(0, y * PNG_WIDTH + xa, y * PNG_WIDTH + xb);
  }

  private glyph(ch: string, px: number) {
    const code = ch.charCodeAt(0);
    return bwipjs.FontLib.getglyph(this.font, code >= 0x20 && code <= 0x7e ? code : 0x3f, px, px);
  }

  textWidth(text: string, px: number): number {
    let width = 0;
    for (const ch of text) width += this.glyph(ch, px).advance;
    return width;
  }

  /** Darkens pixels by glyph coverage; bold is a second pass one pixel to the right. */
  text(x: number, baseline: number, text: string, px: number, bold: boolean): void {
    let pen = Math.round(x);
    for (const ch of text) {
      const g = this.glyph(ch, px);
      for (const dx of bold ? [0, 1] : [0]) {
        for (let j = 0; j < g.height; j++) {
          const yy = Math.round(baseline) - g.top + j;
          if (yy < 0 || yy >= PNG_HEIGHT) continue;
          for (let i = 0; i < g.width; i++) {
            const a = g.bytes[g.offset + j * g.width + i] ?? 0;
            const xx = pen + g.left + i + dx;
            if (!a || xx < 0 || xx >= PNG_WIDTH) continue;
            const at = yy * PNG_WIDTH + xx;
            this.pixels[at] = Math.min(this.pixels[at] ?? 255, 255 - a);
          }
        }
      }
      pen += g.advance;
    }
  }
}

const fontPx = (style: TextStyle) => Math.max(8, Math.round(style.size * SCALE * 1.1));

/** Renders the label and returns PNG bytes (grayscale, with a pHYs chunk saying 203 dpi). */
export function renderPngLabel(data: LabelData): Buffer {
  const raster = new Raster();
  const canvas: LabelCanvas = {
    prepare: toLabelText,
    measure: (text, style) => raster.textWidth(text, fontPx(style)) / SCALE,
    text: (x, top, text, style) => raster.text(x * SCALE, (top + style.size * 0.78) * SCALE, text, fontPx(style), !!style.bold),
    rect: (x, y, w, h) => raster.fill(x * SCALE, y * SCALE, (x + w) * SCALE, (y + h) * SCALE),
    barcode: (x, y, w, h, code) => {
      const dots = Math.max(1, Math.floor((w * SCALE) / (code.modules + 2 * QUIET_ZONE_MODULES)));
      let px = Math.round(x * SCALE + (w * SCALE - code.modules * dots) / 2);
      const top = y * SCALE;
      const bottom = (y + h) * SCALE;
      code.widths.forEach((width, i) => {
        if (i % 2 === 0) raster.fill(px, top, px + width * dots, bottom);
        px += width * dots;
      });
    },
  };
  drawLabel(canvas, data);

  const png = new PNG({ width: PNG_WIDTH, height: PNG_HEIGHT, colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  png.data = Buffer.from(raster.pixels);
  const encoded = PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, bitDepth: 8 });
  return withPhys(encoded, PNG_DPI);
}

/** Inserts a pHYs chunk (pixels per metre) right after IHDR; pngjs does not write one. */
export function withPhys(png: Buffer, dpi: number): Buffer {
  const ppm = Math.round(dpi / 0.0254);
  const data = Buffer.alloc(9);
  data.writeUInt32BE(ppm, 0);
  data.writeUInt32BE(ppm, 4);
  data.writeUInt8(1, 8); // unit: metre
  const type = Buffer.from('pHYs', 'latin1');
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  type.copy(chunk, 4);
  data.copy(chunk, 8);
  chunk.writeUInt32BE(crc32(Buffer.concat([type, data])), 8 + data.length);
  const ihdrEnd = 8 + 4 + 4 + 13 + 4; // signature + IHDR length, type, data, crc
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}
