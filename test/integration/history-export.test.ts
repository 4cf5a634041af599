import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import type { NewLabel } from '../../electron/core/labels/label-store';
import { timeFormat } from '../../shared/domain/time-format';
import jaExports from '../../shared/i18n/locales/ja/exports.json' with { type: 'json' };
import jaTracking from '../../shared/i18n/locales/ja/tracking.json' with { type: 'json' };
import enExports from '../../shared/i18n/locales/en/exports.json' with { type: 'json' };
import { createTestStation } from '../support/test-station';

/** Issue 19 item 2: the export of History's filtered list (CSV: local times, the operator's language, formulas escaped). */
const CLOCK = { timeZone: 'Asia/Tokyo', locale: 'en-GB' };
// 20:33 UTC is 05:33 the next day in Tokyo: a time written in UTC cannot pass for local.
const AT = Date.UTC(2026, 11, 1, 20, 33, 0);

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function label(overrides: Partial<NewLabel>): NewLabel {
  return {
    id: randomUUID(),
    environment: 'production',
    accountId: null,
    idempotencyKey: randomUUID(),
    status: 'created',
    courier: 'yunexpress',
    productCode: 'YEXP01',
    customerOrderNumber: null,
    platformOrderNumber: null,
    courierOrderNumber: null,
    trackingNumber: null,
    recipientName: 'Someone',
    recipientCountry: 'JP',
    recipientCity: '大阪市',
    recipientPostalCode: '530-0001',
    errorCode: null,
    errorMessage: null,
    createdAt: AT,
    documentUrl: null,
    documentFormat: null,
    trackingTag: null,
    trackingMessage: null,
    trackingUpdatedAt: null,
    ...overrides,
  };
}

async function exporting(language: 'ja' | 'en') {
  const station = createTestStation({ clock: CLOCK, now: () => new Date(AT) });
  cleanup.push(() => station.close());
  expect((await station.client.settings.setPreferences({ language })).ok).toBe(true);
  const store = station.services.labelStore;
  const transit = label({
    customerOrderNumber: '=HYPERLINK("http://evil.example","x")',
    trackingNumber: 'YT2409180000123456',
    recipientName: '山田 太郎',
    trackingTag: 'InTransit',
    trackingUpdatedAt: AT + 3_600_000,
  });
  const failed = label({
    status: 'failed',
    customerOrderNumber: '#1001',
    recipientName: '+81 Tanaka',
    errorMessage: '@SUM(1+1)',
    createdAt: AT - 60_000,
  });
  const dhl = label({ courier: 'dhl', customerOrderNumber: 'NOT-EXPORTED', createdAt: AT - 120_000 });
  for (const l of [transit, failed, dhl]) await store.save(l);
  const answer = await station.client.labels.exportHistory({ courier: 'yunexpress' });
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  const info = await station.client.app.info();
  if (!info.ok) throw new Error('no app info');
  return { station, answer: answer.value, transit, failed, clock: info.value.clock };
}

const read = (path: string) => {
  const bytes = readFileSync(path);
  const text = bytes.toString('utf8');
  return { bom: text.startsWith('\uFEFF'), rows: Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data };
};

describe('History export (CSV)', () => {
  it('writes the filtered labels in Japanese with local times, a BOM, label and tracking state apart, formulas escaped', async () => {
    const { answer, transit, failed, clock } = await exporting('ja');
    expect(answer).toMatchObject({ saved: true, rows: 2 });
    const { bom, rows } = read(answer.path!);
    expect(bom).toBe(true);
    const [headings, ...data] = rows;
    const col = jaExports.history.column;
    expect(headings).toEqual([
      col.createdAt,
      col.createdAtIso,
      col.labelState,
      col.trackingState,
      col.trackingUpdatedAt,
      col.printState,
      col.orderNumber,
      col.platformOrderNumber,
      col.trackingNumber,
      col.courier,
      col.product,
      col.recipient,
      col.country,
      col.city,
      col.postalCode,
      col.environment,
      col.labelId,
      col.reason,
    ]);
    expect(headings).toContain('作成日時');
    expect(data).toHaveLength(2);
    const cell = (row: string[], heading: string) => row[headings!.indexOf(heading)];
    const [first, second] = data as [string[], string[]];
    // Newest first; local (Tokyo) times in the station's format, and ISO with its +09:00 offset.
    const local = timeFormat(clock);
    expect(cell(first, col.createdAt)).toBe(local.dateTime(transit.createdAt));
    expect(cell(first, col.createdAt)).toContain('5:33');
    expect(cell(first, col.createdAt)).not.toContain('20:33');
    expect(cell(first, col.createdAtIso)).toBe('2026-12-02T05:33:00+09:00');
    expect(cell(first, col.trackingUpdatedAt)).toBe(local.dateTime(transit.trackingUpdatedAt!));
    // Label state and tracking state in their own columns, by name.
    expect(cell(first, col.labelState)).toBe(jaExports.history.labelState.created);
    expect(cell(first, col.trackingState)).toBe(jaTracking.tag.InTransit);
    expect(cell(first, col.printState)).toBe(jaExports.history.printState.never);
    expect(cell(second, col.labelState)).toBe(jaExports.history.labelState.failed);
    expect(cell(second, col.trackingState)).toBe('');
    // Formulas escaped with a leading '; other text as it is (Japanese intact).
    expect(cell(first, col.orderNumber)).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(cell(second, col.recipient)).toBe(`'+81 Tanaka`);
    expect(cell(second, col.reason)).toBe(`'@SUM(1+1)`);
    expect(cell(second, col.orderNumber)).toBe('#1001');
    expect(cell(first, col.recipient)).toBe('山田 太郎');
    expect(cell(first, col.city)).toBe('大阪市');
    expect(cell(first, col.postalCode)).toBe('530-0001');
    expect(cell(first, col.environment)).toBe(jaExports.history.environment.production);
    expect(cell(second, col.labelId)).toBe(failed.id);
    expect(rows.flat()).not.toContain('NOT-EXPORTED');
  });

  it('writes English headings for an English operator', async () => {
    const { answer } = await exporting('en');
    const [headings] = read(answer.path!).rows;
    expect(headings?.slice(0, 4)).toEqual(['Created', 'Created (ISO 8601)', 'Label state', 'Tracking state']);
    expect(headings?.[0]).toBe(enExports.history.column.createdAt);
  });

  it('writes nothing when the operator cancels the save dialog', async () => {
    const station = createTestStation({ chooseSavePath: async () => null });
    cleanup.push(() => station.close());
    await station.services.labelStore.save(label({}));
    const answer = await station.client.labels.exportHistory({});
    expect(answer).toEqual({ ok: true, value: { saved: false, path: null, rows: 0 } });
    expect(existsSync(`${station.userDataDir}/saved`)).toBe(true);
  });
});
