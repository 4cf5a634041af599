import { afterAll, describe, expect, it } from 'vitest';
import type { PrintBackend, PrintRequest } from '../../electron/core/printing/print-service';
import { StationError } from '../../electron/core/errors';
import { startSimulator } from '../../electron/simulator';
import { COMMAND_CODES, RECENT_SCANS, type ScanResult } from '../../shared/domain/scan';
import { controlledDemo } from '../fixtures/label-drafts';
import { stationCsv, type StationOrder } from '../fixtures/station-orders';
import { createTestStation } from '../support/test-station';

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A print backend that records each job; `fail` makes the next jobs fail the way CUPS refuses them. */
function recordingBackend() {
  const jobs: PrintRequest[] = [];
  const control = { fail: null as StationError | null };
  const backend: PrintBackend = {
    kind: 'cups',
    listPrinters: async () => [],
    print: async (request) => {
      if (control.fail) throw control.fail;
      jobs.push(request);
      return { osJobId: `${request.printer}-${jobs.length}` };
    },
  };
  return { backend, jobs, control };
}

const ORDERS: StationOrder[] = [
  { orderNumber: 'ST-1001' },
  { orderNumber: 'ST-1002' },
  { orderNumber: 'ST-NOWEIGHT', weight: '' },
  { orderNumber: 'ST-BADPOSTAL', postalCode: '' },
  { orderNumber: 'ST-REFUSED', firstName: 'REJECT' },
];

async function scanStation(orders: StationOrder[] = ORDERS) {
  const { sim, startDemo } = await controlledDemo();
  cleanup.push(() => sim.close());
  const printing = recordingBackend();
  const station = createTestStation({ startDemo, printBackend: printing.backend });
  cleanup.push(() => station.close());
  const { client } = station;
  await client.env.switch({ environment: 'demo' });
  await client.printers.saveProfile({ name: 'Desk printer', printer: 'desk-queue', role: 'labels' });
  const imported = await client.batch.import({ fileName: 'today.csv', base64: Buffer.from(stationCsv(orders)).toString('base64') });
  expect(imported.ok).toBe(true);
  const scan = async (input: string, weight?: string): Promise<ScanResult> => {
    const answer = await client.scan.submit({ input, weight });
    if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
    return answer.value.result;
  };
  return { sim, station, client, printing, scan };
}

describe('station mode: one scan, one outcome', () => {
  it('an imported order is created once and printed on the default label printer; scanning it again reprints the stored label', async () => {
    const { sim, client, printing, scan } = await scanStation();
    const first = await scan('ST-1001');
    expect(first).toMatchObject({
      status: 'printed',
      orderNumber: 'ST-1001',
      printer: 'Desk printer (desk-queue)',
      osJobId: 'desk-queue-1',
      weight: '0.8 kg',
    });
    expect(first.trackingNumber).toBeTruthy();
    expect(first.recipient).toBe('Dana Reyes, New York, US');
    expect(printing.jobs).toHaveLength(1);
    expect(Buffer.from(printing.jobs[0]!.pdf.slice(0, 5)).toString()).toBe('%PDF-');

    const again = await scan('  ST-1001 ');
    expect(again).toMatchObject({
      status: 'reprinted',
      labelId: first.labelId,
      trackingNumber: first.trackingNumber,
      printer: 'Desk printer (desk-queue)',
      // The weight it was bought with, from the stored request.
      weight: '0.8 kg',
    });
    expect(again.message).toMatch(/already had a label.*no new label was bought/);
    expect(printing.jobs).toHaveLength(2);
    expect(sim.stats().labelsByKey).toEqual({ 'ST-1001': 1 });

    const session = await client.scan.session();
    expect(session).toMatchObject({
      ok: true,
      value: { labelsMade: 1, reprints: 1, failures: 0, ordersLoaded: 5, files: ['today.csv'], lastLabelId: first.labelId },
    });
  });

  it('an unknown order, an order that fails validation and one the courier refuses each get their own state', async () => {
    const { sim, client, printing, scan } = await scanStation();
    expect(await scan('NOT-AN-ORDER')).toMatchObject({ status: 'unknown_order', title: 'Unknown order NOT-AN-ORDER' });
    const invalid = await scan('ST-BADPOSTAL');
    expect(invalid).toMatchObject({ status: 'validation', title: 'Order ST-BADPOSTAL cannot be sent' });
    expect(invalid.message).toMatch(/row \d+, Postal code: .*Fix it in Batch/);
    const refused = await scan('ST-REFUSED');
    expect(refused).toMatchObject({ status: 'rejected', title: 'Courier refused order ST-REFUSED' });
    expect(printing.jobs).toHaveLength(0);
    // Only the refused order reached the API (and bought nothing).
    expect(Object.keys(sim.stats().labelsByKey)).toEqual(['ST-REFUSED']);
    const session = await client.scan.session();
    expect(session.ok && session.value).toMatchObject({ labelsMade: 0, reprints: 0, failures: 3 });
  });

  it('with no orders loaded, an unknown scan says to load the file first', async () => {
    const { sim, startDemo } = await controlledDemo();
    cleanup.push(() => sim.close());
    const station = createTestStation({ startDemo, printBackend: recordingBackend().backend });
    cleanup.push(() => station.close());
    await station.client.env.switch({ environment: 'demo' });
    const answer = await station.client.scan.submit({ input: 'ST-1001' });
    expect(answer.ok && answer.value.result).toMatchObject({
      status: 'unknown_order',
      message: expect.stringMatching(/No orders are loaded yet/),
    });
  });

  it('an order without a weight waits for one; the weight is used for that parcel only', async () => {
    const { sim, client, printing, scan, station } = await scanStation();
    const waiting = await scan('ST-NOWEIGHT');
    expect(waiting).toMatchObject({
      status: 'needs_weight',
      title: 'Weigh order ST-NOWEIGHT',
      message: expect.stringMatching(/weight in kg/),
    });
    expect((await client.scan.session()).ok && (await client.scan.session())).toMatchObject({
      value: { pending: { orderNumber: 'ST-NOWEIGHT', unit: 'KG' } },
    });
    expect(sim.stats().labelsCreated).toBe(0);

    expect(await scan('ST-NOWEIGHT', 'heavy')).toMatchObject({ status: 'validation', title: 'Check the weight' });
    const printed = await scan('ST-NOWEIGHT', '1,25');
    expect(printed).toMatchObject({ status: 'printed', orderNumber: 'ST-NOWEIGHT' });
    const sent = station.services.database.db.prepare("SELECT body FROM outbox WHERE order_number = 'ST-NOWEIGHT'").get() as {
      body: string;
    };
    expect(JSON.parse(sent.body).shipment.parcels[0].weight).toBe(1.25);
    expect(printing.jobs).toHaveLength(1);
    const session = await client.scan.session();
    expect(session.ok && session.value.pending).toBeNull();

    // An order with its own weight keeps it: a weight left in the field is not applied to it.
    await scan('ST-1002', '9');
    const other = station.services.database.db.prepare("SELECT body FROM outbox WHERE order_number = 'ST-1002'").get() as { body: string };
    expect(JSON.parse(other.body).shipment.parcels[0].weight).toBe(0.8);
  });

  it('a printer error keeps the label (counted, never bought again) and the next scan of the order prints it', async () => {
    const { sim, client, printing, scan } = await scanStation();
    printing.control.fail = new StationError(
      'printer_rejected',
      'The printer “desk-queue” is not accepting jobs. Turn it on in the printer settings.',
    );
    const failed = await scan('ST-1001');
    expect(failed).toMatchObject({
      status: 'printer',
      title: expect.stringMatching(/^Not printed: /),
      message: expect.stringMatching(/not accepting jobs.*No new label is bought/),
    });
    expect(failed.labelId).toBeTruthy();
    printing.control.fail = null;
    expect(await scan('ST-1001')).toMatchObject({ status: 'reprinted', labelId: failed.labelId });
    expect(sim.stats().labelsCreated).toBe(1);
    const session = await client.scan.session();
    expect(session.ok && session.value).toMatchObject({ labelsMade: 1, reprints: 1, failures: 1 });
  });

  it('no printer set up is a printer state, with what to do', async () => {
    const { client, scan } = await scanStation();
    const settings = await client.settings.get();
    await client.printers.removeProfile({ id: settings.ok ? settings.value.printerProfiles[0]!.id : '' });
    expect(await scan('ST-1001')).toMatchObject({
      status: 'printer',
      message: expect.stringMatching(/No label printer is set up yet\. Add one in Settings → Printers/),
    });
  });

  it('an expired (revoked) token is its own state and buys nothing', async () => {
    const { sim, scan } = await scanStation();
    sim.revokeToken('demo-token-flexforward-station');
    const refused = await scan('ST-1001');
    expect(refused).toMatchObject({ status: 'token', title: 'The API token needs attention', message: expect.stringMatching(/refused/) });
    expect(sim.stats().labelsCreated).toBe(0);
  });

  it('command barcodes: reprint last, next printer profile, cancel the order waiting for a weight, leave', async () => {
    const { sim, client, printing, scan } = await scanStation();
    expect(await scan(COMMAND_CODES.reprint_last)).toMatchObject({ status: 'command', title: 'Nothing to reprint' });
    await client.printers.saveProfile({ name: 'Back printer', printer: 'back-queue', role: 'labels' });
    await client.printers.saveProfile({ name: 'Office A4', printer: 'office', role: 'documents' });

    const printed = await scan('ST-1001');
    expect(printed.printer).toBe('Desk printer (desk-queue)');
    // Case does not matter (Caps Lock on the scanner); documents printers are not in the cycle.
    expect(await scan(COMMAND_CODES.next_printer.toLowerCase())).toMatchObject({ status: 'command', title: 'Printing on Back printer' });
    const reprinted = await scan(COMMAND_CODES.reprint_last);
    expect(reprinted).toMatchObject({ status: 'reprinted', labelId: printed.labelId, printer: 'Back printer (back-queue)' });
    expect(printing.jobs.map((j) => j.printer)).toEqual(['desk-queue', 'back-queue']);
    expect(await scan(COMMAND_CODES.next_printer)).toMatchObject({ title: 'Printing on Desk printer' });

    expect(await scan('ST-NOWEIGHT')).toMatchObject({ status: 'needs_weight' });
    expect(await scan(COMMAND_CODES.cancel)).toMatchObject({ status: 'cancelled', title: 'Cancelled order ST-NOWEIGHT' });
    const keyed = await client.scan.command({ command: 'leave' });
    expect(keyed.ok && keyed.value.result).toMatchObject({ status: 'command', input: COMMAND_CODES.leave, title: 'Leaving station mode' });
    expect(keyed.ok && keyed.value.session).toMatchObject({ pending: null, labelsMade: 1, reprints: 1, failures: 0 });
    expect(sim.stats().labelsCreated).toBe(1);
  });

  it('an order waiting for a weight that another scan replaces is listed as cancelled, and nothing is bought for it', async () => {
    const { sim, client, scan } = await scanStation();
    expect(await scan('ST-NOWEIGHT')).toMatchObject({ status: 'needs_weight' });
    expect(await scan('ST-1001')).toMatchObject({ status: 'printed', orderNumber: 'ST-1001' });
    const session = await client.scan.session();
    expect(session.ok && session.value).toMatchObject({ pending: null, labelsMade: 1, failures: 0 });
    expect(session.ok && session.value.recent.map((r) => [r.status, r.orderNumber])).toEqual([
      ['printed', 'ST-1001'],
      ['cancelled', 'ST-NOWEIGHT'],
      ['needs_weight', 'ST-NOWEIGHT'],
    ]);
    expect(session.ok && session.value.recent[1]!.message).toMatch(/Order ST-1001 was scanned before order ST-NOWEIGHT had a weight/);
    expect(sim.stats().labelsByKey).toEqual({ 'ST-1001': 1 });
  });

  it('scans sent faster than labels are made are handled one by one: the same order twice is one label and one reprint', async () => {
    const { sim, client } = await scanStation();
    const [a, b] = await Promise.all([client.scan.submit({ input: 'ST-1002' }), client.scan.submit({ input: 'ST-1002' })]);
    expect([a.ok && a.value.result.status, b.ok && b.value.result.status]).toEqual(['printed', 'reprinted']);
    expect(sim.stats().labelsByKey).toEqual({ 'ST-1002': 1 });
  });

  it('the session lists the last 20 scans, newest first, and starts again on reset', async () => {
    const { client, scan } = await scanStation();
    for (let i = 1; i <= RECENT_SCANS + 3; i += 1) await scan(`UNKNOWN-${i}`);
    const session = await client.scan.session();
    const recent = session.ok ? session.value.recent : [];
    expect(recent).toHaveLength(RECENT_SCANS);
    expect(recent[0]!.input).toBe(`UNKNOWN-${RECENT_SCANS + 3}`);
    expect(recent.at(-1)!.input).toBe('UNKNOWN-4');
    expect(session.ok && session.value.failures).toBe(RECENT_SCANS + 3);
    const reset = await client.scan.reset();
    expect(reset.ok && reset.value).toMatchObject({ labelsMade: 0, reprints: 0, failures: 0, recent: [] });
  });

  it('scan input is validated in main: empty, too long or extra fields are refused', async () => {
    const { client } = await scanStation();
    expect(await client.scan.submit({ input: '   ' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await client.scan.submit({ input: 'x'.repeat(201) })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await (client.scan.submit as (i: unknown) => Promise<unknown>)({ input: 'ST-1001', token: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});

describe('station mode: an implausible weight is asked about before anything is bought', () => {
  const WEIGHT_ORDERS: StationOrder[] = [
    ...ORDERS,
    { orderNumber: 'ST-HEAVY', weight: '120' },
    { orderNumber: 'ST-LIGHT', weight: '0.2', unitWeight: '0.5', quantity: '2' },
  ];
  const sentWeight = (station: Awaited<ReturnType<typeof scanStation>>['station'], orderNumber: string) => {
    const rows = station.services.database.db.prepare('SELECT body FROM outbox WHERE order_number = ?').all(orderNumber) as {
      body: string;
    }[];
    return rows.map((r) => JSON.parse(r.body).shipment.parcels[0].weight as number);
  };

  it('a typed 120 (meant 1.20) is not bought; the second scan of the order confirms it and buys it once, showing the weight', async () => {
    const { sim, client, printing, scan, station } = await scanStation(WEIGHT_ORDERS);
    expect(await scan('ST-NOWEIGHT')).toMatchObject({ status: 'needs_weight' });
    const asked = await scan('ST-NOWEIGHT', '120');
    expect(asked).toMatchObject({
      status: 'check_weight',
      orderNumber: 'ST-NOWEIGHT',
      title: 'Check the weight of order ST-NOWEIGHT',
      weight: '120 kg',
      labelId: null,
    });
    expect(asked.message).toMatch(
      /^120 kg is outside 0\.01–30 kg\. .*Scan the order again or press Enter to confirm 120 kg; type a new weight to correct\.$/,
    );
    expect(sim.stats().labelsCreated).toBe(0);
    expect(printing.jobs).toHaveLength(0);
    const waiting = await client.scan.session();
    expect(waiting.ok && waiting.value).toMatchObject({ pending: { orderNumber: 'ST-NOWEIGHT', confirm: '120 kg' }, failures: 0 });

    // The second scan (what Enter in the empty weight field sends): the same weight, confirmed.
    const bought = await scan('ST-NOWEIGHT');
    expect(bought).toMatchObject({ status: 'printed', orderNumber: 'ST-NOWEIGHT', weight: '120 kg' });
    expect(sentWeight(station, 'ST-NOWEIGHT')).toEqual([120]);
    expect(sim.stats().labelsByKey).toEqual({ 'ST-NOWEIGHT': 1 });
    expect(await scan('ST-NOWEIGHT')).toMatchObject({ status: 'reprinted', weight: '120 kg' });
    expect(sim.stats().labelsCreated).toBe(1);
    const session = await client.scan.session();
    expect(session.ok && session.value).toMatchObject({ pending: null, labelsMade: 1, reprints: 1 });
  });

  it('a file weight of 120 is asked about; a new weight typed corrects it (even over the file) and that weight is bought', async () => {
    const { sim, scan, station } = await scanStation(WEIGHT_ORDERS);
    expect(await scan('ST-HEAVY')).toMatchObject({ status: 'check_weight', weight: '120 kg' });
    expect(sim.stats().labelsCreated).toBe(0);
    // Another implausible weight is asked about again, not bought.
    expect(await scan('ST-HEAVY', '95')).toMatchObject({ status: 'check_weight', weight: '95 kg' });
    expect(sim.stats().labelsCreated).toBe(0);
    expect(await scan('ST-HEAVY', '1,2')).toMatchObject({ status: 'printed', weight: '1.2 kg' });
    expect(sentWeight(station, 'ST-HEAVY')).toEqual([1.2]);
    expect(sim.stats().labelsByKey).toEqual({ 'ST-HEAVY': 1 });
  });

  it('a parcel lighter than its items (0.2 kg for 2 × 0.5 kg) is asked about; confirmed, it is bought once', async () => {
    const { sim, scan } = await scanStation(WEIGHT_ORDERS);
    const asked = await scan('ST-LIGHT');
    expect(asked).toMatchObject({ status: 'check_weight', weight: '0.2 kg' });
    expect(asked.message).toMatch(/^0\.2 kg is less than its items weigh \(1 kg: unit weight × quantity\)\./);
    expect(sim.stats().labelsCreated).toBe(0);
    expect(await scan('ST-LIGHT')).toMatchObject({ status: 'printed', weight: '0.2 kg' });
    expect(sim.stats().labelsByKey).toEqual({ 'ST-LIGHT': 1 });
  });

  it('the range is the one in Settings → Defaults; another scan while a weight is asked about cancels that order', async () => {
    const { sim, client, scan } = await scanStation(WEIGHT_ORDERS);
    const saved = await client.settings.setDefaults({ weightRange: { minKg: 0.01, maxKg: 0.5 } });
    expect(saved.ok && saved.value.defaults.weightRange).toEqual({ minKg: 0.01, maxKg: 0.5 });
    const asked = await scan('ST-1001');
    expect(asked).toMatchObject({ status: 'check_weight', message: expect.stringMatching(/^0\.8 kg is outside 0\.01–0\.5 kg\./) });
    expect(await scan('ST-1002')).toMatchObject({ status: 'check_weight', orderNumber: 'ST-1002' });
    const session = await client.scan.session();
    expect(session.ok && session.value.recent[1]).toMatchObject({
      status: 'cancelled',
      orderNumber: 'ST-1001',
      message: expect.stringMatching(/before order ST-1001 had its weight confirmed, so nothing was created/),
    });
    // A second scan of ST-1001 now is a first question again, not a confirmation.
    expect(await scan('ST-1001')).toMatchObject({ status: 'check_weight' });
    expect(sim.stats().labelsCreated).toBe(0);
    // A range that makes no sense is refused in main.
    expect(await client.settings.setDefaults({ weightRange: { minKg: 5, maxKg: 2 } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});

describe('station mode with a token', () => {
  it('a token that expired after it was saved names the environment and what to do', async () => {
    const TOKEN = 'ff_dev_U3RhdGlvbk1vZGVUb2tlbg_c3d4';
    const ACCOUNT = '11111111-2222-4333-8444-555555555555';
    const sim = await startSimulator({ tokens: [{ token: TOKEN, accounts: [ACCOUNT] }] });
    cleanup.push(() => sim.close());
    const station = createTestStation({ printBackend: recordingBackend().backend });
    cleanup.push(() => station.close());
    const { client } = station;
    await client.env.setBaseUrl({ environment: 'development', baseUrl: sim.url });
    expect((await client.token.set({ environment: 'development', token: TOKEN })).ok).toBe(true);
    await client.accounts.add({ environment: 'development', id: ACCOUNT, name: 'Main' });
    await client.env.switch({ environment: 'development' });
    await client.printers.saveProfile({ name: 'Desk printer', printer: 'desk-queue', role: 'labels' });
    await client.batch.import({ fileName: 'today.csv', base64: Buffer.from(stationCsv(ORDERS)).toString('base64') });
    sim.revokeToken(TOKEN);
    const answer = await client.scan.submit({ input: 'ST-1001' });
    expect(answer.ok && answer.value.result).toMatchObject({
      status: 'token',
      message: 'The token for Development was refused. Enter a new one in Settings → Environments.',
    });
  });
});
