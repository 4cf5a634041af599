import { cupsSkipReason } from '../support/cups';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { degrees, PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../electron/core/api';
import { openDatabase, type StationDatabase } from '../../electron/core/db/database';
import { createDocumentFetcher } from '../../electron/core/documents/document-fetcher';
import { createDocumentUrlPolicy } from '../../electron/core/documents/document-url-policy';
import { silentLogger } from '../../electron/core/logger';
import { createCupsBackend } from '../../electron/core/printing/cups';
import { createPrintLog, type PrintLog } from '../../electron/core/printing/print-log';
import { createPrintService, type PrintBackend, type PrintDocument, type PrintService } from '../../electron/core/printing/print-service';
import { withQueueCheck } from '../../electron/core/printing/queue-check';
import { DEMO_TOKEN, startSimulator, type Simulator } from '../../electron/simulator';
import { PrinterProfile } from '../../shared/domain/printing';
import { createLabelWithDocument } from '../fixtures/simulator-label';
import { createTestStation } from '../support/test-station';

/**
 * Labels on office paper, printed for real: simulator labels (PDF and PNG) go through the print
 * service and `lp` to CUPS-PDF queues set up as A4 and Letter printers (test/services/start-cups.sh),
 * and what comes out is measured: the page size with pdfinfo, the label's size from its printed
 * cut marks in a pdftoppm rendering at a known dpi, the barcode with zbarimg. Also the stopped
 * and the rejecting queue, flagged when a profile is made and before a job goes out.
 */

const A4 = 'ffs-a4-pdf';
const LETTER = 'ffs-letter-pdf';
const STOPPED = 'ffs-stopped';
const REJECTING = 'ffs-rejecting';
/** Rendering resolution for measuring: a 4x6 in label is 600 × 900 px at 150 dpi. */
const DPI = 150;

const skipReason = cupsSkipReason('printing-paper.test.ts');

let outDir: string;
let sim: Simulator;
let api: ApiClient;
let root: string;
let database: StationDatabase;
let log: PrintLog;
let service: PrintService;
/** Every job that reached lp (under the queue check). */
let lpCalls: string[];
const startedAt = Date.now();

const profile = (overrides: Partial<PrinterProfile>) =>
  PrinterProfile.parse({ id: 'paper-1', name: 'Office printer', printer: A4, role: 'labels', ...overrides });

beforeAll(async () => {
  if (skipReason) return;
  const started = execFileSync('bash', [resolve('test/services/start-cups.sh')], { encoding: 'utf8', timeout: 30_000 });
  outDir = /^CUPS_PDF_OUT=(.+)$/m.exec(started)![1]!.trim();
  sim = await startSimulator({ seed: 16 });
  api = createApiClient({ baseUrl: sim.url, getToken: async () => DEMO_TOKEN });
  root = mkdtempSync(join(tmpdir(), 'ffs-paper-'));
  database = openDatabase(join(root, 'station.sqlite'));
  log = createPrintLog(database);
  lpCalls = [];
  const cups = createCupsBackend();
  const counting: PrintBackend = {
    ...cups,
    print: (request) => {
      lpCalls.push(request.printer);
      return cups.print(request);
    },
  };
  // As the station wires it (electron/core/station.ts): the queue is looked at before each job.
  service = createPrintService({ backend: withQueueCheck(counting), log, logger: silentLogger });
}, 60_000);

afterAll(async () => {
  if (skipReason) return;
  database?.close();
  await sim?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

async function simulatorLabel(format: 'PDF' | 'PNG'): Promise<PrintDocument & { trackingNumber: string }> {
  const label = await createLabelWithDocument(api, 'paper', format);
  const policy = createDocumentUrlPolicy({ demoOrigin: async () => sim.url });
  const fetcher = createDocumentFetcher({ policy, logger: silentLogger, timeoutMs: 10_000 });
  const downloaded = await fetcher.download(label.url, 'demo');
  return { labelId: label.id, format: downloaded.format, bytes: downloaded.bytes, trackingNumber: label.trackingNumber };
}

/** Waits for CUPS-PDF to finish the job on `queue` and returns its output file ("<title>-job_<n>.pdf"). */
async function outputOf(osJobId: string): Promise<string> {
  const n = /-(\d+)$/.exec(osJobId)![1]!;
  const queue = osJobId.slice(0, -n.length - 1);
  const fresh = (path: string) => statSync(path).mtimeMs >= startedAt - 2_000;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const active = execFileSync('lpstat', ['-o', queue], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    const file = readdirSync(outDir).find((name) => name.endsWith(`-job_${n}.pdf`) && fresh(join(outDir, name)));
    if (file && !active.split('\n').some((line) => line.startsWith(`${osJobId} `))) {
      const path = join(outDir, file);
      if (statSync(path).size > 0) return asSent(path);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`CUPS-PDF wrote no output for ${osJobId} within 30 s (see /var/log/cups/error_log)`);
}

/**
 * CUPS-PDF's Ghostscript (-dAutoRotatePages=/PageByPage) marks a page whose text mostly runs
 * sideways, as on a sheet of two turned labels, with /Rotate for viewers; the page itself (its
 * size and content) is what was sent, and a printer prints it unrotated. Measured here as
 * printed: a copy without the viewing rotation.
 */
async function asSent(path: string): Promise<string> {
  const pdf = await PDFDocument.load(readFileSync(path));
  if (pdf.getPages().every((page) => page.getRotation().angle === 0)) return path;
  for (const page of pdf.getPages()) page.setRotation(degrees(0));
  const copy = join(root, `as-sent-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(copy, await pdf.save());
  return copy;
}

const tool = (name: string, args: string[]) => execFileSync(name, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Pages and page size in whole points, e.g. { pages: 1, size: [595, 842] }. */
function pdfInfo(path: string) {
  const info = tool('pdfinfo', [path]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info)!;
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)![1]), size: [Math.round(Number(size[1])), Math.round(Number(size[2]))] };
}

/** Where pdftotext finds a word on a page: [xMin, yMin, xMax, yMax] in points from the top-left, or null. */
function wordBox(path: string, word: string, page?: number): number[] | null {
  const html = tool('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-bbox', path, '-']);
  const m = new RegExp(`<word xMin="([\\d.]+)" yMin="([\\d.]+)" xMax="([\\d.]+)" yMax="([\\d.]+)">${word}</word>`).exec(html);
  return m ? m.slice(1).map(Number) : null;
}

interface Gray {
  width: number;
  height: number;
  at(x: number, y: number): number;
}

/** Renders one page in grey at DPI (pdftoppm's binary PGM), optionally only a region (pixels). */
function render(path: string, page: number, crop?: { x: number; y: number; w: number; h: number }): Gray & { file: string } {
  const base = join(root, `render-${page}-${Math.random().toString(36).slice(2)}`);
  const region = crop ? ['-x', String(crop.x), '-y', String(crop.y), '-W', String(crop.w), '-H', String(crop.h)] : [];
  tool('pdftoppm', ['-r', String(DPI), '-gray', '-f', String(page), '-l', String(page), '-singlefile', ...region, path, base]);
  const bytes = readFileSync(`${base}.pgm`);
  // "P5\n<w> <h>\n255\n" then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.subarray(0, 40).toString('latin1'))!;
  const width = Number(header[1]);
  const height = Number(header[2]);
  const offset = header[0].length;
  // zbarimg reads PGM too.
  return { width, height, at: (x, y) => bytes[offset + y * width + x]!, file: `${base}.pgm` };
}

/** Runs of dark pixels' centres: the 0.5 pt cut-mark lines a rendering crosses. */
function lines(values: number[]): number[] {
  const centres: number[] = [];
  let start = -1;
  values.forEach((v, i) => {
    if (v < 200 && start < 0) start = i;
    if ((v >= 200 || i === values.length - 1) && start >= 0) {
      centres.push((start + (v < 200 ? i : i - 1)) / 2);
      start = -1;
    }
  });
  return centres;
}

/**
 * The label boxes the cut marks outline, in pixels at DPI. Horizontal marks lie on the lines of
 * a label's top and bottom edges, left of its left edge; vertical marks on its left and right
 * edges, above its top: so a column just inside the sheet's left margin crosses the horizontal
 * marks, a row just below the sheet's top margin-edge crosses the vertical ones.
 */
function markedEdges(image: Gray, column: number, row: number) {
  const down = Array.from({ length: image.height }, (_, y) => image.at(column, y));
  const across = Array.from({ length: image.width }, (_, x) => image.at(x, row));
  return { rows: lines(down), columns: lines(across) };
}

const inches = (px: number) => px / DPI;
const zbar = (file: string) =>
  execFileSync('zbarimg', ['-q', '--raw', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    .trim()
    .split('\n');

describe.skipIf(skipReason !== null)('labels on A4 and Letter paper through CUPS, at 100 %', () => {
  it('a PDF label on A4, one per sheet: an A4 page, the label 4x6 in between its cut marks, centred, 1:1, barcode readable', async () => {
    const label = await simulatorLabel('PDF');
    const job = await service.printLabels(profile({ paper: 'A4', labelsPerSheet: 1 }), [label]);
    expect(job).toMatchObject({ state: 'sent', printer: A4 });
    const out = await outputOf(job.osJobId!);
    expect(pdfInfo(out)).toEqual({ pages: 1, size: [595, 842] });

    const image = render(out, 1);
    // A4 at 150 dpi: 1240 × 1754 px; the label (600 × 900 px) starts 320 px from the left, 427 from the top.
    const { rows, columns } = markedEdges(image, 300, 410);
    expect(rows).toHaveLength(2);
    expect(columns).toHaveLength(2);
    expect(inches(rows[1]! - rows[0]!)).toBeCloseTo(6, 1);
    expect(inches(columns[1]! - columns[0]!)).toBeCloseTo(4, 1);
    // Centred on the sheet.
    expect((columns[0]! + columns[1]!) / 2).toBeCloseTo(image.width / 2, -1);
    expect((rows[0]! + rows[1]!) / 2).toBeCloseTo(image.height / 2, -1);

    // Not scaled: the tracking number is as wide as on the label itself, and inside the marks.
    const source = join(root, 'a4-source.pdf');
    writeFileSync(source, label.bytes);
    const before = wordBox(source, label.trackingNumber)!;
    const after = wordBox(out, label.trackingNumber)!;
    expect(after[2]! - after[0]!).toBeCloseTo(before[2]! - before[0]!, 1);
    const pt = (px: number) => (px / DPI) * 72;
    expect(after[0]! - pt(columns[0]!)).toBeCloseTo(before[0]!, 0);
    // The word's bottom edge: its top depends on the ascent the re-embedded font declares (CUPS-PDF redraws it).
    expect(after[3]! - pt(rows[0]!)).toBeCloseTo(before[3]!, 0);
    expect(zbar(image.file)).toContain(label.trackingNumber);
  });

  it('a PNG label on Letter, one per sheet: a Letter page, the label 4x6 in between its cut marks, barcode readable', async () => {
    const label = await simulatorLabel('PNG');
    const job = await service.printLabels(profile({ printer: LETTER, paper: 'Letter', labelsPerSheet: 1 }), [label]);
    expect(job.state).toBe('sent');
    const out = await outputOf(job.osJobId!);
    expect(pdfInfo(out)).toEqual({ pages: 1, size: [612, 792] });
    const image = render(out, 1);
    // Letter at 150 dpi: 1275 × 1650 px; the label starts 337.5 px from the left, 375 from the top.
    const { rows, columns } = markedEdges(image, 320, 360);
    expect(inches(rows[1]! - rows[0]!)).toBeCloseTo(6, 1);
    expect(inches(columns[1]! - columns[0]!)).toBeCloseTo(4, 1);
    expect(zbar(image.file)).toEqual([label.trackingNumber]);
  });

  it('two per sheet on A4: three labels fill two sheets in order, label 1 in the top half, label 2 below, each turned and 6x4 in', async () => {
    const labels = [await simulatorLabel('PDF'), await simulatorLabel('PDF'), await simulatorLabel('PDF')];
    const calls = lpCalls.length;
    const job = await service.printLabels(profile({ paper: 'A4', labelsPerSheet: 2 }), labels);
    expect(lpCalls.length - calls).toBe(1);
    const out = await outputOf(job.osJobId!);
    expect(pdfInfo(out)).toEqual({ pages: 2, size: [595, 842] });

    const half = 842 / 2;
    const [one, two, three] = labels.map((l) => l.trackingNumber);
    expect(wordBox(out, one!, 1)![3]).toBeLessThan(half);
    expect(wordBox(out, two!, 1)![1]).toBeGreaterThan(half);
    expect(wordBox(out, three!, 1)).toBeNull();
    expect(wordBox(out, three!, 2)![3]).toBeLessThan(half);

    const image = render(out, 1);
    // Turned labels are 900 × 600 px, 170 px from the sides; top half: 140.6 px above, bottom half: 1017.6 px from the top.
    const { rows } = markedEdges(image, 150, 0);
    expect(rows).toHaveLength(4);
    expect(inches(rows[1]! - rows[0]!)).toBeCloseTo(4, 1);
    expect(inches(rows[3]! - rows[2]!)).toBeCloseTo(4, 1);
    expect(rows[1]!).toBeLessThan(image.height / 2);
    expect(rows[2]!).toBeGreaterThan(image.height / 2);
    const { columns } = markedEdges(image, 0, 125);
    expect(columns).toHaveLength(2);
    expect(inches(columns[1]! - columns[0]!)).toBeCloseTo(6, 1);
    // The second sheet has only the top label: its bottom half is blank.
    const second = render(out, 2, { x: 0, y: Math.ceil(image.height / 2), w: image.width, h: Math.floor(image.height / 2) });
    const dark = Array.from({ length: second.height }, (_, y) => Array.from({ length: second.width }, (_, x) => second.at(x, y)))
      .flat()
      .filter((v) => v < 200).length;
    expect(dark).toBe(0);
  });

  it('two PNG labels on one Letter sheet: the top half reads label 1, the bottom half label 2', async () => {
    const labels = [await simulatorLabel('PNG'), await simulatorLabel('PNG')];
    const job = await service.printLabels(profile({ printer: LETTER, paper: 'Letter', labelsPerSheet: 2 }), labels);
    const out = await outputOf(job.osJobId!);
    expect(pdfInfo(out)).toEqual({ pages: 1, size: [612, 792] });
    const full = render(out, 1);
    const top = render(out, 1, { x: 0, y: 0, w: full.width, h: full.height / 2 });
    const bottom = render(out, 1, { x: 0, y: full.height / 2, w: full.width, h: full.height / 2 });
    expect(zbar(top.file)).toEqual([labels[0]!.trackingNumber]);
    expect(zbar(bottom.file)).toEqual([labels[1]!.trackingNumber]);
  });

  it('the calibration print on Letter, two per sheet: one Letter page with the calibration label in both places, rulers at true size', async () => {
    const job = await service.printCalibration(profile({ printer: LETTER, paper: 'Letter', labelsPerSheet: 2 }));
    expect(job).toMatchObject({ state: 'sent', labelIds: [] });
    const out = await outputOf(job.osJobId!);
    expect(pdfInfo(out)).toEqual({ pages: 1, size: [612, 792] });
    const text = tool('pdftotext', [out, '-']);
    expect(text.match(/Paper: Letter, two labels per sheet, 100 %/g)).toHaveLength(2);
    expect(text).toContain(`Printer: ${LETTER}`);
    // Letter turned labels: 900 × 600 px, 187.5 px from the sides; the marks measure 4 in high.
    const { rows } = markedEdges(render(out, 1), 170, 0);
    expect(rows).toHaveLength(4);
    expect(inches(rows[1]! - rows[0]!)).toBeCloseTo(4, 1);
  });
});

describe.skipIf(skipReason !== null)('stopped and rejecting queues', () => {
  it('the system printer list reports the stopped queue as stopped and the rejecting one as rejecting, each with its reason', async () => {
    const printers = await service.listPrinters();
    expect(printers.find((p) => p.name === STOPPED)).toMatchObject({ state: 'stopped', message: expect.stringContaining('Paused') });
    expect(printers.find((p) => p.name === REJECTING)).toMatchObject({
      state: 'rejecting',
      message: expect.stringContaining('Not accepting jobs'),
    });
    expect(printers.find((p) => p.name === A4)).toMatchObject({ state: 'idle' });
  });

  it.each([
    [STOPPED, 'printer_stopped', `The printer “${STOPPED}” is stopped`],
    [REJECTING, 'printer_rejected', `The printer “${REJECTING}” is not accepting jobs`],
  ] as const)('a label sent to %s fails before lp with %s, nothing queued, logged as failed', async (queue, code, sentence) => {
    const label = await simulatorLabel('PDF');
    const calls = lpCalls.length;
    const job = await service.printLabels(profile({ printer: queue, paper: 'A4' }), [label]);
    expect(job).toMatchObject({ state: 'failed', errorCode: code, osJobId: null });
    expect(job.message).toContain('Nothing was sent.');
    expect(job.message).toContain(sentence);
    expect(lpCalls.length - calls).toBe(0);
    expect(await log.forLabel(label.labelId)).toEqual([job]);
  });

  it.each([
    [STOPPED, 'printer_stopped', 'is stopped (the system says: Paused (Flex Forward test queue))'],
    [REJECTING, 'printer_rejected', 'is not accepting jobs'],
  ] as const)('making a profile on %s is flagged (%s) on the printer field until the operator confirms it', async (queue, code, words) => {
    const station = createTestStation();
    try {
      const input = { name: 'Back office', printer: queue, role: 'labels', paper: 'A4', labelsPerSheet: 1 } as const;
      const refused = await station.client.printers.saveProfile(input);
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.error.code).toBe(code);
      expect(refused.error.fields?.printer).toContain(words);
      const settings = await station.client.settings.get();
      expect(settings.ok && settings.value.printerProfiles).toEqual([]);

      const saved = await station.client.printers.saveProfile({ ...input, confirmNotReady: true });
      expect(saved.ok && saved.value.printerProfiles.map((p) => [p.printer, p.paper])).toEqual([[queue, 'A4']]);
      // And the calibration print on it (as the station wires printing) is stopped before lp too.
      const id = saved.ok ? saved.value.printerProfiles[0]!.id : '';
      const calibration = await station.client.print.calibration({ id });
      expect(calibration.ok && calibration.value).toMatchObject({ state: 'failed', errorCode: code, osJobId: null });
    } finally {
      await station.close();
      rmSync(station.userDataDir, { recursive: true, force: true });
    }
  });
});
