import { expect, screenshot, test } from './fixtures';

test.beforeEach(async ({ harness }) => {
  await harness.page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await harness.page.getByRole('button', { name: 'Settings' }).click();
});

test('environments: every environment with its address, token and shipper accounts', async ({ harness }) => {
  const { page } = harness;
  await expect(page.getByRole('heading', { name: /^Development/ })).toBeVisible();
  await expect(page.getByLabel('API address for Production')).toHaveValue('https://api.flexforward.com');
  await expect(page.getByRole('heading', { name: /^Demo/ })).toContainText('In use');
  await screenshot(harness, 'settings-environments');

  const address = page.getByLabel('API address for Custom');
  await address.fill('http://192.168.1.20');
  await address.press('Enter');
  await expect(page.getByText('The API base URL must start with https://')).toBeVisible();
  await address.fill('https://api-staging.flexforwardship.com');
  await address.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
});

test('label defaults: couriers and products from the API, format, units', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('tab', { name: 'Label defaults' }).click();
  await page.getByLabel('Default courier').selectOption('yunexpress');
  const product = page.getByLabel('Default product');
  await expect(product.locator('option')).not.toHaveCount(1);
  const code = await product.locator('option').nth(1).getAttribute('value');
  await product.selectOption(code!);
  await page.getByLabel('Units').selectOption('imperial');
  await expect(page.getByLabel('Units')).toHaveValue('imperial');
  const view = await harness.station.client.settings.get();
  expect(view.ok && view.value.defaults).toMatchObject({ courier: 'yunexpress', productCode: code, units: 'imperial' });
  await screenshot(harness, 'settings-defaults');
});

test('sender addresses: add with field-by-field validation, then pick as the default', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('tab', { name: 'Sender addresses' }).click();
  await page.getByRole('button', { name: 'Add sender address' }).click();
  const form = page.getByRole('form', { name: 'New sender address' });
  await form.getByLabel('Name of this address').fill('Tokyo warehouse');
  await form.getByLabel('First name').fill('Aiko');
  await form.getByRole('button', { name: 'Save address' }).click();
  await expect(form.getByText('Street address is required.').or(form.getByText('Enter at least one street line.'))).toBeVisible();
  await screenshot(harness, 'settings-sender-errors');

  await form.getByLabel('Last name').fill('Sato');
  await form.getByLabel('Phone').fill('+81-3-1234-5678');
  await form.getByLabel('Street address', { exact: true }).fill('1-2-3 Marunouchi');
  await form.getByLabel('City').fill('Chiyoda-ku');
  await form.getByLabel('State or prefecture').fill('Tokyo');
  await form.getByLabel('Postal code').fill('100-0005');
  await form.getByLabel('Country').selectOption('JP');
  await form.getByRole('button', { name: 'Save address' }).click();
  await expect(page.getByText('Tokyo warehouse')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Tokyo warehouse' }).getByText('Default', { exact: true })).toBeVisible();
  await screenshot(harness, 'settings-senders');
});

test('package presets: add one with dimensions', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('tab', { name: 'Package presets' }).click();
  await page.getByRole('button', { name: 'Add package preset' }).click();
  await page.getByLabel('Package name').fill('Small box');
  await page.getByLabel('Usual weight (kg)').fill('0.5');
  await page.getByLabel('Length (cm)').fill('20');
  await page.getByLabel('Width (cm)').fill('15');
  await page.getByLabel('Height (cm)').fill('10');
  await page.getByRole('button', { name: 'Save package' }).click();
  await expect(page.getByText('20 × 15 × 10 cm, 0.5 kg')).toBeVisible();
  await screenshot(harness, 'settings-presets');
});

test('the settings tabs work from the keyboard', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('tab', { name: 'Environments' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Label defaults' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Label defaults' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Environments' })).toHaveAttribute('aria-selected', 'true');
});
