import { randomUUID } from 'node:crypto';
import { createSqliteLabelStore, type NewLabel } from '../../electron/core/labels/label-store';
import { createSqlitePrintLog } from '../../electron/core/printing/print-log';
import { expect, screenshot, test } from './fixtures';
import type { Harness } from '../harness/harness';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A history of two weeks in the Demo environment: labels today and on earlier days, failures, prints, tracking. */
function seedHistory(harness: Harness) {
  const { database } = harness.station.services;
  const printLog = createSqlitePrintLog(database);
  const labelStore = createSqliteLabelStore(database);
  const now = Date.now();
  // Today: minutes before now (never before today's midnight unless the test runs in the first hour).
  const today = (minutesAgo: number) => Math.max(now - minutesAgo * MINUTE, now - (now % MINUTE));
  const couriers = ['yunexpress', 'yunexpress', 'yunexpress', 'dhl'];
  const made: NewLabel[] = [];
  const add = (createdAt: number, over: Partial<NewLabel> = {}) => {
    const i = made.length;
    const failed = over.status === 'failed';
    const label: NewLabel = {
      id: randomUUID(),
      environment: 'demo',
      accountId: null,
      idempotencyKey: `TODAY-${i}`,
      status: 'created',
      courier: couriers[i % couriers.length]!,
      productCode: i % 4 === 3 ? 'DHL-EXPRESS' : i % 2 ? 'YE-STANDARD' : 'YE-PRIORITY',
      customerOrderNumber: `SO-${2000 + i}`,
      platformOrderNumber: null,
      courierOrderNumber: null,
      trackingNumber: failed ? null : `YT26${String(100000000 + i)}`,
      recipientName: ['Maria Garcia', '山田 花子', 'Chen Wei', 'Oliver Smith'][i % 4]!,
      recipientCountry: 'US',
      recipientCity: 'Los Angeles',
      errorCode: failed ? 'ADDRESS_INVALID' : null,
      errorMessage: failed ? 'The courier could not validate the postal code.' : null,
      createdAt,
      documentUrl: null,
      documentFormat: null,
      trackingTag: null,
      trackingMessage: null,
      trackingUpdatedAt: null,
      ...over,
    };
    labelStore.save(label);
    made.push(label);
    return label;
  };
  for (let i = 0; i < 9; i++) add(today(1 + i * 4));
  add(today(3), { status: 'failed' });
  add(today(7), { status: 'failed' });
  for (let d = 1; d < 14; d++) for (let i = 0; i < ((d * 7) % 5) + 1; i++) add(now - d * DAY - i * 30 * MINUTE);
  add(now - 3 * DAY, { trackingTag: 'Exception', trackingMessage: 'Address problem', trackingUpdatedAt: now - 2 * DAY });
  add(now - 9 * DAY, { trackingTag: 'InTransit', trackingMessage: 'In transit', trackingUpdatedAt: now - 8 * DAY });
  const job = (ids: string[], state: 'sent' | 'failed') =>
    printLog.record({
      id: randomUUID(),
      labelIds: ids,
      profileId: null,
      printer: 'desk',
      copies: 1,
      osJobId: state === 'sent' ? 'desk-1' : null,
      state,
      errorCode: state === 'failed' ? 'print_failed' : null,
      message: state === 'failed' ? 'Out of paper' : null,
      createdAt: now,
    });
  job(
    made.slice(0, 5).map((l) => l.id),
    'sent',
  );
  job([made[5]!.id], 'failed');
}

async function openToday(harness: Harness) {
  const { page } = harness;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await expect(page.getByRole('heading', { name: 'New label' })).toBeVisible();
  seedHistory(harness);
  // An onboarded station opens on Today.
  await page.reload();
}

test('Today: the home screen shows the day, the two weeks and what needs attention; a tile opens History on its labels', async ({
  harness,
}) => {
  const { page } = harness;
  await openToday(harness);
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Screens' });
  await expect(nav.getByRole('button').first()).toHaveText('Today');
  await expect(nav.getByRole('button', { name: 'Today' })).toHaveAttribute('aria-current', 'page');
  const tile = (name: string) => page.getByTestId(`today-tile-${name}`).locator('.today-tile-value');
  await expect(tile('failed')).toHaveText('2');
  await expect(tile('print_failed')).toHaveText('1');
  await expect(tile('tracking_exception')).toHaveText('1');
  // Not moving: the 26 labels of 5 to 13 days ago with no tracking yet, and the one in transit not updated for 8 days.
  await expect(tile('not_moving')).toHaveText('27');
  await expect(tile('unresolved')).toHaveText('0');
  await expect(page.getByRole('button', { name: 'Labels made: 9. Open in History' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Not printed: 3. Open in History' })).toBeVisible();
  // The charts (uPlot, fetched with the chart's own chunk) are drawn, each described for screen readers.
  await expect(page.getByTestId('today-chart')).toHaveCount(2);
  await expect(page.locator('[data-testid="today-chart"] canvas')).toHaveCount(2);
  await expect(page.getByTestId('today-chart').first()).toHaveAttribute('aria-label', /9 labels in all/);
  await screenshot(harness, 'today-en');

  await page.getByTestId('today-tile-failed').click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  // The heading shows before History's first query has come back (the IPC log has it once answered).
  await expect.poll(() => harness.ipcLog.some((r) => r.channel === 'labels:history')).toBe(true);
  const asked = harness.ipcLog.filter((r) => r.channel === 'labels:history').at(-1)!.input as Record<string, unknown>;
  expect(asked).toMatchObject({ environment: 'demo', attention: 'failed' });
  expect(typeof asked.from).toBe('number');
  await screenshot(harness, 'today-tile-history-en');
});

test('Today in Japanese: tiles, charts and tables fit; a tile opens History', async ({ harness }) => {
  const { page } = harness;
  await openToday(harness);
  await harness.station.client.settings.setPreferences({ language: 'ja' });
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: '今日' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: '画面' }).getByRole('button').first()).toHaveText('今日');
  await expect(page.getByTestId('today-tile-failed')).toContainText('作成に失敗');
  await expect(page.locator('[data-testid="today-chart"] canvas')).toHaveCount(2);
  await screenshot(harness, 'today-ja');
  await page.getByTestId('today-tile-not_moving').click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // The heading shows before History's first query has come back (the IPC log has it once answered).
  await expect.poll(() => harness.ipcLog.some((r) => r.channel === 'labels:history')).toBe(true);
  const asked = harness.ipcLog.filter((r) => r.channel === 'labels:history').at(-1)!.input as Record<string, unknown>;
  expect(asked).toMatchObject({ environment: 'demo', attention: 'not_moving', notMovingDays: 5 });
  await screenshot(harness, 'today-tile-history-ja');
});
