import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildOrders } from '../../electron/core/batch/build-orders';
import { toCountryCode } from '../../electron/core/batch/convert/country';
import { splitMoney, toCurrencyCode } from '../../electron/core/batch/convert/money';
import { splitChineseAddress, splitJapaneseAddress, stripTextMarkers } from '../../electron/core/batch/convert/text';
import { convertMeasure, unitFromHeader } from '../../electron/core/batch/convert/units';
import { decodeCsv } from '../../electron/core/batch/csv-decode';
import { parseCsv } from '../../electron/core/batch/csv-parse';
import { tableRows } from '../../electron/core/batch/csv-table';
import { runImportJob } from '../../electron/core/batch/import-jobs';
import { fitMapping, readSource, suggestMapping } from '../../electron/core/batch/mapping';
import { PLATFORM_PROFILES, recogniseProfile } from '../../electron/core/batch/profiles/registry';
import { StationError } from '../../electron/core/errors';
import { ColumnMapping, type BatchDefaults } from '../../shared/domain/batch';

/** Issue 14 items 1–3, piece by piece: reading shop exports, recognising them, converting their values. */

const DEFAULTS: BatchDefaults = {
  courier: 'yunexpress',
  productCode: 'YEXP01',
  labelFormat: 'PDF',
  units: 'metric',
  sender: null,
  preset: null,
};
/** Windows-1252 bytes of text whose characters are all in Latin-1 (where 1252 and Latin-1 agree). */
const latin1 = (text: string) => new Uint8Array([...text].map((c) => c.charCodeAt(0)));

describe('reading Windows-1252 (Excel’s CSV save on a Western European Windows)', () => {
  const GERMAN = 'Order Number;First Name (Shipping);City (Shipping)\r\n3101;Jürgen Müller;München\r\n3102;Chloé Lefèvre;Besançon\r\n';

  it('is detected when the file is not UTF-8 and reads like German or French', () => {
    expect(decodeCsv(latin1(GERMAN))).toEqual({ text: GERMAN, encoding: 'windows-1252' });
  });

  it('is read when chosen by hand, including the signs only Windows-1252 has (€ “ ”)', () => {
    const bytes = new Uint8Array([...latin1('Price;Note\r\n'), 0x80, ...latin1(' 12,50;'), 0x93, ...latin1('Gift'), 0x94, 0x0d, 0x0a]);
    expect(decodeCsv(bytes, 'windows-1252')).toEqual({ text: 'Price;Note\r\n€ 12,50;“Gift”\r\n', encoding: 'windows-1252' });
  });

  it('does not take UTF-8 for it', () => {
    expect(decodeCsv(new TextEncoder().encode(GERMAN)).encoding).toBe('utf-8');
  });
});

describe('finding the header and the orders in a report', () => {
  it('skips title lines above the header, keeps spreadsheet row numbers, and leaves out summary lines below', () => {
    const csv = [
      'Orders report,,,,,,,,',
      'Downloaded 2026-11-30,,,,,,,,',
      '',
      'Order,Name,Street,City,Zip,Country,Item,Qty,Price',
      'A-1,Ann,1 Main St,Boston,02108,US,Cap,1,9',
      'A-2,Bob,2 Main St,Boston,02108,US,Hat,1,12',
      ',,,,,,,,',
      'Total,,,,,,,2,21',
      '2 record(s) downloaded,,,,,,,,',
    ].join('\r\n');
    const parsed = parseCsv(csv);
    expect(parsed.headers).toEqual(['Order', 'Name', 'Street', 'City', 'Zip', 'Country', 'Item', 'Qty', 'Price']);
    expect(parsed.rows.map((r) => [r.row, r.values.Order])).toEqual([
      [5, 'A-1'],
      [6, 'A-2'],
    ]);
    expect(parsed.skipped).toEqual({ before: 2, after: 2 });
  });

  it('does not take an order row with a few empty cells for a footer', () => {
    const parsed = parseCsv('Order,Name,Street,City,Zip,Country\r\nA-1,Ann,1 Main St,Boston,02108,US\r\nA-2,,,,,\r\n');
    expect(parsed.rows.map((r) => r.values.Order)).toEqual(['A-1', 'A-2']);
    expect(parsed.skipped.after).toBe(0);
  });

  it('picks the separator that splits the rows evenly: semicolons with decimal commas, tabs', () => {
    expect(parseCsv('Order;Price;Name\r\n1;12,50;Ann\r\n2;3,00;Bob, Jr.\r\n').rows[1]!.values).toEqual({
      Order: '2',
      Price: '3,00',
      Name: 'Bob, Jr.',
    });
    expect(parseCsv('order-id\tproduct-name\tqty\n1\tMug, blue\t2\n').rows[0]!.values['product-name']).toBe('Mug, blue');
  });

  it('reads an unquoted tab-separated report whose text starts with a quote (Amazon)', () => {
    const parsed = parseCsv('order-id\tproduct-name\tquantity\n114-1\t"Enigma" puzzle, 1000 pieces\t1\n114-2\t12" ruler\t2\n');
    expect(parsed.rows.map((r) => r.values['product-name'])).toEqual(['"Enigma" puzzle, 1000 pieces', '12" ruler']);
  });

  it('takes the value out of Excel’s ="…" text marker', () => {
    expect(parseCsv('订单编号,联系手机\r\n="35153131473293579",\'13925130165\r\n').rows[0]!.values).toEqual({
      订单编号: '35153131473293579',
      联系手机: "'13925130165",
    });
  });
});

describe('converting values', () => {
  it('country names and aliases in English, Japanese and Chinese → ISO codes; unknown text stays for the schema to name', () => {
    const cases: [string, string][] = [
      ['United States', 'US'],
      ['usa', 'US'],
      ['U.S.A.', 'US'],
      ['アメリカ合衆国', 'US'],
      ['米国', 'US'],
      ['美国', 'US'],
      ['Germany', 'DE'],
      ['Deutschland', 'DE'],
      ['ドイツ', 'DE'],
      ['德国', 'DE'],
      ['United Kingdom', 'GB'],
      ['英国', 'GB'],
      ['Canada', 'CA'],
      ['日本', 'JP'],
      ['中国大陆', 'CN'],
      ['香港', 'HK'],
      ['Korea, Republic of', 'KR'],
      ['jp', 'JP'],
      ['DEU', 'DE'],
      ['Atlantis', 'Atlantis'],
    ];
    expect(cases.map(([name]) => [name, toCountryCode(name)])).toEqual(cases);
  });

  it('oz, lb, g, kg and in, cm → the station’s units; a unit in the cell wins over the column’s', () => {
    expect(convertMeasure('12', 'kg', 'oz')).toBe('0.34');
    expect(convertMeasure('2.5', 'kg', 'lb')).toBe('1.134');
    expect(convertMeasure('250', 'kg', 'g')).toBe('0.25');
    expect(convertMeasure('1,2', 'kg')).toBe('1.2');
    expect(convertMeasure('16 oz', 'lb')).toBe('1');
    expect(convertMeasure('500g', 'kg', 'lb')).toBe('0.5');
    expect(convertMeasure('10', 'cm', 'in')).toBe('25.4');
    expect(convertMeasure('30 cm', 'in')).toBe('11.811');
    expect(convertMeasure('0.1', 'kg', 'g')).toBe('0.001');
    expect(convertMeasure('heavy', 'kg', 'oz')).toBe('heavy');
    expect(convertMeasure('3 cm', 'kg')).toBe('3 cm');
    expect(['Weight (oz)', 'Total Weight in Oz', '重量(g)', 'Length (in)', 'Weight_lb', 'Weight'].map(unitFromHeader)).toEqual([
      'oz',
      'oz',
      'g',
      'in',
      'lb',
      undefined,
    ]);
  });

  it('currency signs and codes in prices and currency cells', () => {
    expect(
      ['$12.99', 'C $9.50', 'US $5', '€ 12,50', '12,50 €', '£4.50', '¥1,200', '1200円', '12.00 USD', 'RM 9.90', '9.90'].map(splitMoney),
    ).toEqual([
      { amount: '12.99', currency: 'USD' },
      { amount: '9.50', currency: 'CAD' },
      { amount: '5', currency: 'USD' },
      { amount: '12,50', currency: 'EUR' },
      { amount: '12,50', currency: 'EUR' },
      { amount: '4.50', currency: 'GBP' },
      { amount: '1,200', currency: 'JPY' },
      { amount: '1200', currency: 'JPY' },
      { amount: '12.00', currency: 'USD' },
      { amount: '9.90', currency: 'MYR' },
      { amount: '9.90' },
    ]);
    expect(['usd', '円', '人民币', '€'].map(toCurrencyCode)).toEqual(['USD', 'JPY', 'CNY', 'EUR']);
  });

  it('Excel’s text markers: a leading apostrophe before digits, ="…"', () => {
    expect(["'02108", "'+81 90", '="0012"', "O'Brien", "'Tis"].map(stripTextMarkers)).toEqual([
      '02108',
      '+81 90',
      '0012',
      "O'Brien",
      "'Tis",
    ]);
  });

  it('splits a Chinese one-cell address and a Japanese address after its prefecture', () => {
    expect(splitChineseAddress('广东省 广州市 越秀区 环市东路50号(510180)')).toEqual({
      state: '广东省',
      city: '广州市',
      street: '越秀区 环市东路50号',
      postalCode: '510180',
    });
    expect(splitChineseAddress('北京市朝阳区建国路1号').street).toBe('北京市朝阳区建国路1号');
    expect(
      ['渋谷区神南1-2-3', '横浜市中区山下町1', '町田市原町田6-1', '西多摩郡瑞穂町箱根ケ崎2335', '丸の内'].map(
        (a) => splitJapaneseAddress(a).city,
      ),
    ).toEqual(['渋谷区', '横浜市中区', '町田市', '西多摩郡瑞穂町', '']);
  });
});

describe('mapping that can express real files', () => {
  const row = {
    row: 2,
    values: { Zip1: '158', Zip2: '0094', Tel1: '090', Tel2: '', Tel3: '5678', Addr: '浙江省 杭州市 西湖区 文三路90号(310012)' },
  };

  it('joins columns (blank parts left out), splits a known cell, gives a constant', () => {
    expect(readSource(row, { columns: ['Zip1', 'Zip2'], join: '-' })).toBe('158-0094');
    expect(readSource(row, { columns: ['Tel1', 'Tel2', 'Tel3'], join: '-' })).toBe('090-5678');
    expect(readSource(row, { column: 'Addr', split: 'cn_address', part: 'postalCode' })).toBe('310012');
    expect(readSource(row, { constant: ' 0.5 ' })).toBe('0.5');
  });

  it('is the schema saved mappings and the preview use: old one-column mappings stay valid; the order number is one column', () => {
    expect(ColumnMapping.safeParse({ orderNumber: 'Order', postalCode: 'Zip' }).success).toBe(true);
    expect(ColumnMapping.safeParse({ postalCode: { columns: ['Zip1', 'Zip2'], join: '-' }, weight: { constant: '0.5' } }).success).toBe(
      true,
    );
    expect(ColumnMapping.safeParse({ orderNumber: { constant: 'X' } }).success).toBe(false);
    expect(ColumnMapping.safeParse({ weight: { constant: '  ' } }).success).toBe(false);
    expect(ColumnMapping.safeParse({ notAField: 'x' }).success).toBe(false);
  });

  it('keeps joined sources and constants on a new file that has their columns, drops those it lacks', () => {
    const saved = { postalCode: { columns: ['Zip1', 'Zip2'], join: '-' }, phone: { columns: ['Tel1', 'Gone'] }, weight: { constant: '1' } };
    expect(fitMapping(saved, ['Zip1', 'Zip2', 'Tel1'])).toMatchObject({
      postalCode: saved.postalCode,
      phone: null,
      weight: { constant: '1' },
    });
  });

  it('matches headers of unrecognised files by their parts: "Ship To - Postal Code", "Item - Qty", "Postcode (Shipping)", "Weight (oz)"', () => {
    expect(suggestMapping(['Ship To - Postal Code', 'Item - Qty', 'Weight (oz)', 'Ship Zipcode'])).toMatchObject({
      postalCode: 'Ship To - Postal Code',
      quantity: 'Item - Qty',
      weight: { columns: ['Weight (oz)'], unit: 'oz' },
    });
    expect(suggestMapping(['Postcode (Shipping)', 'City (Shipping)'])).toMatchObject({
      postalCode: 'Postcode (Shipping)',
      city: 'City (Shipping)',
    });
  });

  it('prefers recipient-name to buyer-name, and never takes a shipping method for the product code', () => {
    const mapping = suggestMapping(['buyer-name', 'recipient-name', 'Shipping Service', '配送方法', 'SKU']);
    expect(mapping).toMatchObject({ firstName: 'recipient-name', productCode: null, sku: 'SKU' });
  });

  it('inherits the currency within an order and folds a summary row into its order', () => {
    const { rows } = parseCsv(
      [
        'Order,Name,Street,City,Zip,Country,Item description,Qty,Price,Currency,Unit weight,Weight',
        'A-1,Ann,1 Main St,Boston,02108,United States,,3,,USD,,1',
        'A-1,,,,,,Cap,1,9,,0.2,',
        'A-1,,,,,,Hat,2,12,,0.3,',
      ].join('\r\n'),
    );
    const [order] = buildOrders(rows, suggestMapping(Object.keys(rows[0]!.values)), DEFAULTS);
    expect(order!.issues).toEqual([]);
    expect(order!.draft!.shipment.parcels[0]!.items).toEqual([
      { descriptionEn: 'Cap', quantity: 1, unitPrice: { amount: 9, currency: 'USD' }, unitWeight: 0.2 },
      { descriptionEn: 'Hat', quantity: 2, unitPrice: { amount: 12, currency: 'USD' }, unitWeight: 0.3 },
    ]);
  });
});

describe('recognising a platform export', () => {
  it('recognises every profile from its own required headers, and no other profile scores as high', () => {
    for (const profile of PLATFORM_PROFILES) {
      const headers = [...profile.required, ...profile.characteristic];
      expect(recogniseProfile(headers)?.profile.id, profile.id).toBe(profile.id);
    }
  });

  it('leaves a file without all of a profile’s required headers to today’s matching', () => {
    expect(recogniseProfile(['Name', 'Lineitem name', 'Zip'])).toBeNull();
  });
});

describe('bad input', () => {
  it('reads columns named like object internals ("__proto__", "constructor") as plain columns', () => {
    const { table, mapping } = runImportJob({
      kind: 'import',
      bytes: new TextEncoder().encode('Order,__proto__,constructor,Zip\r\nA-1,x,y,02108\r\n'),
      defaults: DEFAULTS,
    });
    const values = tableRows(table)[0]!.values;
    expect(Object.keys(values)).toEqual(['Order', '__proto__', 'constructor', 'Zip']);
    expect([values['__proto__'], values['constructor'], values['Zip']]).toEqual(['x', 'y', '02108']);
    expect(mapping.postalCode).toBe('Zip');
  });

  it('never crashes on random bytes: a file imports, or is refused with a StationError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        try {
          const result = runImportJob({ kind: 'import', bytes, defaults: DEFAULTS });
          expect(result.orders.starts.length).toBeGreaterThan(0);
          buildOrders(tableRows(result.table), result.mapping, DEFAULTS);
        } catch (error) {
          if (!(error instanceof StationError)) throw error;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never crashes on random text shaped like CSV: separators, quotes, line breaks, markers and platform headers', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        '',
        '"',
        '""',
        '="1"',
        "'0",
        '$1',
        'C $2',
        '12 oz',
        'Japan',
        '广东省 广州市 越秀区 路1号(510180)',
        'record(s) downloaded',
        '__proto__',
        'constructor',
      ),
      fc.constantFrom(...PLATFORM_PROFILES.flatMap((p) => p.required)),
    );
    const line = fc.array(cell, { maxLength: 12 }).chain((cells) => fc.constantFrom(',', ';', '\t').map((d) => cells.join(d)));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const bytes = new TextEncoder().encode(lines.join(eol));
        try {
          const result = runImportJob({ kind: 'import', bytes, defaults: DEFAULTS });
          buildOrders(tableRows(result.table), result.mapping, DEFAULTS);
        } catch (error) {
          if (!(error instanceof StationError)) throw error;
        }
      }),
      { numRuns: 400 },
    );
  });
});
