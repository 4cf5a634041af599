import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMemorySecretStore } from '../../electron/core/secret-store';
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
      'batch',
      'catalog',
      'env',
      'labels',
      'on',
      'presets',
      'print',
      'printers',
      'scan',
      'senders',
      'settings',
      'token',
      'tracking',
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
