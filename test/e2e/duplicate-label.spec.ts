import { expect, screenshot, test } from './fixtures';
import { fillShipment } from './shipment-form';

/** Issue 15 item 1: a created label locks its form; the same shipment without an order number asks before a second label. */

test.beforeEach(async ({ harness }) => {
  await harness.page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await expect(harness.page.getByRole('heading', { name: 'New label' })).toBeVisible();
});

const createdLabels = (harness: { ipcLog: { channel: string; output: { ok: boolean; value?: unknown } }[] }) =>
  harness.ipcLog.filter((r) => r.channel === 'labels:create' && r.output.ok && (r.output.value as { kind: string }).kind === 'created')
    .length;

test('a created label locks the form; Duplicate asks nothing new and the same shipment typed again asks first', async ({ harness }) => {
  const { page } = harness;
  // A label printer (not printing by itself), so the question offers the reprint; nothing is printed here.
  await harness.station.client.printers.saveProfile({ name: 'Desk label printer', printer: 'ffs-pdf', role: 'labels' });
  await page.reload();
  // An onboarded station opens on Today.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'New label' }).click();
  await fillShipment(page, { phone: null, postalCode: '90012' });
  await page.getByLabel('Weight (kg)').press('Enter');
  const outcome = page.getByRole('region', { name: 'Label created' });
  await expect(outcome).toBeVisible();
  const tracking = (await outcome.getByTestId('tracking-number').textContent())!.trim();

  // Locked: every field read-only, Create not clickable, Enter buys nothing; the keyboard goes on from "New label".
  const form = page.getByRole('form', { name: 'New label' });
  await expect(page.getByRole('button', { name: 'Create label' })).toBeDisabled();
  await expect(form.getByRole('group', { name: 'Recipient' }).getByLabel('City')).toBeDisabled();
  await expect(page.getByLabel('Weight (kg)')).toBeDisabled();
  await expect(form.getByText('the form is locked')).toBeVisible();
  await expect(outcome.getByRole('button', { name: 'New label', exact: true })).toBeFocused();
  const canvas = outcome.getByTestId('pdf-canvas');
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
  await screenshot(harness, 'locked-form');
  await page.keyboard.press('Control+Enter');
  expect(createdLabels(harness)).toBe(1);

  // New label (Enter on the focused button): a blank form from the defaults; the same shipment typed again asks first.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('group', { name: 'Recipient' }).getByLabel('City')).toHaveValue('');
  await fillShipment(page, { phone: null, postalCode: '90012' });
  await page.getByRole('button', { name: 'Create label' }).click();
  const question = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'This shipment was already labelled' }) });
  await expect(question).toBeVisible();
  await expect(question.getByTestId('duplicate-tracking')).toHaveText(tracking);
  await expect(question.getByRole('button', { name: 'Buy another label' })).toBeVisible();
  await expect(question.getByRole('button', { name: /Cancel/ })).toBeVisible();
  await expect(question.getByRole('button', { name: 'Reprint the existing one on Desk label printer' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'This shipment was already labelled' })).toBeFocused();
  await screenshot(harness, 'duplicate-question');
  expect(createdLabels(harness)).toBe(1);
  const refusal = harness.ipcLog.at(-1)!;
  expect(refusal).toMatchObject({ channel: 'labels:create', output: { ok: false, error: { code: 'duplicate_shipment' } } });

  // Esc cancels: the form stays as typed, nothing bought.
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Recipient' }).getByLabel('City')).toHaveValue('Los Angeles');
  expect(createdLabels(harness)).toBe(1);

  // Asked again, "Buy another label" is the explicit confirmation: a second label.
  await page.getByRole('button', { name: 'Create label' }).click();
  await question.getByRole('button', { name: 'Buy another label' }).click();
  await expect(page.getByRole('region', { name: 'Label created' })).toBeVisible();
  expect(createdLabels(harness)).toBe(2);
  const confirmed = harness.ipcLog.filter((r) => r.channel === 'labels:create').at(-1)!;
  expect((confirmed.input as { confirmDuplicateOf?: string }).confirmDuplicateOf).toBeTruthy();

  // Duplicate: a copy of this one, unlocked, explicitly a new purchase (no question).
  await page.getByRole('button', { name: 'Duplicate', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Create label' })).toBeEnabled();
  await expect(page.getByRole('group', { name: 'Recipient' }).getByLabel('City')).toHaveValue('Los Angeles');
  await expect(page.getByText(/A copy of label .*: Create buys another label/)).toBeVisible();
  await page.getByRole('button', { name: 'Create label' }).click();
  await expect(page.getByRole('region', { name: 'Label created' })).toBeVisible();
  expect(createdLabels(harness)).toBe(3);
});

test('History offers Duplicate, and recent recipients are offered as you type a name', async ({ harness }) => {
  const { page } = harness;
  await fillShipment(page, { phone: null, postalCode: '90012' });
  await page.getByLabel('Customer order number').fill('WEB-DUP-1');
  await page.getByRole('button', { name: 'Create label' }).click();
  const tracking = (await page.getByRole('region', { name: 'Label created' }).getByTestId('tracking-number').textContent())!.trim();

  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('button', { name: `Duplicate label ${tracking}` }).click();
  await expect(page.getByRole('heading', { name: 'New label', exact: true })).toBeVisible();
  await expect(page.getByLabel('Customer order number')).toHaveValue('WEB-DUP-1');
  await expect(page.getByRole('group', { name: 'Recipient' }).getByLabel('Street address', { exact: true })).toHaveValue(
    '742 Evergreen Terrace',
  );
  await expect(page.getByLabel('Weight (kg)')).toHaveValue('0.8');
  await expect(page.getByText(`A copy of label ${tracking}: Create buys another label.`)).toBeVisible();

  // Start again and type a name: the recent recipient is offered; ↓ and Enter fill the address.
  await page.getByRole('button', { name: /New label Alt/ }).click();
  const name = page.getByRole('combobox', { name: 'First name' });
  await name.click();
  await name.pressSequentially('Mar');
  const list = page.getByRole('listbox', { name: 'Recent recipients' });
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option')).toContainText('Maria Garcia');
  await expect(name).toHaveAttribute('aria-expanded', 'true');
  await screenshot(harness, 'recent-recipients');
  await name.press('ArrowDown');
  await expect(list.getByRole('option', { selected: true })).toContainText('Maria Garcia');
  await name.press('Enter');
  await expect(list).toBeHidden();
  const to = page.getByRole('group', { name: 'Recipient' });
  await expect(name).toHaveValue('Maria');
  await expect(to.getByLabel('Last name')).toHaveValue('Garcia');
  await expect(to.getByLabel('City')).toHaveValue('Los Angeles');
  await expect(to.getByLabel('Postal code')).toHaveValue('90012');
  await expect(to.getByLabel('Country')).toHaveValue('US');
  // Choosing a recipient did not create anything.
  expect(createdLabels(harness)).toBe(1);
});
