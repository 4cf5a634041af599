import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { connectionOf } from '../support/workgroup-station';
import { expect, screenshot, test } from './fixtures';

/**
 * Operators of a workgroup (issue 18 item 5) on a database of this spec's own: the first
 * operator (a supervisor) added in Settings → Operators, the sign-in screen, the wrong-PIN
 * sentence, the shell's "Signed in", the audit trail. Screenshots: operators-*.png.
 */
let db: TestDatabase;
test.beforeAll(async () => {
  db = await createTestDatabase();
});
test.afterAll(async () => {
  await db.drop();
});

test('the first operator is a supervisor; sign out, a wrong PIN, sign in, the audit trail', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  const joined = await harness.station.client.workgroup.save({
    settings: { ...connectionOf(db), stationName: 'Bench 1' },
    password: decodeURIComponent(new URL(db.url).password),
  });
  expect(joined.ok).toBe(true);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Operators' }).click();
  await expect(page.getByText('There are no operators yet.', { exact: false })).toBeVisible();
  await screenshot(harness, 'operators-first');
  await page.getByLabel(/^Name/).fill('Aiko');
  await page.getByLabel(/^PIN/).fill('2468');
  await page.getByRole('button', { name: 'Add operator' }).click();
  await expect(page.getByTestId('operator-badge')).toContainText('Aiko');
  await expect(page.getByTestId('operator-badge')).toContainText('Supervisor');
  await page.getByLabel(/^Name/).fill('Pia');
  await page.getByLabel(/^PIN/).fill('1357');
  await page.getByRole('button', { name: 'Add operator' }).click();
  await expect(page.getByRole('cell', { name: 'Pia' })).toBeVisible();
  await screenshot(harness, 'operators-list');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel(/^Name/).fill('Pia');
  await page.getByLabel(/^PIN/).fill('0000');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('The name or the PIN is not right.');
  await screenshot(harness, 'operators-sign-in-wrong');
  await page.getByLabel(/^PIN/).fill('2468');
  await page.getByLabel(/^Name/).fill('Aiko');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('operator-badge')).toContainText('Aiko');

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Audit trail' }).click();
  await expect(page.getByTestId('audit-table')).toContainText('Sign-in refused');
  await expect(page.getByTestId('audit-table')).toContainText('Operator added');
  await screenshot(harness, 'operators-audit');
  // The PINs never reached the page from main.
  expect(JSON.stringify(harness.ipcLog.map((r) => r.output))).not.toMatch(/2468|1357|scrypt/);
});
