import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createSqliteLabelStore, type NewLabel } from '../../electron/core/labels/label-store';
import { CUPS_PDF_PRINTER, startCups } from './cups-output';
import { join } from 'node:path';
import { expect, screenshot, screenshotDir, test } from './fixtures';
import { expectTextFits } from './text-fits';

// History's "Select all matching" against the real core with more labels than one print job
// takes (issue 19 item 2): main returns the newest 500 and the count; the bar says the first
// 500 of 620 are selected and prints them as one job. In every UI language, its text fitting.
// Screenshots: history-select-all-<lang>.png and the bar alone, history-select-all-bar-<lang>.png.
const catalogue = (language: string) =>
  JSON.parse(readFileSync(new URL(`../../shared/i18n/locales/${language}/history.json`, import.meta.url), 'utf8')) as {
    table: { pickPage: string };
  };
const label = (i: number, createdAt: number): NewLabel => ({
  id: randomUUID(),
  environment: 'demo',
  accountId: null,
  idempotencyKey: `SEL-${i}`,
  status: 'created',
  courier: 'yunexpress',
  productCode: 'S1002',
  customerOrderNumber: `SEL-${i}`,
  platformOrderNumber: null,
  courierOrderNumber: null,
  trackingNumber: `YT${String(i).padStart(12, '0')}`,
  recipientName: 'Ada Lovelace',
  recipientCountry: 'GB',
  recipientCity: 'London',
  errorCode: null,
  errorMessage: null,
  createdAt,
  documentUrl: null,
  documentFormat: null,
  trackingTag: null,
  trackingMessage: null,
  trackingUpdatedAt: null,
});
const LANGUAGES = [
  { language: 'en', systemLocale: 'en-US', count: '620', first: '500' },
  { language: 'ja', systemLocale: 'ja-JP', count: '620', first: '500' },
  { language: 'zh-Hans', systemLocale: 'zh-CN', count: '620', first: '500' },
  { language: 'zh-Hant', systemLocale: 'zh-TW', count: '620', first: '500' },
] as const;

test.beforeAll(() => {
  startCups();
});

for (const lang of LANGUAGES) {
  test.describe(`in ${lang.language}`, () => {
    test.use({ harnessOptions: { systemLocale: lang.systemLocale } });

    test('select all matching with more than one print job: the first 500 of 620, one job', async ({ harness }) => {
      const { page } = harness;
      await page.locator('section[aria-labelledby="demo-heading"] button.primary').click();
      await expect(page.locator('nav button[aria-keyshortcuts="Alt+4"]')).toBeVisible();
      await harness.station.client.printers.saveProfile({ name: 'Desk', printer: CUPS_PDF_PRINTER, role: 'labels' });
      // 620 Demo labels of the last hour, straight into the station's history.
      const store = createSqliteLabelStore(harness.station.services.database);
      const now = Date.now();
      for (let i = 0; i < 620; i++) store.save(label(i, now - 3_600_000 + i * 1_000));
      await page.locator('nav button[aria-keyshortcuts="Alt+4"]').click();
      await page.getByRole('checkbox', { name: catalogue(lang.language).table.pickPage }).check();
      const bar = page.locator('.selection-bar');
      const offer = bar.locator('.link-button', { hasText: lang.count });
      await expect(offer).toContainText(lang.count);
      await expect(offer).toContainText(lang.first);
      await offer.click();
      await expect(bar).toContainText(lang.count);
      await expect(offer).toHaveCount(0);
      // One print job of the first 500 is offered.
      await expect(bar.getByRole('button', { name: new RegExp(lang.first) })).toHaveCount(1);
      await expectTextFits(page, '.selection-bar');
      await screenshot(harness, `history-select-all-${lang.language}`);
      // The bar alone (the page is long: 50 rows).
      await bar.screenshot({ path: join(screenshotDir, `history-select-all-bar-${lang.language}.png`) });
      expect(harness.ipcLog.filter((r) => r.channel === 'labels:historyIds').at(-1)?.output).toMatchObject({
        ok: true,
        value: { total: 620, capped: true, moreThanTotal: false },
      });
    });
  });
}
