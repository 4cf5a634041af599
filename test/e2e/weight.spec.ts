import { stationCsv } from '../fixtures/station-orders';
import { CUPS_PDF_PRINTER, startCups } from './cups-output';
import { expect, screenshot, test } from './fixtures';
import { scan } from './scanner';
import { fillShipment } from './shipment-form';

test.beforeAll(() => {
  startCups();
});

test('station mode: an implausible weight is asked about, Enter confirms it, a typed weight corrects it; the card shows the weight used', async ({
  harness,
}) => {
  test.setTimeout(90_000);
  const { page } = harness;
  const { client } = harness.station;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await client.printers.saveProfile({ name: 'Desk label printer', printer: CUPS_PDF_PRINTER, role: 'labels' });
  await page.getByRole('button', { name: 'Station mode' }).click();
  const weightInput = page.getByLabel(/^Weight/);
  const result = page.getByTestId('scan-result');
  const orders = stationCsv([
    { orderNumber: 'ST-NOWEIGHT', weight: '' },
    { orderNumber: 'ST-HEAVY', weight: '120' },
  ]);
  // Load orders: the shared import step in a dialog (the same as Batch), then back to scanning.
  await page.getByRole('button', { name: 'Load orders (CSV)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Load orders' });
  await dialog.getByLabel('CSV file of orders').setInputFiles({ name: 'today.csv', mimeType: 'text/csv', buffer: Buffer.from(orders) });
  await expect(dialog.getByTestId('import-summary')).toContainText('today.csv');
  await dialog.getByRole('button', { name: /^Done/ }).click();
  await expect(page.getByTestId('station-orders')).toHaveText('2 orders loaded from today.csv');

  // 120 typed for 1.20: asked about, nothing bought.
  await scan(page, 'ST-NOWEIGHT');
  await expect(result).toContainText('Weigh order ST-NOWEIGHT');
  await scan(page, '120');
  await expect(result).toContainText('Check the weight of order ST-NOWEIGHT');
  await expect(result).toContainText('120 kg is outside 0.01–30 kg.');
  await expect(result).toContainText('Scan the order again or press Enter to confirm 120 kg; type a new weight to correct.');
  await expect(page.getByTestId('scan-weight')).toHaveText('120 kg');
  await expect(result).toHaveClass(/tone-waiting/);
  await expect(weightInput).toBeFocused();
  await expect(page.getByText('Order ST-NOWEIGHT: Enter (or scanning the order again) confirms 120 kg')).toBeVisible();
  const history = async () => {
    const page = await client.labels.history({});
    return page.ok ? page.value.items.map((l) => `${l.customerOrderNumber}:${l.status}`) : ['unreadable'];
  };
  expect(await history()).toEqual([]);
  await screenshot(harness, 'station-weight-question');

  // Enter in the empty weight field confirms: bought once, and the card says the weight it was bought with.
  await page.keyboard.press('Enter');
  await expect(result).toContainText(/Printed \S+/);
  await expect(page.getByTestId('scan-weight')).toHaveText('120 kg');
  await screenshot(harness, 'station-weight-confirmed');

  // A file weight of 120: asked about; a new weight typed corrects it.
  await scan(page, 'ST-HEAVY');
  await expect(result).toContainText('Check the weight of order ST-HEAVY');
  await expect(weightInput).toBeFocused();
  await scan(page, '1.2');
  await expect(result).toContainText(/Printed \S+/);
  await expect(page.getByTestId('scan-weight')).toHaveText('1.2 kg');
  expect((await history()).sort()).toEqual(['ST-HEAVY:created', 'ST-NOWEIGHT:created']);
});

test('New label: an implausible weight is warned about as you type and sent only after “Yes, the weight is right”', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await expect(page.getByRole('heading', { name: 'New label' })).toBeVisible();
  await fillShipment(page, { weight: null, orderNumber: 'WEB-120' });
  await page.getByLabel('Weight (kg)').fill('120');

  await expect(page.getByTestId('weight-warning')).toHaveText(
    '120 kg is outside 0.01–30 kg. 120 kg is more than 10 times what its items weigh (0.3 kg).',
  );
  await page.getByRole('button', { name: 'Create label' }).click();
  await expect(
    page.getByRole('alert').filter({ hasText: 'Confirm the weight (or correct it) before the label is created.' }),
  ).toBeVisible();
  const confirm = page.getByRole('checkbox', { name: 'Yes, the weight is right' });
  await expect(confirm).toBeFocused();
  expect(harness.ipcLog.filter((r) => r.channel === 'labels:create')).toHaveLength(0);
  await screenshot(harness, 'new-label-weight-confirm');

  await confirm.check();
  await page.getByRole('button', { name: 'Create label' }).click();
  await expect(page.getByRole('region', { name: 'Label created' })).toBeVisible();
  expect(harness.ipcLog.filter((r) => r.channel === 'labels:create')).toHaveLength(1);
});

test('Settings → Label defaults: the plausible weight range is validated and saved', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Label defaults' }).click();
  const min = page.getByLabel('Lightest plausible parcel (kg)');
  const max = page.getByLabel('Heaviest plausible parcel (kg)');
  await expect(min).toHaveValue('0.01');
  await expect(max).toHaveValue('30');
  await max.fill('0');
  await page.getByRole('button', { name: 'Save weight range' }).click();
  await expect(page.getByText('The heaviest weight must be more than 0 kg.')).toBeVisible();
  await screenshot(harness, 'settings-weight-range-error');
  await max.fill('20');
  await page.getByRole('button', { name: 'Save weight range' }).click();
  await expect(page.getByRole('button', { name: 'Save weight range' })).toBeDisabled();
  const view = await harness.station.client.settings.get();
  expect(view.ok && view.value.defaults.weightRange).toEqual({ minKg: 0.01, maxKg: 20 });
  await screenshot(harness, 'settings-weight-range');
});
