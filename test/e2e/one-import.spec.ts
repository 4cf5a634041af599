import type { Page } from '@playwright/test';
import { stationCsv } from '../fixtures/station-orders';
import { CUPS_PDF_PRINTER, startCups } from './cups-output';
import { expect, screenshot, test } from './fixtures';

test.beforeAll(() => {
  startCups();
});

/** A shop export: the station's columns, but the parcel weight under a name the station does not match by itself. */
const shopCsv = (orders: string[]) =>
  stationCsv(orders.map((orderNumber) => ({ orderNumber, weight: '2.35' }))).replace(/^(.*?),Weight,/, '$1,Package mass,');

async function importInBatch(page: Page, name: string, csv: string) {
  await page.getByLabel('CSV file of orders').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(page.getByTestId('import-summary')).toContainText(name, { timeout: 20_000 });
}

test('one import for Batch and station mode: mapped once, kept across screens, listed, reused by its headers, scanned', async ({
  harness,
}) => {
  test.setTimeout(90_000);
  const { page } = harness;
  const { client } = harness.station;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await client.printers.saveProfile({ name: 'Desk label printer', printer: CUPS_PDF_PRINTER, role: 'labels' });
  await page.getByRole('button', { name: 'Batch' }).click();

  // The weight column needs mapping; then a whole-file courier and product, and the mapping saved.
  await importInBatch(page, 'monday.csv', shopCsv(['SHOP-1', 'SHOP-2']));
  await expect(page.getByText('Map a column for Weight, or give one value for every row.')).toBeVisible();
  await page.getByLabel('Weight', { exact: true }).selectOption('Package mass');
  await expect(page.getByTestId('batch-counts')).toHaveText('2 ready, 0 with issues, 0 excluded.');
  const wholeFile = page.getByTestId('whole-file');
  await wholeFile.getByLabel('Courier', { exact: true }).selectOption('sfexpress');
  await wholeFile.getByLabel('Product', { exact: true }).selectOption('SFIE');
  await wholeFile.getByLabel(/Use them for every order/).click();
  await expect(wholeFile.getByLabel(/Use them for every order/)).toBeChecked();
  await page.getByLabel('Save this mapping as').fill('My shop');
  await page.getByRole('button', { name: 'Save mapping' }).click();
  await expect(page.getByTestId('mapping-source')).toContainText('Using your saved mapping “My shop” from');

  // Leaving for Settings and coming back keeps the import and what was chosen.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Batch' }).click();
  await expect(page.getByTestId('import-summary')).toHaveText('monday.csv: 2 rows, 2 orders, read as utf-8.');
  await expect(page.getByTestId('whole-file').getByLabel(/Use them for every order/)).toBeChecked();

  // The same headers again: the saved mapping is applied by itself.
  await importInBatch(page, 'tuesday.csv', shopCsv(['SHOP-2', 'SHOP-3']));
  await expect(page.getByTestId('mapping-source')).toContainText('Using your saved mapping “My shop” from');
  await expect(page.getByLabel('Weight', { exact: true })).toHaveValue('Package mass');
  const list = page.getByTestId('imports-list');
  await expect(list.getByRole('row')).toHaveCount(3);
  await expect(list).toContainText('monday.csv');
  await expect(list).toContainText('tuesday.csv');
  await screenshot(harness, 'batch-imports-list');

  // Station mode scans them: SHOP-2 is in both files and counts once.
  await page.getByRole('button', { name: 'Station mode' }).click();
  await expect(page.getByTestId('station-orders')).toHaveText('3 orders loaded from tuesday.csv, monday.csv');
  await page.getByRole('button', { name: 'Load orders (CSV)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Load orders' });
  // The dialog shows the import last on screen in Batch, and the list to open another.
  await expect(dialog.getByTestId('import-summary')).toContainText('tuesday.csv');
  await expect(dialog.getByTestId('mapping-source')).toContainText('Using your saved mapping “My shop” from');
  await screenshot(harness, 'station-load-orders');
  await dialog.getByRole('button', { name: /^Done/ }).click();
  await page.keyboard.type('SHOP-1', { delay: 4 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('scan-result')).toContainText(/Printed \S+/);
  await screenshot(harness, 'station-from-import');
  const sent = harness.station.services.database.db.prepare("SELECT body FROM outbox WHERE order_number = 'SHOP-1'").get() as {
    body: string;
  };
  expect(JSON.parse(sent.body)).toMatchObject({ courier: 'sfexpress', service: { productCode: 'SFIE' } });
  expect(JSON.parse(sent.body).shipment.parcels[0].weight).toBe(2.35);
});
