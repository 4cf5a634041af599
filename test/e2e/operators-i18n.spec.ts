import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { connectionOf } from '../support/workgroup-station';
import { expect, screenshot, test } from './fixtures';
import { expectTextFits } from './text-fits';

// The operators' screens (issue 18 item 5) on a Japanese, a Chinese (Simplified) and a
// Taiwanese computer: Settings → Operators, the sign-in screen with its wrong-PIN sentence and
// the audit trail, each in the language and with its text fitting. Words come from the
// catalogues, so the test reads the same in every language. Screenshots: operators-<lang>-*.png.
const catalogue = (language: string, namespace: string) =>
  JSON.parse(readFileSync(new URL(`../../shared/i18n/locales/${language}/${namespace}.json`, import.meta.url), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;
const LANGUAGES = [
  { language: 'ja', systemLocale: 'ja-JP' },
  { language: 'zh-Hans', systemLocale: 'zh-CN' },
  { language: 'zh-Hant', systemLocale: 'zh-TW' },
] as const;

async function startDemo(page: Page) {
  await page.locator('section[aria-labelledby="demo-heading"] button.primary').click();
  await expect(page.locator('nav button[aria-keyshortcuts="Alt+2"]')).toBeVisible();
}

// A workgroup database per language: the first operator of each is its supervisor.
const databases: TestDatabase[] = [];
test.afterAll(async () => {
  for (const db of databases.splice(0)) await db.drop();
});

for (const lang of LANGUAGES) {
  test.describe(`in ${lang.language}`, () => {
    test.use({ harnessOptions: { systemLocale: lang.systemLocale } });

    test('operators, sign-in with a wrong PIN and the audit trail: in the language, and the text fits', async ({ harness }) => {
      const ops = catalogue(lang.language, 'operators');
      const manage = ops.manage as { tab: string; add: { submit: string } };
      const signIn = ops.signIn as { title: string; submit: string };
      const badge = ops.badge as { signOut: string };
      const audit = ops.audit as { tab: string; details: { signInWrong: string; workgroupSettings: string } };
      const shell = catalogue(lang.language, 'shell').screens as { settings: string };
      const { page } = harness;
      await startDemo(page);
      const db = await createTestDatabase();
      databases.push(db);
      const name = `${lang.language}-Aiko`;
      const joined = await harness.station.client.workgroup.save({
        settings: { ...connectionOf(db), stationName: `Bench ${lang.language}` },
        password: decodeURIComponent(new URL(db.url).password),
      });
      expect(joined.ok).toBe(true);
      await page.getByRole('button', { name: shell.settings, exact: true }).click();
      await page.getByRole('tab', { name: manage.tab, exact: true }).click();
      await screenshot(harness, `operators-${lang.language}-first`);
      await expectTextFits(page, 'main');
      await page.locator('form').getByRole('textbox').first().fill(name);
      await page.locator('form input[inputmode="numeric"], form input[type="password"]').first().fill('2468');
      await page.getByRole('button', { name: manage.add.submit, exact: true }).click();
      await expect(page.getByTestId('operator-badge')).toContainText(name);
      await screenshot(harness, `operators-${lang.language}-list`);
      await expectTextFits(page, 'main');

      await page.getByRole('button', { name: badge.signOut, exact: true }).click();
      await expect(page.getByRole('heading', { name: signIn.title, exact: true })).toBeVisible();
      await page.locator('form').getByRole('textbox').first().fill(name);
      await page.locator('form input[inputmode="numeric"], form input[type="password"]').first().fill('0000');
      await page.getByRole('button', { name: signIn.submit, exact: true }).click();
      await expect(page.getByRole('alert')).toBeVisible();
      await screenshot(harness, `operators-${lang.language}-sign-in-wrong`);
      await expectTextFits(page, 'main');
      await page.locator('form input[inputmode="numeric"], form input[type="password"]').first().fill('2468');
      await page.getByRole('button', { name: signIn.submit, exact: true }).click();
      await expect(page.getByTestId('operator-badge')).toContainText(name);

      await page.getByRole('button', { name: shell.settings, exact: true }).click();
      await page.getByRole('tab', { name: audit.tab, exact: true }).click();
      await expect(page.getByTestId('audit-table')).toBeVisible();
      // The details too are in the language (written as keys and values, put into words here).
      const table = page.getByTestId('audit-table');
      await expect(table).toContainText(audit.details.signInWrong.replace('{{name}}', name));
      await expect(table).toContainText(audit.details.workgroupSettings);
      await expect(table).not.toContainText('operator_sign_in_wrong');
      await screenshot(harness, `operators-${lang.language}-audit`);
      await expectTextFits(page, 'main');
    });
  });
}
