import { describe, expect, it, vi } from 'vitest';
import { packRows, rowIndexOf, tableCell, tableRow, tableRows, withCell } from '../../electron/core/batch/csv-table';
import { createImportThreads, importWorkerEntry } from '../../electron/core/batch/import-thread';
import { largeOrdersCsv } from '../fixtures/large-csv';
import { parseCsv } from '../../electron/core/batch/csv-parse';
import { codeOf } from '../support/station-error';

/** How an import keeps its rows (issue 12, item 6) and where its worker is found. */

describe('the packed table of an import', () => {
  const { headers, rows } = parseCsv('Order number,City,Note\r\nA-1,Tokyo,\r\n\r\nA-2,"Osaka, Kita",“quoted”\r\nA-3,東京,x\r\n');

  it('gives back every row exactly as parsed, blank rows still counted in the row numbers', () => {
    const table = packRows(headers, rows);
    expect(Array.from(table.rowNumbers)).toEqual([2, 4, 5]);
    expect(tableRows(table)).toEqual(rows);
    expect(tableRows(table, [2, 0])).toEqual([rows[2], rows[0]]);
    expect(tableCell(table, 1, 1)).toBe('Osaka, Kita');
    expect(rowIndexOf(table, 4)).toBe(1);
    expect(rowIndexOf(table, 3)).toBe(-1);
  });

  it('changes one cell (longer, shorter, empty) and leaves every other cell as it was', () => {
    const table = packRows(headers, rows);
    const longer = withCell(table, 2, 'City', 'Tokyo-to, Chiyoda-ku');
    expect(longer.rowIndex).toBe(0);
    expect(tableRows(longer.table)).toEqual([{ row: 2, values: { ...rows[0]!.values, City: 'Tokyo-to, Chiyoda-ku' } }, rows[1], rows[2]]);
    const shorter = withCell(longer.table, 4, 'Note', '');
    expect(tableRows(shorter.table)).toEqual([tableRow(longer.table, 0), { row: 4, values: { ...rows[1]!.values, Note: '' } }, rows[2]]);
    // The table it came from is untouched (a preview being read keeps its rows).
    expect(tableRows(table)).toEqual(rows);
  });

  it('refuses a row or a column the file does not have', () => {
    const table = packRows(headers, rows);
    expect(codeOf(() => withCell(table, 3, 'City', 'x'))).toBe('batch_row_missing');
    expect(codeOf(() => withCell(table, 2, 'Zip', 'x'))).toBe('batch_column_missing');
  });
});

describe('where the import worker is', () => {
  it('beside main.mjs in the build, unpacked beside the asar archive when packaged, and the .ts beside the sources', () => {
    expect(importWorkerEntry('file:///opt/app/dist/main/main.mjs')).toEqual({
      url: new URL('file:///opt/app/dist/main/import-worker.mjs'),
      fromSources: false,
    });
    expect(importWorkerEntry('file:///opt/Flex%20Forward/resources/app.asar/dist/main/main.mjs').url.href).toBe(
      'file:///opt/Flex%20Forward/resources/app.asar.unpacked/dist/main/import-worker.mjs',
    );
    expect(importWorkerEntry('file:///C:/Program%20Files/FFS/resources/app.asar/dist/main/main.mjs').url.href).toBe(
      'file:///C:/Program%20Files/FFS/resources/app.asar.unpacked/dist/main/import-worker.mjs',
    );
    expect(importWorkerEntry('file:///work/electron/core/batch/import-thread.ts')).toEqual({
      url: new URL('file:///work/electron/core/batch/import-worker.ts'),
      fromSources: true,
    });
  });
});

describe('import jobs in worker threads', () => {
  const defaults = { courier: null, productCode: null, labelFormat: 'PDF', units: 'metric', sender: null, preset: null } as const;

  it('a worker that cannot start is a clear error, and logged', async () => {
    const error = vi.fn();
    const threads = createImportThreads({ logger: { error }, moduleUrl: 'file:///nonexistent/dist/main/main.mjs' });
    await expect(threads.run({ kind: 'import', bytes: new TextEncoder().encode('Order number\nA-1\n'), defaults })).rejects.toMatchObject({
      code: 'import_failed',
      message: 'The station could not finish reading this file. Import it again; if it keeps failing, split it into smaller files.',
    });
    expect(error).toHaveBeenCalledWith('batch.import_worker_failed', expect.objectContaining({ job: 'import' }));
  });

  it('close stops a job still running, and later jobs are refused', async () => {
    const threads = createImportThreads({ logger: { error: () => undefined } });
    const running = threads.run({ kind: 'import', bytes: Buffer.from(largeOrdersCsv({ rows: 20_000 }).csv), defaults });
    await threads.close();
    await expect(running).rejects.toMatchObject({ code: 'station_closing' });
    await expect(threads.run({ kind: 'import', bytes: new TextEncoder().encode('Order number\nA-1\n'), defaults })).rejects.toMatchObject({
      code: 'station_closing',
    });
  });

  it('a StationError thrown in the worker comes back with its code and message', async () => {
    const threads = createImportThreads({ logger: { error: () => undefined } });
    await expect(threads.run({ kind: 'import', bytes: new TextEncoder().encode('Order number,City\n'), defaults })).rejects.toMatchObject({
      name: 'StationError',
      code: 'csv_no_rows',
    });
  });
});
