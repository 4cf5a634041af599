import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { subsetFont } from './hb-subset';

/**
 * Text in every PDF the station draws (calibration label, command-barcode sheet, A4/Letter
 * sheets, hand-over sheet, the simulator's Demo labels), in any script an address can be
 * written in. pdf-lib's standard fonts know only WinAnsi (a Japanese address came out as
 * "? ?"), so the station embeds subsets of two fonts (assets/fonts/README.txt): DejaVu Sans
 * for Latin, Greek and Cyrillic, Droid Sans Fallback for Chinese and Japanese (of Korean it has
 * only a few syllables). Each character is drawn in the first font that has it; only the glyphs
 * used go into the file (DejaVu subset by fontkit, Droid Sans Fallback by HarfBuzz: see hb-subset.ts).
 * pdftotext reads the text back (each embedded subset carries its ToUnicode map).
 */
export interface StationFonts {
  /** Draws one line of text; returns its width. */
  draw(page: PDFPage, text: string, options: DrawOptions): number;
  /** Width of a line at a size. */
  width(text: string, size: number, bold?: boolean): number;
  /** Splits text into lines no wider than `maxWidth` (at spaces where it can; CJK text may break anywhere). */
  wrap(text: string, size: number, maxWidth: number, bold?: boolean): string[];
  /** Shortens a line with "…" until it fits `maxWidth`. */
  fit(text: string, size: number, maxWidth: number, bold?: boolean): string;
  /** Puts the collected Japanese/Chinese text into the pages (doc.save() does it too). */
  finish(): Promise<void>;
}

export interface DrawOptions {
  x: number;
  y: number;
  size: number;
  bold?: boolean;
  color?: RGB;
}

const FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', cjk: 'DroidSansFallbackFull.ttf' } as const;

/**
 * Where the font files are: `dist/fonts` next to the built main process (copied there by
 * `npm run build`, packaged with it), or the repository's `assets/fonts` when running from source.
 */
export function fontDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, '..', 'fonts'),
    join(here, '..', '..', '..', 'assets', 'fonts'),
    join(here, '..', '..', 'assets', 'fonts'),
  ];
  const found = candidates.find((dir) => existsSync(join(dir, FILES.cjk)));
  if (!found) throw new Error(`The station's PDF fonts are missing (looked in ${candidates.join(', ')}).`);
  return found;
}

const bytesCache = new Map<string, Uint8Array>();
function fontBytes(name: string): Uint8Array {
  let bytes = bytesCache.get(name);
  if (!bytes) {
    bytes = readFileSync(join(fontDirectory(), name));
    bytesCache.set(name, bytes);
  }
  return bytes;
}

/**
 * fontkit for pdf-lib, keeping each parsed font: parsing the 4 MB CJK font took tens of ms per
 * document. pdf-lib only reads the font object (each document makes its own subset of it).
 *
 * The kept fonts map text to glyphs one character at a time (the cmap) instead of shaping it
 * (GSUB/GPOS lookups, over 1 ms a line in these fonts): the scripts an address is written in
 * need no shaping for horizontal text, and pdf-lib uses only the glyphs of a layout (positions
 * and kerning never reach the page). Text is drawn in NFC, so an accent is one glyph.
 */
type FontkitFont = ReturnType<typeof fontkit.create>;
const parsed = new Map<Uint8Array, FontkitFont>();
const cachedFontkit: typeof fontkit = {
  ...fontkit,
  create(bytes: Uint8Array, postscriptName?: string) {
    // Only the station's own font files are kept (a per-document CJK subset is parsed once and let go).
    if (postscriptName || ![...bytesCache.values()].includes(bytes)) return fontkit.create(bytes, postscriptName);
    let font = parsed.get(bytes);
    if (!font) {
      font = fontkit.create(bytes);
      const byCharacter = font;
      byCharacter.layout = ((text: string) => ({ glyphs: byCharacter.glyphsForString(text) })) as unknown as FontkitFont['layout'];
      const createSubset = font.createSubset.bind(font);
      font.createSubset = () => withPromptEncoding(createSubset());
      parsed.set(bytes, font);
    }
    return font;
  },
};

/**
 * One of the station's fonts as fontkit reads it, parsed once per process and shared with the
 * PDFs: the simulator's PNG Demo label draws its text from these outlines (electron/simulator/png-text.ts).
 */
export function stationFont(kind: keyof typeof FILES): FontkitFont {
  return cachedFontkit.create(fontBytes(FILES[kind]));
}

type Subset = ReturnType<FontkitFont['createSubset']>;
type Listener = (value?: unknown) => void;
/** fontkit's EncodeStream class (not exported: taken from the first stream a subset makes). */
let EncodeStreamClass: (new () => { push(chunk: unknown): boolean; end(): void }) | null = null;

/**
 * A subset whose `encodeStream()` (all pdf-lib calls when it saves) encodes at once. fontkit's
 * own goes through a browser stream shim whose every step waits for a timer: a few ms per font
 * on an idle machine, far more on a busy one. The bytes are the same: the same encoder writes
 * them, only the chunks are collected directly.
 */
function withPromptEncoding(subset: Subset): Subset {
  const original = subset.encodeStream.bind(subset);
  subset.encodeStream = (() => {
    EncodeStreamClass ??= (original() as object).constructor as NonNullable<typeof EncodeStreamClass>;
    const Encoder = EncodeStreamClass;
    const listeners = new Map<string, Listener[]>();
    const emitter = {
      on(event: string, listener: Listener) {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        return emitter;
      },
    };
    const emit = (event: string, value?: unknown) => listeners.get(event)?.forEach((listener) => listener(value));
    // After the caller has attached its listeners, as a stream would.
    queueMicrotask(() => {
      try {
        const stream = new Encoder();
        const chunks: unknown[] = [];
        stream.push = (chunk: unknown) => {
          if (chunk !== null && chunk !== undefined) chunks.push(chunk);
          return true;
        };
        (subset as unknown as { encode(stream: unknown): void }).encode(stream);
        stream.end();
        for (const chunk of chunks) emit('data', chunk);
        emit('end');
      } catch (error) {
        emit('error', error);
      }
    });
    return emitter;
  }) as unknown as Subset['encodeStream'];
  return subset;
}

/** The characters each font file has (the same in every document). */
const coverageCache = new Map<string, Set<number>>();
function coverage(file: string, font: PDFFont): Set<number> {
  let set = coverageCache.get(file);
  if (!set) coverageCache.set(file, (set = new Set(font.getCharacterSet())));
  return set;
}

/**
 * Widths of runs at size 1000, per font file: measuring shapes the text (fontkit layout), and
 * fitting a line measures it many times. Bounded; the same words recur on every label.
 */
const widthCache = new Map<string, Map<string, number>>();
const WIDTH_CACHE_LIMIT = 20_000;
function unitWidth(file: string, font: PDFFont, text: string): number {
  let widths = widthCache.get(file);
  if (!widths) widthCache.set(file, (widths = new Map()));
  let width = widths.get(text);
  if (width === undefined) {
    if (widths.size >= WIDTH_CACHE_LIMIT) widths.clear();
    widths.set(text, (width = font.widthOfTextAtSize(text, 1000)));
  }
  return width;
}

/** The CJK font as measured from the whole file (glyph coverage and advance widths at size 1000). */
interface CjkMeasure {
  covers(codePoint: number): boolean;
  unitWidth(text: string): number;
}
let cjkCache: CjkMeasure | null = null;
function cjkMeasure(): CjkMeasure {
  if (cjkCache) return cjkCache;
  const font = cachedFontkit.create(fontBytes(FILES.cjk)) as FontkitFont & {
    characterSet: number[];
    unitsPerEm: number;
    glyphsForString(text: string): { advanceWidth: number }[];
  };
  const covered = new Set(font.characterSet);
  const widths = new Map<string, number>();
  cjkCache = {
    covers: (codePoint) => covered.has(codePoint),
    unitWidth(text) {
      let width = widths.get(text);
      if (width === undefined) {
        if (widths.size >= WIDTH_CACHE_LIMIT) widths.clear();
        width = (font.glyphsForString(text).reduce((sum, glyph) => sum + glyph.advanceWidth, 0) * 1000) / font.unitsPerEm;
        widths.set(text, width);
      }
      return width;
    },
  };
  return cjkCache;
}

/** What a character outside every font is drawn as. */
const MISSING = '?';

/** Embeds the station's fonts (as subsets) into a document. */
export async function embedStationFonts(doc: PDFDocument): Promise<StationFonts> {
  doc.registerFontkit(cachedFontkit);
  const [regular, bold] = await Promise.all([
    doc.embedFont(fontBytes(FILES.regular), { subset: true }),
    doc.embedFont(fontBytes(FILES.bold), { subset: true }),
  ]);
  // The CJK font is measured from the whole file and embedded when the document is saved, as a
  // HarfBuzz subset of exactly the characters drawn in it (electron/core/documents/hb-subset.ts):
  // its text is collected until then and drawn into the pages at save.
  const cjk = cjkMeasure();
  const fileOf = new Map<PDFFont | CjkMeasure, string>([
    [regular, FILES.regular],
    [bold, FILES.bold],
    [cjk, FILES.cjk],
  ]);
  const has = (font: PDFFont | CjkMeasure, codePoint: number) =>
    font === cjk ? cjk.covers(codePoint) : coverage(fileOf.get(font)!, font as PDFFont).has(codePoint);
  const pending: { page: PDFPage; text: string; x: number; y: number; size: number; color: RGB }[] = [];
  let finished: Promise<void> | null = null;
  const finish = () =>
    (finished ??= (async () => {
      if (pending.length === 0) return;
      const codePoints = new Set<number>();
      for (const run of pending) for (const char of run.text) codePoints.add(char.codePointAt(0)!);
      const font = await doc.embedFont(await subsetFont(fontBytes(FILES.cjk), codePoints), { subset: false });
      for (const { page, text, x, y, size, color } of pending) page.drawText(text, { x, y, size, font, color });
    })());
  // Every caller saves with doc.save(): the collected CJK text goes in first, so none can forget it.
  const save = doc.save.bind(doc);
  doc.save = async (options) => {
    await finish();
    return save(options);
  };

  /** The text cut into runs, each in the first font that has its characters. */
  const runs = (text: string, isBold: boolean): { font: PDFFont | CjkMeasure; text: string }[] => {
    const latin = isBold ? bold : regular;
    const out: { font: PDFFont | CjkMeasure; text: string }[] = [];
    // Line breaks and tabs are layout, not glyphs: a line is drawn as one row.
    for (const char of text.normalize('NFC').replace(/[\t\r\n]+/g, ' ')) {
      const code = char.codePointAt(0)!;
      const font = has(latin, code) ? latin : has(cjk, code) ? cjk : latin;
      const drawn = font === latin && !has(latin, code) ? MISSING : char;
      const last = out.at(-1);
      if (last && last.font === font) last.text += drawn;
      else out.push({ font, text: drawn });
    }
    return out;
  };

  const runWidth = (font: PDFFont | CjkMeasure, text: string, size: number) =>
    ((font === cjk ? cjk.unitWidth(text) : unitWidth(fileOf.get(font)!, font as PDFFont, text)) * size) / 1000;
  const width = (text: string, size: number, isBold = false) =>
    runs(text, isBold).reduce((sum, run) => sum + runWidth(run.font, run.text, size), 0);

  const fonts: StationFonts = {
    draw(page, text, { x, y, size, bold: isBold = false, color = rgb(0, 0, 0) }) {
      let at = x;
      for (const run of runs(text, isBold)) {
        if (finished) throw new Error('Text drawn after the document was saved.');
        if (run.font === cjk) pending.push({ page, text: run.text, x: at, y, size, color });
        else page.drawText(run.text, { x: at, y, size, font: run.font as PDFFont, color });
        at += runWidth(run.font, run.text, size);
      }
      return at - x;
    },
    width,
    wrap(text, size, maxWidth, isBold = false) {
      const lines: string[] = [];
      for (const paragraph of text.split(/\r?\n/)) {
        let line = '';
        // Words at spaces; a CJK character is a word of its own (those scripts break between any two).
        const tokens =
          paragraph.match(
            /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+|\s+/g,
          ) ?? [];
        for (const token of tokens) {
          const next = line + token;
          if (line.trim() && width(next.trimEnd(), size, isBold) > maxWidth) {
            lines.push(line.trim());
            line = token.trimStart();
          } else line = next;
          // A single word wider than the line is cut where it overflows.
          while (width(line, size, isBold) > maxWidth && [...line].length > 1) {
            const chars = [...line];
            let cut = chars.length - 1;
            while (cut > 1 && width(chars.slice(0, cut).join(''), size, isBold) > maxWidth) cut -= 1;
            lines.push(chars.slice(0, cut).join(''));
            line = chars.slice(cut).join('');
          }
        }
        lines.push(line.trim());
      }
      return lines;
    },
    finish,
    fit(text, size, maxWidth, isBold = false) {
      if (width(text, size, isBold) <= maxWidth) return text;
      const chars = [...text];
      while (chars.length > 0 && width(`${chars.join('')}…`, size, isBold) > maxWidth) chars.pop();
      return `${chars.join('')}…`;
    },
  };
  return fonts;
}
