import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMemorySecretStore } from '../../electron/core/secret-store';
import { startSimulator, type Simulator } from '../../electron/simulator';
import { repoRoot } from '../harness/harness';
import { expect, screenshot, test } from './fixtures';

const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };

test('the status view shows the app version, the active environment and that no token is set', async ({ harness }) => {
  const { page } = harness;
  // Past the first-start screen without a token: Development stays the active environment.
  await harness.station.services.settings.update((s) => void (s.onboarded = true));
  await page.reload();
  await page.getByRole('button', { name: 'Status' }).click();
  await expect(page.getByRole('heading', { name: 'Station status' })).toBeVisible();
  await expect(page.getByTestId('app-version')).toHaveText(version);
  await expect(page.getByTestId('environment')).toHaveText('Development');
  await expect(page.getByTestId('token-status')).toHaveText('No token set');
  // The answer came through the typed IPC channel, from the real core.
  expect(harness.ipcLog.find((r) => r.channel === 'app:info')?.output).toMatchObject({ ok: true, value: { version } });
  await screenshot(harness, 'status-view');
});

test.describe('with a token in the keychain', () => {
  test.use({ harnessOptions: { secrets: createMemorySecretStore({ development: 'ff_dev_0123456789abcdef7e2c' }) } });

  test('shows only the last four characters of the token', async ({ harness }) => {
    await harness.station.services.settings.update((s) => void (s.onboarded = true));
    await harness.page.reload();
    await harness.page.getByRole('button', { name: 'Status' }).click();
    await expect(harness.page.getByTestId('token-status')).toHaveText('Token set, ending …7e2c (not verified yet)');
    const everything = (await harness.page.content()) + JSON.stringify(harness.ipcLog);
    expect(everything).not.toContain('ff_dev_0123456789abcdef');
  });
});

test('window.station is the only bridge, read-only, and exposes no raw IPC', async ({ harness }) => {
  const shape = await harness.page.evaluate(() => {
    const station = (window as unknown as { station: Record<string, unknown> }).station;
    const w = window as unknown as Record<string, unknown>;
    let replaced = true;
    try {
      (window as unknown as { station: unknown }).station = {};
    } catch {
      replaced = false;
    }
    return {
      keys: Object.keys(station).sort(),
      frozen: Object.isFrozen(station),
      replaced: replaced && (window as unknown as { station: unknown }).station !== station,
      hasRequire: typeof w.require,
      hasProcess: typeof w.process,
      hasIpcRenderer: typeof w.ipcRenderer,
    };
  });
  expect(shape).toEqual({
    keys: [
      'accounts',
      'app',
      'audit',
      'batch',
      'catalog',
      'claims',
      'env',
      'handover',
      'labels',
      'on',
      'operators',
      'presets',
      'print',
      'printers',
      'scan',
      'senders',
      'settings',
      'skuCatalogue',
      'today',
      'token',
      'tracking',
      'workgroup',
    ],
    frozen: true,
    replaced: false,
    hasRequire: 'undefined',
    hasProcess: 'undefined',
    hasIpcRenderer: 'undefined',
  });
});

test('invalid input from the page is refused by the core with field messages', async ({ harness }) => {
  const result = await harness.page.evaluate(() =>
    (window as unknown as { station: { app: { openExternal(i: unknown): Promise<unknown> } } }).station.app.openExternal({
      url: 'javascript:alert(1)',
    }),
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { url: expect.any(String) } } });
});

test('typed events from main reach subscribers in the page', async ({ harness }) => {
  await harness.page.evaluate(() => {
    const w = window as unknown as { station: { on(e: string, l: (p: unknown) => void): () => void }; received: unknown[] };
    w.received = [];
    w.station.on('progress', (p) => w.received.push(p));
  });
  await harness.emit('progress', { task: 'demo', done: 2, failed: 0, total: 5 });
  const received = await harness.page.evaluate(() => (window as unknown as { received: unknown[] }).received);
  expect(received).toEqual([{ task: 'demo', done: 2, failed: 0, total: 5 }]);
});

test.describe('with a token the API refuses', () => {
  const token = 'ff_dev_UmVmdXNlZEluU3RhdHVz_9d1e';
  let sim: Simulator;
  test.beforeAll(async () => {
    sim = await startSimulator({ tokens: [{ token, accounts: ['11111111-2222-4333-8444-555555555555'] }] });
  });
  test.afterAll(() => sim.close());
  // 2026-12-01T20:33Z is 05:33 on 2 December in Tokyo: the refusal is shown in the station's clock.
  test.use({ harnessOptions: { clock: { timeZone: 'Asia/Tokyo', locale: 'en-GB' }, now: () => new Date(Date.UTC(2026, 11, 1, 20, 33)) } });

  test('Status and Settings say "Refused at <local time> — enter a new token" as soon as a call gets a 401', async ({ harness }) => {
    const { page, station } = harness;
    expect((await station.client.env.setBaseUrl({ environment: 'development', baseUrl: sim.url })).ok).toBe(true);
    expect((await station.client.token.set({ environment: 'development', token })).ok).toBe(true);
    expect((await station.client.env.switch({ environment: 'development' })).ok).toBe(true);
    await page.reload();
    await page.getByRole('button', { name: 'Status' }).click();
    await expect(page.getByTestId('token-status')).toHaveText('Token set, ending …9d1e');

    // The token is withdrawn at the API; the next call anywhere gets a 401, and the open screen follows (settings:changed).
    sim.revokeToken(token);
    expect(await station.client.catalog.couriers({ refresh: true })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    await expect(page.getByTestId('token-status')).toHaveText(
      'Refused at 2 Dec 2026, 05:33 — enter a new token in Settings → Environments (token ending …9d1e)',
    );
    await screenshot(harness, 'status-token-refused');

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Environments' }).click();
    await expect(page.getByTestId('token-refused-development')).toHaveText('refused at 2 Dec 2026, 05:33 — enter a new token');
    await screenshot(harness, 'settings-token-refused');
  });
});
