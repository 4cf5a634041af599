import { join } from 'node:path';
import { expect, screenshot, screenshotDir, test } from './fixtures';
import { fillShipment } from './shipment-form';

// Issue 15 item 5: a courier-side outage says to try again later and leaves the form as it was.
test('a courier outage in New label says try again later and keeps the draft', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await expect(page.getByRole('heading', { name: 'New label' })).toBeVisible();
  // The simulator's courier answers HTTP 503 for this recipient (electron/simulator/README.md).
  await fillShipment(page, { firstName: 'COURIER-DOWN', orderNumber: 'WEB-OUT-1' });
  await page.getByRole('button', { name: 'Create label' }).click();

  await expect(page.getByText(/is not answering right now/)).toBeVisible();
  await expect(page.getByText(/Nothing was bought\. Try again in a few minutes; the shipment is kept as it is\./)).toBeVisible();
  await expect(page.getByText(/The courier refused this label|Fix the shipment/)).toHaveCount(0);
  // The draft is still there, unchanged.
  await expect(page.getByRole('group', { name: 'Recipient' }).getByLabel('First name')).toHaveValue('COURIER-DOWN');
  await expect(page.getByLabel('Customer order number')).toHaveValue('WEB-OUT-1');
  await expect(page.getByLabel('Weight (kg)')).toHaveValue('0.8');
  expect(harness.ipcLog.filter((r) => r.channel === 'labels:create').at(-1)?.output).toMatchObject({
    ok: false,
    error: { code: 'courier_unavailable' },
  });
  await screenshot(harness, 'new-label-courier-outage');
  // The message itself, which the full-page shot shows under the sticky Create bar.
  await page.getByText(/is not answering right now/).screenshot({ path: join(screenshotDir, 'new-label-courier-outage-message.png') });
});
