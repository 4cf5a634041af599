import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildOrders } from '../../electron/core/batch/build-orders';
import { tableRows } from '../../electron/core/batch/csv-table';
import { runImportJob } from '../../electron/core/batch/import-jobs';
import type { BatchDefaults, BatchField, ColumnMapping, FieldSource } from '../../shared/domain/batch';
import type { LabelDraft } from '../../shared/domain/label-draft';
import { createTestStation } from '../support/test-station';

/**
 * Issue 14 items 1–3: real shop exports (test/fixtures/platform-exports, built from the layouts
 * cited in electron/core/batch/profiles/*) through the real import: the platform is recognised,
 * the orders are counted right, the right columns are mapped, the only issues are about what the
 * file lacks, and with those given as one value for every row, every order is ready.
 */

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const DIR = join(__dirname, '..', 'fixtures', 'platform-exports');
const bytes = (file: string) => readFileSync(join(DIR, file));
const DEFAULTS: BatchDefaults = {
  courier: 'yunexpress',
  productCode: 'YEXP01',
  labelFormat: 'PDF',
  units: 'metric',
  sender: null,
  preset: null,
};

function ok<T>(answer: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

interface Case {
  file: string;
  profile: string;
  name: string;
  encoding: string;
  orders: number;
  /** Columns the profile must have mapped. */
  mapped: Partial<Record<BatchField, FieldSource | null>>;
  /** The fields the file lacks: the only fields issues may name. */
  lacks: BatchField[];
  /** What the operator gives for every row (constants), after which every order is ready. */
  fill: Partial<Record<BatchField, string>>;
  /** Checks on the drafts built with `fill`. */
  drafts: (drafts: LabelDraft[]) => void;
  skipped?: { before: number; after: number };
}

const WEIGHTS = { weight: '0.8', unitWeight: '0.2' };
const to = (d: LabelDraft) => d.shipment.shipTo;
const items = (d: LabelDraft) => d.shipment.parcels.flatMap((p) => p.items);

const CASES: Case[] = [
  {
    file: 'shopify.csv',
    profile: 'shopify',
    name: 'Shopify orders export',
    encoding: 'utf-8',
    orders: 3,
    mapped: {
      orderNumber: 'Name',
      firstName: 'Shipping Name',
      street1: 'Shipping Address1',
      postalCode: 'Shipping Zip',
      sku: 'Lineitem sku',
      currency: 'Currency',
    },
    lacks: ['weight', 'unitWeight'],
    fill: WEIGHTS,
    drafts: ([a, b, c]) => {
      // The leading apostrophe is Excel's, not the ZIP's; the second row of #1001 takes the order's currency.
      expect(to(a!).address).toMatchObject({ postalCode: '02108', countryCode: 'US', streetLines: ['12 Beacon St', 'Apt 3'] });
      expect(items(a!).map((i) => [i.descriptionEn, i.quantity, i.unitPrice])).toEqual([
        ['Ceramic mug - Blue', 2, { amount: 15, currency: 'USD' }],
        ['Linen tea towel', 1, { amount: 12, currency: 'USD' }],
      ]);
      expect(to(b!).address).toMatchObject({ city: 'Montréal', postalCode: 'H3B 1A6', countryCode: 'CA' });
      expect(items(c!)[0]!.unitPrice).toEqual({ amount: 3.5, currency: 'USD' });
    },
  },
  {
    file: 'woocommerce.csv',
    profile: 'woocommerce-advanced',
    name: 'WooCommerce orders export (Advanced Order Export)',
    encoding: 'utf-8',
    orders: 2,
    mapped: {
      orderNumber: 'Order Number',
      firstName: 'First Name (Shipping)',
      postalCode: 'Postcode (Shipping)',
      currency: 'Order Currency',
    },
    lacks: ['weight', 'unitWeight'],
    fill: WEIGHTS,
    drafts: ([a]) => {
      expect(to(a!).contact).toMatchObject({ firstName: 'Priya', lastName: 'Shah' });
      expect(items(a!).map((i) => i.unitPrice)).toEqual([
        { amount: 11, currency: 'GBP' },
        { amount: 2, currency: 'GBP' },
      ]);
    },
  },
  {
    file: 'woocommerce-de-excel.csv',
    profile: 'woocommerce-advanced',
    name: 'WooCommerce orders export (Advanced Order Export)',
    encoding: 'windows-1252',
    orders: 2,
    mapped: { postalCode: 'Postcode (Shipping)', street1: 'Address 1&2 (Shipping)' },
    lacks: ['weight', 'unitWeight'],
    fill: WEIGHTS,
    drafts: ([a, b]) => {
      expect(to(a!).contact.firstName).toBe('Jürgen');
      expect(to(a!).address).toMatchObject({ streetLines: ['Hauptstraße 5'], city: 'München', countryCode: 'DE' });
      expect(items(a!)[0]).toMatchObject({ descriptionEn: 'Tasse weiß', quantity: 3, unitPrice: { amount: 12.5, currency: 'EUR' } });
      expect(to(b!).contact).toMatchObject({ firstName: 'Chloé', lastName: 'Lefèvre' });
    },
  },
  {
    file: 'etsy-sold-order-items.csv',
    profile: 'etsy-order-items',
    name: 'Etsy sold order items (EtsySoldOrderItems)',
    encoding: 'utf-8',
    orders: 2,
    mapped: { orderNumber: 'Order ID', firstName: 'Ship Name', descriptionEn: 'Item Name', sku: 'SKU' },
    lacks: ['weight', 'unitWeight'],
    fill: WEIGHTS,
    drafts: ([a, b]) => {
      expect(to(a!).address.countryCode).toBe('US');
      expect(items(a!)).toHaveLength(2);
      expect(to(b!).address.countryCode).toBe('DE');
    },
  },
  {
    file: 'etsy-sold-orders.csv',
    profile: 'etsy-orders',
    name: 'Etsy sold orders (EtsySoldOrders)',
    encoding: 'utf-8',
    orders: 2,
    mapped: {
      orderNumber: 'Order ID',
      firstName: 'Full Name',
      quantity: 'Number of Items',
      unitPrice: { columns: ['Order Value'], lineTotal: true },
    },
    lacks: ['descriptionEn', 'weight', 'unitWeight'],
    fill: { ...WEIGHTS, descriptionEn: 'Knitting supplies' },
    drafts: ([a]) => {
      // 45.00 for 3 items: 15.00 each.
      expect(items(a!)[0]).toMatchObject({ quantity: 3, unitPrice: { amount: 15, currency: 'USD' } });
    },
  },
  {
    file: 'ebay-orders-report.csv',
    profile: 'ebay',
    name: 'eBay orders report',
    encoding: 'utf-8',
    orders: 2,
    mapped: { orderNumber: 'Order Number', firstName: 'Ship To Name', postalCode: 'Ship To Zip', productCode: null, courier: null },
    lacks: ['weight', 'unitWeight'],
    fill: WEIGHTS,
    skipped: { before: 0, after: 2 },
    drafts: ([a, b]) => {
      expect(to(a!).address.countryCode).toBe('US');
      expect(items(a!)[0]!.unitPrice).toEqual({ amount: 24.99, currency: 'USD' });
      // "Shipping Service" is eBay's; the station's default product is what is sent.
      expect(a!.service.productCode).toBe('YEXP01');
      // The order row above the items is folded into the order: two items, not three.
      expect(to(b!).address).toMatchObject({ city: 'Vancouver', countryCode: 'CA' });
      expect(items(b!).map((i) => [i.descriptionEn, i.quantity, i.unitPrice])).toEqual([
        ['Lens cap 52mm', 2, { amount: 9.5, currency: 'CAD' }],
        ['Lens hood', 1, { amount: 42, currency: 'CAD' }],
      ]);
    },
  },
  {
    file: 'amazon-unshipped-orders.txt',
    profile: 'amazon-unshipped',
    name: 'Amazon unshipped orders report',
    encoding: 'utf-8',
    orders: 2,
    mapped: { orderNumber: 'order-id', firstName: 'recipient-name', quantity: 'quantity-to-ship', sku: 'sku' },
    lacks: ['unitPrice', 'currency', 'weight', 'unitWeight'],
    fill: { ...WEIGHTS, unitPrice: '20', currency: 'USD' },
    drafts: ([a]) => {
      // The gift's recipient, not the buyer.
      expect(to(a!).contact.firstName).toBe('Alan Turing');
      expect(to(a!).address).toMatchObject({ streetLines: ['1 Bletchley Ln', 'Hut 8'], postalCode: '22201-1234' });
      expect(items(a!).map((i) => i.descriptionEn)).toEqual(['"Enigma" 1000-piece jigsaw puzzle', 'Puzzle roll-up mat']);
    },
  },
  {
    file: 'amazon-jp-order-report.txt',
    profile: 'amazon-orders',
    name: 'Amazon orders report',
    encoding: 'utf-8',
    orders: 1,
    mapped: { firstName: 'recipient-name', currency: 'currency', unitPrice: { columns: ['item-price'], lineTotal: true } },
    lacks: ['weight', 'unitWeight'],
    fill: WEIGHTS,
    drafts: ([a]) => {
      expect(to(a!).contact.firstName).toBe('佐藤 花子');
      // item-price is the line's: 2400 for 2.
      expect(items(a!)[0]).toMatchObject({ quantity: 2, unitPrice: { amount: 1200, currency: 'JPY' } });
    },
  },
  {
    file: 'shipstation-orders.csv',
    profile: 'shipstation',
    name: 'ShipStation orders export',
    encoding: 'utf-8',
    orders: 2,
    mapped: { orderNumber: 'Order - Number', postalCode: 'Ship To - Postal Code', quantity: 'Item - Qty', sku: 'Item - SKU' },
    lacks: ['weight', 'unitWeight'],
    fill: WEIGHTS,
    drafts: ([a, b]) => {
      expect(items(a!).map((i) => i.unitPrice)).toEqual([
        { amount: 12, currency: 'USD' },
        { amount: 40, currency: 'USD' },
      ]);
      expect(to(b!).address.streetLines).toEqual(['55 Water St', 'Suite 200']);
    },
  },
  {
    file: 'pirateship.csv',
    profile: 'pirateship',
    name: 'Pirate Ship shipments spreadsheet',
    encoding: 'utf-8',
    orders: 2,
    mapped: { orderNumber: 'Order Number', weight: { columns: ['Weight (oz)'], unit: 'oz' } },
    lacks: ['descriptionEn', 'quantity', 'unitPrice', 'currency', 'unitWeight'],
    fill: { descriptionEn: 'Candle', quantity: '1', unitPrice: '18', currency: 'USD', unitWeight: '0.3' },
    drafts: ([a, b]) => {
      // Ounces → the station's kilograms.
      expect(a!.shipment.parcels[0]!.weight).toBe(0.34);
      expect(b!.shipment.parcels[0]!.weight).toBe(1.134);
      expect(to(b!).address.countryCode).toBe('US');
    },
  },
  {
    file: 'rakuten-rms-orders.csv',
    profile: 'rakuten',
    name: 'Rakuten RMS orders download',
    encoding: 'shift_jis',
    orders: 2,
    mapped: {
      postalCode: { columns: ['送付先郵便番号1', '送付先郵便番号2'], join: '-' },
      phone: { columns: ['送付先電話番号1', '送付先電話番号2', '送付先電話番号3'], join: '-' },
      productCode: null,
      descriptionLocal: '商品名',
    },
    lacks: ['descriptionEn', 'weight', 'unitWeight'],
    fill: { ...WEIGHTS, descriptionEn: 'Ceramic tea cup' },
    drafts: ([a]) => {
      expect(to(a!).address).toMatchObject({ postalCode: '158-0094', state: '東京都', city: '世田谷区', countryCode: 'JP' });
      expect(to(a!).contact).toMatchObject({ firstName: '太郎', lastName: '楽天', phone: '090-1234-5678' });
      expect(items(a!).map((i) => [i.descriptionLocal, i.unitPrice])).toEqual([
        ['有田焼 湯呑み', { amount: 3300, currency: 'JPY' }],
        ['竹の茶さじ', { amount: 880, currency: 'JPY' }],
      ]);
      // 配送方法 (宅配便) is not a product code.
      expect(a!.service.productCode).toBe('YEXP01');
    },
  },
  {
    file: 'yahoo-shopping-orders.csv',
    profile: 'yahoo-shopping',
    name: 'Yahoo! Shopping orders download',
    encoding: 'shift_jis',
    orders: 2,
    mapped: { orderNumber: 'OrderId', postalCode: 'ShipZipCode', state: 'ShipPrefecture', descriptionLocal: 'Title' },
    lacks: ['descriptionEn', 'weight', 'unitWeight'],
    fill: { ...WEIGHTS, descriptionEn: 'Dried kelp' },
    drafts: ([a]) => expect(to(a!).address).toMatchObject({ city: '札幌市中央区', postalCode: '060-0001', countryCode: 'JP' }),
  },
  {
    file: 'base-orders.csv',
    profile: 'base',
    name: 'BASE orders CSV',
    encoding: 'utf-8',
    orders: 2,
    mapped: { orderNumber: '注文ID', lastName: '氏(配送先)', city: { column: '住所(配送先)', split: 'jp_address', part: 'city' } },
    lacks: ['descriptionEn', 'weight', 'unitWeight'],
    fill: { ...WEIGHTS, descriptionEn: 'Cotton cloth' },
    drafts: ([a, b]) => {
      expect(to(a!).address).toMatchObject({ city: '渋谷区', streetLines: ['神南1-2-3', '神南ハイツ201'], state: '東京都' });
      expect(to(b!).address).toMatchObject({ city: '横浜市中区', streetLines: ['山下町1'] });
    },
  },
  {
    file: 'stores-orders.csv',
    profile: 'stores',
    name: 'STORES orders CSV',
    encoding: 'utf-8',
    orders: 2,
    mapped: { orderNumber: 'オーダー番号', descriptionLocal: 'アイテム名', unitPrice: { columns: ['小計'], lineTotal: true } },
    lacks: ['descriptionEn', 'weight', 'unitWeight'],
    fill: { ...WEIGHTS, descriptionEn: 'Wooden spoon' },
    drafts: ([a]) => {
      expect(to(a!).address).toMatchObject({ city: '名古屋市中区', streetLines: ['栄3-4-5'] });
      expect(items(a!)[0]).toMatchObject({ quantity: 2, unitPrice: { amount: 1200, currency: 'JPY' } });
    },
  },
  {
    file: 'shopee-orders.csv',
    profile: 'shopee',
    name: 'Shopee orders export',
    encoding: 'utf-8',
    orders: 1,
    mapped: { orderNumber: 'Order ID', firstName: 'Receiver Name', sku: 'SKU Reference No.', unitPrice: 'Deal Price' },
    lacks: ['currency', 'weight', 'unitWeight'],
    fill: { ...WEIGHTS, currency: 'SGD' },
    drafts: ([a]) => {
      expect(to(a!).address).toMatchObject({ countryCode: 'SG', postalCode: '560123', city: 'Singapore' });
      expect(items(a!)).toHaveLength(2);
    },
  },
  {
    file: 'taobao-orders.csv',
    profile: 'taobao',
    name: 'Taobao/Tmall orders report',
    encoding: 'gbk',
    orders: 2,
    mapped: { orderNumber: '订单编号', phone: '联系手机', state: { column: '收货地址', split: 'cn_address', part: 'state' } },
    lacks: ['descriptionEn', 'weight', 'unitWeight'],
    fill: { ...WEIGHTS, descriptionEn: 'Clay teapot' },
    drafts: ([a]) => {
      expect(a!.order?.customerOrderNumber).toBe('35153131473293579');
      expect(to(a!).contact).toMatchObject({ firstName: '薛先生', phone: '13925130165' });
      expect(to(a!).address).toMatchObject({
        state: '广东省',
        city: '广州市',
        streetLines: ['越秀区 黄花岗街道环市东路云鹤南街50号'],
        postalCode: '510180',
        countryCode: 'CN',
      });
      // 201.12 paid for 2 teapots.
      expect(items(a!)[0]).toMatchObject({ quantity: 2, unitPrice: { amount: 100.56, currency: 'CNY' } });
    },
  },
];

const constants = (fill: Case['fill']): ColumnMapping =>
  Object.fromEntries(Object.entries(fill).map(([field, constant]) => [field, { constant }])) as ColumnMapping;

describe('shop platform exports through the real import', () => {
  const { client, close } = createTestStation();
  cleanup.push(close);

  it.each(CASES)('$file: recognised, counted, mapped; issues only about what it lacks; ready once that is given', async (c) => {
    ok(await client.settings.setDefaults({ courier: 'yunexpress', productCode: 'YEXP01' }));
    const preview = ok(await client.batch.import({ fileName: c.file, base64: bytes(c.file).toString('base64') }));

    expect(preview.profile).toEqual({ id: c.profile, name: c.name });
    expect(preview.encoding).toBe(c.encoding);
    expect(preview.counts.orders).toBe(c.orders);
    expect(preview.mapping).toMatchObject(c.mapped);
    if (c.skipped) expect(preview.skipped).toEqual(c.skipped);

    // Every order has issues, each naming a row, a column and the field the file lacks, with the fix.
    const issues = preview.orders.flatMap((o) => o.issues);
    expect(preview.counts.ready).toBe(0);
    expect([...new Set(issues.map((i) => i.field))].sort()).toEqual([...c.lacks].sort());
    for (const issue of issues) {
      expect(issue.message).toMatch(
        /^row \d+, .+: .+\. This file has no column for it: choose one in step 2, or set one value for every row/,
      );
      expect(preview.orders.some((o) => o.rows.includes(issue.row))).toBe(true);
    }
    // What blocks the run until it is given (a currency can come from the prices' signs, so only rows without one say so).
    expect(preview.missing.sort()).toEqual(c.lacks.filter((f) => f !== 'currency' || !preview.mapping.unitPrice).sort());

    // The same values for every row, as the operator gives them in step 2: every order is ready.
    const filled = ok(await client.batch.preview({ importId: preview.importId, mapping: { ...preview.mapping, ...constants(c.fill) } }));
    expect(filled.orders.flatMap((o) => o.issues)).toEqual([]);
    expect(filled.counts).toMatchObject({ orders: c.orders, ready: c.orders, withIssues: 0 });
    expect(filled.missing).toEqual([]);

    // The drafts the run would send, from the same import job.
    const job = runImportJob({ kind: 'import', bytes: new Uint8Array(bytes(c.file)), defaults: DEFAULTS });
    const drafts = buildOrders(tableRows(job.table), filled.mapping, DEFAULTS).map((o) => o.draft!);
    expect(drafts).toHaveLength(c.orders);
    c.drafts(drafts);
  });
});

describe('a file no profile recognises', () => {
  const { client, close } = createTestStation();
  cleanup.push(close);

  it('falls back to matching columns by name, with the new conversions', async () => {
    const csv = [
      'Order ID,Recipient,Street,Town,Zip,Country,Weight (oz),Item description,Qty,Price,Item weight',
      'X-1,Rob Moss,1 Elm St,Leeds,LS1 4AP,United Kingdom,16,Notebook,2,£4.50,0.2',
    ].join('\r\n');
    const preview = ok(await client.batch.import({ fileName: 'own.csv', base64: Buffer.from(csv).toString('base64') }));
    expect(preview.profile).toBeNull();
    expect(preview.mapping).toMatchObject({
      orderNumber: 'Order ID',
      postalCode: 'Zip',
      weight: { columns: ['Weight (oz)'], unit: 'oz' },
      currency: null,
    });
    const parsed = runImportJob({ kind: 'import', bytes: new TextEncoder().encode(csv), defaults: DEFAULTS });
    const [order] = buildOrders(tableRows(parsed.table), parsed.mapping, DEFAULTS);
    expect(order!.issues).toEqual([]);
    expect(order!.draft!.shipment.shipTo.address.countryCode).toBe('GB');
    expect(order!.draft!.shipment.parcels[0]).toMatchObject({ weight: 0.454, items: [{ unitPrice: { amount: 4.5, currency: 'GBP' } }] });
  });
});
