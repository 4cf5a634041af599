import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintRequest } from '../../electron/core/printing/print-service';
import type { PrinterProfile } from '../../shared/domain/printing';
import { controlledDemo, labelDraft } from '../fixtures/label-drafts';
import { createTestStation } from '../support/test-station';
import { hasTool } from '../support/tools';

/**
 * The courier hand-over sheet, checked as a desk meets it: poppler measures the pages and reads
 * the text back, zbar decodes every tracking barcode from a 200 dpi rendering of each page.
 * One station holds a day of 25 labels (three of them for a Japanese recipient) made on a
 * fixed clock in Tokyo, and one label the day before.
 */

const missing = ['pdfinfo', 'pdftotext', 'pdftoppm', 'zbarimg'].filter((tool) => !hasTool(tool));
const skipReason =
  missing.length > 0 && process.env.FFS_TEST_SESSION !== '1'
    ? `${missing.join(', ')} not installed (apt-get install poppler-utils zbar-tools)`
    : null;
if (skipReason) console.warn(`handover-sheet.test.ts skipped: ${skipReason}`);

const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// 12:00 in Tokyo on 1 December 2026; the day before at 12:00 too.
const NOON = Date.parse('2026-12-01T03:00:00.000Z');
const DAY = 24 * 60 * 60_000;
// 210 × 297 mm (shared/domain/printing.ts SHEET_SIZES): pdfinfo prints 595.276 × 841.89 pt.
const A4 = /^595\.2\d* x 841\.89 pts \(A4\)$/;

let tmp: string;
let now = NOON;
const printed: PrintRequest[] = [];
let station: ReturnType<typeof createTestStation>;
let close: () => Promise<void>;
const trackingNumbers: string[] = [];
let japaneseName = '';

beforeAll(async () => {
  if (skipReason) return;
  tmp = mkdtempSync(join(tmpdir(), 'ffs-handover-'));
  const { sim, startDemo } = await controlledDemo({ now: () => now });
  station = createTestStation({
    startDemo,
    now: () => new Date(now),
    clock: { timeZone: 'Asia/Tokyo', locale: 'en-US' },
    printBackend: {
      kind: 'cups',
      listPrinters: async () => [],
      print: async (request) => {
        printed.push(request);
        return { osJobId: null };
      },
    },
  });
  close = async () => {
    await station.close();
    await sim.close();
  };
  expect((await station.client.env.switch({ environment: 'demo' })).ok).toBe(true);
  const make = async (order: string, japanese = false) => {
    const draft = labelDraft(order);
    if (japanese) draft.shipment.shipTo.contact = { ...draft.shipment.shipTo.contact, firstName: '太郎', lastName: '山田' };
    const result = await station.client.labels.create({ draft });
    if (!result.ok || result.value.kind !== 'created') throw new Error(`label ${order}: ${JSON.stringify(result)}`);
    return result.value.label;
  };
  now = NOON - DAY;
  await make('YESTERDAY-1');
  now = NOON;
  for (let i = 1; i <= 25; i++) {
    now += 60_000;
    const label = await make(`HO-${String(i).padStart(3, '0')}`, i % 10 === 5);
    trackingNumbers.push(label.trackingNumber!);
    if (i === 5) japaneseName = label.recipientName;
  }
}, 120_000);

afterAll(async () => {
  await close?.();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function sheetFile(name: string, query: { day: string; courier?: string; paper?: 'A4' | 'Letter' }) {
  const result = await station.client.handover.sheet(query);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  const file = join(tmp, `${name}.pdf`);
  writeFileSync(file, Buffer.from(result.value.base64, 'base64'));
  return { file, sheet: result.value };
}

function pdfInfo(file: string) {
  const info = run('pdfinfo', [file]);
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)![1]), pageSize: /^Page size:\s+(.+)$/m.exec(info)![1]!.trim() };
}

/** zbarimg's symbols; a page without any (the signature page of a long day) exits 4 with nothing. */
function zbar(png: string): string {
  try {
    return run('zbarimg', ['--raw', '-q', png]);
  } catch (error) {
    if ((error as { status?: number }).status === 4) return '';
    throw error;
  }
}

/** Every barcode zbar finds, on every page rendered at 200 dpi. */
function decoded(file: string, name: string): string[] {
  const dir = mkdtempSync(join(tmp, `${name}-pages-`));
  run('pdftoppm', ['-r', '200', '-png', file, join(dir, 'page')]);
  return readdirSync(dir)
    .sort()
    .flatMap((png) =>
      zbar(join(dir, png))
        .split('\n')
        .filter((line) => line.length > 0),
    );
}

describe.skipIf(skipReason !== null)('courier hand-over sheet', () => {
  it('is A4 when asked, several pages for a long day, each with the heading and page x of y', async () => {
    const { file, sheet } = await sheetFile('a4', { day: '2026-12-01', courier: 'yunexpress', paper: 'A4' });
    const info = pdfInfo(file);
    expect(info.pageSize).toMatch(A4);
    expect(info.pages).toBeGreaterThanOrEqual(2);
    expect(sheet).toMatchObject({ pages: info.pages, parcels: 25, paper: 'A4' });
    const text = run('pdftotext', ['-layout', file, '-']);
    const pages = text.split('\f').filter((p) => p.trim());
    expect(pages).toHaveLength(info.pages);
    pages.forEach((page, i) => {
      expect(page).toContain('Hand-over sheet: yunexpress');
      expect(page).toContain('Day: Dec 1, 2026');
      expect(page).toContain(`Page ${i + 1} of ${info.pages}`);
    });
    // The day's labels, not the day before's; the Japanese recipient in Japanese; count and total weight; the driver's lines.
    for (let i = 1; i <= 25; i++) expect(text).toContain(`HO-${String(i).padStart(3, '0')}`);
    expect(text).not.toContain('YESTERDAY-1');
    expect(japaneseName).toMatch(/山田/);
    expect(text).toContain(japaneseName);
    for (const number of trackingNumbers) expect(text).toContain(number);
    expect(text).toContain('25 parcels');
    expect(text).toContain('Total weight: 20 kg');
    expect(text).toMatch(/Driver's name[\s\S]*Signature[\s\S]*Date and time/);
  });

  it('scans: every tracking barcode decodes to its tracking number, each once', async () => {
    const { file } = await sheetFile('scan', { day: '2026-12-01', paper: 'A4' });
    const codes = decoded(file, 'scan');
    expect([...codes].sort()).toEqual([...trackingNumbers].sort());
  });

  it('is Letter when asked, and Letter barcodes decode too', async () => {
    const { file } = await sheetFile('letter', { day: '2026-12-01', paper: 'Letter' });
    expect(pdfInfo(file).pageSize).toBe('612 x 792 pts (letter)');
    expect([...decoded(file, 'letter')].sort()).toEqual([...trackingNumbers].sort());
  });

  it('takes the desk paper from the documents printer, else the region', async () => {
    // en-US and no printer profile: Letter, as the United States uses.
    expect((await sheetFile('region', { day: '2026-12-01' })).sheet.paper).toBe('Letter');
    const profile: PrinterProfile = {
      id: 'office',
      name: 'Office laser',
      printer: 'office-laser',
      role: 'documents',
      labelSize: '4x6in',
      paper: 'A4',
      labelsPerSheet: 1,
      dpi: 300,
      orientation: 'portrait',
      offsetXmm: 0,
      offsetYmm: 0,
      autoPrint: false,
    };
    station.services.settings.update((s) => void s.printerProfiles.push(profile));
    try {
      const { file, sheet } = await sheetFile('desk', { day: '2026-12-01' });
      expect(sheet.paper).toBe('A4');
      expect(pdfInfo(file).pageSize).toMatch(A4);
      // Print sends the same sheet to the documents printer, once, on its paper.
      const result = await station.client.handover.print({ day: '2026-12-01', courier: 'yunexpress' });
      expect(result).toEqual({ ok: true, value: { printer: 'office-laser', paper: 'A4' } });
      expect(printed).toHaveLength(1);
      expect(printed[0]).toMatchObject({ printer: 'office-laser', sheet: 'A4', copies: 1 });
      const sent = join(tmp, 'sent.pdf');
      writeFileSync(sent, printed[0]!.pdf);
      expect(run('pdftotext', [sent, '-'])).toContain('HO-025');
    } finally {
      station.services.settings.update((s) => void (s.printerProfiles = s.printerProfiles.filter((p) => p.id !== 'office')));
    }
  });

  it('reprints a past day, lists its couriers, and says plainly when a day has nothing', async () => {
    const { file } = await sheetFile('yesterday', { day: '2026-11-30' });
    const text = run('pdftotext', [file, '-']);
    expect(text).toContain('YESTERDAY-1');
    expect(text).toContain('1 parcel');
    expect(text).not.toContain('HO-001');
    const couriers = await station.client.handover.couriers({ day: '2026-12-01' });
    expect(couriers.ok && couriers.value).toEqual([{ courier: 'yunexpress', parcels: 25, totalKg: 20 }]);
    const empty = await station.client.handover.sheet({ day: '2026-11-29' });
    expect(empty.ok).toBe(false);
    expect(!empty.ok && empty.error).toMatchObject({
      code: 'handover_nothing',
      message: 'No labels were made on Nov 29, 2026, so there is no hand-over sheet for that day.',
    });
    const noPrinter = await station.client.handover.print({ day: '2026-12-01' });
    expect(!noPrinter.ok && noPrinter.error.code).toBe('no_document_printer');
    // Saving writes the same sheet where the operator chose.
    const saved = await station.client.handover.save({ day: '2026-12-01', courier: 'yunexpress' });
    expect(saved.ok && saved.value.saved).toBe(true);
    const path = saved.ok ? saved.value.path! : '';
    expect(path).toMatch(/handover-yunexpress-2026-12-01\.pdf$/);
    expect(readFileSync(path).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('speaks the station language on the sheet (Japanese headings and signature lines)', async () => {
    expect((await station.client.settings.setPreferences({ language: 'ja' })).ok).toBe(true);
    try {
      const { file } = await sheetFile('ja', { day: '2026-12-01', paper: 'A4' });
      const text = run('pdftotext', [file, '-']);
      expect(text).toContain('引き渡し表：yunexpress');
      expect(text).toContain('荷物 25 個');
      expect(text).toContain('ドライバー氏名');
      expect(text).toContain(japaneseName);
    } finally {
      await station.client.settings.setPreferences({ language: 'en' });
    }
  });
});
