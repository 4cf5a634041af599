import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';
import { fillShipment } from './shipment-form';

test.beforeEach(async ({ harness }) => {
  await harness.page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await expect(harness.page.getByRole('heading', { name: 'New label' })).toBeVisible();
});

test('fill the form, create the label, see its preview, find it in history and open its tracking', async ({ harness }) => {
  const { page } = harness;
  await screenshot(harness, 'new-label-empty');
  await fillShipment(page, { orderNumber: 'WEB-10001' });
  await page.getByLabel('Customer order number').press('Enter');

  const outcome = page.getByRole('region', { name: 'Label created' });
  await expect(outcome).toBeVisible();
  const tracking = (await outcome.getByTestId('tracking-number').textContent())!.trim();
  expect(tracking).toMatch(/^[A-Z0-9]{8,}$/);
  // The PDF is drawn by pdf.js: the canvas has the label's black bars and text on it.
  const canvas = outcome.getByTestId('pdf-canvas');
  await expect(canvas).toBeVisible();
  await expect
    .poll(() =>
      canvas.evaluate((c: HTMLCanvasElement) => {
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i]! < 80 && data[i + 3]! > 0) dark++;
        return dark;
      }),
    )
    .toBeGreaterThan(5_000);
  await screenshot(harness, 'label-created');

  // The created label locked the form; the same order typed again in a new form: a warning, not a second label.
  await expect(page.getByRole('button', { name: 'Create label' })).toBeDisabled();
  await outcome.getByRole('button', { name: 'New label', exact: true }).click();
  await fillShipment(page, { orderNumber: 'WEB-10001' });
  await page.getByRole('button', { name: 'Create label' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Order WEB-10001 already has a label' })).toBeVisible();
  await screenshot(harness, 'label-duplicate-warning');
  const posts = () => harness.ipcLog.filter((r) => r.channel === 'labels:create').length;
  expect(posts()).toBe(2);

  await page.getByRole('button', { name: 'History' }).click();
  const row = page.getByRole('row').filter({ hasText: 'WEB-10001' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(tracking);
  await screenshot(harness, 'history');

  await page.getByLabel('Search', { exact: true }).fill(tracking.slice(0, 6));
  await page.getByLabel('Search in').selectOption('tracking');
  await page.getByLabel('Search', { exact: true }).press('Enter');
  await expect(page.getByRole('row').filter({ hasText: 'WEB-10001' })).toHaveCount(1);
  await page.getByLabel('Search', { exact: true }).fill('NO-SUCH-THING');
  await page.getByLabel('Search', { exact: true }).press('Enter');
  await expect(page.getByText('No labels match.')).toBeVisible();
  await page.getByRole('button', { name: 'Clear' }).click();

  await page.getByRole('button', { name: `Preview label ${tracking}` }).click();
  await expect(page.getByRole('region', { name: 'Label document' }).getByTestId('pdf-canvas')).toBeVisible();
  await page.getByRole('button', { name: `Track ${tracking}` }).click();
  const panel = page.getByRole('region', { name: /^Tracking/ });
  await expect(panel.getByTestId('tracking-tag')).toHaveText(/Pending|Info received|In transit|Delivered/);
  await screenshot(harness, 'tracking');
  // Preview and tracking never bought anything: still one label for the order.
  const creates = harness.ipcLog.filter(
    (r) => r.channel === 'labels:create' && r.output.ok && (r.output.value as { kind: string }).kind === 'created',
  );
  expect(creates).toHaveLength(1);
});

test('validation as you type mirrors the API schema, and the form keeps its contents after an error', async ({ harness }) => {
  const { page } = harness;
  await page.getByLabel('Weight (kg)').fill('0');
  await expect(page.getByText('Weight must be greater than 0.')).toBeVisible();
  await page.getByLabel('Weight (kg)').fill('1.2');
  await expect(page.getByText('Weight must be greater than 0.')).toHaveCount(0);

  // Nothing filled in: Create shows every missing field and focuses the first.
  await page.getByRole('button', { name: 'Create label' }).click();
  await expect(page.getByRole('group', { name: 'Recipient' }).getByLabel('First name')).toBeFocused();
  await expect(page.getByText(/fields need attention before the label can be created/)).toBeVisible();
  await screenshot(harness, 'new-label-errors');
  expect(harness.ipcLog.filter((r) => r.channel === 'labels:create')).toHaveLength(0);
});

test('a 400 from the API lands on the field it names', async ({ harness }) => {
  const { page } = harness;
  // A default product the courier no longer offers: the form sends it, the API refuses it.
  await harness.station.client.settings.setDefaults({ courier: 'yunexpress', productCode: 'WITHDRAWN1' });
  await page.reload();
  // An onboarded station opens on Today.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'New label' }).click();
  await fillShipmentKeepingProduct(page, 'WEB-400');
  await page.getByRole('button', { name: 'Create label' }).click();
  const product = page.getByLabel('Product', { exact: true });
  await expect(product).toHaveAttribute('aria-invalid', 'true');
  await expect(product).toBeFocused();
  // The form kept everything the operator typed.
  await expect(page.getByRole('group', { name: 'Recipient' }).getByLabel('City')).toHaveValue('Los Angeles');
  await expect(page.getByLabel('Customer order number')).toHaveValue('WEB-400');
  await screenshot(harness, 'new-label-server-error');

  // Fixed on the form, the same order is sent again (the same key is allowed after a 400) and succeeds.
  await product.selectOption('YEXP01');
  await page.getByRole('button', { name: 'Create label' }).click();
  await expect(page.getByRole('region', { name: 'Label created' })).toBeVisible();
});

async function fillShipmentKeepingProduct(page: Page, orderNumber: string) {
  const to = page.getByRole('group', { name: 'Recipient' });
  await to.getByLabel('First name').fill('Maria');
  await to.getByLabel('Street address', { exact: true }).fill('742 Evergreen Terrace');
  await to.getByLabel('City').fill('Los Angeles');
  await to.getByLabel('Postal code').fill('90012');
  await to.getByLabel('Country').selectOption('US');
  await page.getByLabel('Weight (kg)').fill('0.8');
  await page.getByLabel('Description (English), item 1 of parcel 1').fill('Notebook');
  await page.getByLabel('Unit price, item 1 of parcel 1').fill('6.50');
  await page.getByLabel('Unit weight, item 1 of parcel 1').fill('0.3');
  await page.getByLabel('Customer order number').fill(orderNumber);
}
