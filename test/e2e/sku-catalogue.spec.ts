import { expect, screenshot, test } from './fixtures';
import { fillShipment } from './shipment-form';

/** The product catalogue by SKU (issue 14 item 4): Settings → Products by SKU, and the New label form's SKU field. */

test.beforeEach(async ({ harness }) => {
  await harness.page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await expect(harness.page.getByRole('heading', { name: 'New label' })).toBeVisible();
});

test('Settings → Products by SKU: import a CSV (bad rows named), add, search, edit', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Products by SKU' }).click();
  await expect(page.getByText('No products yet.')).toBeVisible();

  const csv = [
    'SKU,English description,Local description,HS code,Country of origin,Unit weight (kg),Declared value,Currency',
    'TS-01,Cotton T-shirt,Tシャツ,6109.10,CN,0.2,12.50,USD',
    'MUG-9,Ceramic mug,マグカップ,6912.00,JP,0.35,8,USD',
    'BAD-1,Wool socks,,61A,,0.1,3,USD',
  ].join('\r\n');
  await page.getByTestId('sku-csv-input').setInputFiles({ name: 'products.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const result = page.getByRole('status', { name: 'Import result' });
  await expect(result).toContainText('products.csv: 2 added, 0 updated, 1 row not imported.');
  await expect(result).toContainText('row 4, HS code: An HS code is 6 to 10 digits');
  await expect(page.getByRole('cell', { name: 'TS-01', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Add product' }).click();
  const form = page.getByRole('form', { name: 'New product' });
  await form.getByLabel('SKU').fill('tea-100');
  await form.getByLabel('English description').fill('Green tea, 100 g');
  await form.getByLabel('Unit weight (kg)').fill('0,12');
  await form.getByLabel('Declared value').fill('9');
  await form.getByRole('button', { name: 'Save product' }).click();
  await expect(form.getByText('Give the currency of the declared value')).toBeVisible();
  await form.getByLabel('Currency').fill('usd');
  await form.getByRole('button', { name: 'Save product' }).click();
  await expect(page.getByRole('cell', { name: 'TEA-100', exact: true })).toBeVisible();
  await screenshot(harness, 'settings-products-by-sku');

  await page.getByLabel('Search SKU or description').fill('mug');
  await expect(page.getByRole('cell', { name: 'MUG-9', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'TS-01', exact: true })).toHaveCount(0);
});

test('New label: a known SKU fills the item; a new SKU is offered for the catalogue after the label', async ({ harness }) => {
  const { page, station } = harness;
  const saved = await station.client.skuCatalogue.save({
    entry: {
      sku: 'TS-01',
      descriptionEn: 'Cotton T-shirt',
      descriptionLocal: 'Tシャツ',
      unitWeight: 0.2,
      declaredValue: 12,
      currency: 'USD',
    },
  });
  expect(saved.ok).toBe(true);

  await fillShipment(page, { item: null, service: null });

  await page.getByLabel('SKU, item 1 of parcel 1').fill('ts-01');
  await expect(page.getByLabel('Description (English), item 1 of parcel 1')).toHaveValue('Cotton T-shirt');
  await expect(page.getByLabel('Local description, item 1 of parcel 1')).toHaveValue('Tシャツ');
  await expect(page.getByLabel('Unit price, item 1 of parcel 1')).toHaveValue('12');
  await expect(page.getByLabel('Unit weight, item 1 of parcel 1')).toHaveValue('0.2');

  // A second item with an SKU the catalogue does not have yet.
  await page.getByRole('button', { name: 'Add item' }).click();
  await page.getByLabel('SKU, item 2 of parcel 1').fill('nb-a5');
  await page.getByLabel('Description (English), item 2 of parcel 1').fill('Notebook');
  await page.getByLabel('Unit price, item 2 of parcel 1').fill('6.50');
  await page.getByLabel('Unit weight, item 2 of parcel 1').fill('0.3');

  await page.getByLabel('Courier', { exact: true }).selectOption('yunexpress');
  await expect(page.getByLabel('Product', { exact: true }).locator('option')).not.toHaveCount(1);
  await page.getByLabel('Product', { exact: true }).selectOption('YEXP01');
  await page.getByLabel('Customer order number').fill('SKU-1001');
  await page.getByRole('button', { name: 'Create label' }).click();

  const outcome = page.getByRole('region', { name: 'Label created' });
  await expect(outcome).toBeVisible();
  const offer = outcome.getByRole('button', { name: 'Save NB-A5 to the product catalogue' });
  await expect(offer).toBeVisible();
  await expect(outcome.getByRole('button', { name: /Save TS-01/ })).toHaveCount(0);
  await screenshot(harness, 'label-save-sku-offer');

  await offer.click();
  await expect(outcome.getByText('Saved NB-A5 to the product catalogue.')).toBeVisible();
  await expect(offer).toHaveCount(0);
  const found = await station.client.skuCatalogue.lookup({ skus: ['NB-A5'] });
  expect(found.ok && found.value).toMatchObject([
    { sku: 'NB-A5', descriptionEn: 'Notebook', unitWeight: 0.3, declaredValue: 6.5, currency: 'USD' },
  ]);
  await screenshot(harness, 'label-save-sku-saved');
});
