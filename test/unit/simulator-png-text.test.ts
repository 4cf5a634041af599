import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedStationFonts, type StationFonts } from '../../electron/core/documents/pdf-fonts';
import { layoutLine, lineWidth, rasterise, type GlyphMask } from '../../electron/simulator/png-text';

/**
 * The PNG Demo label's text (electron/simulator/png-text.ts): outlines of the station's fonts
 * scan-converted with antialiasing, measured as the PDF measures them.
 */

const SCALE = 203 / 72;
let fonts: StationFonts;
beforeAll(async () => {
  fonts = await embedStationFonts(await PDFDocument.create());
});

/** A closed polygon in font units (y up), as fontkit's path commands give it. */
const polygon = (points: [number, number][]) => [
  { command: 'moveTo' as const, args: points[0]! },
  ...points.slice(1).map((p) => ({ command: 'lineTo' as const, args: p })),
  { command: 'closePath' as const, args: [] },
];
const at = (mask: GlyphMask, x: number, y: number) => mask.coverage[(y - mask.top) * mask.width + (x - mask.left)] ?? 0;
const total = (mask: GlyphMask) => mask.coverage.reduce((sum, value) => sum + value, 0) / 255;

describe('rasterise', () => {
  it('covers each pixel by the share of it inside the outline', () => {
    // A 10 x 10 px square from (0.5, 0.5) to (10.5, 10.5), y down.
    const mask = rasterise(
      polygon([
        [0.5, -0.5],
        [10.5, -0.5],
        [10.5, -10.5],
        [0.5, -10.5],
      ]),
      1,
    );
    expect(total(mask)).toBeCloseTo(100, 0);
    expect(at(mask, 0, 0)).toBe(64); // a quarter
    expect(at(mask, 5, 0)).toBe(128); // half
    expect(at(mask, 0, 5)).toBe(128);
    expect(at(mask, 5, 5)).toBe(255);
    expect(at(mask, 10, 10)).toBe(64);
    expect(at(mask, 11, 5)).toBe(0);
  });

  it('fills a slanted edge by area, leaves a reversed inner contour empty and saturates where contours overlap', () => {
    // A right triangle of legs 8 px: 32 px² of ink.
    expect(
      total(
        rasterise(
          polygon([
            [0, 0],
            [8, 0],
            [0, -8],
          ]),
          1,
        ),
      ),
    ).toBeCloseTo(32, 0);
    // A 12 px square with a 4 px hole wound the other way (as a glyph such as 口 has).
    const ring = rasterise(
      [
        ...polygon([
          [0, 0],
          [12, 0],
          [12, -12],
          [0, -12],
        ]),
        ...polygon([
          [4, -4],
          [4, -8],
          [8, -8],
          [8, -4],
        ]),
      ],
      1,
    );
    expect(at(ring, 6, 6)).toBe(0);
    expect(at(ring, 1, 6)).toBe(255);
    expect(total(ring)).toBeCloseTo(144 - 16, 0);
    // Two overlapping squares wound the same way (a composite glyph's parts): full, not doubled.
    const overlap = rasterise(
      [
        ...polygon([
          [0, 0],
          [6, 0],
          [6, -6],
          [0, -6],
        ]),
        ...polygon([
          [3, 0],
          [9, 0],
          [9, -6],
          [3, -6],
        ]),
      ],
      1,
    );
    expect(at(overlap, 4, 3)).toBe(255);
    expect(total(overlap)).toBeCloseTo(54, 0);
  });

  it('scales font units to pixels and draws curves', () => {
    // A "D" shape: a quadratic curve closed by its chord, at 2 px per unit.
    const mask = rasterise(
      [
        { command: 'moveTo', args: [0, 0] },
        { command: 'quadraticCurveTo', args: [10, -5, 0, -10] },
        { command: 'closePath', args: [] },
      ],
      2,
    );
    // A parabolic segment covers 2/3 of the triangle of its ends and control point ((0,0), (20,10), (0,20) px).
    expect(total(mask)).toBeCloseTo((2 / 3) * ((20 * 20) / 2), -1);
    expect(mask.height).toBe(20);
  });
});

const SAMPLES = [
  'Tel 03-1234-5678',
  'Zoë Müller-Łukasz, Straße 5',
  '〒150-0001 東京都渋谷区神宮前1-2-3',
  '山田 太郎',
  '台北市信義區市府路45號',
  '北京市朝阳区建国路８８号',
  'ラベル ID: 3f0c1e2a',
];

describe('text at 203 dpi', () => {
  it.each(SAMPLES)('measures "%s" as the PDF does, regular and bold', (text) => {
    for (const size of [6.5, 8.5, 11, 14]) {
      for (const bold of [false, true]) expect(lineWidth(text, size * SCALE, bold) / SCALE).toBeCloseTo(fonts.width(text, size, bold), 6);
    }
  });

  it.each(SAMPLES)('draws "%s" within its measured width', (text) => {
    for (const size of [6.5, 11, 18]) {
      const em = size * SCALE;
      let pen = 0;
      let right = 0;
      for (const { mask, advance } of layoutLine(text, em, false)) {
        if (mask.width) right = Math.max(right, Math.round(pen) + mask.left + mask.width);
        pen += advance;
      }
      expect(right).toBeLessThanOrEqual(Math.ceil(lineWidth(text, em, false)) + 1);
    }
  });

  it('draws kana, kanji, hanzi and full-width digits in their own shapes, and only what no font has as "?"', () => {
    const em = 11 * SCALE;
    const mask = (char: string) => layoutLine(char, em, false)[0]!.mask;
    const key = (m: GlyphMask) => `${m.left},${m.top},${m.width},${m.height}:${m.coverage.join(',')}`;
    const question = key(mask('?'));
    const seen = new Set<string>();
    for (const char of [...'あア東京渋谷區號阳朝８〒é']) {
      const shape = mask(char);
      expect(shape.coverage.some((value) => value > 200)).toBe(true);
      expect(key(shape)).not.toBe(question);
      seen.add(key(shape));
    }
    expect(seen.size).toBe(13);
    // An emoji and a Hangul syllable Droid Sans Fallback lacks: "?" here as in the PDF.
    for (const char of ['🚀', '한']) {
      expect(key(mask(char))).toBe(question);
      expect(fonts.width(char, 11)).toBeCloseTo(fonts.width('?', 11), 6);
    }
  });
});
