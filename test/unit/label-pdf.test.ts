import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFNumber,
  type PDFPage,
  PDFRawStream,
  StandardFonts,
} from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { StationError } from '../../electron/core/errors';
import {
  calibrationLabel,
  labelPdf,
  type LabelPlacement,
  mergeInOrder,
  printReadyPdf,
  readPngHeader,
} from '../../electron/core/printing/label-pdf';
import { withPhys } from '../../electron/simulator/png-label';
import { LABEL_SIZES, LabelSize } from '../../shared/domain/printing';

/**
 * Print-ready PDFs: every page exactly the stock, labels never stretched (a PDF keeps its
 * size, a PNG gets the size its DPI gives it), offsets and turning where the profile asks,
 * "print all" in the chosen order, and a calibration label that says what it was printed on.
 * Where the ink lands is read back from the page's content stream.
 */

const profile = (overrides: Partial<LabelPlacement> = {}): LabelPlacement => ({
  labelSize: '4x6in',
  dpi: 203,
  orientation: 'portrait',
  offsetXmm: 0,
  offsetYmm: 0,
  ...overrides,
});
const MM = 72 / 25.4;

async function pdfLabel(text: string, size: [number, number] = [288, 432]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage(size);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText(text, { x: 20, y: size[1] - 40, size: 14, font });
  return doc.save();
}

function png(width: number, height: number, dpi?: number): Uint8Array {
  const image = new PNG({ width, height });
  image.data.fill(255);
  const bytes = PNG.sync.write(image);
  return dpi ? withPhys(bytes, dpi) : bytes;
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];
const apply = (m: Matrix, x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]] as const;

function contentOf(page: PDFPage): string {
  const contents = page.node.Contents();
  if (!contents) return '';
  const streams = contents instanceof PDFArray ? contents.asArray().map((r) => page.doc.context.lookup(r)) : [contents];
  return streams.map((s) => Buffer.from(decodePDFRawStream(s as PDFRawStream).decode()).toString('latin1')).join('\n');
}

/** The boxes (in page points) where images and embedded pages are drawn, and the page's size and text. */
async function readPages(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    const content = contentOf(page);
    const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    const boxes: { kind: 'image' | 'form'; x0: number; y0: number; x1: number; y1: number }[] = [];
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const stack: Matrix[] = [];
    const operands: string[] = [];
    for (const token of content.match(/\/[^\s/<>[\]()]+|<[0-9a-fA-F]*>|[^\s/<>[\]()]+/g) ?? []) {
      if (token === 'q') stack.push(ctm);
      else if (token === 'Q') ctm = stack.pop()!;
      else if (token === 'cm') ctm = multiply(operands.slice(-6).map(Number) as Matrix, ctm);
      else if (token === 'Do') {
        const stream = xobjects!.lookup(PDFName.of(operands.at(-1)!.slice(1))) as PDFRawStream;
        const subtype = stream.dict.get(PDFName.of('Subtype'))!.toString();
        let corners: [number, number][] = [
          [0, 0],
          [1, 0],
          [0, 1],
          [1, 1],
        ];
        let m = ctm;
        if (subtype === '/Form') {
          const [l, b, r, t] = stream.dict
            .lookup(PDFName.of('BBox'), PDFArray)
            .asArray()
            .map((n) => (n as PDFNumber).asNumber()) as [number, number, number, number];
          corners = [
            [l, b],
            [r, b],
            [l, t],
            [r, t],
          ];
          const fm = stream.dict.lookupMaybe(PDFName.of('Matrix'), PDFArray);
          if (fm) m = multiply(fm.asArray().map((n) => (n as PDFNumber).asNumber()) as Matrix, ctm);
        }
        const pts = corners.map(([x, y]) => apply(m, x, y));
        boxes.push({
          kind: subtype === '/Image' ? 'image' : 'form',
          x0: Math.min(...pts.map((p) => p[0])),
          y0: Math.min(...pts.map((p) => p[1])),
          x1: Math.max(...pts.map((p) => p[0])),
          y1: Math.max(...pts.map((p) => p[1])),
        });
      }
      if (/^[a-zA-Z'"]+$/.test(token) && !['true', 'false'].includes(token)) operands.length = 0;
      else operands.push(token);
    }
    const text = [...content.matchAll(/<([0-9a-fA-F]*)>\s*Tj/g)].map((m) => Buffer.from(m[1]!, 'hex').toString('latin1')).join('\n');
    return { width: page.getWidth(), height: page.getHeight(), boxes, text };
  });
}

/** Text drawn on each page, including text inside an embedded label page. */
async function pageTexts(bytes: Uint8Array): Promise<string[]> {
  const doc = await PDFDocument.load(bytes);
  return doc.getPages().map((page) => {
    let text = contentOf(page);
    const xobjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    for (const key of xobjects?.keys() ?? []) {
      const stream = xobjects!.lookup(key);
      if (stream instanceof PDFRawStream && stream.dict.get(PDFName.of('Subtype'))?.toString() === '/Form') {
        text += Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1');
      }
    }
    return [...text.matchAll(/<([0-9a-fA-F]*)>\s*Tj/g)].map((m) => Buffer.from(m[1]!, 'hex').toString('latin1')).join(' ');
  });
}

const close = (actual: number, expected: number) => expect(actual).toBeCloseTo(expected, 2);

/** The calibration label's words as poppler reads them (its text is in the station's embedded fonts, glyph ids in the content). */
function popplerText(bytes: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ffs-calibration-')), 'label.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('PDF labels', () => {
  it('a 4x6 in label for 4x6 in stock goes out byte for byte', async () => {
    const label = await pdfLabel('SF1234567890123');
    const out = await labelPdf({ format: 'pdf', bytes: label }, profile());
    expect(Buffer.from(out).equals(Buffer.from(label))).toBe(true);
    const [page] = await readPages(out);
    expect([page!.width, page!.height]).toEqual([288, 432]);
  });

  it.each(LabelSize.options)('on %s stock the page is exactly the stock and the 4x6 label keeps its size, centred', async (labelSize) => {
    const out = await labelPdf({ format: 'pdf', bytes: await pdfLabel('X') }, profile({ labelSize }));
    const pages = await readPages(out);
    expect(pages).toHaveLength(1);
    const { width, height, boxes } = pages[0]!;
    close(width, LABEL_SIZES[labelSize].widthPt);
    close(height, LABEL_SIZES[labelSize].heightPt);
    if (labelSize === '4x6in') return; // passed through untouched (above)
    expect(boxes).toHaveLength(1);
    close(boxes[0]!.x1 - boxes[0]!.x0, 288);
    close(boxes[0]!.y1 - boxes[0]!.y0, 432);
    close(boxes[0]!.x0, (width - 288) / 2);
    close(boxes[0]!.y0, (height - 432) / 2);
  });

  it('moves the label by the offsets: +X right, +Y down', async () => {
    const out = await labelPdf({ format: 'pdf', bytes: await pdfLabel('X') }, profile({ offsetXmm: 2, offsetYmm: 3 }));
    const [{ boxes, width, height }] = (await readPages(out)) as [Awaited<ReturnType<typeof readPages>>[number]];
    expect([width, height]).toEqual([288, 432]);
    close(boxes[0]!.x0, 2 * MM);
    close(boxes[0]!.y0, -3 * MM);
    close(boxes[0]!.x1 - boxes[0]!.x0, 288);
  });

  it('turns a 6x4 in label onto 4x6 in stock when the profile is landscape', async () => {
    const out = await labelPdf({ format: 'pdf', bytes: await pdfLabel('X', [432, 288]) }, profile({ orientation: 'landscape' }));
    const [page] = await readPages(out);
    expect([page!.width, page!.height]).toEqual([288, 432]);
    const box = page!.boxes[0]!;
    close(box.x0, 0);
    close(box.y0, 0);
    close(box.x1, 288);
    close(box.y1, 432);
  });

  it('shrinks a label far larger than the stock (US Letter) to fit instead of cutting it off', async () => {
    const out = await labelPdf({ format: 'pdf', bytes: await pdfLabel('X', [612, 792]) }, profile());
    const [page] = await readPages(out);
    const box = page!.boxes[0]!;
    close(box.x1 - box.x0, 288);
    close(box.y1 - box.y0, 792 * (288 / 612));
  });

  it('refuses bytes that are not a PDF with a label_document_invalid error', async () => {
    const error = await labelPdf({ format: 'pdf', bytes: new TextEncoder().encode('not a pdf') }, profile()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StationError);
    expect((error as StationError).code).toBe('label_document_invalid');
  });
});

describe('PNG labels', () => {
  it('at 203 dpi an 812×1218 PNG fills 4x6 in exactly', async () => {
    const out = await labelPdf({ format: 'png', bytes: png(812, 1218, 203) }, profile());
    const [page] = await readPages(out);
    expect([page!.width, page!.height]).toEqual([288, 432]);
    expect(page!.boxes).toEqual([{ kind: 'image', x0: 0, y0: 0, x1: 288, y1: 432 }]);
  });

  it('a 300 dpi 1200×1800 PNG is 4x6 in too, whatever the profile DPI', async () => {
    const out = await labelPdf({ format: 'png', bytes: png(1200, 1800, 300) }, profile({ dpi: 203 }));
    const box = (await readPages(out))[0]!.boxes[0]!;
    close(box.x1 - box.x0, 288);
    close(box.y1 - box.y0, 432);
  });

  it('a small PNG keeps its physical size and is not stretched to the page', async () => {
    const out = await labelPdf({ format: 'png', bytes: png(406, 609, 203) }, profile());
    const box = (await readPages(out))[0]!.boxes[0]!;
    close(box.x1 - box.x0, 144);
    close(box.y1 - box.y0, 216);
    close(box.x0, 72);
    close(box.y0, 108);
  });

  it('without pHYs, a PNG that is exactly the stock at 203 dpi is taken as 203 dpi', async () => {
    expect(readPngHeader(png(812, 1218)).dpi).toBeNull();
    const out = await labelPdf({ format: 'png', bytes: png(812, 1218) }, profile({ dpi: 300 }));
    const box = (await readPages(out))[0]!.boxes[0]!;
    close(box.x1 - box.x0, 288);
  });

  it("without pHYs any other PNG is sized by the profile's printer DPI", async () => {
    const out = await labelPdf({ format: 'png', bytes: png(600, 900) }, profile({ dpi: 300 }));
    const box = (await readPages(out))[0]!.boxes[0]!;
    close(box.x1 - box.x0, 144);
    close(box.y1 - box.y0, 216);
  });

  it.each([
    ['100x150mm', 100 * MM, 150 * MM],
    ['A6', 105 * MM, 148 * MM],
  ] as const)('a 4x6 in PNG on %s stock is still 288×432 pt on a page of the stock size', async (labelSize, w, h) => {
    const out = await labelPdf({ format: 'png', bytes: png(812, 1218, 203) }, profile({ labelSize }));
    const [page] = await readPages(out);
    close(page!.width, w);
    close(page!.height, h);
    const box = page!.boxes[0]!;
    close(box.x1 - box.x0, 288);
    close(box.y1 - box.y0, 432);
    close(box.x0, (w - 288) / 2);
  });

  it('reads the DPI from pHYs (7992 px/m is 203 dpi)', () => {
    expect(readPngHeader(png(10, 20, 203))).toEqual({ width: 10, height: 20, dpi: 203 });
  });
});

describe('"print all": one PDF, one page per label, in the chosen order', () => {
  it('merges PDFs and a PNG in exactly the given order', async () => {
    const a = await pdfLabel('LABEL-A');
    const b = await pdfLabel('LABEL-B');
    const c = await pdfLabel('LABEL-C');
    const out = await printReadyPdf(
      [
        { format: 'pdf', bytes: c },
        { format: 'png', bytes: png(812, 1218, 203) },
        { format: 'pdf', bytes: a },
        { format: 'pdf', bytes: b },
      ],
      profile(),
    );
    const pages = await readPages(out);
    expect(pages.map((p) => [p.width, p.height])).toEqual([
      [288, 432],
      [288, 432],
      [288, 432],
      [288, 432],
    ]);
    expect(await pageTexts(out)).toEqual(['LABEL-C', '', 'LABEL-A', 'LABEL-B']);
    expect(pages[1]!.boxes).toEqual([{ kind: 'image', x0: 0, y0: 0, x1: 288, y1: 432 }]);
  });

  it('mergeInOrder keeps every page of every document in turn', async () => {
    const two = await PDFDocument.create();
    two.addPage([100, 100]);
    two.addPage([200, 200]);
    const one = await PDFDocument.create();
    one.addPage([300, 300]);
    const out = await mergeInOrder([await one.save(), await two.save(), await one.save()]);
    expect((await readPages(out)).map((p) => p.width)).toEqual([300, 100, 200, 300]);
  });

  it('nothing to print is an error, not an empty job', async () => {
    await expect(printReadyPdf([], profile())).rejects.toMatchObject({ code: 'print_nothing' });
  });
});

describe('calibration label', () => {
  it.each(LabelSize.options)('is one page of exactly %s with the printer, size, DPI and offsets written on it', async (labelSize) => {
    const out = await calibrationLabel(profile({ labelSize, dpi: 300, offsetXmm: 1.5, offsetYmm: -2 }), 'ZDesigner ZD421');
    const pages = await readPages(out);
    expect(pages).toHaveLength(1);
    close(pages[0]!.width, LABEL_SIZES[labelSize].widthPt);
    close(pages[0]!.height, LABEL_SIZES[labelSize].heightPt);
    const text = popplerText(out);
    expect(text).toContain('Printer: ZDesigner ZD421');
    expect(text).toContain(`Label size: ${LABEL_SIZES[labelSize].title}`);
    expect(text).toContain('DPI: 300');
    expect(text).toContain('Offsets: X +1.5 mm, Y -2.0 mm');
    // Ruler numbers every 10 mm along both edges.
    for (const n of ['10', '50', '90']) expect(text.split(/\s+/)).toContain(n);
  });

  it('with no offsets the calibration page is drawn straight on the stock; with offsets it is moved like a label', async () => {
    const plain = await readPages(await calibrationLabel(profile(), 'P'));
    expect(plain[0]!.boxes).toEqual([]);
    const moved = await readPages(await calibrationLabel(profile({ offsetXmm: 4 }), 'P'));
    close(moved[0]!.boxes[0]!.x0, 4 * MM);
  });

  it('a printer name in Japanese is printed as written', async () => {
    const text = popplerText(await calibrationLabel(profile(), 'ラベル Printer'));
    expect(text).toContain('Printer: ラベル Printer');
  });
});
