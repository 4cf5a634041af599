import { afterAll, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import type { PrintBackend } from '../../electron/core/printing/print-service';
import type { BatchPreview } from '../../shared/domain/batch-view';
import { controlledDemo } from '../fixtures/label-drafts';
import { stationCsv } from '../fixtures/station-orders';
import { createTestStation } from '../support/test-station';

/**
 * One import for Batch and station mode (issue 14, item 5): imports kept in the database and
 * listed, station mode scanning them with the same mapping and fixes, each order counted once,
 * saved mappings applied when the headers match, courier and product for the whole file.
 */

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const base64 = (csv: string) => Buffer.from(csv).toString('base64');
function ok<T>(answer: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}
const printBackend: PrintBackend = { kind: 'cups', listPrinters: async () => [], print: async () => ({ osJobId: 'job-1' }) };

/** A station on the simulator, with a label printer; `userDataDir` reopens an earlier one's files. */
async function demoStation(userDataDir?: string) {
  const { sim, startDemo } = await controlledDemo();
  cleanup.push(() => sim.close());
  const station = createTestStation({ startDemo, printBackend, ...(userDataDir ? { userDataDir } : {}) });
  let closed = false;
  const close = async () => {
    if (!closed) await station.close();
    closed = true;
  };
  cleanup.push(close);
  await station.client.env.switch({ environment: 'demo' });
  if (!userDataDir) await station.client.printers.saveProfile({ name: 'Desk printer', printer: 'desk-queue', role: 'labels' });
  return { sim, station, client: station.client, close };
}

/** The station's sample columns with some renamed (as a shop's export names them), and rows as objects by header. */
function shopCsv(rename: Record<string, string>, orders: { orderNumber: string; city?: string; weight?: string }[]): string {
  const parsed = Papa.parse<Record<string, string>>(stationCsv(orders.map((o) => ({ orderNumber: o.orderNumber, weight: o.weight }))), {
    header: true,
    skipEmptyLines: true,
  });
  const fields = parsed.meta.fields!.map((f) => rename[f] ?? f);
  const data = parsed.data.map((row, i) =>
    parsed.meta.fields!.map((f) => (f === 'City' && orders[i]!.city ? orders[i]!.city! : (row[f] ?? ''))),
  );
  return Papa.unparse({ fields, data }, { newline: '\r\n' }) + '\r\n';
}

const sentBody = (station: ReturnType<typeof createTestStation>, orderNumber: string) => {
  const row = station.services.database.db.prepare('SELECT body FROM outbox WHERE order_number = ?').get(orderNumber) as
    { body: string } | undefined;
  return row ? JSON.parse(row.body) : null;
};

describe('imports are kept in the database', () => {
  it(
    'survive a restart with their mapping, fixes, exclusions and whole-file options, and are listed once',
    { timeout: 60_000 },
    async () => {
      const first = await demoStation();
      const csv = stationCsv([{ orderNumber: 'KEEP-1' }, { orderNumber: 'KEEP-2', postalCode: '' }, { orderNumber: 'KEEP-3' }]);
      const imported = ok(await first.client.batch.import({ fileName: 'keep.csv', base64: base64(csv) }));
      expect(imported.counts).toMatchObject({ orders: 3, ready: 2, withIssues: 1 });
      const issue = imported.orders.find((o) => o.orderNumber === 'KEEP-2')!.issues[0]!;
      ok(await first.client.batch.preview({ importId: imported.importId, fix: { row: issue.row, column: issue.column, value: '10118' } }));
      ok(await first.client.batch.preview({ importId: imported.importId, exclude: { orderNumber: 'KEEP-3', excluded: true } }));
      const options = { courier: 'sfexpress', productCode: 'SFIE', overrideFile: true };
      const before = ok(await first.client.batch.preview({ importId: imported.importId, options }));
      expect(before.counts).toMatchObject({ orders: 3, ready: 2, withIssues: 0, excluded: 1 });
      await first.close();

      const again = await demoStation(first.station.userDataDir);
      const list = ok(await again.client.batch.imports());
      expect(list).toEqual([
        {
          importId: imported.importId,
          fileName: 'keep.csv',
          createdAt: imported.createdAt,
          rowCount: 3,
          orders: 3,
          ready: 2,
          labelled: 0,
          lastRunId: null,
        },
      ]);
      const reopened = ok(await again.client.batch.preview({ importId: imported.importId }));
      expect(reopened).toMatchObject({ fileName: 'keep.csv', options, counts: before.counts, mapping: before.mapping });
      expect(reopened.orders.map((o) => [o.orderNumber, o.valid, o.excluded])).toEqual([
        ['KEEP-1', true, false],
        ['KEEP-2', true, false],
        ['KEEP-3', true, true],
      ]);
      // Station mode scans it after the restart, with the fix and the whole-file courier.
      expect(ok(await again.client.scan.session())).toMatchObject({ ordersLoaded: 3, files: ['keep.csv'] });
      expect(ok(await again.client.scan.submit({ input: 'KEEP-2' })).result).toMatchObject({ status: 'printed' });
      expect(sentBody(again.station, 'KEEP-2')).toMatchObject({ courier: 'sfexpress', service: { productCode: 'SFIE' } });
      expect(ok(await again.client.batch.imports())[0]).toMatchObject({ labelled: 1 });

      // Taken off the list: gone from station mode too; a call naming it says so.
      expect(ok(await again.client.batch.removeImport({ importId: imported.importId }))).toEqual([]);
      expect(ok(await again.client.scan.session())).toMatchObject({ ordersLoaded: 0, files: [] });
      expect(await again.client.batch.preview({ importId: imported.importId })).toMatchObject({
        ok: false,
        error: { code: 'import_expired' },
      });
    },
  );

  it('more imports than fit in memory are read back from the database when needed', { timeout: 60_000 }, async () => {
    const { client } = await demoStation();
    const ids: string[] = [];
    for (let i = 1; i <= 8; i++)
      ids.push(
        ok(await client.batch.import({ fileName: `f${i}.csv`, base64: base64(stationCsv([{ orderNumber: `MEM-${i}` }])) })).importId,
      );
    ok(await client.batch.preview({ importId: ids[0]!, exclude: { orderNumber: 'MEM-1', excluded: true } }));
    for (let i = 1; i < 8; i++) ok(await client.batch.preview({ importId: ids[i]! }));
    // The first import's table left memory meanwhile; its exclusion came back with it.
    expect(ok(await client.batch.preview({ importId: ids[0]! })).counts).toMatchObject({ orders: 1, excluded: 1 });
    expect(ok(await client.batch.imports()).map((i) => i.fileName)).toEqual([
      'f8.csv',
      'f7.csv',
      'f6.csv',
      'f5.csv',
      'f4.csv',
      'f3.csv',
      'f2.csv',
      'f1.csv',
    ]);
    expect(ok(await client.scan.submit({ input: 'MEM-1' })).result).toMatchObject({ status: 'printed' });
  });
});

describe('station mode scans the imports', () => {
  it(
    'an order from a file whose weight column needed mapping is bought with that weight, after a restart',
    { timeout: 60_000 },
    async () => {
      const first = await demoStation();
      const csv = shopCsv({ Weight: 'Total weight (kg)' }, [{ orderNumber: 'MAP-1', weight: '2.35' }]);
      const imported = ok(await first.client.batch.import({ fileName: 'shop.csv', base64: base64(csv) }));
      const mapped = ok(
        await first.client.batch.preview({ importId: imported.importId, mapping: { ...imported.mapping, weight: 'Total weight (kg)' } }),
      );
      expect(mapped.counts).toMatchObject({ orders: 1, ready: 1 });
      await first.close();

      const again = await demoStation(first.station.userDataDir);
      const result = ok(await again.client.scan.submit({ input: 'MAP-1' })).result;
      expect(result).toMatchObject({ status: 'printed', orderNumber: 'MAP-1' });
      expect(again.sim.stats().labelsByKey).toEqual({ 'MAP-1': 1 });
      expect(sentBody(again.station, 'MAP-1').shipment.parcels[0].weight).toBe(2.35);
    },
  );

  it('counts an order number found in two imports once; the newest import wins', { timeout: 60_000 }, async () => {
    const { client, station } = await demoStation();
    ok(
      await client.batch.import({
        fileName: 'monday.csv',
        base64: base64(shopCsv({}, [{ orderNumber: 'TWO-1', city: 'Albany' }, { orderNumber: 'TWO-2' }])),
      }),
    );
    ok(
      await client.batch.import({
        fileName: 'tuesday.csv',
        base64: base64(shopCsv({}, [{ orderNumber: 'two-1', city: 'Buffalo' }, { orderNumber: 'TWO-3' }])),
      }),
    );
    expect(ok(await client.scan.session())).toMatchObject({ ordersLoaded: 3, files: ['tuesday.csv', 'monday.csv'] });
    expect(ok(await client.scan.submit({ input: 'TWO-1' })).result).toMatchObject({ status: 'printed' });
    expect(sentBody(station, 'two-1').shipment.shipTo.address.city).toBe('Buffalo');
  });
});

describe('saved mappings and the whole-file courier', () => {
  it(
    'a file with the same headers (in any order) gets the saved mapping by itself; other headers do not',
    { timeout: 60_000 },
    async () => {
      const { client } = await demoStation();
      const rename = { Weight: 'Total weight (kg)', 'Postal code': 'Ship Zip' };
      const first = ok(await client.batch.import({ fileName: 'a.csv', base64: base64(shopCsv(rename, [{ orderNumber: 'SM-1' }])) }));
      expect(first.mappingSource).toBeNull();
      const mapping = { ...first.mapping, weight: 'Total weight (kg)', postalCode: 'Ship Zip' };
      ok(await client.batch.preview({ importId: first.importId, mapping }));
      const saved = ok(await client.batch.saveMapping({ importId: first.importId, name: 'My shop' }));
      expect(saved.mappingSource).toMatchObject({ name: 'My shop', savedAt: expect.any(Number) });

      // The same headers, columns in another order.
      const parsed = Papa.parse<string[]>(shopCsv(rename, [{ orderNumber: 'SM-2' }]), { skipEmptyLines: true }).data;
      const reordered = Papa.unparse(parsed.map((row) => [...row].reverse()));
      const second = ok(await client.batch.import({ fileName: 'b.csv', base64: base64(reordered) }));
      expect(second.mappingSource).toEqual(saved.mappingSource);
      expect(second.mapping).toEqual(saved.mapping);
      expect(second.counts).toMatchObject({ orders: 1, ready: 1 });

      // Editable: a change by hand is no longer "your saved mapping".
      const edited = ok(await client.batch.preview({ importId: second.importId, mapping: { ...second.mapping, email: null } }));
      expect(edited.mappingSource).toBeNull();

      const other = ok(
        await client.batch.import({
          fileName: 'c.csv',
          base64: base64(shopCsv({ Weight: 'Total weight (kg)' }, [{ orderNumber: 'SM-3' }])),
        }),
      );
      expect(other.mappingSource).toBeNull();
    },
  );

  it(
    'courier and product for the whole file fill rows without one, and replace the file’s only when asked',
    { timeout: 60_000 },
    async () => {
      const { client, station } = await demoStation();
      // Three orders: two name yunexpress/YEXP01 in the file, one names none.
      const csv = shopCsv({}, [{ orderNumber: 'WF-1' }, { orderNumber: 'WF-2' }, { orderNumber: 'WF-3' }]).replace(
        /^(WF-3,.*?)yunexpress,YEXP01/m,
        '$1,',
      );
      const imported = ok(await client.batch.import({ fileName: 'wf.csv', base64: base64(csv) }));
      expect(imported.orders.find((o) => o.orderNumber === 'WF-3')!.valid).toBe(false);

      const filling: BatchPreview = ok(
        await client.batch.preview({
          importId: imported.importId,
          options: { courier: 'sfexpress', productCode: 'SFIE', overrideFile: false },
        }),
      );
      expect(filling.counts).toMatchObject({ ready: 3, withIssues: 0 });
      expect(ok(await client.scan.submit({ input: 'WF-1' })).result.status).toBe('printed');
      expect(ok(await client.scan.submit({ input: 'WF-3' })).result.status).toBe('printed');
      expect(sentBody(station, 'WF-1')).toMatchObject({ courier: 'yunexpress', service: { productCode: 'YEXP01' } });
      expect(sentBody(station, 'WF-3')).toMatchObject({ courier: 'sfexpress', service: { productCode: 'SFIE' } });

      ok(
        await client.batch.preview({
          importId: imported.importId,
          options: { courier: 'sfexpress', productCode: 'SFIE', overrideFile: true },
        }),
      );
      expect(ok(await client.scan.submit({ input: 'WF-2' })).result.status).toBe('printed');
      expect(sentBody(station, 'WF-2')).toMatchObject({ courier: 'sfexpress', service: { productCode: 'SFIE' } });
    },
  );
});
