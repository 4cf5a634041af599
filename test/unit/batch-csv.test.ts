import { describe, expect, it } from 'vitest';
import { applyCellFix, buildOrders, excludeOrders, excludeRows, toNumber } from '../../electron/core/batch/build-orders';
import { decodeCsv, MAX_CSV_BYTES } from '../../electron/core/batch/csv-decode';
import { parseCsv } from '../../electron/core/batch/csv-parse';
import { describeMissing, fitMapping, missingRequired, suggestMapping } from '../../electron/core/batch/mapping';
import { sampleCsv } from '../../electron/core/batch/sample-csv';
import { tIn } from '../../electron/core/i18n';
import { StationError } from '../../electron/core/errors';
import { BATCH_FIELDS, batchFieldLabels, BatchOrder, type BatchDefaults, type BatchIssue } from '../../shared/domain/batch';
import type { PackagePreset, SenderAddress } from '../../shared/domain/settings';

/** Importing a CSV of orders (issue 7, items 1–2): bytes → text → rows → mapping → label drafts with row/column issues. */

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * An encoder for Shift_JIS or GBK built from the platform's own decoder (TextEncoder only
 * writes UTF-8 and iconv-lite is not a dependency): every valid byte pair, decoded once.
 */
function legacyEncoder(encoding: 'shift_jis' | 'gbk') {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder(encoding, { fatal: true });
  const add = (bytes: number[]) => {
    try {
      const char = decoder.decode(new Uint8Array(bytes));
      if ([...char].length === 1 && !table.has(char)) table.set(char, bytes);
    } catch {
      // not a character in this encoding
    }
  };
  for (let single = 0x80; single <= 0xff; single++) add([single]);
  for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x40; trail <= 0xfe; trail++) add([lead, trail]);
  return (text: string) =>
    new Uint8Array(
      [...text].flatMap((char) => {
        if (char.charCodeAt(0) < 0x80) return [char.charCodeAt(0)];
        const bytes = table.get(char);
        if (!bytes) throw new Error(`${char} has no ${encoding} bytes`);
        return bytes;
      }),
    );
}
const toShiftJis = legacyEncoder('shift_jis');
const toGbk = legacyEncoder('gbk');

/** Runs `fn` and returns the StationError it throws (fails the test when it does not throw one). */
function stationError(fn: () => unknown): StationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StationError);
    return error as StationError;
  }
  throw new Error('expected a StationError');
}

const JAPANESE_CSV =
  '注文番号,お届け先氏名,郵便番号,住所,電話番号,商品名\r\nJP-1,山田 花子,100-0005,東京都千代田区丸の内1-1,090-1234-5678,マグカップ\r\n';
const CHINESE_CSV = '订单号,收件人,电话,地址,邮编,中文品名\r\nCN-1,张三,13800138000,广东省深圳市南山区科技园,518057,陶瓷杯子\r\n';

describe('decoding the file', () => {
  it('reads UTF-8 without a byte order mark', () => {
    expect(decodeCsv(utf8('Order number,City\nA-1,Zürich\n'))).toEqual({ text: 'Order number,City\nA-1,Zürich\n', encoding: 'utf-8' });
  });

  it('drops a UTF-8 byte order mark so the first header is not "\\uFEFFOrder number"', () => {
    const decoded = decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Order number,City\nA-1,Tokyo\n')]));
    expect(decoded.encoding).toBe('utf-8');
    expect(parseCsv(decoded.text).headers).toEqual(['Order number', 'City']);
  });

  it('reads UTF-16 with its byte order mark (Excel "Unicode text"), little- and big-endian', () => {
    const text = 'Order number\tCity\nA-1\t東京\n';
    const units = [...text].map((c) => c.charCodeAt(0));
    const le = new Uint8Array([0xff, 0xfe, ...units.flatMap((u) => [u & 0xff, u >> 8])]);
    const be = new Uint8Array([0xfe, 0xff, ...units.flatMap((u) => [u >> 8, u & 0xff])]);
    expect(decodeCsv(le)).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeCsv(be)).toEqual({ text, encoding: 'utf-16be' });
    expect(parseCsv(text).rows[0]!.values).toEqual({ 'Order number': 'A-1', City: '東京' });
  });

  it('builds Shift_JIS and GBK bytes the way those encodings define them', () => {
    // Known sequences: 日本 in Shift_JIS, 中文 in GBK.
    expect([...toShiftJis('日本')]).toEqual([0x93, 0xfa, 0x96, 0x7b]);
    expect([...toGbk('中文')]).toEqual([0xd6, 0xd0, 0xce, 0xc4]);
  });

  it('recognises a Japanese platform export in Shift_JIS by its kana', () => {
    const decoded = decodeCsv(toShiftJis(JAPANESE_CSV));
    expect(decoded).toEqual({ text: JAPANESE_CSV, encoding: 'shift_jis' });
  });

  it('recognises a Chinese platform export in GBK', () => {
    expect(decodeCsv(toGbk(CHINESE_CSV))).toEqual({ text: CHINESE_CSV, encoding: 'gbk' });
  });

  it('reads Japanese without kana (all kanji) as Shift_JIS too', () => {
    const text = '注文番号,都道府県\nJP-2,東京都千代田区\n';
    expect(decodeCsv(toShiftJis(text))).toEqual({ text, encoding: 'shift_jis' });
  });

  it('uses the encoding the operator chose, and refuses bytes that are not in it', () => {
    expect(decodeCsv(toGbk(CHINESE_CSV), 'gbk')).toEqual({ text: CHINESE_CSV, encoding: 'gbk' });
    expect(decodeCsv(toShiftJis(JAPANESE_CSV), 'shift_jis').text).toBe(JAPANESE_CSV);
    const error = stationError(() => decodeCsv(toShiftJis(JAPANESE_CSV), 'utf-8'));
    expect(error.code).toBe('csv_encoding');
    expect(error.message).toBe(
      'This file is not valid UTF-8 text. Pick the encoding it was saved in, or save it from your spreadsheet as “CSV UTF-8” and import it again.',
    );
  });

  it('refuses a binary file with csv_encoding instead of importing garbage', () => {
    const error = stationError(() => decodeCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x9f, 0xff])));
    expect(error.code).toBe('csv_encoding');
    expect(error.message).toMatch(/not UTF-8, Shift_JIS or GBK/);
  });

  it('refuses an empty file, and one holding only a byte order mark or blank lines', () => {
    for (const bytes of [new Uint8Array(), new Uint8Array([0xef, 0xbb, 0xbf]), utf8('\r\n\r\n  \n')]) {
      const error = stationError(() => decodeCsv(bytes));
      expect(error.code).toBe('csv_empty');
      expect(error.message).toBe('This file is empty. Export the orders again, or pick another file.');
    }
  });

  it('refuses a 50 MB file at once, saying how big it is and what to do', () => {
    const row = 'A-1,Alice,350 Fifth Avenue,New York,10118,US,0.8,T-shirt,2,15.00,USD,0.3\n';
    const bytes = Buffer.alloc(50 * 1024 * 1024, row);
    const started = performance.now();
    const error = stationError(() => decodeCsv(bytes));
    expect(performance.now() - started).toBeLessThan(50);
    expect(error.code).toBe('csv_too_large');
    expect(error.message).toBe('This file is 50 MB; the station imports files up to 20 MB. Split it into smaller files.');
    // Just over the cap still says something true.
    expect(stationError(() => decodeCsv(new Uint8Array(MAX_CSV_BYTES + 1))).message).toMatch(/^This file is over 20 MB;/);
  });
});

describe('parsing rows', () => {
  it('keeps commas, doubled quotes and line breaks inside quoted fields, with CRLF rows', () => {
    const { headers, rows } = parseCsv(
      'Order number,Street 1,City\r\nA-1,"1 Main St, Apt ""B""\r\nBack door",Boston\r\nA-2,2 Side St,Denver\r\n',
    );
    expect(headers).toEqual(['Order number', 'Street 1', 'City']);
    expect(rows).toEqual([
      { row: 2, values: { 'Order number': 'A-1', 'Street 1': '1 Main St, Apt "B"\r\nBack door', City: 'Boston' } },
      // The quoted line break does not shift the numbering: this is the spreadsheet's row 3.
      { row: 3, values: { 'Order number': 'A-2', 'Street 1': '2 Side St', City: 'Denver' } },
    ]);
  });

  it('keeps values as typed: leading zeros and plus signs survive', () => {
    const { rows } = parseCsv('Postal code,Phone\n08817,+81 90 1234 5678\n');
    expect(rows[0]!.values).toEqual({ 'Postal code': '08817', Phone: '+81 90 1234 5678' });
  });

  it('skips blank lines but counts them, so row numbers match the spreadsheet', () => {
    const { rows } = parseCsv('Order number\nA-1\n\nA-2\n');
    expect(rows.map((r) => r.row)).toEqual([2, 4]);
  });

  it('reads semicolon- and tab-separated exports', () => {
    expect(parseCsv('Order number;City\nA-1;Lyon\n').rows[0]!.values).toEqual({ 'Order number': 'A-1', City: 'Lyon' });
    expect(parseCsv('Order number\tCity\nA-1\tOsaka\n').rows[0]!.values).toEqual({ 'Order number': 'A-1', City: 'Osaka' });
  });

  it('refuses an unbalanced quote with csv_malformed naming the row where it starts', () => {
    const error = stationError(() => parseCsv('Order number,City\nA-1,Boston\nA-2,"Denver\nA-3,Austin\n'));
    expect(error.code).toBe('csv_malformed');
    expect(error.message).toMatch(/^The file cannot be read from row 3: a quoted value is not closed properly\./);
  });

  it('refuses a row with more values than headers (an unquoted comma), but not trailing empty cells', () => {
    const error = stationError(() => parseCsv('Order number,City\nA-1,Boston\nA-2,Denver, CO\n'));
    expect(error.code).toBe('csv_malformed');
    expect(error.message).toMatch(/^Row 3 has 3 values but the header has 2 columns\./);
    expect(parseCsv('Order number,City\nA-1,Boston,,\n').rows[0]!.values).toEqual({ 'Order number': 'A-1', City: 'Boston' });
  });

  it('refuses a header with no rows as csv_no_rows', () => {
    for (const text of ['Order number,City\r\n', 'Order number,City\n\n\n', 'Order number,City']) {
      const error = stationError(() => parseCsv(text));
      expect(error.code).toBe('csv_no_rows');
      expect(error.message).toBe('This file has a header but no orders. Export the orders again with their rows.');
    }
  });

  it('names blank headers by column letter and numbers repeated ones, keeping every value', () => {
    const { headers, rows } = parseCsv('Phone,,phone,City\n111,x,222,Kyoto\n');
    expect(headers).toEqual(['Phone', 'Column B', 'phone (2)', 'City']);
    expect(rows[0]!.values).toEqual({ Phone: '111', 'Column B': 'x', 'phone (2)': '222', City: 'Kyoto' });
  });
});

describe('suggesting a column mapping', () => {
  it('maps the station’s own headers (the field labels) one to one', () => {
    const mapping = suggestMapping(BATCH_FIELDS.map((f) => batchFieldLabels[f]));
    for (const field of BATCH_FIELDS) expect(mapping[field]).toBe(batchFieldLabels[field]);
  });

  it('maps a Shopify orders export, where "Name" is the order number', () => {
    const mapping = suggestMapping([
      'Name',
      'Email',
      'Currency',
      'Lineitem quantity',
      'Lineitem name',
      'Lineitem price',
      'Billing Name',
      'Shipping Name',
      'Shipping Street',
      'Shipping Address1',
      'Shipping Address2',
      'Shipping City',
      'Shipping Zip',
      'Shipping Province',
      'Shipping Country',
      'Shipping Phone',
    ]);
    expect(mapping).toMatchObject({
      orderNumber: 'Name',
      email: 'Email',
      currency: 'Currency',
      quantity: 'Lineitem quantity',
      descriptionEn: 'Lineitem name',
      unitPrice: 'Lineitem price',
      firstName: 'Shipping Name',
      street1: 'Shipping Street',
      street2: 'Shipping Address2',
      city: 'Shipping City',
      postalCode: 'Shipping Zip',
      state: 'Shipping Province',
      countryCode: 'Shipping Country',
      phone: 'Shipping Phone',
      weight: null,
    });
  });

  it('maps generic English headers regardless of case, spacing and underscores', () => {
    expect(suggestMapping(['ORDER_ID', 'name', 'zip code', 'Country', 'qty', 'Item Weight', 'carrier'])).toMatchObject({
      orderNumber: 'ORDER_ID',
      firstName: 'name',
      postalCode: 'zip code',
      countryCode: 'Country',
      quantity: 'qty',
      unitWeight: 'Item Weight',
      courier: 'carrier',
    });
  });

  it('maps Japanese platform headers', () => {
    expect(
      suggestMapping([
        '注文番号',
        'お届け先氏名',
        '郵便番号',
        '都道府県',
        '市区町村',
        '住所',
        '電話番号',
        'メールアドレス',
        '商品名',
        '数量',
        '単価',
        '重量',
      ]),
    ).toMatchObject({
      orderNumber: '注文番号',
      firstName: 'お届け先氏名',
      postalCode: '郵便番号',
      state: '都道府県',
      city: '市区町村',
      street1: '住所',
      phone: '電話番号',
      email: 'メールアドレス',
      descriptionLocal: '商品名',
      quantity: '数量',
      unitPrice: '単価',
      weight: '重量',
    });
  });

  it('maps Chinese platform headers', () => {
    expect(
      suggestMapping(['订单号', '收件人', '电话', '地址', '城市', '邮编', '国家', '英文品名', '中文品名', '单价', '币种']),
    ).toMatchObject({
      orderNumber: '订单号',
      firstName: '收件人',
      phone: '电话',
      street1: '地址',
      city: '城市',
      postalCode: '邮编',
      countryCode: '国家',
      descriptionEn: '英文品名',
      descriptionLocal: '中文品名',
      unitPrice: '单价',
      currency: '币种',
    });
  });

  it('fits a saved mapping to a new file: columns it lacks become missing, unsaved fields are suggested', () => {
    const saved = { orderNumber: 'Order ref', postalCode: 'Zip', phone: null };
    const fitted = fitMapping(saved, ['Order ref', 'Post code', 'Phone', 'City']);
    expect(fitted).toMatchObject({ orderNumber: 'Order ref', postalCode: null, phone: null, city: 'City' });
    expect(missingRequired(fitted)).toContain('postalCode');
  });

  it('gives a field to the first matching column only', () => {
    expect(suggestMapping(['Phone', 'Telephone']).phone).toBe('Phone');
  });
});

describe('required columns', () => {
  const headers = [
    'Order number',
    'First name',
    'Street 1',
    'City',
    'Country code',
    'Weight',
    'English description',
    'Quantity',
    'Unit price',
    'Unit weight',
  ];

  it('lists the required fields without a column, by name', () => {
    const missing = missingRequired(suggestMapping(headers));
    // Not the currency: prices may carry it ("$12.99"); a row whose price does not says so itself.
    expect(missing).toEqual(['postalCode', 'courier', 'productCode']);
    expect(describeMissing(missing)).toBe('Postal code, Courier and Product code');
    expect(missingRequired(suggestMapping(headers.filter((h) => h !== 'Unit price')))).toEqual([
      'postalCode',
      'unitPrice',
      'currency',
      'courier',
      'productCode',
    ]);
  });

  it('does not ask for courier and product code when the defaults give them, nor weight when the preset does', () => {
    const mapping = suggestMapping(headers.filter((h) => h !== 'Weight'));
    expect(missingRequired(mapping, { courier: 'yunexpress', productCode: 'YEXP01' })).toEqual(['postalCode', 'weight']);
    expect(missingRequired(mapping, { courier: 'yunexpress', productCode: 'YEXP01', preset: { id: 'p', name: 'Box', weight: 1 } })).toEqual(
      ['postalCode'],
    );
  });
});

// -------------------------------------------------------------------------------------------
// Building orders
// -------------------------------------------------------------------------------------------

const DEFAULTS: BatchDefaults = {
  courier: 'yunexpress',
  productCode: 'YEXP01',
  labelFormat: 'PDF',
  units: 'metric',
  sender: null,
  preset: null,
};
const SENDER: SenderAddress = {
  id: 'warehouse',
  name: 'Ariake warehouse',
  party: {
    contact: { firstName: 'Flex Forward Warehouse', phone: '+81-3-0000-0000' },
    address: { streetLines: ['2-3 Ariake'], city: 'Koto-ku', state: 'Tokyo', postalCode: '135-0063', countryCode: 'JP' },
  },
};
const PRESET: PackagePreset = { id: 'small', name: 'Small box', weight: 0.5, dimension: { length: 20, width: 15, height: 10 } };

const HEADER =
  'Order number,First name,Street 1,City,Postal code,Country code,Weight,English description,Quantity,Unit price,Currency,Unit weight';

function ordersFrom(lines: string[], defaults: Partial<BatchDefaults> = {}) {
  const { headers, rows } = parseCsv(lines.join('\r\n'));
  return buildOrders(rows, suggestMapping(headers), { ...DEFAULTS, ...defaults });
}

/** Every issue names its row and column at the start of its message, as the preview shows it. */
function expectPlaced(issues: BatchIssue[]) {
  for (const issue of issues) expect(issue.message.startsWith(`row ${issue.row}, ${issue.column}: `), issue.message).toBe(true);
}

describe('building orders from rows', () => {
  it('makes one valid draft per order with the order number as customerOrderNumber', () => {
    const [order, ...rest] = ordersFrom([HEADER, 'A-1,Alice,350 Fifth Avenue,New York,10118,us,0.8,T-shirt,2,15.00,usd,0.3']);
    expect(rest).toEqual([]);
    expect(BatchOrder.parse(order)).toEqual(order);
    expect(order!.issues).toEqual([]);
    expect(order!.draft).toEqual({
      courier: 'yunexpress',
      service: { productCode: 'YEXP01' },
      shipment: {
        shipTo: {
          contact: { firstName: 'Alice' },
          address: { streetLines: ['350 Fifth Avenue'], city: 'New York', postalCode: '10118', countryCode: 'US' },
        },
        parcels: [
          { weight: 0.8, items: [{ descriptionEn: 'T-shirt', quantity: 2, unitPrice: { amount: 15, currency: 'USD' }, unitWeight: 0.3 }] },
        ],
      },
      label: { format: 'PDF' },
      units: { weight: 'KG', dimension: 'CM' },
      order: { customerOrderNumber: 'A-1' },
    });
  });

  it('groups the rows of an order, in the order numbers first appear, as items of one parcel', () => {
    const orders = ordersFrom([
      HEADER,
      'A-1,Alice,350 Fifth Avenue,New York,10118,US,1.5,T-shirt,2,15,USD,0.3',
      'B-7,Bob,1 Main St,Boston,02108,US,0.4,Cap,1,9,USD,0.2',
      'A-1,,,,,,,Socks,3,4,USD,0.1',
    ]);
    expect(orders.map((o) => [o.orderNumber, o.rows])).toEqual([
      ['A-1', [2, 4]],
      ['B-7', [3]],
    ]);
    const parcels = orders[0]!.draft!.shipment.parcels;
    expect(parcels).toHaveLength(1);
    expect(parcels[0]!.items.map((i) => i.descriptionEn)).toEqual(['T-shirt', 'Socks']);
    expect(orders[1]!.draft!.shipment.shipTo.address.postalCode).toBe('02108');
  });

  it('splits an order into parcels by the parcel number column, weight and size from each parcel’s first row', () => {
    const orders = ordersFrom([
      'Order number,First name,Street 1,City,Postal code,Country code,Parcel number,Weight,Length,Width,Height,English description,Quantity,Unit price,Currency,Unit weight',
      'A-1,Alice,350 Fifth Avenue,New York,10118,US,1,2.5,40,30,20,Boots,1,89.9,USD,2.1',
      'A-1,,,,,,,,,,,Laces,2,3,USD,0.05',
      'A-1,,,,,,2,0.6,20,15,10,Socks,2,12,USD,0.2',
    ]);
    expect(orders[0]!.issues).toEqual([]);
    const parcels = orders[0]!.draft!.shipment.parcels;
    expect(parcels.map((p) => [p.weight, p.dimension, p.items.map((i) => i.descriptionEn)])).toEqual([
      [2.5, { length: 40, width: 30, height: 20 }, ['Boots', 'Laces']],
      [0.6, { length: 20, width: 15, height: 10 }, ['Socks']],
    ]);
  });

  it('maps a schema issue deep in an item back to that item’s row and the Currency column', () => {
    const [order] = ordersFrom([
      HEADER,
      'A-1,Alice,350 Fifth Avenue,New York,10118,US,1.5,T-shirt,2,15,USD,0.3',
      'A-1,,,,,,,Socks,3,4,dollars,0.1',
    ]);
    expect(order!.draft).toBeNull();
    expect(order!.issues).toEqual([
      {
        row: 3,
        column: 'Currency',
        field: 'currency',
        message: 'row 3, Currency: Use a three-letter ISO currency code in capitals, such as USD, EUR or JPY. (the cell says “dollars”)',
      },
    ]);
  });

  it('says "row 12, Postal code: Postal code is required." for a blank required cell', () => {
    const lines = [HEADER];
    for (let n = 2; n <= 12; n++) lines.push(`A-${n},Alice,350 Fifth Avenue,New York,${n === 12 ? '' : '10118'},US,1,T-shirt,1,15,USD,0.3`);
    const orders = ordersFrom(lines);
    expect(orders.filter((o) => o.issues.length > 0).map((o) => o.issues)).toEqual([
      [{ row: 12, column: 'Postal code', field: 'postalCode', message: 'row 12, Postal code: Postal code is required.' }],
    ]);
  });

  it('names the file’s own header in the message, or the field label when the column is not mapped', () => {
    const { headers, rows } = parseCsv(
      'Order,Shipping Name,Shipping Street,Shipping City,Shipping Country,Weight,Lineitem name,Lineitem quantity,Lineitem price,Currency,Unit weight\r\nA-1,Alice,1 Main St,Boston,US,1,Cap,1,9,USD,abc\r\n',
    );
    const [order] = buildOrders(rows, suggestMapping(headers), DEFAULTS);
    expect(order!.issues.map((i) => i.message)).toEqual([
      'row 2, Postal code: Postal code is required. This file has no column for it: choose one in step 2, or set one value for every row.',
      'row 2, Unit weight: Unit weight must be a number. (the cell says “abc”)',
    ]);
    expectPlaced(order!.issues);
  });

  it('places every issue of a badly filled order at its row and column', () => {
    const orders = ordersFrom([
      HEADER,
      'A-1,,350 Fifth Avenue,,10118,Japon,0,T-shirt,1.5,-3,USD,0.3',
      'A-1,,,,,,,,0,15,EUR,',
      ',Bob,1 Main St,Boston,02108,US,1,Cap,1,9,USD,0.2',
    ]);
    const issues = orders.flatMap((o) => o.issues);
    expectPlaced(issues);
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [2, 'First name'],
      [2, 'City'],
      [2, 'Country code'],
      [2, 'Weight'],
      [2, 'Quantity'],
      [2, 'Unit price'],
      [3, 'English description'],
      [3, 'Quantity'],
      [3, 'Unit weight'],
      [4, 'Order number'],
    ]);
    expect(issues.find((i) => i.column === 'Order number')!.message).toBe('row 4, Order number: Order number is required.');
    expect(orders.every((o) => o.draft === null)).toBe(true);
  });

  it('flags rows of one order that disagree about the recipient, and blocks that order', () => {
    const orders = ordersFrom([
      HEADER,
      'A-1,Alice,350 Fifth Avenue,New York,10118,US,1.5,T-shirt,2,15,USD,0.3',
      'A-1,Alice,350 Fifth Avenue,Newark,10118,us,,Socks,3,4,USD,0.1',
    ]);
    expect(orders[0]!.draft).toBeNull();
    expect(orders[0]!.issues).toEqual([
      {
        row: 3,
        column: 'City',
        field: 'city',
        message: 'row 3, City: “Newark” differs from “New York” on row 2. Every row of order A-1 must have the same city.',
      },
    ]);
  });

  it('takes courier, product code, sender, package preset, units and label format from the defaults', () => {
    const [order] = ordersFrom(
      [
        'Order number,First name,Street 1,City,Postal code,Country code,Length,English description,Quantity,Unit price,Currency,Unit weight',
        'A-1,Alice,1 Main St,Boston,02108,US,30,Cap,1,9,USD,0.2',
      ],
      { courier: 'japanpost', productCode: 'EMS', labelFormat: 'PNG', units: 'imperial', sender: SENDER, preset: PRESET },
    );
    expect(order!.issues).toEqual([]);
    const draft = order!.draft!;
    expect([draft.courier, draft.service.productCode, draft.label, draft.units]).toEqual([
      'japanpost',
      'EMS',
      { format: 'PNG' },
      { weight: 'LB', dimension: 'IN' },
    ]);
    expect(draft.shipment.shipFrom).toEqual(SENDER.party);
    // Weight from the preset; the file's length wins, the preset fills width and height.
    expect(draft.shipment.parcels[0]).toMatchObject({ weight: 0.5, dimension: { length: 30, width: 15, height: 10 } });
  });

  it('reports an incomplete sender address once per order, at its first row, pointing to the settings', () => {
    const broken: SenderAddress = { ...SENDER, party: { ...SENDER.party, address: { ...SENDER.party.address, postalCode: '' } } };
    const orders = ordersFrom([HEADER, 'A-1,Alice,1 Main St,Boston,02108,US,1,Cap,1,9,USD,0.2', 'A-1,,,,,,,Mug,1,9,USD,0.4'], {
      sender: broken,
    });
    expect(orders[0]!.draft).toBeNull();
    expect(orders[0]!.issues).toEqual([
      {
        row: 2,
        column: 'Sender',
        field: null,
        message:
          'row 2, Sender: The chosen sender address is incomplete: Postal code must not be empty. Fix it in Settings → Sender addresses.',
      },
    ]);
  });

  it('lets the file’s courier and product code columns override the defaults', () => {
    const [order] = ordersFrom([
      `${HEADER},Courier,Product code,Label format`,
      'A-1,Alice,1 Main St,Boston,02108,US,1,Cap,1,9,USD,0.2,sfexpress,SFIE,png',
    ]);
    expect(order!.draft).toMatchObject({ courier: 'sfexpress', service: { productCode: 'SFIE' }, label: { format: 'PNG' } });
  });

  it('reports a missing courier at the order’s row when neither the file nor the defaults give one', () => {
    const [order] = ordersFrom([HEADER, 'A-1,Alice,1 Main St,Boston,02108,US,1,Cap,1,9,USD,0.2'], { courier: null });
    expect(order!.issues.map((i) => i.message)).toEqual(['row 2, Courier: Courier is required.']);
  });

  it('reads numbers the way people type them', () => {
    expect(['1,5', '1.5', '1,200', '1.234,56', '1,234.56', '１２', '$15.00', '¥1,200', ' 2 ', '1 200,5'].map(toNumber)).toEqual([
      1.5, 1.5, 1200, 1234.56, 1234.56, 12, 15, 1200, 2, 1200.5,
    ]);
    expect(toNumber('')).toBeUndefined();
    expect(toNumber('1.5kg')).toBe('1.5kg');
    const [order] = ordersFrom([HEADER, 'A-1,Alice,1 Main St,Boston,02108,US,"1,5",Cap,1,"12,50",USD,"0,2"']);
    expect(order!.draft!.shipment.parcels[0]).toMatchObject({ weight: 1.5, items: [{ unitPrice: { amount: 12.5 }, unitWeight: 0.2 }] });
  });
});

describe('fixing and excluding in the preview', () => {
  const lines = [HEADER, 'A-1,Alice,1 Main St,Boston,,US,1,Cap,1,9,USD,0.2', 'B-2,Bob,2 Side St,Denver,80202,US,1,Mug,1,9,USD,0.4'];

  it('applyCellFix changes one cell and the rebuilt order has no issue', () => {
    const { headers, rows } = parseCsv(lines.join('\n'));
    const mapping = suggestMapping(headers);
    expect(buildOrders(rows, mapping, DEFAULTS)[0]!.issues).toHaveLength(1);
    const fixed = applyCellFix(rows, 2, 'Postal code', '02108');
    const [order] = buildOrders(fixed, mapping, DEFAULTS);
    expect(order!.issues).toEqual([]);
    expect(order!.draft!.shipment.shipTo.address.postalCode).toBe('02108');
    // Pure: the rows the preview holds are untouched.
    expect(rows[0]!.values['Postal code']).toBe('');
    expect(fixed[1]).toBe(rows[1]);
  });

  it('applyCellFix refuses a row or column that is not in the file', () => {
    const { rows } = parseCsv(lines.join('\n'));
    expect(stationError(() => applyCellFix(rows, 99, 'Postal code', 'x')).code).toBe('batch_row_missing');
    expect(stationError(() => applyCellFix(rows, 2, 'Zip', 'x')).code).toBe('batch_column_missing');
  });

  it('excludes rows or whole orders', () => {
    const { headers, rows } = parseCsv(lines.join('\n'));
    const orders = buildOrders(excludeRows(rows, [2]), suggestMapping(headers), DEFAULTS);
    expect(orders.map((o) => o.orderNumber)).toEqual(['B-2']);
    expect(excludeOrders(buildOrders(rows, suggestMapping(headers), DEFAULTS), ['A-1']).map((o) => o.orderNumber)).toEqual(['B-2']);
  });
});

describe('the sample CSV', () => {
  it('has its notes in the operator’s language above the English headers the importer matches on, and the notes are left out', () => {
    for (const language of ['ja', 'zh-Hant'] as const) {
      const text = sampleCsv(tIn(language));
      const notes = text.split('\r\n').slice(0, 3);
      expect(notes.join('\n'), language).toMatch(language === 'ja' ? /1 行が 1 品目/ : /每一列是一個品項/);
      const { headers, rows, skipped } = parseCsv(decodeCsv(utf8(text)).text);
      expect(headers).toEqual(BATCH_FIELDS.map((f) => batchFieldLabels[f]));
      expect(skipped).toEqual({ before: 3, after: 0 });
      const orders = buildOrders(rows, suggestMapping(headers), { ...DEFAULTS, courier: null, productCode: null });
      expect(orders.map((o) => o.orderNumber)).toEqual(['SAMPLE-1001', 'SAMPLE-1002', 'SAMPLE-1003']);
    }
  });

  it('has every supported column and imports with no issues: one multi-item and one multi-parcel order', () => {
    const decoded = decodeCsv(utf8(sampleCsv()));
    const { headers, rows } = parseCsv(decoded.text);
    expect(headers).toEqual(BATCH_FIELDS.map((f) => batchFieldLabels[f]));
    const mapping = suggestMapping(headers);
    expect(missingRequired(mapping)).toEqual([]);

    const orders = buildOrders(rows, mapping, { ...DEFAULTS, courier: null, productCode: null });
    expect(orders.flatMap((o) => o.issues)).toEqual([]);
    expect(orders.map((o) => o.orderNumber)).toEqual(['SAMPLE-1001', 'SAMPLE-1002', 'SAMPLE-1003']);
    const shape = orders.map((o) => o.draft!.shipment.parcels.map((p) => p.items.length));
    expect(shape).toEqual([[1], [2], [1, 1]]);
    expect(orders[2]!.draft!.order).toEqual({ customerOrderNumber: 'SAMPLE-1003', orderNumbers: { referenceNumbers: ['PO-91', 'PO-92'] } });
  });
});
