import Papa from 'papaparse';
import type { CsvRow } from '../../../shared/domain/batch';
import { StationError } from '../errors';

export interface ParsedCsv {
  /** Unique, non-blank headers in file order (see `uniqueHeaders`). */
  headers: string[];
  rows: CsvRow[];
}

/**
 * Text of a CSV file → headers and rows. Quoted fields may hold commas, quotes and line
 * breaks; CRLF and LF both end rows. Blank lines are skipped but still counted, so row
 * numbers match what a spreadsheet shows.
 */
export function parseCsv(text: string): ParsedCsv {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') throw new StationError('csv_empty', 'This file is empty. Export the orders again, or pick another file.');

  // No dynamic typing: "08817" and "+81 90…" must stay as typed.
  const result = Papa.parse<string[]>(body, { delimiter: guessDelimiter(body), skipEmptyLines: false });
  const error = result.errors[0];
  if (error) {
    const row = (error.row ?? 0) + 1;
    const what =
      error.code === 'MissingQuotes' || error.code === 'InvalidQuotes'
        ? 'a quoted value is not closed properly'
        : error.message.toLowerCase();
    throw new StationError(
      'csv_malformed',
      `The file cannot be read from row ${row}: ${what}. Check the quotes (") in that row in your spreadsheet and export it again.`,
    );
  }

  const [headerCells, ...records] = result.data;
  const headers = uniqueHeaders(headerCells ?? []);
  const rows: CsvRow[] = [];
  records.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    const extra = cells.slice(headers.length);
    if (extra.some((cell) => cell.trim() !== '')) {
      throw new StationError(
        'csv_malformed',
        `Row ${row} has ${cells.length} values but the header has ${headers.length} columns. A value with a comma in it probably lacks its quotes; fix that row and export again.`,
      );
    }
    const values: Record<string, string> = {};
    headers.forEach((header, i) => (values[header] = cells[i] ?? ''));
    rows.push({ row, values });
  });

  if (rows.length === 0) {
    throw new StationError('csv_no_rows', 'This file has a header but no orders. Export the orders again with their rows.');
  }
  return { headers, rows };
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

/** Comma unless the header line clearly uses tabs or semicolons (European Excel, some platform exports). */
function guessDelimiter(text: string): string {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const counts = [',', '\t', ';'].map((d) => ({ d, n: firstLine.split(d).length - 1 }));
  const best = counts.reduce((a, b) => (b.n > a.n ? b : a));
  return best.n > 0 ? best.d : ',';
}
