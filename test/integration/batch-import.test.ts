import { afterAll, describe, expect, it } from 'vitest';
import { buildOrders } from '../../electron/core/batch/build-orders';
import { parseCsv } from '../../electron/core/batch/csv-parse';
import { suggestMapping } from '../../electron/core/batch/mapping';
import { BATCH_FIELDS, batchFieldLabels, type BatchDefaults, type BatchField } from '../../shared/domain/batch';
import { MAX_ISSUES_PER_ORDER } from '../../shared/domain/batch-view';
import { controlledDemo } from '../fixtures/label-drafts';
import { largeOrdersCsv } from '../fixtures/large-csv';
import { stationCsv } from '../fixtures/station-orders';
import { createTestStation } from '../support/test-station';

/** Batch imports are bounded (issue 12, item 6): parsed off the main thread, paged, evicted. */

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function station(options: Parameters<typeof createTestStation>[0] = {}) {
  const s = createTestStation(options);
  cleanup.push(() => s.close());
  return s;
}
const base64 = (csv: string) => Buffer.from(csv).toString('base64');
/** The station's defaults as the batch service reads them from fresh settings. */
const DEFAULTS: BatchDefaults = { courier: null, productCode: null, labelFormat: 'PDF', units: 'metric', sender: null, preset: null };

/** A small file of `n` one-row orders named `${prefix}-1` … (the station's own headers). */
const smallCsv = (prefix: string, n = 3) => stationCsv(Array.from({ length: n }, (_, i) => ({ orderNumber: `${prefix}-${i + 1}` })));

function ok<T>(answer: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

describe('a large import runs in a worker thread and comes back in pages', () => {
  it(
    '50,000 rows: main answers other calls while the file is parsed, and every page matches the orders built from the file',
    { timeout: 180_000 },
    async () => {
      const file = largeOrdersCsv({ rows: 50_000, issueEvery: 97 });
      const { client } = station();

      let importDone = false;
      let answeredDuringImport: boolean | null = null;
      const pending = client.batch.import({ fileName: 'big.csv', base64: base64(file.csv), limit: 500 }).then((answer) => {
        importDone = true;
        return answer;
      });
      // On the main thread this timer would only run after the whole file was parsed and built.
      setTimeout(() => void client.app.info().then(() => (answeredDuringImport = !importDone)), 0);
      const first = ok(await pending);
      await new Promise((r) => setTimeout(r, 0));
      await client.app.info();
      expect(answeredDuringImport).toBe(true);

      // What the preview must show: the same file through the same synchronous functions, here.
      const parsed = parseCsv(file.csv);
      const expected = buildOrders(parsed.rows, suggestMapping(parsed.headers), DEFAULTS);
      const withIssues = expected.filter((o) => o.issues.length > 0);
      expect(expected).toHaveLength(file.orders);
      expect(withIssues).toHaveLength(file.ordersWithIssues);
      const asPreview = (o: (typeof expected)[number]) => ({
        orderNumber: o.orderNumber,
        rows: o.rows,
        valid: o.draft !== null,
        issues: o.issues,
        issueCount: o.issues.length,
        excluded: false,
        alreadyLabelled: false,
      });

      expect(first).toMatchObject({
        fileName: 'big.csv',
        rowCount: 50_000,
        page: { offset: 0, limit: 500, total: file.orders, filter: 'all' },
        counts: {
          orders: file.orders,
          ready: file.orders - withIssues.length,
          withIssues: withIssues.length,
          issues: withIssues.length,
          excluded: 0,
          alreadyLabelled: 0,
        },
      });
      expect(first.orders).toEqual(expected.slice(0, 500).map(asPreview));

      const middle = ok(await client.batch.preview({ importId: first.importId, offset: 12_345, limit: 250 }));
      expect(middle.page).toEqual({ offset: 12_345, limit: 250, total: file.orders, filter: 'all' });
      expect(middle.orders).toEqual(expected.slice(12_345, 12_595).map(asPreview));

      // Past the end: the last page, with what is left.
      const last = ok(await client.batch.preview({ importId: first.importId, offset: 10_000_000, limit: 500 }));
      const lastOffset = Math.floor((file.orders - 1) / 500) * 500;
      expect(last.page.offset).toBe(lastOffset);
      expect(last.orders).toEqual(expected.slice(lastOffset).map(asPreview));

      // Only the orders with issues, in file order, paged too.
      const issues = ok(await client.batch.preview({ importId: first.importId, filter: 'issues', offset: 100, limit: 100 }));
      expect(issues.page).toEqual({ offset: 100, limit: 100, total: withIssues.length, filter: 'issues' });
      expect(issues.orders).toEqual(withIssues.slice(100, 200).map(asPreview));
    },
  );
});

describe('the preview page', () => {
  it('pages, filters to the orders with issues, follows fixes, exclusions and a new mapping, and caps the issues listed per order', async () => {
    const { client } = station();
    // 30 orders; every 5th lacks its postal code; BAD-ITEMS has 25 item rows with an unreadable price each.
    const file = largeOrdersCsv({ rows: 60, issueEvery: 5 });
    const header = BATCH_FIELDS.map((f) => batchFieldLabels[f]).join(',');
    const itemRow = (i: number) => {
      const row: Partial<Record<BatchField, string>> = {
        orderNumber: 'BAD-ITEMS',
        descriptionEn: `Item ${i}`,
        quantity: '1',
        unitPrice: 'abc',
        currency: 'USD',
        unitWeight: '0.1',
        ...(i === 0
          ? {
              firstName: 'Ann',
              lastName: 'Lee',
              phone: '+1-617-555-0100',
              street1: '1 Main St',
              city: 'Boston',
              state: 'MA',
              postalCode: '02108',
              countryCode: 'US',
              weight: '1',
              courier: 'yunexpress',
              productCode: 'YEXP01',
            }
          : {}),
      };
      return BATCH_FIELDS.map((f) => row[f] ?? '').join(',');
    };
    const csv = `${file.csv}${Array.from({ length: 25 }, (_, i) => itemRow(i)).join('\r\n')}\r\n`;
    expect(csv.startsWith(header)).toBe(true);
    const orders = file.orders + 1;

    const first = ok(await client.batch.import({ fileName: 'orders.csv', base64: base64(csv), limit: 10 }));
    const importId = first.importId;
    expect(first.page).toEqual({ offset: 0, limit: 10, total: orders, filter: 'all' });
    expect(first.orders.map((o) => o.orderNumber)).toEqual(Array.from({ length: 10 }, (_, i) => `BIG-${String(i + 1).padStart(6, '0')}`));
    expect(first.counts).toMatchObject({ orders, withIssues: file.ordersWithIssues + 1 });

    // The default page size is 100: one page holds the whole file.
    expect(ok(await client.batch.preview({ importId })).orders).toHaveLength(orders);

    const onlyIssues = ok(await client.batch.preview({ importId, filter: 'issues', limit: 100 }));
    expect(onlyIssues.page.total).toBe(file.ordersWithIssues + 1);
    expect(onlyIssues.orders.every((o) => !o.valid)).toBe(true);
    const many = onlyIssues.orders.at(-1)!;
    expect(many).toMatchObject({ orderNumber: 'BAD-ITEMS', valid: false, issueCount: 25 });
    expect(many.issues).toHaveLength(MAX_ISSUES_PER_ORDER);
    expect(many.issues[0]!.message).toMatch(/^row \d+, Unit price: /);
    expect(onlyIssues.counts.issues).toBe(file.ordersWithIssues + 25);

    // A fix outside the order-number column: that order is ready, the issue list shrinks.
    const broken = onlyIssues.orders[0]!;
    const fixed = ok(
      await client.batch.preview({
        importId,
        filter: 'issues',
        fix: { row: broken.issues[0]!.row, column: 'Postal code', value: '10118' },
      }),
    );
    expect(fixed.page.total).toBe(file.ordersWithIssues);
    expect(fixed.orders.map((o) => o.orderNumber)).not.toContain(broken.orderNumber);
    expect(fixed.counts).toMatchObject({ ready: first.counts.ready + 1, withIssues: first.counts.withIssues - 1 });
    const after = ok(await client.batch.preview({ importId, offset: 0, limit: 100 }));
    expect(after.orders.find((o) => o.orderNumber === broken.orderNumber)).toMatchObject({ valid: true, issues: [], issueCount: 0 });

    // A fix in the order-number column regroups the file: BIG-000002's second row joins BIG-000001.
    const two = after.orders.find((o) => o.orderNumber === 'BIG-000002')!;
    expect(two.rows.length).toBeGreaterThan(1);
    const regrouped = ok(
      await client.batch.preview({ importId, limit: 100, fix: { row: two.rows[1]!, column: 'Order number', value: 'BIG-000001' } }),
    );
    expect(regrouped.orders.find((o) => o.orderNumber === 'BIG-000001')!.rows).toContain(two.rows[1]);
    expect(regrouped.orders.find((o) => o.orderNumber === 'BIG-000002')!.rows).not.toContain(two.rows[1]);

    // Excluding an order counts it out; the page still lists it, marked.
    const excluded = ok(await client.batch.preview({ importId, limit: 5, exclude: { orderNumber: 'BIG-000003', excluded: true } }));
    expect(excluded.counts.excluded).toBe(1);
    expect(excluded.orders.find((o) => o.orderNumber === 'BIG-000003')).toMatchObject({ excluded: true });

    // Without the postal code column every US order has an issue: the orders are built again.
    const remapped = ok(await client.batch.preview({ importId, filter: 'issues', mapping: { ...first.mapping, postalCode: null } }));
    expect(remapped.page.total).toBe(remapped.counts.orders);
    expect(remapped.missingText).toMatch(/Postal code/);
  });

  it('says which orders already have a label in this environment, matched as the label flow matches them', async () => {
    const { sim, startDemo } = await controlledDemo();
    cleanup.push(() => sim.close());
    const { client } = station({ startDemo });
    await client.env.switch({ environment: 'demo' });
    const created = ok(await client.batch.import({ fileName: 'a.csv', base64: base64(smallCsv('LAB', 3)) }));
    const run = ok(await client.batch.start({ importId: created.importId }));
    for (let view = run; view.state !== 'done'; view = ok(await client.batch.run({ runId: run.runId })))
      await new Promise((r) => setTimeout(r, 50));
    // The same orders (one in other letter case) and a new one.
    const again = ok(
      await client.batch.import({
        fileName: 'b.csv',
        base64: base64(stationCsv([{ orderNumber: 'LAB-1' }, { orderNumber: 'lab-2' }, { orderNumber: 'NEW-1' }])),
      }),
    );
    expect(again.counts.alreadyLabelled).toBe(2);
    expect(again.orders.map((o) => [o.orderNumber, o.alreadyLabelled])).toEqual([
      ['LAB-1', true],
      ['lab-2', true],
      ['NEW-1', false],
    ]);
  });

  it('refuses a page larger than 500 orders or a negative offset', async () => {
    const { dispatch, client } = station();
    const { importId } = ok(await client.batch.import({ fileName: 'a.csv', base64: base64(smallCsv('LIM')) }));
    expect(ok(await client.batch.preview({ importId, limit: 500 })).page.limit).toBe(500);
    for (const input of [
      { importId, limit: 501 },
      { importId, limit: 0 },
      { importId, offset: -1 },
      { importId, filter: 'everything' },
      { importId, page: 2 },
    ]) {
      expect(await dispatch('batch:preview', input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await dispatch('batch:import', { fileName: 'a.csv', base64: base64(smallCsv('LIM')), limit: 501 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await dispatch('batch:import', { fileName: 'a.csv', base64: base64(smallCsv('LIM')), purpose: 'other' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await dispatch('batch:saveMapping', { importId, name: 'x', limit: 501 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});

describe('old imports are removed', () => {
  const removed = {
    ok: false,
    error: { code: 'import_expired', message: 'This file was removed from the list of imports; import it again.' },
  };

  it('beyond the newest twenty, but not one whose run is paused; a call naming a removed one says so', { timeout: 180_000 }, async () => {
    const { sim, startDemo } = await controlledDemo({ latencyMs: 200 });
    cleanup.push(() => sim.close());
    const { client } = station({ startDemo });
    await client.env.switch({ environment: 'demo' });
    const running = ok(await client.batch.import({ fileName: 'run.csv', base64: base64(smallCsv('RUN', 40)) })).importId;
    const run = ok(await client.batch.start({ importId: running }));
    expect(ok(await client.batch.control({ runId: run.runId, action: 'pause' })).state).toBe('paused');

    const ids: string[] = [];
    for (let i = 1; i <= 20; i++)
      ids.push(ok(await client.batch.import({ fileName: `f${i}.csv`, base64: base64(smallCsv(`F${i}`)) })).importId);
    // 21 imports: the oldest that is not in use went; the paused run's file stays.
    const listed = ok(await client.batch.imports());
    expect(listed).toHaveLength(20);
    expect(listed.at(-1)).toMatchObject({ importId: running, lastRunId: run.runId });
    expect(listed.map((i) => i.importId)).not.toContain(ids[0]);
    expect(await client.batch.preview({ importId: ids[0]! })).toMatchObject(removed);
    expect(await client.batch.start({ importId: ids[0]! })).toMatchObject(removed);
    expect(await client.batch.saveMapping({ importId: ids[0]!, name: 'x' })).toMatchObject(removed);
    expect(ok(await client.scan.submit({ input: 'F1-1' })).result).toMatchObject({ status: 'unknown_order' });
    // A made-up id was never listed.
    expect(await client.batch.preview({ importId: 'not-an-import' })).toMatchObject({ ok: false, error: { code: 'import_not_found' } });

    expect(ok(await client.batch.control({ runId: run.runId, action: 'cancel' })).state).toBe('cancelled');
    ok(await client.batch.import({ fileName: 'f21.csv', base64: base64(smallCsv('F21')) }));
    expect(await client.batch.preview({ importId: running })).toMatchObject(removed);
    expect(ok(await client.batch.preview({ importId: ids[1]! })).importId).toBe(ids[1]);
  });
});
