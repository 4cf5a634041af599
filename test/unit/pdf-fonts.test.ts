import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { embedStationFonts } from '../../electron/core/documents/pdf-fonts';

const textOf = (bytes: Uint8Array) => {
  const file = join(mkdtempSync(join(tmpdir(), 'ffs-fonts-')), 'out.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

describe('the fonts the station embeds in its PDFs', () => {
  it('draws Japanese, Simplified and Traditional Chinese and accented Latin so that the text reads back', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([288, 432]);
    const fonts = await embedStationFonts(doc);
    const lines = [
      '〒150-0001 東京都渋谷区神宮前1-2-3 山田 太郎 様',
      '上海市浦东新区世纪大道100号',
      '台北市信義區市府路45號',
      'Łódź, Straße 5, Ελλάδα, Москва',
    ];
    lines.forEach((line, i) => fonts.draw(page, line, { x: 10, y: 400 - i * 20, size: 9, bold: i === 3 }));
    const text = textOf(await doc.save());
    for (const line of lines) expect(text).toContain(line);
  });

  it('draws every Japanese and Chinese character with ink, as a viewer renders it (not just text that reads back)', async () => {
    // fontkit's subset of Droid Sans Fallback read back with pdftotext but rendered blank in
    // poppler and pdf.js: each character is drawn in a cell of its own and each cell must have ink.
    const characters = [...'東京都渋谷区神宮前山田太郎様台北市信義區香港九龍彌敦道上海浦东新区'];
    const doc = await PDFDocument.create();
    const page = doc.addPage([characters.length * 24 + 20, 40]);
    const fonts = await embedStationFonts(doc);
    characters.forEach((char, i) => fonts.draw(page, char, { x: 10 + i * 24, y: 12, size: 18 }));
    const dir = mkdtempSync(join(tmpdir(), 'ffs-fonts-ink-'));
    writeFileSync(join(dir, 'ink.pdf'), await doc.save());
    execFileSync('pdftoppm', ['-r', '72', '-gray', '-singlefile', join(dir, 'ink.pdf'), join(dir, 'ink')]);
    const pgm = readFileSync(join(dir, 'ink.pgm'));
    // Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    const [width, height] = [Number(header[1]), Number(header[2])];
    const pixels = pgm.subarray(header[0].length);
    const blank = characters.filter((_, i) => {
      let ink = 0;
      for (let y = 0; y < height; y += 1)
        for (let x = 10 + i * 24; x < 10 + i * 24 + 18; x += 1) if (pixels[y * width + x]! < 128) ink += 1;
      return ink < 8;
    });
    expect(blank).toEqual([]);
  });

  it('embeds only the glyphs used (a page of text stays small)', async () => {
    const doc = await PDFDocument.create();
    const fonts = await embedStationFonts(doc);
    fonts.draw(doc.addPage([288, 432]), '東京都 Tokyo', { x: 10, y: 400, size: 9 });
    expect((await doc.save()).length).toBeLessThan(60_000);
  });

  it('wraps at spaces, breaks CJK text between characters, and shortens with an ellipsis', async () => {
    const doc = await PDFDocument.create();
    const fonts = await embedStationFonts(doc);
    const wrapped = fonts.wrap('Shibuya Tokyo long line of words here', 10, 100);
    expect(wrapped.length).toBeGreaterThan(1);
    for (const line of wrapped) expect(fonts.width(line, 10)).toBeLessThanOrEqual(100);
    expect(wrapped.join(' ')).toBe('Shibuya Tokyo long line of words here');
    const cjk = fonts.wrap('東京都渋谷区神宮前一丁目二番三号', 10, 50);
    expect(cjk.length).toBeGreaterThan(1);
    expect(cjk.join('')).toBe('東京都渋谷区神宮前一丁目二番三号');
    const fit = fonts.fit('A very long recipient name that does not fit', 10, 80);
    expect(fit.endsWith('…')).toBe(true);
    expect(fonts.width(fit, 10)).toBeLessThanOrEqual(80);
  });
});
