import { sampleCsv } from '../../electron/core/batch/sample-csv';
import { largeOrdersCsv } from '../fixtures/large-csv';
import { expect, screenshot, test } from './fixtures';

// The sample file (three note lines, the header, five rows) plus one order whose postal code is missing (row 10).
const csv = `${sampleCsv().trimEnd()}\r\nBAD-2001,,,Maria,Garcia,,,742 Evergreen Terrace,,Los Angeles,CA,,US,1,0.8,,,,Notebook,,1,6.50,USD,0.3,yunexpress,YEXP01,PDF\r\n`;

test('import a CSV, map it, fix a bad row, run the batch and see progress and results', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await page.getByRole('button', { name: 'Batch' }).click();

  await page.getByLabel('CSV file of orders').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(page.getByTestId('import-summary')).toHaveText('orders.csv: 6 rows, 4 orders, read as utf-8.');
  // The station's own column names map by themselves.
  await expect(page.getByLabel('Postal code', { exact: true })).toHaveValue('Postal code');
  await expect(page.getByTestId('batch-counts')).toHaveText('3 ready, 1 with issues, 0 excluded.');
  await expect(page.getByText('row 10, Postal code: Postal code is required.')).toBeVisible();
  await screenshot(harness, 'batch-preview');

  await page.getByLabel('New value for row 10, Postal code').fill('90012');
  await page.getByLabel('New value for row 10, Postal code').press('Enter');
  await expect(page.getByTestId('batch-counts')).toHaveText('4 ready, 0 with issues, 0 excluded.');

  await page.getByRole('button', { name: 'Create 4 labels' }).click();
  await expect(page.getByTestId('batch-progress')).toContainText('4 of 4 done · 4 created · 0 failed', { timeout: 30_000 });
  const results = page.getByRole('table', { name: 'Results per order' });
  await expect(results.getByRole('row')).toHaveCount(5);
  await expect(results.getByRole('row').filter({ hasText: 'BAD-2001' })).toContainText('created');
  await screenshot(harness, 'batch-results');

  // Importing the same file again can never buy a second label: every order is flagged and skipped.
  await page.getByLabel('CSV file of orders').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByLabel('New value for row 10, Postal code').fill('90012');
  await page.getByLabel('New value for row 10, Postal code').press('Enter');
  await expect(page.getByText('4 of these orders already have labels; they are skipped.')).toBeVisible();
  await page.getByRole('button', { name: 'Create 4 labels' }).click();
  await expect(page.getByTestId('batch-progress')).toContainText('4 of 4 done · 0 created · 0 failed · 4 skipped', { timeout: 30_000 });
  const history = await harness.station.client.labels.history({ limit: 50 });
  expect(history.ok && history.value.items).toHaveLength(4);
});

test('a file that is not CSV, or empty, gets a clear message', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await page.getByRole('button', { name: 'Batch' }).click();
  await page.getByLabel('CSV file of orders').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
  await expect(page.getByRole('alert')).toContainText(/empty/i);
  await page
    .getByLabel('CSV file of orders')
    .setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from('Order number,City\n"A-1,Tokyo\nA-2,Osaka\n') });
  await expect(page.getByRole('alert')).toContainText(/row/i);
  await screenshot(harness, 'batch-error');
});

test('a large file is previewed a page at a time, with Previous and Next from the keyboard and the orders with issues on their own', async ({
  harness,
}) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await page.getByRole('button', { name: 'Batch' }).click();
  // 2,400 rows, 1,200 orders; every 40th order lacks its postal code (30 orders).
  const file = largeOrdersCsv({ rows: 2_400, issueEvery: 40 });
  await page
    .getByLabel('CSV file of orders')
    .setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(file.csv, 'utf8') });
  await expect(page.getByTestId('import-summary')).toHaveText('big.csv: 2,400 rows, 1,200 orders, read as utf-8.');
  await expect(page.getByTestId('batch-counts')).toHaveText('1,170 ready, 30 with issues, 0 excluded.');
  await expect(page.getByTestId('batch-page')).toHaveText('Orders 1–100 of 1,200');
  const orders = page.getByRole('table', { name: 'Orders in the file' });
  // Only the page asked for is in the table (and in the answer).
  await expect(orders.getByRole('row')).toHaveCount(101);
  await expect(orders.getByRole('row').nth(1)).toContainText('BIG-000001');

  const pager = page.getByRole('navigation', { name: 'Pages of orders', exact: true });
  const next = pager.getByRole('button', { name: 'Next page' });
  const previous = pager.getByRole('button', { name: 'Previous page' });
  await expect(previous).toHaveAttribute('aria-disabled', 'true');
  await next.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('batch-page')).toHaveText('Orders 101–200 of 1,200');
  await expect(orders.getByRole('row').nth(1)).toContainText('BIG-000101');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('batch-page')).toHaveText('Orders 201–300 of 1,200');
  await expect(next).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('batch-page')).toHaveText('Orders 101–200 of 1,200');
  const answers = harness.ipcLog.filter((r) => r.channel === 'batch:preview' || r.channel === 'batch:import');
  for (const answer of answers)
    expect(answer.output.ok && (answer.output.value as { orders: unknown[] }).orders.length).toBeLessThanOrEqual(100);
  await screenshot(harness, 'batch-preview-paged');

  await page.getByLabel('Only orders with issues (30)').check();
  await expect(page.getByTestId('batch-page')).toHaveText('Orders with issues 1–30 of 30');
  await expect(orders.getByRole('row')).toHaveCount(31);
  await expect(orders.getByRole('row').nth(1)).toContainText('BIG-000040');
  await expect(next).toHaveAttribute('aria-disabled', 'true');
  await screenshot(harness, 'batch-preview-issues');

  // A fix from the issues page: the order leaves the list, the page stays on the issues.
  const firstIssue = orders.getByRole('row').nth(1).getByRole('textbox');
  await firstIssue.fill('10118');
  await firstIssue.press('Enter');
  await expect(page.getByTestId('batch-page')).toHaveText('Orders with issues 1–29 of 29');
  await expect(page.getByTestId('batch-counts')).toHaveText('1,171 ready, 29 with issues, 0 excluded.');
});
