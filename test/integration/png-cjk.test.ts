import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedStationFonts, type StationFonts } from '../../electron/core/documents/pdf-fonts';
import { DEMO_TOKEN, startSimulator } from '../../electron/simulator';
import type { Language } from '../../shared/i18n/languages';
import { call, createLabel, validBody, type AnyJson } from './simulator-test-helpers';
import { hasTool } from '../support/tools';

/**
 * The simulator's PNG Demo label draws Japanese and Chinese names and addresses as written, in
 * the same fonts as its PDF label (electron/simulator/png-text.ts), where it used to print "?".
 * Each CJK character's cell (the layout's positions, electron/simulator/label-layout.ts, measured
 * with the PDF's fonts) must have ink, distinct characters distinct shapes, and, where poppler is
 * installed, the shape poppler draws for the same character on the PDF label of the same order.
 */

const HAS_POPPLER = hasTool('pdftoppm') || process.env.FFS_TEST_SESSION === '1';
const HAS_ZBAR = hasTool('zbarimg') || process.env.FFS_TEST_SESSION === '1';

const DPI = 203;
const px = (pt: number) => (pt * DPI) / 72;
/** label-layout.ts: text starts at the margin; the recipient's name (14 pt bold) at 130 pt, its lines (11 pt) from 148 pt every 13 pt. */
const MARGIN = 14;
const NAME = { top: 130, size: 14, bold: true };
const LINE = (i: number) => ({ top: 148 + 13 * i, size: 11, bold: false });
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

let tmp: string;
let fonts: StationFonts;
beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'ffs-png-cjk-'));
  fonts = await embedStationFonts(await PDFDocument.create());
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Gray {
  width: number;
  height: number;
  /** 0 black … 255 white. */
  at(x: number, y: number): number;
}

function gray(bytes: Buffer): Gray {
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height, at: (x, y) => png.data[(y * png.width + x) * 4]! };
}

type Party = { contact: AnyJson; address: AnyJson };

/** A PNG and a PDF Demo label of the same order, fetched from the simulator as the station fetches them. */
async function labels(shipTo: Party, language: Language = 'en'): Promise<{ png: Buffer; pdf: Buffer; tracking: string }> {
  const sim = await startSimulator({ language: () => language, clock: { timeZone: 'Asia/Tokyo', locale: 'ja-JP' } });
  try {
    const fetchDocument = async (format: 'PDF' | 'PNG') => {
      const body = validBody({ format, orderNumber: 'ORDER-1' }) as AnyJson;
      body.shipment.shipTo = { ...shipTo, contact: { ...shipTo.contact, phone: '03-1234-5678' } };
      const created = await createLabel(sim.url, DEMO_TOKEN, body);
      expect(created.status).toBe(201);
      const doc = await call(sim.url, 'GET', `/labels/${created.json.id}`, { token: DEMO_TOKEN });
      const res = await fetch(doc.json.url);
      expect(res.status).toBe(200);
      return { bytes: Buffer.from(await res.arrayBuffer()), tracking: created.json.courierTrackingNumber as string };
    };
    const png = await fetchDocument('PNG');
    const pdf = await fetchDocument('PDF');
    return { png: png.bytes, pdf: pdf.bytes, tracking: png.tracking };
  } finally {
    await sim.close();
  }
}

/** poppler's rendering of a PDF at the PNG's 203 dpi. */
function popplerRaster(pdf: Buffer, name: string): Gray {
  const file = join(tmp, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', String(DPI), '-gray', '-png', '-singlefile', file, join(tmp, name)]);
  return gray(readFileSync(join(tmp, `${name}.png`)));
}

interface Cell {
  char: string;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The pixel box of each CJK character of a line drawn at the margin (widths as the PDF measures them). */
function cells(text: string, style: { top: number; size: number; bold: boolean }): Cell[] {
  const out: Cell[] = [];
  let prefix = '';
  for (const char of text) {
    const x = MARGIN + fonts.width(prefix, style.size, style.bold);
    const w = fonts.width(char, style.size, style.bold);
    // CJK glyphs reach a little above the em box's top and below the baseline.
    if (CJK.test(char))
      out.push({
        char,
        x0: Math.floor(px(x)),
        x1: Math.ceil(px(x + w)),
        y0: Math.floor(px(style.top - 0.15 * style.size)),
        y1: Math.ceil(px(style.top + style.size)),
      });
    prefix += char;
  }
  return out;
}

/** The dark pixels of a cell (1 = ink), row by row. */
interface Mask {
  width: number;
  height: number;
  bits: Uint8Array;
  size: number;
}

function ink(image: Gray, cell: Cell): Mask {
  const width = cell.x1 - cell.x0;
  const height = cell.y1 - cell.y0;
  const bits = new Uint8Array(width * height);
  let size = 0;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (image.at(cell.x0 + x, cell.y0 + y) < 128) {
        bits[y * width + x] = 1;
        size++;
      }
  return { width, height, bits, size };
}

/** How alike two masks are (intersection over union), at the best shift of up to 2 px each way (rasterisers round differently). */
function likeness(a: Mask, b: Mask): number {
  let best = 0;
  for (let dy = -2; dy <= 2; dy++)
    for (let dx = -2; dx <= 2; dx++) {
      let both = 0;
      for (let y = 0; y < a.height; y++)
        for (let x = 0; x < a.width; x++) {
          const [bx, by] = [x + dx, y + dy];
          if (a.bits[y * a.width + x] && bx >= 0 && by >= 0 && bx < b.width && by < b.height && b.bits[by * b.width + bx]) both++;
        }
      best = Math.max(best, both / (a.size + b.size - both || 1));
    }
  return best;
}

function checkCells(png: Gray, lines: [string, { top: number; size: number; bold: boolean }][], pdf: Gray | null) {
  const all = lines.flatMap(([text, style]) => cells(text, style));
  expect(all.length).toBeGreaterThan(5);
  const masks = all.map((cell) => ({ cell, mask: ink(png, cell) }));
  for (const { cell, mask } of masks) {
    // Ink in every character's cell ("?" was drawn once per run, and left the rest of the run blank).
    expect(mask.size, `ink of ${cell.char}`).toBeGreaterThan(0.04 * (cell.x1 - cell.x0) * (cell.y1 - cell.y0));
  }
  // Distinct characters, distinct shapes; the same character twice, the same shape.
  for (let i = 0; i < masks.length; i++)
    for (let j = i + 1; j < masks.length; j++) {
      const [a, b] = [masks[i]!, masks[j]!];
      const alike = likeness(a.mask, b.mask);
      if (a.cell.char === b.cell.char) expect(alike, `${a.cell.char} twice`).toBeGreaterThan(0.85);
      else expect(alike, `${a.cell.char} vs ${b.cell.char}`).toBeLessThan(0.9);
    }
  if (!pdf) return;
  // Each cell shows the character poppler draws there on the PDF label, and none of the others.
  const pdfMasks = all.map((cell) => ink(pdf, cell));
  masks.forEach(({ cell, mask }, i) => {
    const scores = pdfMasks.map((other) => likeness(mask, other));
    expect(scores[i]!, `${cell.char} as poppler draws it`).toBeGreaterThan(0.6);
    const bestOther = Math.max(0, ...scores.filter((_, j) => all[j]!.char !== cell.char));
    expect(scores[i]!, `${cell.char} more like itself than like any other`).toBeGreaterThan(bestOther + 0.1);
  });
}

/** Keeps the PNG where a person can look at it (.test-output/screenshots, as the e2e screenshots). */
function keep(png: Buffer, name: string) {
  const dir = join(process.cwd(), '.test-output', 'screenshots');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), png);
}

function zbar(png: Buffer, name: string): string {
  const file = join(tmp, `${name}-zbar.png`);
  writeFileSync(file, png);
  return execFileSync('zbarimg', ['--quiet', '--raw', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

const JAPANESE: Party = {
  contact: { firstName: '太郎', lastName: '山田' },
  address: { streetLines: ['神宮前1-2-3'], city: '渋谷区', state: '東京都', postalCode: '150-0001', countryCode: 'JP' },
};
const TAIWANESE: Party = {
  contact: { firstName: '大文', lastName: '陳' },
  address: { streetLines: ['市府路45號'], city: '信義區', state: '台北市', postalCode: '110', countryCode: 'TW' },
};
const CHINESE: Party = {
  contact: { firstName: '小明', lastName: '王' },
  address: { streetLines: ['建国路８８号'], city: '朝阳区', state: '北京市', postalCode: '100022', countryCode: 'CN' },
};

describe('CJK text on the PNG Demo label', () => {
  it('draws a Japanese name and address as written: 山田 太郎, 〒150-0001, 東京都渋谷区, 神宮前1-2-3', async () => {
    const { png, pdf, tracking } = await labels(JAPANESE, 'ja');
    keep(png, 'png-label-ja.png');
    checkCells(
      gray(png),
      [
        ['山田 太郎', NAME],
        ['〒150-0001', LINE(0)],
        ['東京都渋谷区', LINE(1)],
        ['神宮前1-2-3', LINE(2)],
      ],
      HAS_POPPLER ? popplerRaster(pdf, 'ja') : null,
    );
    if (HAS_ZBAR) expect(zbar(png, 'ja')).toContain(tracking);
  });

  it('draws Traditional Chinese (台北市信義區市府路45號) and Simplified Chinese with full-width digits (北京市朝阳区建国路８８号)', async () => {
    const taiwan = await labels(TAIWANESE, 'zh-Hant');
    keep(taiwan.png, 'png-label-zh-hant.png');
    checkCells(
      gray(taiwan.png),
      [
        ['陳 大文', NAME],
        ['台北市信義區', LINE(1)],
        ['市府路45號', LINE(2)],
      ],
      HAS_POPPLER ? popplerRaster(taiwan.pdf, 'tw') : null,
    );
    if (HAS_ZBAR) expect(zbar(taiwan.png, 'tw')).toContain(taiwan.tracking);

    const china = await labels(CHINESE, 'zh-Hans');
    keep(china.png, 'png-label-zh-hans.png');
    checkCells(
      gray(china.png),
      [
        ['王 小明', NAME],
        ['北京市朝阳区', LINE(1)],
        ['建国路８８号', LINE(2)],
      ],
      HAS_POPPLER ? popplerRaster(china.pdf, 'cn') : null,
    );
    if (HAS_ZBAR) expect(zbar(china.png, 'cn')).toContain(china.tracking);
  });

  it('keeps a long Japanese street line inside the label: cut with "...", no ink past the right margin', async () => {
    const long: Party = {
      ...JAPANESE,
      address: { ...JAPANESE.address, streetLines: ['神宮前一丁目二番三号グランドメゾン表参道ヒルズ東棟四十五階四千五百六十七号室'] },
    };
    const { png } = await labels(long);
    keep(png, 'png-label-ja-long.png');
    const image = gray(png);
    const line = LINE(2);
    let inked = 0;
    let past = 0;
    const right = Math.ceil(px(288 - MARGIN)) + 1;
    const frame = Math.floor(px(288 - 7.5));
    for (let y = Math.floor(px(line.top - 2)); y < Math.ceil(px(line.top + line.size)); y++) {
      // From the margin to the frame (the frame itself is ink).
      for (let x = Math.floor(px(MARGIN)) - 2; x < frame; x++) {
        if (image.at(x, y) >= 128) continue;
        if (x < right) inked++;
        else past++;
      }
    }
    expect(inked).toBeGreaterThan(500);
    expect(past).toBe(0);
  });
});

describe.skipIf(!HAS_POPPLER)('Latin text on the PNG Demo label', () => {
  it('draws an ASCII and an accented address in the PDF fonts, where the PDF draws them, and the barcode still scans', async () => {
    const latin: Party = {
      contact: { firstName: 'Zoë', lastName: 'Müller-Łukasz' },
      address: {
        streetLines: ['123 Main Street', 'Straße 5, Façade B'],
        city: 'Los Angeles',
        state: 'CA',
        postalCode: '90210',
        countryCode: 'US',
      },
    };
    const { png, pdf, tracking } = await labels(latin);
    keep(png, 'png-label-latin.png');
    const image = gray(png);
    const poppler = popplerRaster(pdf, 'latin');
    // Sender and recipient blocks (the same words on both labels): the same ink, give or take a pixel at the edges.
    const band: Cell = { char: '', x0: 0, x1: image.width, y0: Math.ceil(px(42)), y1: Math.floor(px(231)) };
    const mine = ink(image, band);
    const theirs = ink(poppler, band);
    expect(mine.size).toBeGreaterThan(3000);
    let both = 0;
    mine.bits.forEach((bit, i) => (both += bit & theirs.bits[i]!));
    expect(both / (mine.size + theirs.size - both)).toBeGreaterThan(0.7);
    if (HAS_ZBAR) expect(zbar(png, 'latin')).toContain(tracking);
  });
});
