import { readFileSync } from 'node:fs';
import { labelDraft } from '../fixtures/label-drafts';
import { stationCsv } from '../fixtures/station-orders';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { createTestStation } from '../support/test-station';
import { connectionOf, joinWorkgroup } from '../support/workgroup-station';
import { CUPS_PDF_PRINTER, startCups } from './cups-output';
import { expect, screenshot, test } from './fixtures';
import { scan } from './scanner';
import { expectTextFits } from './text-fits';

// Station mode's "held at another bench" card (issue 18 item 4) on a Japanese, a Chinese
// (Simplified) and a Taiwanese computer: in the language (the catalogue's words), its text
// fitting, the release in the language; before it, the station's own label copied up (Settings →
// Workgroup). Screenshots: workgroup-move-in-<lang>.png, workgroup-held-<lang>.png.
const catalogue = (language: string, namespace: string) =>
  JSON.parse(readFileSync(new URL(`../../shared/i18n/locales/${language}/${namespace}.json`, import.meta.url), 'utf8')) as Record<
    string,
    Record<string, string>
  >;
const LANGUAGES = [
  { language: 'ja', systemLocale: 'ja-JP' },
  { language: 'zh-Hans', systemLocale: 'zh-CN' },
  { language: 'zh-Hant', systemLocale: 'zh-TW' },
] as const;
const ORDERS = stationCsv([{ orderNumber: 'WG-1001' }, { orderNumber: 'WG-HELD', weight: '' }]);

const cleanup: (() => Promise<void>)[] = [];
test.beforeAll(() => {
  startCups();
});
test.afterAll(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

for (const lang of LANGUAGES) {
  test.describe(`in ${lang.language}`, () => {
    test.use({ harnessOptions: { systemLocale: lang.systemLocale } });

    test('an order held at another bench: the card in the language, its text fits, released in the language', async ({ harness }) => {
      test.setTimeout(60_000);
      const { page } = harness;
      const { client } = harness.station;
      const held = catalogue(lang.language, 'scan').held!;
      const db: TestDatabase = await createTestDatabase();
      cleanup.push(() => db.drop());
      await page.locator('section[aria-labelledby="demo-heading"] button.primary').click();
      await expect(page.locator('nav button[aria-keyshortcuts="Alt+2"]')).toBeVisible();
      await client.printers.saveProfile({ name: 'Desk', printer: CUPS_PDF_PRINTER, role: 'labels' });
      // A label of its own before joining: Settings → Workgroup shows it copied up, in the language.
      expect((await client.labels.create({ draft: labelDraft('OWN-1') })).ok).toBe(true);
      await page.locator('nav button[aria-keyshortcuts="Alt+7"]').click();
      await page.getByRole('tab', { name: catalogue(lang.language, 'workgroup').tab as unknown as string }).click();
      const joined = await client.workgroup.save({
        settings: { ...connectionOf(db), stationName: '梱包台 1' },
        password: decodeURIComponent(new URL(db.url).password),
      });
      expect(joined.ok).toBe(true);
      const moveIn = page.getByTestId('workgroup-move-in');
      // The catalogue's "done" sentence, up to its first number.
      await expect(moveIn).toContainText(catalogue(lang.language, 'workgroup').moveIn!.done!.split('{{')[0]!);
      await expect(moveIn).toBeVisible();
      await expectTextFits(page, '[data-testid="workgroup-move-in"]');
      await screenshot(harness, `workgroup-move-in-${lang.language}`);
      expect((await client.batch.import({ fileName: 'today.csv', base64: Buffer.from(ORDERS).toString('base64') })).ok).toBe(true);

      const other = createTestStation({ systemLocale: lang.systemLocale });
      cleanup.push(() => other.close());
      expect((await other.client.env.switch({ environment: 'demo' })).ok).toBe(true);
      expect((await other.client.printers.saveProfile({ name: 'Desk 2', printer: CUPS_PDF_PRINTER, role: 'labels' })).ok).toBe(true);
      await joinWorkgroup(other, db, '梱包台 2');
      const scanned = await other.client.scan.submit({ input: 'WG-HELD' });
      expect(scanned.ok && scanned.value.result.status).toBe('needs_weight');

      await page.locator('nav button[aria-keyshortcuts="Alt+5"]').click();
      await expect(page.getByTestId('station-orders')).toContainText('today.csv');
      await expect(page.locator('input:focus')).toHaveCount(1);
      await scan(page, 'WG-HELD');
      const card = page.getByTestId('scan-held');
      await expect(card).toContainText('梱包台 2');
      await expect(card).toContainText(held.station!);
      await expect(card).not.toContainText('Release claim');
      await expectTextFits(page, '[data-testid="scan-held"]');
      await screenshot(harness, `workgroup-held-${lang.language}`);
      await card.getByRole('button', { name: held.release! }).click();
      await expect(card).toContainText(held.released!.replace('{{order}}', 'WG-HELD'));
      await screenshot(harness, `workgroup-held-released-${lang.language}`);
    });
  });
}
