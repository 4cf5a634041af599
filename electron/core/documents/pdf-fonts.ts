import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@pdf-lib/fontkit';
import { rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';

/**
 * Text in every PDF the station draws (calibration label, command-barcode sheet, A4/Letter
 * sheets, hand-over sheet, the simulator's Demo labels), in any script an address can be
 * written in. pdf-lib's standard fonts know only WinAnsi (a Japanese address came out as
 * "? ?"), so the station embeds subsets of two fonts (assets/fonts/README.txt): DejaVu Sans
 * for Latin, Greek and Cyrillic, Droid Sans Fallback for Chinese, Japanese and Korean. Each
 * character is drawn in the first font that has it; only the glyphs used go into the file.
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

/** What a character outside every font is drawn as. */
const MISSING = '?';

/** Embeds the station's fonts (as subsets) into a document. */
export async function embedStationFonts(doc: PDFDocument): Promise<StationFonts> {
  doc.registerFontkit(fontkit);
  const [regular, bold, cjk] = await Promise.all([
    doc.embedFont(fontBytes(FILES.regular), { subset: true }),
    doc.embedFont(fontBytes(FILES.bold), { subset: true }),
    doc.embedFont(fontBytes(FILES.cjk), { subset: true }),
  ]);
  const covers = new Map<PDFFont, Set<number>>();
  const has = (font: PDFFont, codePoint: number) => {
    let set = covers.get(font);
    if (!set) covers.set(font, (set = new Set(font.getCharacterSet())));
    return set.has(codePoint);
  };

  /** The text cut into runs, each in the first font that has its characters. */
  const runs = (text: string, isBold: boolean): { font: PDFFont; text: string }[] => {
    const latin = isBold ? bold : regular;
    const out: { font: PDFFont; text: string }[] = [];
    // Line breaks and tabs are layout, not glyphs: a line is drawn as one row.
    for (const char of text.replace(/[\t\r\n]+/g, ' ')) {
      const code = char.codePointAt(0)!;
      const font = has(latin, code) ? latin : has(cjk, code) ? cjk : latin;
      const drawn = font === latin && !has(latin, code) ? MISSING : char;
      const last = out.at(-1);
      if (last && last.font === font) last.text += drawn;
      else out.push({ font, text: drawn });
    }
    return out;
  };

  const width = (text: string, size: number, isBold = false) =>
    runs(text, isBold).reduce((sum, run) => sum + run.font.widthOfTextAtSize(run.text, size), 0);

  const fonts: StationFonts = {
    draw(page, text, { x, y, size, bold: isBold = false, color = rgb(0, 0, 0) }) {
      let at = x;
      for (const run of runs(text, isBold)) {
        page.drawText(run.text, { x: at, y, size, font: run.font, color });
        at += run.font.widthOfTextAtSize(run.text, size);
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
    fit(text, size, maxWidth, isBold = false) {
      if (width(text, size, isBold) <= maxWidth) return text;
      const chars = [...text];
      while (chars.length > 0 && width(`${chars.join('')}…`, size, isBold) > maxWidth) chars.pop();
      return `${chars.join('')}…`;
    },
  };
  return fonts;
}
