import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ACCOUNTS, startSimulator, type Simulator } from '../../electron/simulator';
import { expect, screenshot, test } from './fixtures';

const TOKEN = 'ff_dev_onboarding_e2e_token_5c3d';
const ACCOUNT_OK = '0d9c2f4e-1a3b-4c5d-8e7f-9a0b1c2d3e4f';
const ACCOUNT_OTHER = 'f0e1d2c3-b4a5-4697-8877-665544332211';

let sim: Simulator;
test.beforeAll(async () => {
  sim = await startSimulator({ tokens: [{ token: TOKEN, accounts: [ACCOUNT_OK] }] });
});
test.afterAll(() => sim.close());

test('first start offers Demo mode or entering a token', async ({ harness }) => {
  const { page } = harness;
  await expect(page.getByRole('heading', { name: 'Welcome to Flex Forward Station' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start in Demo mode' })).toBeVisible();
  await expect(page.getByLabel('API token for Development')).toBeVisible();
  await screenshot(harness, 'onboarding');
});

test('onboarding via Demo: the whole station works against the simulator, with a banner saying so', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await expect(page.getByRole('note')).toHaveText(/Demo mode: labels are simulated/);
  await expect(page.getByTestId('environment-badge')).toHaveText('Demo');
  await expect(page.getByLabel('Shipper account', { exact: true })).toHaveValue(DEMO_ACCOUNTS[0]!.id);
  await expect(page.getByRole('heading', { name: 'New label' })).toBeVisible();
  await page.getByRole('button', { name: 'Status' }).click();
  await expect(page.getByTestId('token-status')).toHaveText('Built-in demo token');
  await screenshot(harness, 'demo-station');

  // Pick the other demo account from the header; it sticks.
  await page.getByLabel('Shipper account', { exact: true }).selectOption({ label: DEMO_ACCOUNTS[1]!.name });
  await expect(page.getByTestId('account')).toContainText(DEMO_ACCOUNTS[1]!.id);
});

test.describe('onboarding with a token, the simulator posing as Development', () => {
  test.beforeEach(async ({ harness }) => {
    await harness.station.client.env.setBaseUrl({ environment: 'development', baseUrl: sim.url });
  });

  test('a good token connects and is shown by its last four characters only', async ({ harness }) => {
    const { page } = harness;
    await page.getByLabel('API token for Development').fill(TOKEN);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByRole('heading', { name: 'New label' })).toBeVisible();
    await expect(page.getByTestId('environment-badge')).toHaveText('Development');
    await page.getByRole('button', { name: 'Status' }).click();
    await expect(page.getByTestId('token-status')).toHaveText('Token set, ending …3c3d'.replace('3c3d', '5c3d'));
    await screenshot(harness, 'development-connected');
  });

  test('a refused token (401) is explained on the field and nothing is saved', async ({ harness }) => {
    const { page } = harness;
    await page.getByLabel('API token for Development').fill('ff_dev_typo_in_the_token');
    await page.keyboard.press('Enter');
    const field = page.getByLabel('API token for Development');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert')).toHaveText('Flex Forward refused this token for Development.');
    await expect(page.getByRole('heading', { name: 'Welcome to Flex Forward Station' })).toBeVisible();
    expect(await harness.station.services.vault.read('development')).toBeNull();
    await screenshot(harness, 'token-refused');
  });

  test('a shipper account the token may not use (403) is named in the message', async ({ harness }) => {
    const { page } = harness;
    await page.getByLabel('API token for Development').fill(TOKEN);
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();

    const add = page.getByRole('form', { name: 'Add a shipper account to Development' });
    await add.getByLabel('Account name').fill('Osaka returns');
    await add.getByLabel('Shipper account ID').fill(ACCOUNT_OTHER);
    await add.getByRole('button', { name: 'Add account' }).click();
    await expect(page.getByLabel('Shipper account', { exact: true })).toHaveValue(ACCOUNT_OTHER);

    await page.getByRole('tab', { name: 'Label defaults' }).click();
    await page.getByLabel('Default courier').selectOption('yunexpress');
    await expect(page.getByRole('alert')).toHaveText(
      `This token may not use shipper account “Osaka returns” (${ACCOUNT_OTHER}). Pick another account, or ask Flex Forward to enable it for your token.`,
    );
    await screenshot(harness, 'account-forbidden');

    // With an account the token may use, the products load.
    await page.getByRole('tab', { name: 'Environments' }).click();
    const add2 = page.getByRole('form', { name: 'Add a shipper account to Development' });
    await add2.getByLabel('Account name').fill('Main warehouse');
    await add2.getByLabel('Shipper account ID').fill(ACCOUNT_OK);
    await add2.getByRole('button', { name: 'Add account' }).click();
    await page.getByLabel('Shipper account', { exact: true }).selectOption({ label: 'Main warehouse' });
    await page.getByRole('tab', { name: 'Label defaults' }).click();
    await expect(page.getByLabel('Default product')).toBeEnabled();
    await expect(page.getByLabel('Default product').locator('option')).not.toHaveCount(1);
  });
});

test('switching to Production is explicit, and Production is clearly marked', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await page.getByLabel('Environment', { exact: true }).selectOption('production');
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Labels created there are real');
  await screenshot(harness, 'production-confirm');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('environment-badge')).toHaveText('Demo');

  await page.getByLabel('Environment', { exact: true }).selectOption('production');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Switch to Production' }).click();
  await expect(page.getByTestId('environment-badge')).toHaveText('PRODUCTION');
  await page.getByRole('button', { name: 'Status' }).click();
  await expect(page.getByTestId('token-status')).toHaveText('No token set');
  await screenshot(harness, 'production-marked');
});

test.describe('a corrupt settings file', () => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'ffs-corrupt-'));
  writeFileSync(join(userDataDir, 'settings.json'), '{ "activeEnvironment": "production", ');
  test.use({ harnessOptions: { userDataDir } });

  test('is moved aside, defaults load, and the operator is told', async ({ harness }) => {
    await expect(harness.page.getByRole('status')).toContainText('Your settings file could not be read (it is not valid JSON)');
    await expect(harness.page.getByRole('heading', { name: 'Welcome to Flex Forward Station' })).toBeVisible();
    await screenshot(harness, 'settings-recovered');
  });
});
