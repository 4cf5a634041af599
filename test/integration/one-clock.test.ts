import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { PrintBackend } from '../../electron/core/printing/print-service';
import { timeFormat } from '../../shared/domain/time-format';
import { labelDraft } from '../fixtures/label-drafts';
import { stationCsv } from '../fixtures/station-orders';
import { createTestStation } from '../support/test-station';

/** Issue 15 item 4: one clock. Tokyo is 9 hours from UTC, so a time written in UTC cannot pass for local. */
const CLOCK = { timeZone: 'Asia/Tokyo', locale: 'en-GB' };
const tokyo = timeFormat(CLOCK);

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const printBackend: PrintBackend = { kind: 'cups', listPrinters: async () => [], print: async () => ({ osJobId: 'desk-1' }) };

describe('one clock', () => {
  it('the Demo label prints its "Created" time in the station zone and format, without "UTC"', async () => {
    const station = createTestStation({ clock: CLOCK });
    cleanup.push(() => station.close());
    expect((await station.client.env.switch({ environment: 'demo' })).ok).toBe(true);
    const before = Date.now();
    const answer = await station.client.labels.create({ draft: labelDraft('CLOCK-1') });
    const after = Date.now();
    expect(answer).toMatchObject({ ok: true, value: { kind: 'created' } });
    if (!answer.ok || answer.value.kind !== 'created') return;
    const file = (await station.services.labelStore.documentPath(answer.value.label.id))!;
    await station.services.documents.flush();
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    const created = /Created: (.+)/.exec(text)?.[1]?.trim();
    // The simulator stamped the label between the two readings (one minute at most apart).
    expect([tokyo.dateTime(before), tokyo.dateTime(after)]).toContain(created);
    expect(text).not.toMatch(/UTC/);
  });

  it('station mode says when an order was labelled in the station clock', async () => {
    const labelledAt = Date.UTC(2026, 11, 1, 20, 33, 0);
    const station = createTestStation({ clock: CLOCK, now: () => new Date(labelledAt), printBackend });
    cleanup.push(() => station.close());
    const { client } = station;
    await client.env.switch({ environment: 'demo' });
    await client.printers.saveProfile({ name: 'Desk printer', printer: 'desk-queue', role: 'labels' });
    const csv = stationCsv([{ orderNumber: 'CLOCK-2' }]);
    expect((await client.batch.import({ fileName: 'today.csv', base64: Buffer.from(csv).toString('base64') })).ok).toBe(true);
    expect(await client.scan.submit({ input: 'CLOCK-2' })).toMatchObject({ ok: true, value: { result: { status: 'printed' } } });
    const again = await client.scan.submit({ input: 'CLOCK-2' });
    expect(again).toMatchObject({ ok: true, value: { result: { status: 'reprinted' } } });
    expect(again.ok && again.value.result.message).toContain('(created 2 Dec 2026, 05:33)');
  });
});
