import Papa from 'papaparse';
import { parseDecimal } from '../../../shared/domain/numbers';
import { SkuCatalogueEntryInput, type SkuCatalogueEntry, type SkuCsvIssue } from '../../../shared/domain/sku-catalogue';
import { StationError } from '../errors';
import { stationLanguage, t, tIn, translateStationMessage } from '../i18n';
import { LANGUAGES, type Language } from '../../../shared/i18n/languages';
import { decodeCsv } from '../batch/csv-decode';
import type { SkuCatalogueRecord } from './sku-catalogue-store';

type Column = 'sku' | 'descriptionEn' | 'descriptionLocal' | 'hsCode' | 'originCountry' | 'unitWeight' | 'declaredValue' | 'currency';

/** The export's headers in English, in this order; the import reads them back (and the synonyms below). */
export const CATALOGUE_CSV_HEADERS: Record<Column, string> = {
  sku: 'SKU',
  descriptionEn: 'English description',
  descriptionLocal: 'Local description',
  hsCode: 'HS code',
  originCountry: 'Country of origin',
  unitWeight: 'Unit weight (kg)',
  declaredValue: 'Declared value',
  currency: 'Currency',
};
const COLUMNS = Object.keys(CATALOGUE_CSV_HEADERS) as Column[];

/** A column's header in a language: the export writes the operator's, the import reads every language's. */
const headerIn = (language: Language, column: Column) => tIn(language)(`exports:skuCatalogue.column.${column}`);

const SYNONYMS: Record<Column, readonly string[]> = {
  sku: ['item sku', 'product sku', 'seller sku', 'sku code', '商品コード', '商品管理番号', 'sku编码', '商家编码', '货号'],
  descriptionEn: ['description', 'description (english)', 'english name', 'customs description', 'descriptionen', '英語品名', '英文品名'],
  descriptionLocal: ['description (local)', 'local name', 'descriptionlocal', '品名', '商品名', '中文品名'],
  hsCode: ['hs', 'hs tariff', 'tariff code', 'hts code', 'harmonized code', 'hscode', 'hsコード', '海关编码'],
  originCountry: ['origin', 'origin country', 'country of manufacture', 'made in', 'origincountry', '原産国', '原产国'],
  unitWeight: ['unit weight', 'weight (kg)', 'weight', 'unitweight', '単位重量', '单位重量'],
  declaredValue: ['value', 'unit value', 'unit price', 'price', 'declared value per unit', 'declaredvalue', '申告価格', '申报价值'],
  currency: ['currency code', '通貨', '币种'],
};

const normalise = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.:：・]+/g, '');

const HEADER_LOOKUP = new Map<string, Column>();
for (const column of COLUMNS) {
  for (const name of [column, CATALOGUE_CSV_HEADERS[column], ...LANGUAGES.map((l) => headerIn(l, column)), ...SYNONYMS[column]]) {
    const key = normalise(name);
    if (!HEADER_LOOKUP.has(key)) HEADER_LOOKUP.set(key, column);
  }
}

/** At most this many rows are named in one answer; the count says how many there were. */
export const MAX_CSV_ISSUES = 200;

/**
 * A spreadsheet starts a formula with =, +, -, @, a tab or a carriage return: such a cell is
 * written with a leading ' so it shows as text (the same set the batch results export escapes,
 * electron/core/batch/batch-service.ts, CSV_FORMULA_START).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The export's own escape, undone on import, so an export imports back unchanged. */
const unescapeFormula = (cell: string) => (cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell);

/** Every entry as a CSV a spreadsheet opens (UTF-8 with a byte order mark, CRLF), cells that look like formulas escaped. */
export function catalogueToCsv(entries: readonly SkuCatalogueEntry[]): string {
  const data = entries.map((e) =>
    COLUMNS.map((column) => {
      const value = e[column];
      return value === undefined ? '' : String(value);
    }),
  );
  const csv = Papa.unparse(
    { fields: COLUMNS.map((c) => headerIn(stationLanguage(), c)), data },
    { newline: '\r\n', escapeFormulae: FORMULA_START },
  );
  return `\uFEFF${csv}\r\n`;
}

/** The message a field's schema issue becomes, and what to do about it (catalogue keys). */
const FIXES: Partial<Record<Column, 'settings:csv.fixOrigin' | 'settings:csv.fixCurrency'>> = {
  originCountry: 'settings:csv.fixOrigin',
  currency: 'settings:csv.fixCurrency',
};
/** Messages that say a cell is empty: the cell is not quoted after them. */
const REQUIRED = /Required$/;

/**
 * A catalogue CSV → the entries of its good rows, and every other row named with its column and
 * the fix. Encodings as the batch import reads them (a byte order mark, UTF-8, Shift_JIS, GBK).
 * Row numbers are the spreadsheet's: the header is row 1. An SKU on two rows is an issue on the
 * second (the first is imported).
 */
export function parseCatalogueCsv(bytes: Uint8Array): { entries: SkuCatalogueRecord[]; issues: SkuCsvIssue[]; rejectedRows: number } {
  const { text } = decodeCsv(bytes);
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header, ...rows] = parsed.data;
  if (!header) throw new StationError('csv_no_rows', t('settings:csv.noRows'));
  const columnAt = new Map<Column, number>();
  header.forEach((name, i) => {
    const column = HEADER_LOOKUP.get(normalise(name));
    if (column && !columnAt.has(column)) columnAt.set(column, i);
  });
  if (!columnAt.has('sku'))
    throw new StationError(
      'sku_csv_no_sku_column',
      t('settings:csv.noSkuColumn', {
        columns: COLUMNS.map((c) => headerIn(stationLanguage(), c)).join(t('exports:skuCatalogue.separator')),
      }),
    );
  if (!columnAt.has('descriptionEn')) throw new StationError('sku_csv_no_description_column', t('settings:csv.noDescriptionColumn'));

  const entries: SkuCatalogueRecord[] = [];
  const issues: SkuCsvIssue[] = [];
  const firstRowOf = new Map<string, number>();
  let rejectedRows = 0;
  const headerOf = (column: Column) => header[columnAt.get(column)!] ?? headerIn(stationLanguage(), column);

  rows.forEach((cells, i) => {
    const row = i + 2;
    const cell = (column: Column) => {
      const at = columnAt.get(column);
      return at === undefined ? '' : unescapeFormula((cells[at] ?? '').trim());
    };
    const number = (column: Column) => {
      const raw = cell(column);
      const value = parseDecimal(raw);
      return value === undefined ? undefined : Number.isNaN(value) ? raw : value;
    };
    const optional = (column: Column) => cell(column) || undefined;
    const input = {
      sku: cell('sku'),
      descriptionEn: cell('descriptionEn'),
      descriptionLocal: optional('descriptionLocal'),
      hsCode: optional('hsCode'),
      originCountry: optional('originCountry')?.toUpperCase(),
      unitWeight: number('unitWeight'),
      declaredValue: number('declaredValue'),
      currency: optional('currency')?.toUpperCase(),
    };
    const rowIssues: SkuCsvIssue[] = [];
    /** `message`: a catalogue key (the schema's and this file's), or zod's own text. */
    const report = (column: Column, message: string, values?: Record<string, unknown>) => {
      const raw = cell(column);
      const quoted = raw && !REQUIRED.test(message) ? t('settings:csv.cellSays', { cell: raw }) : '';
      const name = headerOf(column);
      const text = translateStationMessage(message, values);
      rowIssues.push({ row, column: name, message: t('settings:csv.issue', { row, column: name, message: text }) + quoted });
    };
    const result = SkuCatalogueEntryInput.safeParse(input);
    if (!result.success) {
      for (const issue of result.error.issues) {
        const column = (COLUMNS as readonly PropertyKey[]).includes(issue.path[0]!) ? (issue.path[0] as Column) : 'sku';
        report(column, FIXES[column] && issue.code !== 'custom' ? FIXES[column] : issue.message);
      }
      // The schema checks "a value needs its currency" only once every field is valid: say it now, with the rest.
      if (input.declaredValue !== undefined && !input.currency && !rowIssues.some((i) => i.column === headerOf('currency')))
        report('currency', 'settings:validation.currencyNeeded');
    } else {
      const first = firstRowOf.get(result.data.sku);
      if (first !== undefined) report('sku', 'settings:csv.duplicateSku', { sku: result.data.sku, first });
      else {
        firstRowOf.set(result.data.sku, row);
        entries.push(result.data);
      }
    }
    if (rowIssues.length) {
      rejectedRows += 1;
      for (const issue of rowIssues) if (issues.length < MAX_CSV_ISSUES) issues.push(issue);
    }
  });
  return { entries, issues, rejectedRows };
}
