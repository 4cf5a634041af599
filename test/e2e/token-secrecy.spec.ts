import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator, type Simulator } from '../../electron/simulator';
import { expect, test } from './fixtures';

// A token that looks real, and the part of it that must never leave main: everything but
// the last four characters (which the station does show).
const TOKEN = `ff_dev_${randomBytes(20).toString('hex')}Zq9X`;
const SECRET_PART = TOKEN.slice(0, -4);
const ACCOUNT = '5b0d4c3e-2f1a-4b9c-8d7e-6f5a4b3c2d1e';

let sim: Simulator;
test.beforeAll(async () => {
  sim = await startSimulator({ tokens: [{ token: TOKEN, accounts: [ACCOUNT] }] });
});
test.afterAll(() => sim.close());

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });

test('the token appears nowhere the renderer, the logs or the files on disk can see', async ({ harness, page, context }) => {
  await harness.station.client.env.setBaseUrl({ environment: 'development', baseUrl: sim.url });
  await page.reload();
  // The DOM and every input's value, captured after each step (not only at the end).
  const domSnapshots: string[] = [];
  const snapshot = async () =>
    domSnapshots.push(
      (await page.content()) + (await page.evaluate(() => [...document.querySelectorAll('input')].map((i) => i.value).join('\n'))),
    );

  // Set the token through the first-start screen, then use the station through several screens.
  await page.getByLabel('API token for Development').fill(TOKEN);
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByRole('button', { name: 'Status' }).click();
  await expect(page.getByTestId('token-status')).toHaveText('Token set, ending …Zq9X');
  await snapshot();
  await page.getByRole('button', { name: 'Settings' }).click();
  const add = page.getByRole('form', { name: 'Add a shipper account to Development' });
  await add.getByLabel('Account name').fill('Main warehouse');
  await add.getByLabel('Shipper account ID').fill(ACCOUNT);
  await add.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('tab', { name: 'Label defaults' }).click();
  await page.getByLabel('Default courier').selectOption('yunexpress');
  await expect(page.getByLabel('Default product').locator('option')).not.toHaveCount(1);
  await snapshot();
  await page.getByRole('tab', { name: 'Sender addresses' }).click();
  await page.getByRole('tab', { name: 'Environments' }).click();
  // Replace the token with itself from Settings: the second trip renderer -> main.
  await page.getByLabel('API token for Development').fill(TOKEN);
  await page.getByRole('button', { name: 'Replace token' }).click();
  await expect(page.getByText('The Development token was checked and saved.')).toBeVisible();
  await snapshot();
  await page.getByRole('button', { name: 'Status' }).click();
  await page.getByLabel('Environment', { exact: true }).selectOption('demo');
  await expect(page.getByTestId('environment-badge')).toHaveText('Demo');
  await page.getByLabel('Environment', { exact: true }).selectOption('development');
  await expect(page.getByTestId('token-status')).toHaveText('Token set, ending …Zq9X');

  // The token really was in use: the API saw it on every call.
  const apiCalls = sim.stats().requests.filter((r) => r.headers.authorization === `Bearer ${TOKEN}`);
  expect(apiCalls.length).toBeGreaterThanOrEqual(4);

  // 1. The page's DOM, including input values, after every step.
  await snapshot();
  // 2. Every IPC response and progress event.
  const ipcResponses = JSON.stringify(harness.ipcLog.map((r) => r.output));
  const events = JSON.stringify(harness.eventLog);
  // 3. Browser storage.
  const storage = await page.evaluate(async () => {
    const dump = (s: Storage) => JSON.stringify(Object.fromEntries(Object.entries(s)));
    const databases = 'databases' in indexedDB ? await indexedDB.databases() : [];
    return { local: dump(localStorage), session: dump(sessionStorage), indexedDb: JSON.stringify(databases) };
  });
  const cookies = JSON.stringify(await context.cookies());
  // 4. Console output.
  const consoleText = harness.consoleMessages.join('\n');
  // 5. Every file the station wrote: settings, logs, databases.
  const files = filesUnder(harness.userDataDir);
  expect(files.some((f) => f.endsWith('settings.json'))).toBe(true);
  const logText = readFileSync(harness.logFile, 'utf8');
  expect(logText).toContain('token.saved');
  expect(logText).toContain('api.attempt');

  const places: Record<string, string> = {
    ...Object.fromEntries(domSnapshots.map((text, i) => [`DOM after step ${i + 1}`, text])),
    ipcResponses,
    events,
    localStorage: storage.local,
    sessionStorage: storage.session,
    indexedDb: storage.indexedDb,
    cookies,
    console: consoleText,
    ...Object.fromEntries(files.map((f) => [f, readFileSync(f, 'latin1')])),
  };
  for (const [place, text] of Object.entries(places)) {
    expect(text.includes(SECRET_PART), `token found in ${place}`).toBe(false);
  }
  // What the renderer may know: a token is set, and its last four characters.
  expect(ipcResponses).toContain('"lastFour":"Zq9X"');
});
