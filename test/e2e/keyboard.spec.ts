import type { Locator, Page } from '@playwright/test';
import type { Harness } from '../harness/harness';
import { expect, screenshot, test } from './fixtures';

/*
 * Keyboard only: no click, fill or selectOption drives the app here. Locators serve for
 * assertions only (and to ask "is this focused yet?" between Tab presses).
 */

const isFocused = (locator: Locator) =>
  locator.evaluate((el) => el === document.activeElement, undefined, { timeout: 2_000 }).catch(() => false);

/** Presses Tab (or Shift+Tab) until `target` has focus; fails when it is not reached within `max` presses. */
async function tabTo(page: Page, target: Locator, { max = 40, back = false } = {}) {
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target, `reachable with ${back ? 'Shift+Tab' : 'Tab'} within ${max} presses`).toBeFocused();
}

/** The next field in Tab order must be `target` (a field skipped or made unreachable fails here). */
async function tabOnceTo(page: Page, target: Locator) {
  await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

/** Changes a focused select with the arrow keys until it has `value`. */
async function arrowTo(page: Page, select: Locator, value: string, max = 20) {
  await expect(select).toBeFocused();
  for (let i = 0; i < max && (await select.inputValue()) !== value; i++) await page.keyboard.press('ArrowDown');
  await expect(select).toHaveValue(value);
}

/** Page load → Demo mode, by keyboard: Tab to "Start in Demo mode", Enter. */
async function startDemoByKeyboard(page: Page, shot?: Harness) {
  await expect(page.getByRole('heading', { name: 'Welcome to Flex Forward Station' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Start in Demo mode' }), { max: 10 });
  if (shot) await screenshot(shot, 'keyboard-onboarding');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'New label' })).toBeVisible();
}

test('first start: Demo mode by keyboard; screen shortcuts wait until then, the help overlay does not', async ({ harness }) => {
  const { page } = harness;
  await expect(page.getByRole('heading', { name: 'Welcome to Flex Forward Station' })).toBeVisible();
  // No screens to go to yet: Alt+1 does nothing here.
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { name: 'Welcome to Flex Forward Station' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Screens' })).toHaveCount(0);
  // F1 works from the first moment.
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);

  await startDemoByKeyboard(page, harness);
  await expect(page.getByTestId('environment-badge')).toHaveText('Demo');
  // Not left on <body>: the New label screen takes focus on its first field.
  await expect(page.getByRole('group', { name: 'Recipient' }).getByLabel('First name')).toBeFocused();
});

test('drives a whole label flow with the keyboard only', async ({ harness }) => {
  const { page } = harness;
  await startDemoByKeyboard(page);
  // From another screen, Alt+2 comes back to New label with focus on its first field.
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { name: 'Station status' })).toBeFocused();
  await page.keyboard.press('Alt+2');

  const to = page.getByRole('group', { name: 'Recipient' });
  await expect(to.getByLabel('First name')).toBeFocused();
  await page.keyboard.type('Maria');
  await tabOnceTo(page, to.getByLabel('Last name'));
  await page.keyboard.type('Garcia');
  await tabOnceTo(page, to.getByLabel('Phone'));
  await page.keyboard.type('+1-213-555-0147');
  await tabOnceTo(page, to.getByLabel('Email'));
  await tabOnceTo(page, to.getByLabel('Street address', { exact: true }));
  await page.keyboard.type('742 Evergreen Terrace');
  await tabOnceTo(page, to.getByLabel('Street address line 2'));
  await tabOnceTo(page, to.getByLabel('City'));
  await page.keyboard.type('Los Angeles');
  await tabOnceTo(page, to.getByLabel('State or prefecture'));
  await page.keyboard.type('CA');
  await tabOnceTo(page, to.getByLabel('Postal code'));
  await page.keyboard.type('90001');
  // A long list: type the first letters of the country to pick it.
  const country = to.getByLabel('Country');
  await tabOnceTo(page, country);
  await page.keyboard.type('United States');
  await expect(country).toHaveValue('US');

  await tabOnceTo(page, page.getByLabel('Ship from'));
  await tabOnceTo(page, page.getByLabel('Package'));
  await tabOnceTo(page, page.getByLabel('Weight (kg)'));
  await page.keyboard.type('0.8');
  await screenshot(harness, 'keyboard-label-form');
  await tabTo(page, page.getByLabel('Description (English), item 1 of parcel 1'), { max: 5 });
  await page.keyboard.type('Notebook');
  await tabTo(page, page.getByLabel('Unit price, item 1 of parcel 1'), { max: 3 });
  await page.keyboard.type('6.50');
  await tabTo(page, page.getByLabel('Unit weight, item 1 of parcel 1'), { max: 3 });
  await page.keyboard.type('0.3');

  await tabTo(page, page.getByLabel('Customer order number'), { max: 5 });
  await page.keyboard.type('KEY-10001');
  // Courier and product: arrow keys on the closed list.
  await tabTo(page, page.getByLabel('Courier', { exact: true }), { max: 4 });
  await arrowTo(page, page.getByLabel('Courier', { exact: true }), 'yunexpress');
  const product = page.getByLabel('Product', { exact: true });
  await expect(product.locator('option')).not.toHaveCount(1);
  await tabOnceTo(page, product);
  await arrowTo(page, product, 'YEXP01');

  await tabTo(page, page.getByRole('button', { name: 'Create label' }), { max: 6 });
  await page.keyboard.press('Enter');
  const outcome = page.getByRole('region', { name: 'Label created' });
  await expect(outcome).toBeVisible();
  const tracking = (await outcome.getByTestId('tracking-number').textContent())!.trim();
  expect(tracking).toMatch(/^[A-Z0-9]{8,}$/);
  // The label's actions come next in Tab order.
  await tabTo(page, outcome.getByRole('button', { name: `Copy tracking number ${tracking}` }), { max: 6 });

  // History lists it; its row's actions are reachable and work from the keyboard.
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { name: 'History', exact: true })).toBeFocused();
  const row = page.getByRole('row').filter({ hasText: 'KEY-10001' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(tracking);
  const pick = row.getByRole('checkbox');
  await tabTo(page, pick);
  await page.keyboard.press('Space');
  await expect(pick).toBeChecked();
  await expect(page.getByRole('region', { name: 'Selected labels' })).toContainText('1 selected');
  await tabTo(page, row.getByRole('button', { name: `Save label ${tracking}` }), { max: 8 });
  const trackButton = row.getByRole('button', { name: `Track ${tracking}` });
  await tabTo(page, trackButton, { max: 4 });
  await screenshot(harness, 'keyboard-history-row');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: /^Tracking/ }).getByTestId('tracking-tag')).toBeVisible();

  // Created once, by the keyboard.
  const creates = harness.ipcLog.filter(
    (r) => r.channel === 'labels:create' && r.output.ok && (r.output.value as { kind: string }).kind === 'created',
  );
  expect(creates).toHaveLength(1);
});

test('F1 opens the shortcuts overlay: focus inside and trapped, Esc closes it and focus returns', async ({ harness }) => {
  const { page } = harness;
  await startDemoByKeyboard(page);
  await page.keyboard.press('Alt+4');
  const search = page.getByLabel('Search', { exact: true });
  await tabTo(page, search, { max: 5 });

  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help).toContainText('Alt+1');
  await expect(help).toContainText('Go to New label');
  await expect(help.getByRole('heading', { name: 'Station mode' })).toBeVisible();
  for (const text of ['F2', 'F4', 'F10', 'Reprint last label', 'Next printer profile', 'Leave station mode', 'Send the scan'])
    await expect(help).toContainText(text);
  const close = help.getByRole('button', { name: /Close/ });
  await expect(close).toBeFocused();
  // Tab and Shift+Tab stay inside the dialog.
  for (const key of ['Tab', 'Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    expect(await help.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  // Screen shortcuts wait while it is open.
  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { name: 'History', exact: true })).toBeVisible();
  await screenshot(harness, 'keyboard-help-overlay');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(search).toBeFocused();

  // "?" is text in a field, and the overlay outside one.
  await page.keyboard.type('?');
  await expect(search).toHaveValue('?');
  await expect(help).toHaveCount(0);
  await tabTo(page, page.getByRole('button', { name: 'Clear' }), { max: 30 });
  await page.keyboard.press('?');
  await expect(help).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(help).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Clear' })).toBeFocused();
});

test('every screen is one Alt+digit away, with focus on it; station mode is full-window and F1 works there', async ({ harness }) => {
  const { page } = harness;
  await startDemoByKeyboard(page);
  const nav = page.getByRole('navigation', { name: 'Screens' });
  const screens: [string, string][] = [
    ['Alt+1', 'Today'],
    ['Alt+3', 'Batch labels from a CSV'],
    ['Alt+4', 'History'],
    ['Alt+6', 'Station status'],
    ['Alt+7', 'Settings'],
  ];
  for (const [keys, heading] of screens) {
    await page.keyboard.press(keys);
    await expect(page.getByRole('heading', { level: 1, name: heading, exact: true })).toBeFocused();
  }
  await expect(nav.getByRole('button', { name: 'Settings' })).toHaveAttribute('aria-current', 'page');
  // Settings: the tabs change with the arrow keys.
  await tabOnceTo(page, page.getByRole('tab', { name: 'Environments' }));
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Label defaults' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Label defaults' })).toHaveAttribute('aria-selected', 'true');

  await page.keyboard.press('Alt+2');
  await expect(page.getByRole('heading', { level: 1, name: 'New label' })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Recipient' }).getByLabel('First name')).toBeFocused();
  // Shortcuts work while typing in a field (Alt+digit types nothing).
  await page.keyboard.type('Ann');
  await page.keyboard.press('Alt+5');
  // Station mode: the whole window, no header; focus is in it, not on <body>.
  await expect(nav).toHaveCount(0);
  await expect(page.locator('.station-mode')).toBeVisible();
  expect(
    await page.evaluate(
      () => document.activeElement !== document.body && document.querySelector('.station-mode')!.contains(document.activeElement),
    ),
  ).toBe(true);
  await page.keyboard.press('F1');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await screenshot(harness, 'keyboard-station-help');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await page.keyboard.press('Alt+2');
  await expect(nav).toBeVisible();
  await expect(page.getByRole('group', { name: 'Recipient' }).getByLabel('First name')).toBeFocused();

  // The skip link is the first Tab stop of a screen and lands on its content.
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { name: 'Station status' })).toBeFocused();
  await tabTo(page, page.getByRole('link', { name: 'Skip to content' }), { max: 15 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Station status' })).toBeFocused();
});
