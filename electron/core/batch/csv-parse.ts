import Papa from 'papaparse';
import type { CsvRow } from '../../../shared/domain/batch';
import { StationError } from '../errors';
import { t } from '../i18n';

export interface ParsedCsv {
  /** Unique, non-blank headers in file order (see `uniqueHeaders`). */
  headers: string[];
  rows: CsvRow[];
  /** Lines left out: `before` the header row (a report's title, "Seller ID: …"), `after` the orders (totals, "3 record(s) downloaded"). */
  skipped: { before: number; after: number };
}

/** How far down the header row may be: reports put a title or a blank line or two above it. */
const HEADER_SEARCH_ROWS = 30;
/** What summary lines below the orders say: eBay's "3 record(s) downloaded" and "Seller ID : …", totals in English, Japanese and Chinese. */
const FOOTER_TEXT = /record\(s\)|records? downloaded|^seller id|^total|^sum\b|^grand total|合計|総計|总计|合计|^件数/i;

/**
 * Text of a CSV file → headers and rows. Quoted fields may hold commas, quotes and line
 * breaks; CRLF and LF both end rows; commas, semicolons and tabs all separate (the one that
 * gives the most rows of the same width wins). The header row is the first of the top lines that
 * fills at least half as many cells as the widest of them, so a report's title lines above it are
 * left out; summary lines below the orders are left out too (`skipped` counts both). Blank lines
 * are skipped but still counted, so row numbers match what a spreadsheet shows.
 */
export function parseCsv(text: string): ParsedCsv {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') throw new StationError('csv_empty', t('batch:errors.empty'));

  const delimiter = guessDelimiter(body);
  // No dynamic typing: "08817" and "+81 90…" must stay as typed.
  let result = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false });
  // Amazon's tab-separated reports do not quote: a product name starting with " is text, not a quote.
  if (result.errors.length && delimiter === '\t') {
    const unquoted = Papa.parse<string[]>(body, { delimiter, skipEmptyLines: false, quoteChar: '\u0000' });
    if (!unquoted.errors.length) result = unquoted;
  }
  const error = result.errors[0];
  if (error) {
    const row = (error.row ?? 0) + 1;
    const what =
      error.code === 'MissingQuotes' || error.code === 'InvalidQuotes' ? t('batch:errors.quoteNotClosed') : error.message.toLowerCase();
    throw new StationError('csv_malformed', t('batch:errors.malformed', { row, what }));
  }

  const records = result.data.map((cells) => cells.map(unwrapFormula));
  const filled = (cells: readonly string[]) => cells.reduce((n, cell) => n + (cell.trim() === '' ? 0 : 1), 0);
  const top = records.slice(0, HEADER_SEARCH_ROWS);
  const widest = Math.max(0, ...top.map(filled));
  const headerIndex = Math.max(
    0,
    top.findIndex((cells) => filled(cells) >= Math.max(Math.min(2, widest), Math.ceil(widest / 2))),
  );
  const headers = uniqueHeaders(records[headerIndex] ?? []);
  const before = records.slice(0, headerIndex).filter((cells) => filled(cells) > 0).length;

  const rows: CsvRow[] = [];
  for (let index = headerIndex + 1; index < records.length; index++) {
    const cells = records[index]!;
    const row = index + 1;
    if (filled(cells) === 0) continue;
    const extra = cells.slice(headers.length);
    if (extra.some((cell) => cell.trim() !== '')) {
      throw new StationError('csv_malformed', t('batch:errors.tooManyValues', { row, values: cells.length, columns: headers.length }));
    }
    // No prototype: a column named "__proto__" or "constructor" is a column like any other.
    const values: Record<string, string> = Object.create(null);
    headers.forEach((header, i) => (values[header] = cells[i] ?? ''));
    rows.push({ row, values });
  }

  // Summary lines at the end: a cell or two in a wide file, or words that only totals use.
  let after = 0;
  while (rows.length > 0 && isFooter(rows.at(-1)!, headers)) {
    rows.pop();
    after += 1;
  }

  if (rows.length === 0) {
    throw new StationError('csv_no_rows', t('batch:errors.noRows'));
  }
  return { headers, rows, skipped: { before, after } };
}

/** A summary line: it starts with words only totals use ("Total", "合計") and fills at most half the columns, or fills one or two cells of a wide file. */
function isFooter(row: CsvRow, headers: readonly string[]): boolean {
  const cells = headers.map((h) => row.values[h] ?? '').filter((v) => v.trim() !== '');
  if (cells.length === 0) return false;
  if (FOOTER_TEXT.test(cells[0]!.trim()) && cells.length <= Math.max(2, headers.length / 2)) return true;
  return cells.length <= 2 && headers.length >= 8 && cells.length <= Math.floor(headers.length * 0.2);
}

/** Excel's ="…" (a value kept as text, as Taobao writes order numbers) is the value inside. */
function unwrapFormula(cell: string): string {
  const formula = /^\s*="(.*)"\s*$/s.exec(cell);
  return formula ? formula[1]! : cell;
}

/**
 * Blank headers become "Column C" (the spreadsheet's letter) and repeated ones "Phone (2)",
 * so every column can be mapped and shown, and no value is silently dropped.
 */
export function uniqueHeaders(cells: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return cells.map((cell, index) => {
    const base = cell.trim() || `Column ${columnLetter(index)}`;
    const count = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), count);
    return count === 1 ? base : `${base} (${count})`;
  });
}

function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * The separator that splits the top of the file into the most rows of one width (more than one
 * column): a semicolon file with decimal commas ("12,50") splits unevenly on commas, an Amazon
 * report evenly on tabs. A tie goes to the wider split, then to comma.
 */
function guessDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  let best = { delimiter: ',', rows: 0, width: 0 };
  for (const delimiter of [',', '\t', ';']) {
    const widths = Papa.parse<string[]>(sample, { delimiter, preview: HEADER_SEARCH_ROWS + 20, skipEmptyLines: true }).data.map(
      (cells) => cells.length,
    );
    const counts = new Map<number, number>();
    for (const width of widths) if (width > 1) counts.set(width, (counts.get(width) ?? 0) + 1);
    for (const [width, rows] of counts) {
      if (rows > best.rows || (rows === best.rows && width > best.width)) best = { delimiter, rows, width };
    }
  }
  return best.delimiter;
}
