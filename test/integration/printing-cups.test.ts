import { cupsSkipReason } from '../support/cups';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../electron/core/api';
import { openDatabase, type StationDatabase } from '../../electron/core/db/database';
import { createDocumentFetcher } from '../../electron/core/documents/document-fetcher';
import { createDocumentUrlPolicy } from '../../electron/core/documents/document-url-policy';
import { silentLogger } from '../../electron/core/logger';
import { createCupsBackend } from '../../electron/core/printing/cups';
import { createPrintLog, type PrintLog } from '../../electron/core/printing/print-log';
import { createPrintService, type PrintBackend, type PrintDocument, type PrintService } from '../../electron/core/printing/print-service';
import { DEMO_TOKEN, startSimulator, type Simulator } from '../../electron/simulator';
import { PrinterProfile } from '../../shared/domain/printing';
import { createLabelWithDocument } from '../fixtures/simulator-label';

/**
 * Printing for real: simulator labels go through the print service and CUPS's `lp` to a
 * CUPS-PDF virtual printer (test/services/start-cups.sh), and the PDF that comes out is
 * measured with poppler. Nothing about lp is mocked, so a lost media size, a scaling option
 * or a shuffled "print all" fails here.
 */

const PRINTER = 'ffs-label-pdf';
const REJECTING = 'ffs-rejecting';
const skipReason = cupsSkipReason('printing-cups.test.ts');

let outDir: string;
let sim: Simulator;
let api: ApiClient;
let root: string;
let database: StationDatabase;
let log: PrintLog;
let service: PrintService;
let printCalls: string[];
const startedAt = Date.now();

const profile = (overrides: Partial<PrinterProfile> = {}) =>
  PrinterProfile.parse({ id: 'labels-1', name: 'Shipping labels', printer: PRINTER, role: 'labels', ...overrides });

beforeAll(async () => {
  if (skipReason) return;
  const started = execFileSync('bash', [resolve('test/services/start-cups.sh')], { encoding: 'utf8', timeout: 30_000 });
  outDir = /^CUPS_PDF_OUT=(.+)$/m.exec(started)![1]!.trim();
  sim = await startSimulator({ seed: 11 });
  api = createApiClient({ baseUrl: sim.url, getToken: async () => DEMO_TOKEN });
  root = mkdtempSync(join(tmpdir(), 'ffs-printing-'));
  database = openDatabase(join(root, 'station.sqlite'));
  log = createPrintLog(database);
  service = serviceWith(createCupsBackend());
}, 60_000);

afterAll(async () => {
  if (skipReason) return;
  database?.close();
  await sim?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** A print service over `backend` that counts every job handed to the OS. */
function serviceWith(backend: PrintBackend): PrintService {
  printCalls = [];
  const counting: PrintBackend = {
    kind: backend.kind,
    listPrinters: () => backend.listPrinters(),
    print: (request) => {
      printCalls.push(request.printer);
      return backend.print(request);
    },
  };
  return createPrintService({ backend: counting, log, logger: silentLogger });
}

/** Creates a label on the simulator and downloads its document, as the station does. */
async function simulatorLabel(format: 'PDF' | 'PNG'): Promise<PrintDocument & { trackingNumber: string }> {
  const label = await createLabelWithDocument(api, 'print', format);
  // A Demo label: its document comes from the simulator's own origin.
  const policy = createDocumentUrlPolicy({ demoOrigin: async () => sim.url });
  const fetcher = createDocumentFetcher({ policy, logger: silentLogger, timeoutMs: 10_000 });
  const downloaded = await fetcher.download(label.url, 'demo');
  return { labelId: label.id, format: downloaded.format, bytes: downloaded.bytes, trackingNumber: label.trackingNumber };
}

/** Waits for CUPS-PDF to finish the job and returns its output file ("<title>-job_<n>.pdf"). */
async function outputOf(osJobId: string): Promise<string> {
  const n = /-(\d+)$/.exec(osJobId)![1]!;
  // A file from an earlier CUPS with the same job number is older than this test file's start.
  const fresh = (path: string) => statSync(path).mtimeMs >= startedAt - 2_000;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const active = execFileSync('lpstat', ['-o', PRINTER], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
    const file = readdirSync(outDir).find((name) => name.endsWith(`-job_${n}.pdf`) && fresh(join(outDir, name)));
    if (file && !active.split('\n').some((line) => line.startsWith(`${osJobId} `))) {
      const path = join(outDir, file);
      if (statSync(path).size > 0) return path;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`CUPS-PDF wrote no output for ${osJobId} within 30 s (see /var/log/cups/error_log)`);
}

const poppler = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
function pdfInfo(path: string) {
  const info = poppler('pdfinfo', [path]);
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)![1]), pageSize: /^Page size:\s+(.+?)( \(\w+\))?$/m.exec(info)![1] };
}
const pageText = (path: string, page?: number) =>
  poppler('pdftotext', [...(page ? ['-f', String(page), '-l', String(page)] : []), '-layout', path, '-']);
/** Where pdftotext finds a word: [xMin, yMin, xMax, yMax] in points. */
function wordBox(path: string, word: string): number[] {
  const html = poppler('pdftotext', ['-bbox', path, '-']);
  const m = new RegExp(`<word xMin="([\\d.]+)" yMin="([\\d.]+)" xMax="([\\d.]+)" yMax="([\\d.]+)">${word}</word>`).exec(html);
  if (!m) throw new Error(`${word} not found in ${path}`);
  return m.slice(1).map(Number);
}

describe.skipIf(skipReason !== null)(`printing through CUPS to the CUPS-PDF printer ${PRINTER}`, () => {
  it('discovers the test printers: one idle, one refusing jobs with its reason', async () => {
    const printers = await service.listPrinters();
    expect(printers).toContainEqual(expect.objectContaining({ name: PRINTER, state: 'idle' }));
    const rejecting = printers.find((p) => p.name === REJECTING);
    expect(rejecting).toMatchObject({ state: 'rejecting', message: expect.stringContaining('Not accepting jobs') });
  });

  it('a simulator PDF label comes out as one 4x6 in page (288×432 pt), 1:1, with its tracking number', async () => {
    const label = await simulatorLabel('PDF');
    const job = await service.printLabels(profile(), [label]);
    expect(job).toMatchObject({ state: 'sent', printer: PRINTER, labelIds: [label.labelId], errorCode: null, message: null });
    expect(job.osJobId).toMatch(/^ffs-label-pdf-\d+$/);

    const out = await outputOf(job.osJobId!);
    expect(pdfInfo(out)).toEqual({ pages: 1, pageSize: '288 x 432 pts' });
    expect(pageText(out)).toContain(label.trackingNumber);
    // Not scaled or moved: the tracking number sits where it sits on the original label.
    const source = join(root, 'source.pdf');
    writeFileSync(source, label.bytes);
    const before = wordBox(source, label.trackingNumber);
    const after = wordBox(out, label.trackingNumber);
    expect(after[0]).toBeCloseTo(before[0]!, 0);
    expect(after[2]! - after[0]!).toBeCloseTo(before[2]! - before[0]!, 0);
    expect(await log.forLabel(label.labelId)).toEqual([job]);
  });

  it('a simulator PNG label (203 dpi) comes out as one 288×432 pt page, not scaled to a sheet, and its barcode still reads', async () => {
    const label = await simulatorLabel('PNG');
    const job = await service.printLabels(profile(), [label]);
    expect(job.state).toBe('sent');
    const out = await outputOf(job.osJobId!);
    expect(pdfInfo(out)).toEqual({ pages: 1, pageSize: '288 x 432 pts' });
    // A PNG has no text layer: read the tracking number back from the printed barcode.
    const raster = join(root, 'png-label');
    poppler('pdftoppm', ['-r', '203', '-gray', '-png', '-singlefile', out, raster]);
    expect(poppler('zbarimg', ['-q', '--raw', `${raster}.png`])).toContain(label.trackingNumber);
  });

  it('"print all" of three labels is ONE job of three pages in the chosen order', async () => {
    const labels = [await simulatorLabel('PDF'), await simulatorLabel('PDF'), await simulatorLabel('PDF')];
    const chosen = [labels[2]!, labels[0]!, labels[1]!];
    const calls = printCalls.length;
    const job = await service.printLabels(profile(), chosen);
    expect(printCalls.length - calls).toBe(1);
    expect(job.labelIds).toEqual(chosen.map((l) => l.labelId));

    const out = await outputOf(job.osJobId!);
    expect(pdfInfo(out)).toEqual({ pages: 3, pageSize: '288 x 432 pts' });
    chosen.forEach((label, i) => {
      const text = pageText(out, i + 1);
      expect(text).toContain(label.trackingNumber);
      for (const other of chosen) if (other !== label) expect(text).not.toContain(other.trackingNumber);
    });
    for (const label of chosen) expect((await log.forLabel(label.labelId))[0]!.id).toBe(job.id);
  });

  it('copies of "print all" come out as whole sets in the chosen order', async () => {
    const chosen = [await simulatorLabel('PDF'), await simulatorLabel('PDF')];
    const job = await service.printLabels(profile(), chosen, 2);
    expect(job).toMatchObject({ state: 'sent', copies: 2 });
    const out = await outputOf(job.osJobId!);
    expect(pdfInfo(out)).toEqual({ pages: 4, pageSize: '288 x 432 pts' });
    const order = [1, 2, 3, 4].map((page) => chosen.findIndex((label) => pageText(out, page).includes(label.trackingNumber)));
    expect(order).toEqual([0, 1, 0, 1]);
  });

  it('100×150 mm stock comes out at 100×150 mm (283×425 pt)', async () => {
    const job = await service.printLabels(profile({ labelSize: '100x150mm' }), [await simulatorLabel('PDF')]);
    expect(pdfInfo(await outputOf(job.osJobId!))).toEqual({ pages: 1, pageSize: '283 x 425 pts' });
  });

  it("lp's print-scaling=none keeps a label 1:1 even on media it does not match (A6), where CUPS's default would enlarge it", async () => {
    // Straight to the backend, skipping label-pdf's re-placing: this pins the lp options alone.
    const label = await simulatorLabel('PDF');
    const sent = await createCupsBackend().print({
      printer: PRINTER,
      title: 'scaling check',
      copies: 1,
      labelSize: 'A6',
      pdf: label.bytes,
    });
    const out = await outputOf(sent.osJobId!);
    expect(pdfInfo(out).pageSize).toBe('297 x 419 pts');
    const source = join(root, 'scaling-source.pdf');
    writeFileSync(source, label.bytes);
    const before = wordBox(source, label.trackingNumber);
    const after = wordBox(out, label.trackingNumber);
    expect(after[2]! - after[0]!).toBeCloseTo(before[2]! - before[0]!, 1);
  });

  it('the calibration label prints at 288×432 pt with the printer, size and DPI on it', async () => {
    const job = await service.printCalibration(profile({ dpi: 300 }));
    expect(job).toMatchObject({ state: 'sent', labelIds: [] });
    const out = await outputOf(job.osJobId!);
    expect(pdfInfo(out)).toEqual({ pages: 1, pageSize: '288 x 432 pts' });
    const text = pageText(out);
    expect(text).toContain(`Printer: ${PRINTER}`);
    expect(text).toContain('DPI: 300');
    expect(text).toMatch(/Label size: 4 × 6 in/);
  });

  describe('failures are logged once, returned as values, and never retried', () => {
    it.each([
      [
        'a missing printer',
        () => profile({ printer: 'ffs-no-such-printer' }),
        'printer_not_found',
        'The printer “ffs-no-such-printer” is not set up on this computer',
      ],
      [
        'a printer that rejects jobs',
        () => profile({ printer: REJECTING }),
        'printer_rejected',
        `The printer “${REJECTING}” is not accepting jobs`,
      ],
    ] as const)('%s', async (_name, makeProfile, code, sentence) => {
      const label = await simulatorLabel('PDF');
      const calls = printCalls.length;
      const job = await service.printLabels(makeProfile(), [label]);
      expect(job).toMatchObject({ state: 'failed', errorCode: code, osJobId: null, labelIds: [label.labelId] });
      expect(job.message).toContain(sentence);
      expect(printCalls.length - calls).toBe(1);
      expect(await log.forLabel(label.labelId)).toEqual([job]);
      expect(await log.recent(1)).toEqual([job]);
    });

    it('CUPS not reachable (lp pointed at a socket where no scheduler listens)', async () => {
      const down = serviceWith(createCupsBackend({ env: { ...process.env, CUPS_SERVER: join(root, 'no-cupsd.sock') } }));
      const label = await simulatorLabel('PDF');
      const job = await down.printLabels(profile(), [label]);
      expect(job).toMatchObject({ state: 'failed', errorCode: 'printing_unavailable', osJobId: null });
      expect(job.message).toContain('the print system (CUPS) is not running');
      expect(printCalls).toEqual([PRINTER]);
      expect(await log.forLabel(label.labelId)).toEqual([job]);
      await expect(down.listPrinters()).rejects.toMatchObject({ code: 'printing_unavailable' });
      service = serviceWith(createCupsBackend());
    });
  });
});
