import { readFileSync } from 'node:fs';
import { expect, screenshot, test } from './fixtures';

// Issue 14 items 1–3 on screen: a shop's own export is recognised, its mapping stays editable, and
// what the file lacks is given once for every row.
const fixture = (name: string) => readFileSync(new URL(`../fixtures/platform-exports/${name}`, import.meta.url));

test('a Shopify export is recognised; unit and parcel weight given for every row make all orders ready', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await page.getByRole('button', { name: 'Batch' }).click();

  await page
    .getByLabel('CSV file of orders')
    .setInputFiles({ name: 'orders_export.csv', mimeType: 'text/csv', buffer: fixture('shopify.csv') });
  await expect(page.getByTestId('recognised-profile')).toHaveText(
    'Recognised: Shopify orders export. The columns below are matched for it; change any of them.',
    { timeout: 30_000 },
  );
  await expect(page.getByLabel('Postal code', { exact: true })).toHaveValue('Shipping Zip');
  await expect(page.getByLabel('Order number', { exact: true })).toHaveValue('Name');
  await expect(page.getByTestId('batch-counts')).toContainText('0 ready, 3 with issues');
  await screenshot(harness, 'batch-recognised-shopify');
  // Every issue is about a field the export has no column for: no cell to fix, so no "Fix" box (step 2 gives it).
  await expect(page.locator('section[aria-labelledby="batch-preview"]').getByRole('button', { name: 'Fix' })).toHaveCount(0);

  // What the export lacks, one value for every row (Demo mode has no default courier or product yet).
  // Step 2's fields (the import step above has its own Courier and Product for the whole file).
  const mappingStep = page.locator('section[aria-labelledby="batch-mapping"]');
  for (const [field, value] of [
    ['Unit weight', '0.2'],
    ['Weight', '0.8'],
    ['Courier', 'yunexpress'],
    ['Product code', 'YEXP01'],
  ] as const) {
    await mappingStep.getByLabel(field, { exact: true }).selectOption({ label: 'Same value for every row…' });
    await mappingStep.getByLabel(`${field} for every row`, { exact: true }).fill(value);
    await mappingStep.getByLabel(`${field} for every row`, { exact: true }).press('Enter');
    await expect(mappingStep.getByLabel(`${field} for every row`, { exact: true })).toHaveValue(value);
  }
  await expect(page.getByTestId('batch-counts')).toHaveText('3 ready, 0 with issues, 0 excluded.', { timeout: 15_000 });
  await screenshot(harness, 'batch-recognised-shopify-filled');

  // The mapping stays editable: another column for the postal code is the operator's to pick.
  await page.getByLabel('Postal code', { exact: true }).selectOption('Billing Zip');
  await expect(page.getByLabel('Postal code', { exact: true })).toHaveValue('Billing Zip', { timeout: 15_000 });
});

test('a Rakuten download in Shift_JIS: postal code and phone joined from their parts', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await page.getByRole('button', { name: 'Batch' }).click();
  await page
    .getByLabel('CSV file of orders')
    .setInputFiles({ name: 'rakuten.csv', mimeType: 'text/csv', buffer: fixture('rakuten-rms-orders.csv') });
  await expect(page.getByTestId('recognised-profile')).toContainText('Recognised: Rakuten RMS orders download.', { timeout: 30_000 });
  await expect(page.getByTestId('import-summary')).toContainText('read as shift_jis');
  const postal = page.getByLabel('Postal code', { exact: true });
  await expect(postal.locator('option:checked')).toHaveText('送付先郵便番号1 + 送付先郵便番号2 (joined with “-”)');
  await expect(page.getByLabel('Country code', { exact: true }).locator('option:checked')).toHaveText('Same value for every row…');
  await expect(page.getByLabel('Country code for every row')).toHaveValue('JP');
  await screenshot(harness, 'batch-recognised-rakuten');
});
