import { labelDraft } from '../fixtures/label-drafts';
import { expect, screenshot, test } from './fixtures';

test('the hand-over sheet: History opens it, the preview shows the day for the courier, a past day has nothing', async ({ harness }) => {
  test.setTimeout(90_000);
  const { page } = harness;
  const { client } = harness.station;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  for (const [i, name] of [
    ['Maria', 'Garcia'],
    ['太郎', '山田'],
    ['Chen', 'Wei'],
  ].entries()) {
    const draft = labelDraft(`HO-E2E-${i + 1}`);
    draft.shipment.shipTo.contact = { ...draft.shipment.shipTo.contact, firstName: name![0]!, lastName: name![1]! };
    const created = await client.labels.create({ draft });
    expect(created.ok && created.value.kind).toBe('created');
  }

  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('button', { name: 'Hand-over sheet' }).click();
  const dialog = page.getByRole('dialog', { name: 'Courier hand-over sheet' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Courier')).toContainText('yunexpress (3 parcels)');
  await dialog.getByLabel('Courier').selectOption('yunexpress');
  await dialog.getByLabel('Paper').selectOption('A4');
  await expect(dialog.getByTestId('handover-pages')).toHaveText('1 page, 3 parcels, A4 paper.');
  const preview = dialog.getByLabel('Hand-over sheet preview');
  await expect(preview).toBeVisible();
  await expect(preview).not.toHaveAttribute('aria-busy', 'true');
  await expect(dialog.getByRole('button', { name: 'Save as PDF' })).toBeEnabled();
  await screenshot(harness, 'handover-preview');

  // A day with no labels says so, and offers nothing to print.
  await dialog.getByLabel('Day').fill('2020-01-02');
  await expect(dialog.getByRole('status')).toHaveText('No labels were made on this day.');
  await expect(dialog.getByRole('button', { name: 'Print' })).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Each label's tracking offers the tracking number for the customer (no tracking page is documented).
  await page
    .getByRole('button', { name: /^Track YT/ })
    .first()
    .click();
  const share = page.getByRole('group', { name: 'For the customer' });
  await expect(share).toContainText('gives no public tracking page');
  await share.getByRole('button', { name: 'Copy tracking number' }).click();
  await expect
    .poll(() => harness.ipcLog.filter((r) => r.channel === 'app:copyText').at(-1)?.input)
    .toEqual({ text: expect.stringMatching(/^YT\d+$/) });
  await screenshot(harness, 'tracking-share');

  // The end of the day starts on Today too: the same sheet from its header.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Hand-over sheet' }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Courier')).toContainText('yunexpress (3 parcels)');
  await expect(dialog.getByTestId('handover-pages')).toHaveText('1 page, 3 parcels, Letter paper.');
  await expect(preview).not.toHaveAttribute('aria-busy', 'true');
  await screenshot(harness, 'handover-from-today');
});
