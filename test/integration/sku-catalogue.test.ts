import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { entryFromItem } from '../../shared/domain/sku-catalogue';
import { labelDraft } from '../fixtures/label-drafts';
import { createTestStation } from '../support/test-station';

/** The product catalogue by SKU through a whole station (issue 14 item 4). */

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function station() {
  const s = createTestStation();
  cleanup.push(() => s.close());
  return s;
}
const base64 = (text: string) => Buffer.from(text).toString('base64');

function ok<T>(answer: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

const ORDER_HEADERS =
  'Order number,First name,Street 1,City,State,Postal code,Country code,Weight,SKU,English description,Quantity,Unit price,Currency,Unit weight,Courier,Product code';
/** Two orders from a shop export: SKUs, quantities and prices, but no unit weight and no currency. */
const shopExport = [
  ORDER_HEADERS,
  'S-1,Dana,350 Fifth Avenue,New York,NY,10118,US,0.8,TS-01,Cotton T-shirt,2,15,,,yunexpress,YEXP01',
  'S-2,Dana,350 Fifth Avenue,New York,NY,10118,US,0.5,mug-9,Ceramic mug,1,8,,,yunexpress,YEXP01',
  'S-2,Dana,350 Fifth Avenue,New York,NY,10118,US,0.5,TS-01,Cotton T-shirt,1,15,,,yunexpress,YEXP01',
].join('\r\n');

describe('the catalogue CSV', () => {
  it('imports good rows, names each bad row with its column and the fix, and exports what imports back the same', async () => {
    const { client, userDataDir } = station();
    const csv = [
      'SKU,English description,Local description,HS code,Country of origin,Unit weight (kg),Declared value,Currency',
      'ts-01,Cotton T-shirt,Tシャツ,6109.10,CN,"0,2",12.50,usd',
      'MUG-9,Ceramic mug,,,JP,0.35,8,EUR',
      'BAD-1,Wool socks,,61A,,0.1,3,USD',
      'BAD-2,,,,,0.1,,',
      'BAD-3,Tea,,,China,0,5,',
      'TS-01,Duplicate tee,,,,0.3,1,USD',
      '=HYPERLINK("x"),Formula product,,,,0.1,1,USD',
    ].join('\r\n');
    const result = ok(await client.skuCatalogue.importCsv({ fileName: 'products.csv', base64: base64(csv) }));
    expect(result).toMatchObject({ added: 3, updated: 0, rejectedRows: 4 });
    const messages = result.issues.map((i) => i.message);
    expect(messages).toEqual([
      'row 4, HS code: An HS code is 6 to 10 digits, such as 6109.10 or 6109100010. (the cell says “61A”)',
      'row 5, English description: English description is required.',
      'row 6, Country of origin: Use the two-letter ISO code of the country the goods were made in, such as CN, JP or US. (the cell says “China”)',
      'row 6, Unit weight (kg): Unit weight must be greater than 0. (the cell says “0”)',
      'row 6, Currency: Give the currency of the declared value, such as USD, EUR or JPY.',
      'row 7, SKU: SKU TS-01 is also on row 2; that row was imported. Keep one row per SKU. (the cell says “TS-01”)',
    ]);
    expect(result.issues[0]).toMatchObject({ row: 4, column: 'HS code' });

    const page = ok(await client.skuCatalogue.list({ query: 'ts-0' }));
    expect(page.total).toBe(1);
    expect(page.entries[0]).toMatchObject({
      sku: 'TS-01',
      descriptionEn: 'Cotton T-shirt',
      descriptionLocal: 'Tシャツ',
      hsCode: '610910',
      originCountry: 'CN',
      unitWeight: 0.2,
      declaredValue: 12.5,
      currency: 'USD',
    });
    // Search finds descriptions too, and pages.
    expect(ok(await client.skuCatalogue.list({ query: 'mug' })).entries.map((e) => e.sku)).toEqual(['MUG-9']);
    expect(ok(await client.skuCatalogue.list({ limit: 2, offset: 2 }))).toMatchObject({ total: 3, entries: [{ sku: 'TS-01' }] });

    const exported = ok(await client.skuCatalogue.exportCsv());
    expect(exported.saved).toBe(true);
    const text = readFileSync(exported.path!, 'utf8');
    // A spreadsheet shows the formula-looking SKU as text.
    expect(text).toContain(`"'=HYPERLINK(""X"")"`);
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFSKU,English description,Local description,HS code,Country of origin,Unit weight (kg),Declared value,Currency',
    );

    // The export imports back unchanged, into another station.
    const other = station();
    const again = ok(
      await other.client.skuCatalogue.importCsv({
        fileName: 'products-by-sku.csv',
        base64: readFileSync(exported.path!).toString('base64'),
      }),
    );
    expect(again).toMatchObject({ added: 3, updated: 0, rejectedRows: 0, issues: [] });
    const strip = (entries: { updatedAt: string }[]) => entries.map(({ updatedAt: _u, ...e }) => e);
    expect(strip(ok(await other.client.skuCatalogue.list({})).entries)).toEqual(strip(ok(await client.skuCatalogue.list({})).entries));
    expect(userDataDir).not.toBe(other.userDataDir);
  });

  it('refuses a file without an SKU column, saying which columns it expects', async () => {
    const { client } = station();
    const answer = await client.skuCatalogue.importCsv({ fileName: 'x.csv', base64: base64('Name,Weight\r\nTee,0.2\r\n') });
    expect(answer).toMatchObject({ ok: false, error: { code: 'sku_csv_no_sku_column', message: expect.stringMatching(/no SKU column/) } });
  });
});

describe('a batch import with the catalogue', () => {
  it('orders whose rows lack unit weight and currency become ready once the catalogue has their SKUs', async () => {
    const { client } = station();
    const first = ok(await client.batch.import({ fileName: 'shop.csv', base64: base64(shopExport) }));
    expect(first.counts).toMatchObject({ orders: 2, ready: 0, withIssues: 2 });
    expect(first.orders[0]!.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^row 2, Unit weight: Unit weight is required/)]),
    );

    ok(
      await client.skuCatalogue.save({
        entry: { sku: 'ts-01', descriptionEn: 'Cotton T-shirt', unitWeight: 0.2, declaredValue: 12, currency: 'USD' },
      }),
    );
    // Asking for the preview again builds the orders again with the changed catalogue.
    const second = ok(await client.batch.preview({ importId: first.importId }));
    expect(second.counts).toMatchObject({ orders: 2, ready: 1, withIssues: 1 });
    // S-2's mug is still unknown: only its row is named, with where to add it.
    expect(second.orders[1]!.issues.every((i) => i.row === 3)).toBe(true);
    expect(second.orders[1]!.issues.map((i) => i.message)).toContain(
      'row 3, Unit weight: Unit weight is required. Or add SKU MUG-9 in Settings → Products by SKU: its items are then filled from there.',
    );

    ok(
      await client.skuCatalogue.save({
        entry: { sku: 'MUG-9', descriptionEn: 'Ceramic mug', unitWeight: 0.35, declaredValue: 8, currency: 'USD' },
      }),
    );
    const third = ok(await client.batch.preview({ importId: first.importId }));
    expect(third.counts).toMatchObject({ orders: 2, ready: 2, withIssues: 0 });

    // And back: removing an SKU brings the issue back.
    ok(await client.skuCatalogue.remove({ sku: 'mug-9' }));
    expect(ok(await client.batch.preview({ importId: first.importId })).counts).toMatchObject({ ready: 1, withIssues: 1 });
  });

  it("the chosen sender's default currency covers items whose currency is blank", async () => {
    const { client } = station();
    // Unit weights given this time; only the currency is missing.
    const csv = shopExport.replace(/,,,yunexpress/g, ',,0.3,yunexpress');
    const before = ok(await client.batch.import({ fileName: 'shop.csv', base64: base64(csv) }));
    expect(before.counts).toMatchObject({ ready: 0, withIssues: 2 });
    expect(before.orders[0]!.issues.map((i) => i.field)).toEqual(['currency']);

    ok(
      await client.senders.save({
        name: 'Warehouse',
        defaultCurrency: 'EUR',
        party: {
          contact: { firstName: 'Ship', lastName: 'Desk' },
          address: { streetLines: ['1 Dock Road'], city: 'Leeds', postalCode: 'LS1 1AA', countryCode: 'GB' },
        },
      }),
    );
    const after = ok(await client.batch.preview({ importId: before.importId }));
    expect(after.counts).toMatchObject({ ready: 2, withIssues: 0 });
  });
});

describe('a label created with a new SKU', () => {
  it('offers to save the SKU: it is not in the catalogue, and one save from the created item puts it there', async () => {
    const { client } = station();
    ok(await client.env.switch({ environment: 'demo' }));
    const draft = labelDraft('NEW-SKU-1');
    const created = ok(await client.labels.create({ draft }));
    expect(created.kind).toBe('created');

    // What the New label form asks after the label: which of its SKUs the catalogue lacks.
    expect(ok(await client.skuCatalogue.lookup({ skus: ['nb-a5'] }))).toEqual([]);
    const item = draft.shipment.parcels[0]!.items[0]!;
    const saved = ok(await client.skuCatalogue.save({ entry: entryFromItem('nb-a5', item, 'KG') }));
    expect(saved).toMatchObject({
      sku: 'NB-A5',
      descriptionEn: 'Notebook',
      descriptionLocal: 'ノート',
      unitWeight: 0.3,
      declaredValue: 6.5,
      currency: 'USD',
    });
    expect(ok(await client.skuCatalogue.lookup({ skus: ['NB-A5 '] })).map((e) => e.sku)).toEqual(['NB-A5']);

    // Renaming an entry on edit replaces it.
    ok(await client.skuCatalogue.save({ entry: { ...entryFromItem('NB-A6', item) }, previousSku: 'nb-a5' }));
    expect(ok(await client.skuCatalogue.list({})).entries.map((e) => e.sku)).toEqual(['NB-A6']);
  });
});
