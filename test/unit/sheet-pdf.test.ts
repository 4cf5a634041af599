import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { StationError } from '../../electron/core/errors';
import { printReadyPdf } from '../../electron/core/printing/label-pdf';
import { queueProblem, withQueueCheck } from '../../electron/core/printing/queue-check';
import type { PrintBackend } from '../../electron/core/printing/print-service';
import { CUT_MARK_GAP_MM, CUT_MARK_LENGTH_MM, sheetSlots } from '../../electron/core/printing/sheet-pdf';
import { PAPER_CHOICES, PrinterProfile, SHEET_SIZES, type PrinterInfo } from '../../shared/domain/printing';

/**
 * Where labels go on A4/Letter sheets (sheet-pdf.ts) and which queues are flagged
 * (queue-check.ts). The real print through CUPS is test/integration/printing-paper.test.ts.
 */

const PT_PER_MM = 72 / 25.4;
/** Most office printers cannot print closer than about 4 to 5 mm to the paper's edge. */
const PRINTER_MARGIN_MM = 5;

async function labelPages(n: number): Promise<Uint8Array[]> {
  const pages: Uint8Array[] = [];
  for (let i = 0; i < n; i += 1) {
    const doc = await PDFDocument.create();
    doc.addPage([288, 432]).drawText(`LABEL-${i + 1}`, { x: 20, y: 400, size: 12 });
    pages.push(await doc.save());
  }
  return pages;
}

describe('labels on sheets', () => {
  const sheets = PAPER_CHOICES.filter((c) => c.paper !== 'label');

  it('offers 4x6 in on A4 and Letter, one and two per sheet', () => {
    expect(sheets.map((c) => [c.paper, c.labelsPerSheet, c.labelSize])).toEqual([
      ['A4', 1, '4x6in'],
      ['A4', 2, '4x6in'],
      ['Letter', 1, '4x6in'],
      ['Letter', 2, '4x6in'],
    ]);
  });

  it.each(sheets.map((c) => [c.title, c] as const))('%s: every label and its cut marks lie inside what a printer can print', (_t, c) => {
    const sheet = SHEET_SIZES[c.paper as 'A4' | 'Letter'];
    const slots = sheetSlots({ paper: c.paper as 'A4' | 'Letter', labelsPerSheet: c.labelsPerSheet, labelSize: c.labelSize });
    expect(slots).toHaveLength(c.labelsPerSheet);
    const reach = (CUT_MARK_GAP_MM + CUT_MARK_LENGTH_MM + PRINTER_MARGIN_MM) * PT_PER_MM;
    for (const slot of slots) {
      // True size: 4 x 6 in, turned when two share a sheet.
      expect([slot.width, slot.height]).toEqual(slot.turned ? [432, 288] : [288, 432]);
      expect(slot.turned).toBe(c.labelsPerSheet === 2);
      expect(slot.x).toBeGreaterThanOrEqual(reach);
      expect(slot.y).toBeGreaterThanOrEqual(reach);
      expect(sheet.widthPt - slot.x - slot.width).toBeGreaterThanOrEqual(reach);
      expect(sheet.heightPt - slot.y - slot.height).toBeGreaterThanOrEqual(reach);
      expect(slot.x + slot.width / 2).toBeCloseTo(sheet.widthPt / 2, 6);
    }
    if (slots.length === 2) {
      // Label 1 on top (PDF y grows upwards), and the marks of the two never meet.
      expect(slots[0]!.y).toBeGreaterThan(slots[1]!.y);
      expect(slots[0]!.y - (slots[1]!.y + slots[1]!.height)).toBeGreaterThan(2 * (CUT_MARK_GAP_MM + CUT_MARK_LENGTH_MM) * PT_PER_MM);
    }
  });

  it('five labels two per sheet on Letter make three Letter pages; on label stock five 4x6 pages', async () => {
    const documents = (await labelPages(5)).map((bytes) => ({ format: 'pdf' as const, bytes }));
    const base = PrinterProfile.parse({ id: 'p', name: 'Office', printer: 'office', role: 'labels' });
    const onSheets = await PDFDocument.load(await printReadyPdf(documents, { ...base, paper: 'Letter', labelsPerSheet: 2 }));
    expect(onSheets.getPages().map((p) => [p.getWidth(), p.getHeight()])).toEqual([
      [612, 792],
      [612, 792],
      [612, 792],
    ]);
    const onStock = await PDFDocument.load(await printReadyPdf(documents, base));
    expect(onStock.getPageCount()).toBe(5);
    expect(onStock.getPage(0).getSize()).toEqual({ width: 288, height: 432 });
  });
});

describe('queue check', () => {
  const printer = { name: 'office', isDefault: false, message: null };
  it.each([
    ['idle', null],
    ['printing', null],
    ['unknown', null],
    ['stopped', 'printer_stopped'],
    ['rejecting', 'printer_rejected'],
  ] as const)('a %s queue → %s', (state, code) => {
    expect(queueProblem({ ...printer, state })?.code ?? null).toBe(code);
  });

  it('says the system reason once, and puts it on the printer field when saving a profile', () => {
    const problem = queueProblem(
      { ...printer, state: 'rejecting', message: 'Not accepting jobs: Rejecting jobs for maintenance' },
      'printer',
    )!;
    expect(problem).toBeInstanceOf(StationError);
    expect(problem.message).toBe(
      "The printer “office” is not accepting jobs (the system says: Rejecting jobs for maintenance). Let it accept jobs again in the system's printer settings.",
    );
    expect(problem.fields).toEqual({ printer: problem.message });
  });
});

describe('the look at the queue before each job', () => {
  /** A backend whose queue state the test sets, counting how often the system is asked. */
  function fakeBackend() {
    const state = { now: 0, queue: 'idle' as PrinterInfo['state'], asked: 0, sent: 0 };
    const backend: PrintBackend = {
      kind: 'cups',
      listPrinters: async () => {
        state.asked++;
        return [{ name: 'office', isDefault: true, state: state.queue, message: null }];
      },
      print: async () => {
        state.sent++;
        return { osJobId: String(state.sent) };
      },
    };
    const checked = withQueueCheck(backend, () => state.now);
    const job = () => checked.print({ printer: 'office', title: 't', copies: 1, labelSize: '4x6in', pdf: new Uint8Array() });
    return { state, checked, job };
  }

  it('asks the system once for jobs close together, and again in the background once the reading is a second old', async () => {
    const { state, job } = fakeBackend();
    await job();
    state.now = 500;
    await job();
    expect(state).toMatchObject({ asked: 1, sent: 2 });
    state.now = 1_500;
    await job();
    expect(state).toMatchObject({ asked: 2, sent: 3 });
  });

  it('a queue seen stopped fails the job with nothing sent; a reading too old is not used', async () => {
    const { state, job } = fakeBackend();
    await job();
    state.queue = 'stopped';
    // Within the fresh time the old reading stands (the job follow then reports it waiting).
    state.now = 200;
    await job();
    expect(state.sent).toBe(2);
    // Past the longest age the job waits for a new reading, which sees the stopped queue.
    state.now = 20_000;
    await expect(job()).rejects.toMatchObject({ code: 'printer_stopped' });
    expect(state.sent).toBe(2);
  });

  it('the printer list shown to the operator is always asked anew', async () => {
    const { state, checked } = fakeBackend();
    await checked.listPrinters();
    await checked.listPrinters();
    expect(state.asked).toBe(2);
  });
});
