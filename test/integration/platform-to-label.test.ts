import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PrintBackend } from '../../electron/core/printing/print-service';
import { controlledDemo } from '../fixtures/label-drafts';
import { createTestStation } from '../support/test-station';

/**
 * Issue 14 end to end: a shop's own export becomes labels with nothing typed per order. The
 * products come from the catalogue by SKU (English description, unit weight, value), the parcel
 * weight from the default package preset, courier and product from the defaults. Then a batch
 * run of a Shopify export against the simulator, and a station-mode scan of an order from a
 * Rakuten RMS export (Shift_JIS, postal code and phone in parts).
 */

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function ok<T>(answer: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}
const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', 'fixtures', 'platform-exports', name)).toString('base64');
const printBackend: PrintBackend = { kind: 'cups', listPrinters: async () => [], print: async () => ({ osJobId: 'job-1' }) };

/** The shop's products, as its owner keeps them once (Settings → Products by SKU → Import CSV). */
const CATALOGUE = [
  'SKU,English description,Local description,HS code,Country of origin,Unit weight (kg),Declared value,Currency',
  'MUG-BLU,Ceramic mug,,6912.00,CN,0.35,15,USD',
  'TOWEL-1,Linen tea towel,,6302.91,PT,0.1,12,USD',
  'SCARF-G,Wool scarf,,6117.10,GB,0.2,28,USD',
  'STICK-3,Paper stickers,,4911.99,US,0.02,3.5,USD',
  'YUNOMI-AO,Ceramic tea cup,湯呑み 青,6912.00,JP,0.25,3000,JPY',
  'CHASAJI-1,Bamboo tea scoop,茶さじ,4419.90,JP,0.01,800,JPY',
].join('\r\n');

async function shopStation() {
  const { sim, startDemo } = await controlledDemo();
  cleanup.push(() => sim.close());
  const station = createTestStation({ startDemo, printBackend });
  cleanup.push(station.close);
  const { client } = station;
  ok(await client.env.switch({ environment: 'demo' }));
  ok(await client.printers.saveProfile({ name: 'Desk printer', printer: 'desk-queue', role: 'labels' }));
  const withPreset = ok(await client.presets.save({ name: 'Small box', weight: 0.9 }));
  ok(
    await client.settings.setDefaults({
      courier: 'yunexpress',
      productCode: 'YEXP01',
      packagePresetId: withPreset.packagePresets.find((p) => p.name === 'Small box')!.id,
    }),
  );
  const imported = ok(await client.skuCatalogue.importCsv({ fileName: 'products.csv', base64: Buffer.from(CATALOGUE).toString('base64') }));
  expect(imported).toMatchObject({ added: 6, rejectedRows: 0 });
  return { sim, station, client };
}

describe('a shop export with the catalogue and defaults filled', () => {
  it('Shopify: recognised, every order ready without a mapping change, and a batch run buys each once', { timeout: 90_000 }, async () => {
    const { sim, station, client } = await shopStation();
    const preview = ok(await client.batch.import({ fileName: 'shopify.csv', base64: fixture('shopify.csv') }));
    expect(preview.profile).toMatchObject({ id: 'shopify' });
    expect(preview.orders.flatMap((o) => o.issues)).toEqual([]);
    expect(preview.missing).toEqual([]);
    expect(preview.counts).toMatchObject({ orders: 3, ready: 3, withIssues: 0 });

    const run = ok(await client.batch.start({ importId: preview.importId }));
    let view = run;
    while (view.state !== 'done') {
      await new Promise((r) => setTimeout(r, 50));
      view = ok(await client.batch.run({ runId: run.runId }));
    }
    expect(view.summary).toMatchObject({ created: 3, failed: 0 });
    const stats = sim.stats();
    expect(stats.labelsCreated).toBe(3);
    expect(Object.values(stats.labelsByKey).every((n) => n === 1)).toBe(true);

    // What was bought for #1001: its two line items as the file names them, weighed from the catalogue.
    const row = station.services.database.db.prepare('SELECT body FROM outbox WHERE order_number = ?').get('#1001') as { body: string };
    const body = JSON.parse(row.body);
    expect(body.shipment.parcels[0].weight).toBe(0.9);
    expect(body.shipment.parcels[0].items).toEqual([
      expect.objectContaining({
        descriptionEn: 'Ceramic mug - Blue',
        quantity: 2,
        unitWeight: 0.35,
        unitPrice: { amount: 15, currency: 'USD' },
      }),
      expect.objectContaining({
        descriptionEn: 'Linen tea towel',
        quantity: 1,
        unitWeight: 0.1,
        unitPrice: { amount: 12, currency: 'USD' },
      }),
    ]);
    // The file's ZIP had Shopify's leading apostrophe; the label has none.
    expect(body.shipment.shipTo.address.postalCode).toBe('02108');
  });

  it('Rakuten RMS: a station-mode scan of one of its orders buys and prints it', { timeout: 90_000 }, async () => {
    const { sim, station, client } = await shopStation();
    const preview = ok(await client.batch.import({ fileName: 'rakuten-rms-orders.csv', base64: fixture('rakuten-rms-orders.csv') }));
    expect(preview.profile).toMatchObject({ id: 'rakuten' });
    expect(preview.counts).toMatchObject({ orders: 2, ready: 2 });

    expect(ok(await client.scan.session())).toMatchObject({ ordersLoaded: 2 });
    const { result } = ok(await client.scan.submit({ input: '123456-20261128-0000002' }));
    expect(result).toMatchObject({ status: 'printed' });
    expect(sim.stats().labelsCreated).toBe(1);

    const row = station.services.database.db.prepare('SELECT body FROM outbox WHERE order_number = ?').get('123456-20261128-0000002') as {
      body: string;
    };
    const body = JSON.parse(row.body);
    // Joined from the file's parts, and the items described in English from the catalogue.
    expect(body.shipment.shipTo.address).toMatchObject({ countryCode: 'JP' });
    expect(body.shipment.shipTo.address.postalCode).toMatch(/^\d{3}-\d{4}$/);
    expect(body.shipment.shipTo.contact.phone).toMatch(/^\d+-\d+-\d+$/);
    expect(body.shipment.parcels[0].items[0]).toMatchObject({
      descriptionEn: 'Ceramic tea cup',
      unitWeight: 0.25,
      unitPrice: { currency: 'JPY' },
    });
  });
});
