import { describe, expect, it } from 'vitest';
import { buildOrders } from '../../electron/core/batch/build-orders';
import { parseCsv } from '../../electron/core/batch/csv-parse';
import { missingRequired, suggestMapping } from '../../electron/core/batch/mapping';
import type { BatchDefaults } from '../../shared/domain/batch';
import {
  fillItemsFromCatalogue,
  type FillableItem,
  lookupIn,
  normaliseSku,
  SkuCatalogueEntryInput,
  type SkuCatalogueEntry,
  type SkuCatalogueSnapshot,
} from '../../shared/domain/sku-catalogue';
import { issuesToFields } from '../../shared/ipc/result';
import { translateStationMessage } from '../../electron/core/i18n';

const entry = (e: Partial<SkuCatalogueEntry> & { sku: string }): SkuCatalogueEntry => ({
  descriptionEn: 'Cotton T-shirt',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...e,
});
const snapshot = (...entries: SkuCatalogueEntry[]): SkuCatalogueSnapshot => ({
  version: 1,
  entries: new Map(entries.map((e) => [e.sku, e])),
});

describe('a product catalogue entry', () => {
  it('keys the SKU by one spelling: width folded, spaces trimmed and collapsed, capitals', () => {
    expect(normaliseSku('  ts-01 ')).toBe('TS-01');
    expect(normaliseSku('ＴＳ－０１')).toBe('TS-01');
    expect(normaliseSku('mug   large')).toBe('MUG LARGE');
    expect(SkuCatalogueEntryInput.parse({ sku: ' ts-01', descriptionEn: 'Tee' }).sku).toBe('TS-01');
  });

  it('is judged like a label item: description, weight > 0, value ≥ 0 with an ISO currency, ISO origin, a 6–10 digit HS code', () => {
    const good = SkuCatalogueEntryInput.parse({
      sku: 'TS-01',
      descriptionEn: ' Cotton T-shirt ',
      descriptionLocal: 'Tシャツ',
      hsCode: '6109.10.00',
      originCountry: 'CN',
      unitWeight: 0.2,
      declaredValue: 12.5,
      currency: 'USD',
    });
    expect(good).toEqual({
      sku: 'TS-01',
      descriptionEn: 'Cotton T-shirt',
      descriptionLocal: 'Tシャツ',
      hsCode: '61091000',
      originCountry: 'CN',
      unitWeight: 0.2,
      declaredValue: 12.5,
      currency: 'USD',
    });

    const bad = SkuCatalogueEntryInput.safeParse({
      sku: '  ',
      descriptionEn: '',
      hsCode: '61A',
      originCountry: 'China',
      unitWeight: 0,
      declaredValue: -1,
      currency: 'usd',
    });
    expect(bad.success).toBe(false);
    // The schema's messages are catalogue keys; main says them in the station's language (English here).
    const said = (issues: Parameters<typeof issuesToFields>[0]) =>
      Object.fromEntries(Object.entries(issuesToFields(issues)).map(([path, message]) => [path, translateStationMessage(message)]));
    const fields = said(bad.error!.issues);
    expect(fields.sku).toBe('SKU is required.');
    expect(fields.descriptionEn).toBe('English description is required.');
    expect(fields.hsCode).toMatch(/6 to 10 digits/);
    expect(fields.originCountry).toMatch(/two-letter ISO country code/);
    expect(fields.unitWeight).toBe('Unit weight must be greater than 0.');
    expect(fields.declaredValue).toBe('Declared value must not be negative.');
    expect(fields.currency).toMatch(/three-letter ISO currency code/);

    // A declared value means nothing without its currency.
    const noCurrency = SkuCatalogueEntryInput.safeParse({ sku: 'A', descriptionEn: 'x', declaredValue: 3 });
    expect(said(noCurrency.error!.issues).currency).toMatch(/currency of the declared value/);
    // Unknown fields are refused, as the label request refuses them.
    expect(SkuCatalogueEntryInput.safeParse({ sku: 'A', descriptionEn: 'x', colour: 'red' }).success).toBe(false);
  });
});

describe('fillItemsFromCatalogue', () => {
  const lookup = lookupIn(
    snapshot(
      entry({
        sku: 'TS-01',
        descriptionLocal: 'Tシャツ',
        hsCode: '610910',
        originCountry: 'CN',
        unitWeight: 0.2,
        declaredValue: 12,
        currency: 'USD',
      }),
    ),
  );

  it('fills what an item leaves blank by its SKU (any spelling), never what it gave', () => {
    const [filled] = fillItemsFromCatalogue<FillableItem>([{ sku: 'ts-01 ', unitPrice: {} }], lookup);
    expect(filled).toEqual({
      sku: 'ts-01 ',
      descriptionEn: 'Cotton T-shirt',
      descriptionLocal: 'Tシャツ',
      hsCode: '610910',
      originCountry: 'CN',
      unitWeight: 0.2,
      unitPrice: { amount: 12, currency: 'USD' },
    });

    const given = {
      sku: 'TS-01',
      descriptionEn: 'Tee',
      descriptionLocal: '服',
      unitWeight: 0.5,
      unitPrice: { amount: 9, currency: 'EUR' },
    };
    const [kept] = fillItemsFromCatalogue<FillableItem>([given], lookup);
    expect(kept).toMatchObject({
      descriptionEn: 'Tee',
      descriptionLocal: '服',
      unitWeight: 0.5,
      unitPrice: { amount: 9, currency: 'EUR' },
    });
    // A cell the reader could not read stays, so the schema says it must be a number.
    expect(fillItemsFromCatalogue<FillableItem>([{ sku: 'TS-01', unitWeight: 'heavy' }], lookup)[0]!.unitWeight).toBe('heavy');
    expect(given.unitPrice).toEqual({ amount: 9, currency: 'EUR' });
  });

  it('converts the kilograms of the catalogue into pounds for a draft in pounds', () => {
    expect(fillItemsFromCatalogue<FillableItem>([{ sku: 'TS-01' }], lookup, { weightUnit: 'LB' })[0]!.unitWeight).toBe(0.441);
  });

  it("blank currency: the sender's default for a price from the file, the catalogue's with the catalogue's value", () => {
    const opts = { defaultCurrency: 'JPY' };
    expect(fillItemsFromCatalogue<FillableItem>([{ sku: 'TS-01', unitPrice: { amount: 1500 } }], lookup, opts)[0]!.unitPrice).toEqual({
      amount: 1500,
      currency: 'JPY',
    });
    expect(fillItemsFromCatalogue<FillableItem>([{ sku: 'TS-01' }], lookup, opts)[0]!.unitPrice).toEqual({ amount: 12, currency: 'USD' });
    expect(fillItemsFromCatalogue<FillableItem>([{ sku: 'UNKNOWN', unitPrice: { amount: 3 } }], lookup, opts)[0]!.unitPrice).toEqual({
      amount: 3,
      currency: 'JPY',
    });
    // No default: a price from the file takes the catalogue's currency when the SKU is known, else stays blank.
    expect(fillItemsFromCatalogue<FillableItem>([{ sku: 'TS-01', unitPrice: { amount: 3 } }], lookup)[0]!.unitPrice!.currency).toBe('USD');
    expect(fillItemsFromCatalogue<FillableItem>([{ unitPrice: { amount: 3 } }], lookup)[0]!.unitPrice!.currency).toBeUndefined();
  });

  it('leaves items without an SKU, or with one the catalogue lacks, as they are', () => {
    const items = [{ descriptionEn: 'Mug' }, { sku: 'NOPE', descriptionEn: 'Tea' }];
    expect(fillItemsFromCatalogue(items, lookup)).toEqual(items);
  });
});

describe('the batch build fills items by SKU', () => {
  const csv = [
    'Order number,First name,Street 1,City,Postal code,Country code,Weight,SKU,Quantity,Unit price,Currency,Courier,Product code',
    'A-1,Dana,350 Fifth Avenue,New York,10118,US,0.8,ts-01,2,,,yunexpress,YEXP01',
    'A-2,Dana,350 Fifth Avenue,New York,10118,US,0.8,MUG-9,1,8,,yunexpress,YEXP01',
  ].join('\r\n');
  const parsed = parseCsv(csv);
  const mapping = suggestMapping(parsed.headers);
  const defaults: BatchDefaults = { courier: null, productCode: null, labelFormat: 'PDF', units: 'metric', sender: null, preset: null };

  it('maps an SKU column by itself', () => expect(mapping.sku).toBe('SKU'));

  it('without the catalogue, items lacking description, weight and currency are issues; with it, the order is ready', () => {
    const [a1, a2] = buildOrders(parsed.rows, mapping, defaults);
    expect(a1!.draft).toBeNull();
    expect(a1!.issues.map((i) => i.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/row 2, English description: English description is required/)]),
    );
    expect(a2!.draft).toBeNull();

    const skuCatalogue = snapshot(entry({ sku: 'TS-01', unitWeight: 0.2, declaredValue: 12, currency: 'USD', hsCode: '610910' }));
    const sender = {
      id: 's1',
      name: 'Warehouse',
      defaultCurrency: 'EUR' as const,
      party: {
        contact: { firstName: 'Ship' },
        address: { streetLines: ['1 Dock Road'], city: 'Leeds', postalCode: 'LS1 1AA', countryCode: 'GB' as const },
      },
    };
    const [b1, b2] = buildOrders(parsed.rows, mapping, { ...defaults, skuCatalogue, sender });
    expect(b1!.issues).toEqual([]);
    // The HS code and SKU stay in the station: the API's item has no field for them.
    expect(b1!.draft!.shipment.parcels[0]!.items).toEqual([
      { descriptionEn: 'Cotton T-shirt', quantity: 2, unitPrice: { amount: 12, currency: 'USD' }, unitWeight: 0.2 },
    ]);
    // MUG-9 is not in the catalogue: only the sender's currency is filled; the rest is still named.
    expect(b2!.draft).toBeNull();
    expect(b2!.issues.some((i) => i.field === 'currency')).toBe(false);
    expect(b2!.issues.map((i) => i.field)).toEqual(expect.arrayContaining(['descriptionEn', 'unitWeight']));
  });

  it('with an SKU column and a catalogue, item columns the file lacks do not block the mapping; a sender currency covers Currency', () => {
    const noItemColumns = suggestMapping([
      'Order number',
      'First name',
      'Street 1',
      'City',
      'Postal code',
      'Country code',
      'Weight',
      'SKU',
      'Quantity',
    ]);
    expect(missingRequired(noItemColumns, { courier: 'c', productCode: 'p' })).toEqual([
      'descriptionEn',
      'unitPrice',
      'currency',
      'unitWeight',
    ]);
    expect(missingRequired(noItemColumns, { courier: 'c', productCode: 'p', skuCatalogue: snapshot(entry({ sku: 'X' })) })).toEqual([]);
    const withPrice = { ...noItemColumns, unitPrice: 'Price', descriptionEn: 'Name', unitWeight: 'W' };
    const sender = { defaultCurrency: 'EUR' } as unknown as BatchDefaults['sender'];
    expect(missingRequired(withPrice, { courier: 'c', productCode: 'p', sender })).toEqual([]);
  });
});
