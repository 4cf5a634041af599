import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';
import { QUIET_ZONE_MODULES } from './barcode';
import {
  PAGE_HEIGHT_PT,
  PAGE_WIDTH_PT,
  TEXT_ASCENT,
  drawLabel,
  singleLine,
  type LabelCanvas,
  type LabelData,
  type TextStyle,
} from './label-layout';
import { layoutLine, lineWidth } from './png-text';

/** A 4x6 in label at 203 dpi, the common thermal-printer resolution. */
export const PNG_DPI = 203;
export const PNG_WIDTH = Math.round((PAGE_WIDTH_PT / 72) * PNG_DPI); // 812
export const PNG_HEIGHT = Math.round((PAGE_HEIGHT_PT / 72) * PNG_DPI); // 1218
const SCALE = PNG_DPI / 72;

/** 8-bit grayscale raster (255 = white); text in the station's fonts (png-text.ts). */
class Raster {
  readonly pixels = new Uint8Array(PNG_WIDTH * PNG_HEIGHT).fill(255);

  fill(x0: number, y0: number, x1: number, y1: number): void {
    const xa = Math.max(0, Math.round(x0));
    const xb = Math.min(PNG_WIDTH, Math.max(xa + 1, Math.round(x1)));
    const ya = Math.max(0, Math.round(y0));
    const yb = Math.min(PNG_HEIGHT, Math.max(ya + 1, Math.round(y1)));
    for (let y = ya; y < yb; y++) this.pixels.fill(0, y * PNG_WIDTH + xa, y * PNG_WIDTH + xb);
  }

  /** Darkens pixels by glyph coverage, each glyph at the whole pixel nearest the pen. */
  text(x: number, baseline: number, text: string, emPx: number, bold: boolean): void {
    let pen = x;
    const base = Math.round(baseline);
    for (const { mask, advance } of layoutLine(text, emPx, bold)) {
      const left = Math.round(pen) + mask.left;
      for (let j = 0; j < mask.height; j++) {
        const yy = base + mask.top + j;
        if (yy < 0 || yy >= PNG_HEIGHT) continue;
        for (let i = 0; i < mask.width; i++) {
          const a = mask.coverage[j * mask.width + i]!;
          const xx = left + i;
          if (!a || xx < 0 || xx >= PNG_WIDTH) continue;
          const at = yy * PNG_WIDTH + xx;
          this.pixels[at] = Math.min(this.pixels[at]!, 255 - a);
        }
      }
      pen += advance;
    }
  }
}

/** The em in pixels: a size in points at 203 dpi, as the PDF draws it. */
const emPx = (style: TextStyle) => style.size * SCALE;

/** Renders the label and returns PNG bytes (grayscale, with a pHYs chunk saying 203 dpi). */
export function renderPngLabel(data: LabelData): Buffer {
  const raster = new Raster();
  const canvas: LabelCanvas = {
    prepare: singleLine,
    measure: (text, style) => lineWidth(text, emPx(style), !!style.bold) / SCALE,
    text: (x, top, text, style) => raster.text(x * SCALE, (top + style.size * TEXT_ASCENT) * SCALE, text, emPx(style), !!style.bold),
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
