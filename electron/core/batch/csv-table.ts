import type { CsvRow } from '../../../shared/domain/batch';
import { StationError } from '../errors';
import { t } from '../i18n';

/**
 * The rows of an imported file packed into one string and two typed arrays, the form an
 * import keeps in memory and sends between threads: a row object per line with a string per
 * cell costs several times the file's size in V8 objects and is slow to copy to another
 * thread, while this costs about the file's text plus 4 bytes a cell, and copies as a few
 * flat buffers. Rows become `CsvRow` objects only where code reads them (`tableRows`).
 */
export interface CsvTable {
  /** The (unique) headers, in file order: cell `c` of a row is the value of `headers[c]`. */
  headers: string[];
  /** Every cell's text, row after row, column after column, with nothing between them. */
  text: string;
  /** Cell `i` (row `r`, column `c`: `i = r × headers.length + c`) is `text.slice(offsets[i], offsets[i + 1])`. */
  offsets: Uint32Array;
  /** The spreadsheet row number of each data row (the header is row 1), ascending. */
  rowNumbers: Uint32Array;
}

export function packRows(headers: readonly string[], rows: readonly CsvRow[]): CsvTable {
  const offsets = new Uint32Array(rows.length * headers.length + 1);
  const rowNumbers = new Uint32Array(rows.length);
  const parts: string[] = [];
  let at = 0;
  let cell = 0;
  rows.forEach((row, r) => {
    rowNumbers[r] = row.row;
    for (const header of headers) {
      const value = row.values[header] ?? '';
      offsets[cell++] = at;
      parts.push(value);
      at += value.length;
    }
  });
  offsets[cell] = at;
  return { headers: [...headers], text: parts.join(''), offsets, rowNumbers };
}

export const rowCount = (table: CsvTable) => table.rowNumbers.length;

export function tableCell(table: CsvTable, rowIndex: number, column: number): string {
  const i = rowIndex * table.headers.length + column;
  return table.text.slice(table.offsets[i], table.offsets[i + 1]);
}

export function tableRow(table: CsvTable, rowIndex: number): CsvRow {
  // No prototype: a column named "__proto__" or "constructor" is a column like any other.
  const values: Record<string, string> = Object.create(null);
  table.headers.forEach((header, c) => (values[header] = tableCell(table, rowIndex, c)));
  return { row: table.rowNumbers[rowIndex]!, values };
}

/** The rows at these indexes (all of them when none are given), as the batch code reads rows. */
export function tableRows(table: CsvTable, rowIndexes?: Iterable<number>): CsvRow[] {
  const rows: CsvRow[] = [];
  if (rowIndexes) for (const r of rowIndexes) rows.push(tableRow(table, r));
  else for (let r = 0; r < rowCount(table); r++) rows.push(tableRow(table, r));
  return rows;
}

/** The index of the data row a spreadsheet shows as `rowNumber`, or -1. */
export function rowIndexOf(table: CsvTable, rowNumber: number): number {
  let low = 0;
  let high = table.rowNumbers.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = table.rowNumbers[mid]!;
    if (at === rowNumber) return mid;
    if (at < rowNumber) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/**
 * The table with one cell changed (the preview's "fix this cell"), and the row's index. Refuses
 * a row or column that is not in the file, with the same codes as `applyCellFix`.
 */
export function withCell(table: CsvTable, rowNumber: number, header: string, value: string): { table: CsvTable; rowIndex: number } {
  const rowIndex = rowIndexOf(table, rowNumber);
  if (rowIndex < 0) throw new StationError('batch_row_missing', t('batch:errors.rowMissing', { row: rowNumber }));
  const column = table.headers.indexOf(header);
  if (column < 0) throw new StationError('batch_column_missing', t('batch:errors.columnMissing', { column: header }));
  const i = rowIndex * table.headers.length + column;
  const start = table.offsets[i]!;
  const end = table.offsets[i + 1]!;
  const delta = value.length - (end - start);
  const offsets = table.offsets.slice();
  if (delta !== 0) for (let j = i + 1; j < offsets.length; j++) offsets[j] = offsets[j]! + delta;
  return { table: { ...table, text: table.text.slice(0, start) + value + table.text.slice(end), offsets }, rowIndex };
}
