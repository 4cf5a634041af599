import type { Font, Glyph } from '@pdf-lib/fontkit';
import { stationFont } from '../core/documents/pdf-fonts';

/**
 * Text for the PNG Demo label, drawn from the same fonts as the PDF one
 * (electron/core/documents/pdf-fonts.ts: DejaVu Sans for Latin, Greek and Cyrillic, Droid Sans
 * Fallback for Chinese, Japanese and the rest), so a Japanese or Chinese address reads as
 * written on both. Each character is drawn in the first font that has it, as in the PDF;
 * one that no font has is "?" there too.
 *
 * fontkit (already reading these fonts for the PDFs) gives each glyph's outline; it is
 * scan-converted here into an 8-bit coverage mask (exact area coverage, so edges are
 * antialiased) and kept, per glyph and size. bwip-js's own TrueType rasteriser
 * (FontLib.loadFont) was tried first: it throws on Droid Sans Fallback's composite glyphs
 * (都, 神, 朝, 阳 and many more), so it cannot draw an address.
 *
 * Widths are the fonts' advance widths, unrounded, the same the PDF measures with; glyphs are
 * placed at the nearest whole pixel of the running pen, so what is drawn stays within half a
 * pixel of what was measured and the layout's truncation keeps text inside its box.
 */

/** A glyph's coverage (0 none … 255 full), its top-left corner relative to the pen on the baseline (y down). */
export interface GlyphMask {
  left: number;
  top: number;
  width: number;
  height: number;
  coverage: Uint8Array;
}

/** One character of a line, in the font that draws it: where its mask goes and how far the pen moves. */
export interface PlacedGlyph {
  mask: GlyphMask;
  advance: number;
}

interface Face {
  font: Font;
  index: number;
  chars: Set<number>;
}

interface Faces {
  regular: Face;
  bold: Face;
  cjk: Face;
}

let faces: Faces | null = null;
/** The three fonts, read and parsed once (shared with the PDFs) the first time a PNG label has text. */
function loadFaces(): Faces {
  if (faces) return faces;
  const face = (kind: keyof Faces, index: number): Face => {
    const font = stationFont(kind);
    return { font, index, chars: new Set(font.characterSet) };
  };
  faces = { regular: face('regular', 0), bold: face('bold', 1), cjk: face('cjk', 2) };
  return faces;
}

const MISSING = '?'.codePointAt(0)!;
/** Characters looked up (small entries): bounded, the same words and digits recur on every label. */
const CACHE_LIMIT = 20_000;
/** Glyph masks kept (up to ~2.5 KB each at the label's largest size): a few thousand characters at the label's sizes. */
const MASK_LIMIT = 6_000;

/** Which font draws a character, and its glyph: the Latin font (bold or regular) first, then the CJK one, else "?". */
const glyphCache = new Map<number, { face: Face; glyph: Glyph }>();
function glyphFor(codePoint: number, bold: boolean): { face: Face; glyph: Glyph } {
  const key = codePoint * 2 + (bold ? 1 : 0);
  let hit = glyphCache.get(key);
  if (!hit) {
    const all = loadFaces();
    const latin = bold ? all.bold : all.regular;
    const face = latin.chars.has(codePoint) ? latin : all.cjk.chars.has(codePoint) ? all.cjk : latin;
    const glyph = face.font.glyphForCodePoint(face === latin && !latin.chars.has(codePoint) ? MISSING : codePoint);
    hit = { face, glyph };
    if (glyphCache.size >= CACHE_LIMIT) glyphCache.clear();
    glyphCache.set(key, hit);
  }
  return hit;
}

/** Masks per font, glyph and pixel size. */
const maskCache = new Map<string, GlyphMask>();

function maskFor(face: Face, glyph: Glyph, emPx: number): GlyphMask {
  const key = `${face.index}:${glyph.id}:${emPx}`;
  let mask = maskCache.get(key);
  if (!mask) {
    mask = rasterise(outline(glyph), emPx / face.font.unitsPerEm);
    if (maskCache.size >= MASK_LIMIT) maskCache.clear();
    maskCache.set(key, mask);
  }
  return mask;
}

/** The glyphs of one line of text at a size (em in pixels), in drawing order. */
export function layoutLine(text: string, emPx: number, bold: boolean): PlacedGlyph[] {
  const out: PlacedGlyph[] = [];
  for (const char of text.normalize('NFC')) {
    const { face, glyph } = glyphFor(char.codePointAt(0)!, bold);
    out.push({ mask: maskFor(face, glyph, emPx), advance: (glyph.advanceWidth * emPx) / face.font.unitsPerEm });
  }
  return out;
}

/** Width in pixels of one line of text at a size: the sum of the advance widths, as the PDF measures it. */
export function lineWidth(text: string, emPx: number, bold: boolean): number {
  let width = 0;
  for (const char of text.normalize('NFC')) {
    const { face, glyph } = glyphFor(char.codePointAt(0)!, bold);
    width += (glyph.advanceWidth * emPx) / face.font.unitsPerEm;
  }
  return width;
}

type Command = { command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath'; args: number[] };
/** A glyph's outline as closed polygons in font units (y up): curves are flattened when rasterised. */
type Outline = Command[];

function outline(glyph: Glyph): Outline {
  return (glyph.path as unknown as { commands: Command[] }).commands;
}

/** Pixels a flattened curve may stray from the true one. */
const TOLERANCE = 0.1;

/**
 * Scan-converts an outline (font units, y up) at `scale` pixels per unit into a coverage mask:
 * each edge adds its signed area to the cells it crosses, and a running sum along each row gives
 * how much of every pixel lies inside (nonzero fill; overlapping contours, as composite glyphs
 * have, saturate). The accumulation scheme is the one of font-rs and stb_truetype's v2 rasteriser.
 */
export function rasterise(commands: Outline, scale: number): GlyphMask {
  // Flatten into line segments in pixels, y down.
  const segments: number[] = [];
  let startX = 0;
  let startY = 0;
  let x = 0;
  let y = 0;
  const line = (x1: number, y1: number) => {
    segments.push(x, y, x1, y1);
    x = x1;
    y = y1;
  };
  const close = () => {
    if (x !== startX || y !== startY) line(startX, startY);
  };
  for (const { command, args } of commands) {
    const p = args.map((value, i) => (i % 2 === 0 ? value * scale : -value * scale));
    if (command === 'moveTo') {
      close();
      x = startX = p[0]!;
      y = startY = p[1]!;
    } else if (command === 'lineTo') {
      line(p[0]!, p[1]!);
    } else if (command === 'quadraticCurveTo') {
      const [cx, cy, ex, ey] = p as [number, number, number, number];
      const [x0, y0] = [x, y];
      const n = Math.max(1, Math.ceil(Math.sqrt(Math.hypot(x0 - 2 * cx + ex, y0 - 2 * cy + ey) / (4 * TOLERANCE))));
      for (let i = 1; i <= n; i++) {
        const t = i / n;
        const u = 1 - t;
        line(u * u * x0 + 2 * u * t * cx + t * t * ex, u * u * y0 + 2 * u * t * cy + t * t * ey);
      }
    } else if (command === 'bezierCurveTo') {
      const [c1x, c1y, c2x, c2y, ex, ey] = p as [number, number, number, number, number, number];
      const [x0, y0] = [x, y];
      const bend = Math.max(Math.hypot(x0 - 2 * c1x + c2x, y0 - 2 * c1y + c2y), Math.hypot(c1x - 2 * c2x + ex, c1y - 2 * c2y + ey));
      const n = Math.max(1, Math.ceil(Math.sqrt((0.75 * bend) / TOLERANCE)));
      for (let i = 1; i <= n; i++) {
        const t = i / n;
        const u = 1 - t;
        line(
          u * u * u * x0 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t * t * t * ex,
          u * u * u * y0 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t * t * t * ey,
        );
      }
    } else close();
  }
  close();
  if (segments.length === 0) return { left: 0, top: 0, width: 0, height: 0, coverage: new Uint8Array(0) };

  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < segments.length; i += 2) {
    minX = Math.min(minX, segments[i]!);
    maxX = Math.max(maxX, segments[i]!);
    minY = Math.min(minY, segments[i + 1]!);
    maxY = Math.max(maxY, segments[i + 1]!);
  }
  const left = Math.floor(minX);
  const top = Math.floor(minY);
  const width = Math.ceil(maxX) - left + 1;
  const height = Math.ceil(maxY) - top;
  // Two spare cells per row: an edge on the right border adds to the cell after it.
  const stride = width + 2;
  const acc = new Float32Array(stride * height);
  for (let i = 0; i < segments.length; i += 4) {
    accumulate(acc, stride, height, segments[i]! - left, segments[i + 1]! - top, segments[i + 2]! - left, segments[i + 3]! - top);
  }
  const coverage = new Uint8Array(width * height);
  for (let row = 0; row < height; row++) {
    let sum = 0;
    for (let col = 0; col < width; col++) {
      sum += acc[row * stride + col]!;
      coverage[row * width + col] = Math.round(Math.min(1, Math.abs(sum)) * 255);
    }
  }
  return { left, top, width, height, coverage };
}

/** Adds one edge's signed area to the cells it passes through (coordinates inside the mask). */
function accumulate(acc: Float32Array, stride: number, height: number, ax: number, ay: number, bx: number, by: number): void {
  if (ay === by) return;
  const dir = ay < by ? 1 : -1;
  const [x0, y0, x1, y1] = ay < by ? [ax, ay, bx, by] : [bx, by, ax, ay];
  const dxdy = (x1 - x0) / (y1 - y0);
  let x = x0;
  for (let row = Math.floor(y0); row < Math.min(height, Math.ceil(y1)); row++) {
    const base = row * stride;
    const dy = Math.min(row + 1, y1) - Math.max(row, y0);
    const xNext = x + dxdy * dy;
    const d = dy * dir;
    const [lo, hi] = x < xNext ? [x, xNext] : [xNext, x];
    const loFloor = Math.floor(lo);
    const hiCeil = Math.ceil(hi);
    if (hiCeil <= loFloor + 1) {
      // Within one column: the share left of the edge's mean x stays in this cell.
      const share = 0.5 * (x + xNext) - loFloor;
      acc[base + loFloor] = acc[base + loFloor]! + d - d * share;
      acc[base + loFloor + 1] = acc[base + loFloor + 1]! + d * share;
    } else {
      const s = 1 / (hi - lo);
      const loFrac = lo - loFloor;
      const a0 = 0.5 * s * (1 - loFrac) ** 2;
      const hiFrac = hi - hiCeil + 1;
      const am = 0.5 * s * hiFrac ** 2;
      acc[base + loFloor] = acc[base + loFloor]! + d * a0;
      if (hiCeil === loFloor + 2) {
        acc[base + loFloor + 1] = acc[base + loFloor + 1]! + d * (1 - a0 - am);
      } else {
        const a1 = s * (1.5 - loFrac);
        acc[base + loFloor + 1] = acc[base + loFloor + 1]! + d * (a1 - a0);
        for (let col = loFloor + 2; col < hiCeil - 1; col++) acc[base + col] = acc[base + col]! + d * s;
        const a2 = a1 + (hiCeil - loFloor - 3) * s;
        acc[base + hiCeil - 1] = acc[base + hiCeil - 1]! + d * (1 - a2 - am);
      }
      acc[base + hiCeil] = acc[base + hiCeil]! + d * am;
    }
    x = xNext;
  }
}
