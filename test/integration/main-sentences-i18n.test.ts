import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../../electron/simulator';
import type { PrintBackend } from '../../electron/core/printing/print-service';
import { controlledDemo, labelDraft } from '../fixtures/label-drafts';
import { stationCsv } from '../fixtures/station-orders';
import { closedPort } from '../support/closed-port';
import { createTestStation, type TestStationOptions } from '../support/test-station';

/**
 * Issue 17: every sentence main builds reaches a Japanese operator in Japanese. A real station on
 * a Japanese computer (systemLocale ja-JP) is driven through failure and success paths, and each
 * text a person reads in the answers (messages, titles, field messages, notices, summaries, the
 * offline reason, the print log) is checked for a run of three or more English words: the sign of
 * a sentence (or a clause composed into one) left in English. Names the station keeps in every
 * language (Flex Forward, CUPS, API, PDF …), file paths, addresses and order numbers are allowed;
 * so is the API's and the courier's own text (the simulator speaks English as the API does),
 * which the test names and takes out first.
 */

const cleanup: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** Words that stay as they are in every language. */
const ALLOWED = [
  /Flex Forward Station/g,
  /Flex Forward/g,
  /\b(?:CUPS|API|PDF|PNG|CSV|SQLite|WAL|IPP|HTTP|HTTPS|SKU|YunExpress|Enter|Demo)\b/g,
];
const PATH = /(?:[A-Za-z]:)?[\\/][^\s、。（）()「」“”]+/g;
const URL_TEXT = /\bhttps?:\/\/\S+/g;
const ENGLISH_RUN = /[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}/;

/** The first run of 3+ English words left after the allowed names, paths and the given foreign (API/courier) texts; null if none. */
export function englishRun(text: string, foreign: readonly string[] = []): string | null {
  let rest = text;
  for (const f of foreign) rest = rest.split(f).join(' ');
  rest = rest.replace(URL_TEXT, ' ').replace(PATH, ' ');
  for (const name of ALLOWED) rest = rest.replace(name, ' ');
  return ENGLISH_RUN.exec(rest)?.[0] ?? null;
}

/** Keys under which an answer carries text a person reads. */
const VISIBLE_KEYS = new Set([
  'message',
  'title',
  'text',
  'reason',
  'notice',
  'hint',
  'summary',
  'missingText',
  'body',
  'printMessage',
  'errorMessage',
]);

interface Seen {
  where: string;
  text: string;
}

/** Every operator-visible string of an answer (an IpcResult, or any value main hands to a screen). */
function visibleTexts(where: string, value: unknown, key = ''): Seen[] {
  if (typeof value === 'string') return VISIBLE_KEYS.has(key) ? [{ where, text: value }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => visibleTexts(`${where}[${i}]`, v, key));
  if (value && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
      // `fields` maps a field path to its message: every value is read.
      key === 'fields' && typeof v === 'string' ? [{ where: `${where}.${k}`, text: v }] : visibleTexts(`${where}.${k}`, v, k),
    );
  }
  return [];
}

/** Collects what a Japanese operator read, to check it all at the end of each test (and to show it when it fails). */
function reader(foreign: string[] = []) {
  const seen: Seen[] = [];
  return {
    foreign,
    read<T>(where: string, value: T): T {
      seen.push(...visibleTexts(where, value));
      return value;
    },
    seen,
    english: () => {
      if (process.env.SHOW_SENTENCES) for (const s of seen) console.log(`${s.where}: ${s.text}`);
      return seen.flatMap((s) => {
        const run = englishRun(s.text, foreign);
        return run ? [`${s.where}: “${run}” in “${s.text}”`] : [];
      });
    },
  };
}

const base64 = (text: string) => Buffer.from(text).toString('base64');
/** A print system with one queue, refusing jobs until `accept()` (the test's stand-in for CUPS). */
function deskPrinter() {
  let state: 'rejecting' | 'idle' = 'rejecting';
  const titles: string[] = [];
  const backend: PrintBackend = {
    kind: 'cups',
    listPrinters: async () => [{ name: 'desk-queue', isDefault: true, state, message: null }],
    print: async (request) => {
      titles.push(request.title);
      return { osJobId: `${request.printer}-1` };
    },
  };
  return { backend, titles, accept: () => void (state = 'idle') };
}

const GOOD_TOKEN = 'ff_dev_aW4tamFwYW5lc2U_good';

async function japaneseDemo(options: TestStationOptions = {}) {
  const { sim, startDemo } = await controlledDemo();
  cleanup.push(() => sim.close());
  const printer = deskPrinter();
  const station = createTestStation({ startDemo, systemLocale: 'ja-JP', printBackend: printer.backend, ...options });
  cleanup.push(() => station.close());
  expect((await station.client.env.switch({ environment: 'demo' })).ok).toBe(true);
  return { sim, station, client: station.client, printer };
}

describe('the helper that finds English', () => {
  it('flags a run of English words and lets names, paths and the API’s text through', () => {
    expect(englishRun('ラベルを作成できませんでした（the connection was refused）。')).toBe('the connection was refused');
    expect(englishRun('Flex Forward API に接続できませんでした。CUPS を起動してください。')).toBeNull();
    expect(englishRun('ファイル /tmp/ffs station/label history.sqlite を開けません。')).toBeNull();
    expect(englishRun('配送業者が拒否しました: Postal code is invalid', ['Postal code is invalid'])).toBeNull();
  });
});

describe('a Japanese operator reads Japanese from main', () => {
  it('labels: validation, the weight question, a duplicate, a disk that is full, an unknown label, a stale history page', async () => {
    let free = 100 * 1024 * 1024;
    const { client } = await japaneseDemo({ diskSpace: { statfs: () => ({ bavail: free, bsize: 1 }) } });
    const r = reader();

    const blank = labelDraft('JA-BLANK', { postalCode: '' });
    blank.shipment.shipTo.contact.firstName = '';
    r.read('create (blank fields)', await client.labels.create({ draft: blank }));

    const heavy = labelDraft('JA-HEAVY');
    heavy.shipment.parcels[0]!.weight = 120;
    const weight = r.read('create (120 kg)', await client.labels.create({ draft: heavy }));
    expect(weight).toMatchObject({ ok: false, error: { code: 'weight_implausible' } });

    expect(r.read('create', await client.labels.create({ draft: labelDraft(null) })).ok).toBe(true);
    const duplicate = r.read('create again', await client.labels.create({ draft: labelDraft(null) }));
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'duplicate_shipment' } });

    free = 1024 * 1024;
    const full = r.read('create (disk full)', await client.labels.create({ draft: labelDraft('JA-FULL') }));
    expect(full).toMatchObject({ ok: false, error: { code: 'disk_full' } });
    free = 100 * 1024 * 1024;

    r.read('history (stale page)', await client.labels.history({ cursor: 'bm90LWEtY3Vyc29y', limit: 10 }));
    expect(r.read('history (stale page)', await client.labels.history({ cursor: 'bm90LWEtY3Vyc29y', limit: 10 }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_cursor' },
    });
    r.read('label (unknown)', await client.labels.get({ id: 'no-such-label' }));
    r.read('tracking (unknown)', await client.tracking.get({ id: 'no-such-label' }));

    expect(r.seen.length).toBeGreaterThan(8);
    expect(r.english()).toEqual([]);
  });

  it('the courier and the API refuse: the station’s sentence is Japanese around the courier’s and the API’s own words', async () => {
    const { client } = await japaneseDemo();
    // What the simulator (the API's stand-in) and its courier say: their words, in English as the API answers.
    const r = reader(['YunExpress API returned HTTP 503: Service unavailable', 'YunExpress API returned HTTP 400: Bad request']);
    const down = r.read(
      'create (courier down)',
      await client.labels.create({ draft: labelDraft('JA-DOWN', { firstName: 'COURIER-DOWN' }) }),
    );
    expect(down).toMatchObject({ ok: false, error: { code: 'courier_unavailable' } });
    const refused = r.read(
      'create (courier refuses)',
      await client.labels.create({ draft: labelDraft('JA-REJECT', { firstName: 'REJECT' }) }),
    );
    expect(refused).toMatchObject({ ok: true, value: { kind: 'rejected', label: { status: 'failed' } } });
    // The API refuses an unknown product: its field message is the API's; the station's sentence is Japanese.
    const invalid = await client.labels.create({ draft: labelDraft('JA-NOPRODUCT', { productCode: 'NO-SUCH-PRODUCT' }) });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'validation' } });
    if (!invalid.ok) r.read('create (unknown product)', { message: invalid.error.message });
    r.read('products (unknown courier)', await client.catalog.products({ courier: 'no-such-courier', refresh: true }));
    expect(r.english()).toEqual([]);
  });

  it('printing: no printer, a refused profile, a print, the print log; tracking’s change summary; a hand-over with no parcels', async () => {
    const { client, printer } = await japaneseDemo();
    const r = reader();
    const created = await client.labels.create({ draft: labelDraft('JA-PRINT') });
    if (!created.ok || created.value.kind !== 'created') throw new Error('no label');
    const id = created.value.label.id;

    expect(r.read('print (no printer)', await client.print.labels({ labelIds: [id] }))).toMatchObject({ ok: false });
    r.read('printers', await client.printers.list());
    const refused = r.read(
      'save profile (queue rejecting)',
      await client.printers.saveProfile({ name: 'Desk', printer: 'desk-queue', role: 'labels' }),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'printer_rejected' } });
    expect(
      r.read(
        'save profile (confirmed)',
        await client.printers.saveProfile({ name: 'Desk', printer: 'desk-queue', role: 'labels', confirmNotReady: true }),
      ).ok,
    ).toBe(true);
    r.read('print (queue rejecting)', await client.print.labels({ labelIds: [id] }));
    printer.accept();
    // The operator looks at the printers again (the station's reading of the queues is renewed).
    r.read('printers (accepting)', await client.printers.list());
    expect(r.read('print', await client.print.labels({ labelIds: [id] }))).toMatchObject({ ok: true, value: { state: 'sent' } });
    r.read('print log', await client.print.log({}));
    // The job's name, as the system's print queue lists it.
    expect(printer.titles).toEqual([`Flex Forward ラベル ${id}`]);
    r.read('calibration (no such profile)', await client.print.calibration({ id: 'gone' }));

    const tracked = r.read('refresh tracking', await client.tracking.refreshInTransit());
    expect(tracked.ok && tracked.value.summary.text.length).toBeGreaterThan(0);

    const handover = r.read('hand-over (no parcels)', await client.handover.sheet({ day: '2020-01-02' }));
    expect(handover).toMatchObject({ ok: false, error: { code: 'handover_nothing' } });

    expect(r.english()).toEqual([]);
  });

  it('batch and station mode: a bad file, issues in a good one, an unknown order, the weight question, print all', async () => {
    const { client, printer } = await japaneseDemo();
    printer.accept();
    const r = reader();
    expect(r.read('import (empty)', await client.batch.import({ fileName: 'empty.csv', base64: base64('\r\n') }))).toMatchObject({
      ok: false,
    });
    r.read(
      'import (not a table)',
      await client.batch.import({ fileName: 'photo.csv', base64: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]).toString('base64') }),
    );
    const csv = stationCsv([
      { orderNumber: 'JA-1001' },
      { orderNumber: 'JA-NOWEIGHT', weight: '' },
      { orderNumber: 'JA-BAD', postalCode: '' },
    ]);
    const imported = r.read('import', await client.batch.import({ fileName: 'today.csv', base64: base64(csv) }));
    if (!imported.ok) throw new Error(imported.error.message);

    r.read('scan (unknown order)', await client.scan.submit({ input: 'NOPE-404' }));
    r.read('scan (no weight)', await client.scan.submit({ input: 'JA-NOWEIGHT' }));
    r.read('scan (cannot send)', await client.scan.submit({ input: 'JA-BAD' }));
    r.read('scan (no printer)', await client.scan.submit({ input: 'JA-1001' }));

    await client.printers.saveProfile({ name: 'Desk', printer: 'desk-queue', role: 'labels' });
    r.read('scan (printed)', await client.scan.submit({ input: 'JA-1001' }));
    await client.batch.preview({ importId: imported.value.importId, exclude: { orderNumber: 'JA-BAD', excluded: true } });
    await client.batch.preview({ importId: imported.value.importId, exclude: { orderNumber: 'JA-NOWEIGHT', excluded: true } });
    const started = r.read(
      'batch start',
      await client.batch.start({ importId: imported.value.importId, includeAlreadyLabelled: true, printWhenDone: true }),
    );
    if (!started.ok) throw new Error(started.error.message);
    let run = started.value;
    while (run.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const next = await client.batch.run({ runId: run.runId });
      if (!next.ok) throw new Error(next.error.message);
      run = next.value;
    }
    r.read('batch run', run);
    expect(run.state).toBe('done');

    expect(r.english()).toEqual([]);
  });

  it('connection: the API cannot be reached, a refused token, an address that is not allowed', async () => {
    const sim = await startSimulator({ tokens: [{ token: GOOD_TOKEN, accounts: ['11111111-2222-4333-8444-555555555555'] }] });
    cleanup.push(() => sim.close());
    const station = createTestStation({ systemLocale: 'ja-JP', connectionProbeEveryMs: 60_000 });
    cleanup.push(() => station.close());
    const { client } = station;
    const r = reader();

    r.read('base URL (http)', await client.env.setBaseUrl({ environment: 'development', baseUrl: 'http://api.example.com' }));
    r.read('base URL (credentials)', await client.env.setBaseUrl({ environment: 'development', baseUrl: 'https://me:pw@api.example.com' }));

    await client.env.setBaseUrl({ environment: 'development', baseUrl: `http://127.0.0.1:${await closedPort()}` });
    r.read('token (unreachable)', await client.token.set({ environment: 'development', token: 'ff_dev_aW4tamFwYW5lc2U_nope' }));
    await client.token.set({ environment: 'development', token: 'ff_dev_aW4tamFwYW5lc2U_nope', allowUnverified: true });
    await client.env.switch({ environment: 'development' });
    const offline = r.read('couriers (offline)', await client.catalog.couriers({ refresh: true }));
    expect(offline).toMatchObject({ ok: false, error: { code: 'network' } });
    const connection = r.read('connection', await client.app.connection());
    expect(connection).toMatchObject({ ok: true, value: { online: false } });

    await client.env.setBaseUrl({ environment: 'development', baseUrl: sim.url });
    r.read('token (refused)', await client.token.set({ environment: 'development', token: 'ff_dev_aW4tamFwYW5lc2U_nope' }));
    expect((await client.token.set({ environment: 'development', token: GOOD_TOKEN })).ok).toBe(true);
    // The token is withdrawn at the API: the next call is answered 401.
    sim.revokeToken(GOOD_TOKEN);
    const refused = r.read('couriers (refused token)', await client.catalog.couriers({ refresh: true }));
    expect(refused).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    expect(r.seen.length).toBeGreaterThan(5);
    expect(r.english()).toEqual([]);
  });

  it('the SKU catalogue: its export has Japanese headers and reads back into an English station; a file without an SKU column is explained in Japanese', async () => {
    const station = createTestStation({ systemLocale: 'ja-JP' });
    cleanup.push(() => station.close());
    const r = reader();
    const csv =
      'SKU,English description,Country of origin,Unit weight (kg),Declared value,Currency\r\nTS-01,Cotton T-shirt,CN,0.2,12.5,USD\r\n';
    r.read('import', await station.client.skuCatalogue.importCsv({ fileName: 'products.csv', base64: base64(csv) }));
    r.read(
      'import (no SKU column)',
      await station.client.skuCatalogue.importCsv({ fileName: 'x.csv', base64: base64('Name,Weight\r\nTee,0.2\r\n') }),
    );
    const exported = await station.client.skuCatalogue.exportCsv();
    if (!exported.ok || !exported.value.path) throw new Error('not exported');
    const bytes = readFileSync(exported.value.path);
    const headers = bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n')[0]!;
    r.read('export headers', { text: headers });
    expect(headers).toBe('SKU,英語の品名,現地語の品名,HS コード,原産国,1 個あたりの重量（kg）,申告価格,通貨');

    const english = createTestStation();
    cleanup.push(() => english.close());
    const again = await english.client.skuCatalogue.importCsv({ fileName: 'products-by-sku.csv', base64: bytes.toString('base64') });
    expect(again).toMatchObject({ ok: true, value: { added: 1, rejectedRows: 0, issues: [] } });
    expect(await english.client.skuCatalogue.list({})).toMatchObject({
      ok: true,
      value: { entries: [{ sku: 'TS-01', descriptionEn: 'Cotton T-shirt', originCountry: 'CN', unitWeight: 0.2, currency: 'USD' }] },
    });
    expect(r.english()).toEqual([]);
  });

  it('start-up: a settings file that cannot be read is reported in Japanese on a Japanese computer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ffs-ja-settings-'));
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'settings.json'), '{ not json');
    const station = createTestStation({ systemLocale: 'ja-JP', userDataDir: dir });
    cleanup.push(() => station.close());
    const r = reader();
    const info = r.read('app info', await station.client.app.info());
    expect(info.ok && info.value.notice).toBeTruthy();
    expect(r.english()).toEqual([]);
  });
});
