import { startSimulator, type Simulator } from '../../electron/simulator';
import { expect, screenshot, test } from './fixtures';
import { closedPort } from '../support/closed-port';

// The Offline banner: the first request that cannot connect to the API shows it, in New label
// and in station mode alike; it goes away by itself once the API can be reached again.

const TOKEN = 'ff_dev_offline_e2e_token_7b2e';
const ACCOUNT = '0d9c2f4e-1a3b-4c5d-8e7f-9a0b1c2d3e4f';

test.use({ harnessOptions: { connectionProbeEveryMs: 200 } });

test('the Offline banner shows at the first connection that fails, in New label and station mode, and clears by itself', async ({
  harness,
}) => {
  const { page, station } = harness;
  const port = await closedPort();
  await station.client.env.setBaseUrl({ environment: 'development', baseUrl: `http://127.0.0.1:${port}` });
  await station.client.token.set({ environment: 'development', token: TOKEN, allowUnverified: true });
  await station.client.accounts.add({ environment: 'development', id: ACCOUNT, name: 'Main warehouse' });
  await station.client.env.switch({ environment: 'development' });
  await page.reload();
  // An onboarded station opens on Today.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'New label' }).click();

  // New label asks for the courier list at once: that request cannot connect.
  const banner = page.getByTestId('offline-banner');
  await expect(banner).toHaveText(/Offline: the Flex Forward API cannot be reached \(the connection was refused\)/);
  await screenshot(harness, 'offline-new-label');

  await page.keyboard.press('Alt+5');
  await expect(page.getByLabel(/Scan an order barcode/)).toBeFocused();
  await expect(banner).toBeVisible();
  await screenshot(harness, 'offline-station');

  // The API is back on the same address: the probe finds it and the banner goes.
  let sim: Simulator | null = null;
  try {
    sim = await startSimulator({ port, tokens: [{ token: TOKEN, accounts: [ACCOUNT] }] });
    await expect(banner).toHaveCount(0, { timeout: 10_000 });
  } finally {
    await sim?.close();
  }
});
