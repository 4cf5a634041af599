import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { stationCsv } from '../fixtures/station-orders';
import { expect, screenshot, test } from './fixtures';
import { expectTextFits } from './text-fits';

// Batch and Station mode on a Japanese and a Taiwanese computer (issue 17): the words come from
// the catalogues, main's answers follow the language, and the text fits. Controls are found by
// ids, roles and keys rather than by words, so the test reads the same in every language.
const fixture = (name: string) => readFileSync(new URL(`../fixtures/platform-exports/${name}`, import.meta.url));

const LANGUAGES = [
  {
    language: 'ja',
    systemLocale: 'ja-JP',
    batchTitle: 'CSV からラベルを一括作成',
    recognised: '認識しました: 楽天 RMS 受注データ。',
    summary: /^rakuten\.csv: \d+ 行、注文 \d+ 件、文字コード shift_jis。$/,
    counts: /^準備完了 \d+ 件、問題あり \d+ 件、除外 \d+ 件。$/,
    postalCode: '郵便番号',
    stationTitle: 'ステーションモード',
    ordersLoaded: '注文 3 件を読み込み済み（today.csv）',
    unknown: '不明な注文 NOPE-404',
    weigh: '注文 ST-NOWEIGHT の重量を量ってください',
  },
  {
    language: 'zh-Hant',
    systemLocale: 'zh-TW',
    batchTitle: '從 CSV 批次建立標籤',
    recognised: '已辨識：樂天 RMS 訂單下載。',
    summary: /^rakuten\.csv：\d+ 列，\d+ 筆訂單，以 shift_jis 讀取。$/,
    counts: /^已就緒 \d+ 筆，有問題 \d+ 筆，已排除 \d+ 筆。$/,
    postalCode: '郵遞區號',
    stationTitle: '工作站模式',
    ordersLoaded: '已載入 3 筆訂單（today.csv）',
    unknown: '找不到訂單 NOPE-404',
    weigh: '請為訂單 ST-NOWEIGHT 秤重',
  },
] as const;

/** Past the first-start screen into Demo mode (its button found by its place, not its words). */
async function startDemo(page: Page) {
  await page.locator('section[aria-labelledby="demo-heading"] button.primary').click();
  await expect(page.locator('nav button[aria-keyshortcuts="Alt+2"]')).toBeVisible();
}

/** Types like a barcode scanner: fast keystrokes into whatever has the focus, then Enter. */
async function scan(page: Page, code: string) {
  await page.keyboard.type(code, { delay: 4 });
  await page.keyboard.press('Enter');
}

for (const lang of LANGUAGES) {
  test.describe(`in ${lang.language}`, () => {
    test.use({ harnessOptions: { systemLocale: lang.systemLocale } });

    test('Batch with a Japanese Rakuten download: recognised, counted and explained in the language, and the text fits', async ({
      harness,
    }) => {
      const { page } = harness;
      await startDemo(page);
      await page.keyboard.press('Alt+3');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang.batchTitle);

      await page
        .locator('#batch-file-input')
        .setInputFiles({ name: 'rakuten.csv', mimeType: 'text/csv', buffer: fixture('rakuten-rms-orders.csv') });
      await expect(page.getByTestId('recognised-profile')).toContainText(lang.recognised, { timeout: 30_000 });
      await expect(page.getByTestId('import-summary')).toHaveText(lang.summary);
      await expect(page.getByTestId('batch-counts')).toHaveText(lang.counts);
      // The importer still matched the file's own Japanese headers: its postal code is two columns joined.
      const postal = page.locator('section[aria-labelledby="batch-mapping"]').getByLabel(lang.postalCode, { exact: true });
      await expect(postal.locator('option:checked')).toContainText('送付先郵便番号1 + 送付先郵便番号2');
      await screenshot(harness, `batch-i18n-${lang.language}`);
      await expectTextFits(page);
    });

    test('Station mode: loading orders, "not found" and the weight question in the language, and the text fits', async ({ harness }) => {
      const { page } = harness;
      await startDemo(page);
      await page.keyboard.press('Alt+5');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang.stationTitle);

      // Load orders: the import step in a dialog, in the language too.
      await page.locator('.station-top-actions button').first().click();
      const dialog = page.getByRole('dialog');
      await dialog.locator('#batch-file-input').setInputFiles({
        name: 'today.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          stationCsv([{ orderNumber: 'ST-1001' }, { orderNumber: 'ST-NOWEIGHT', weight: '' }, { orderNumber: 'ST-1002' }]),
        ),
      });
      await expect(dialog.getByTestId('batch-counts')).toHaveText(lang.counts, { timeout: 30_000 });
      await screenshot(harness, `station-i18n-${lang.language}-load-orders`);
      await expectTextFits(page, '[role="dialog"]');
      await dialog.locator('.new-label-head button.primary').click();
      await expect(page.getByTestId('station-orders')).toHaveText(lang.ordersLoaded);
      await screenshot(harness, `station-i18n-${lang.language}-ready`);
      await expectTextFits(page);

      const result = page.getByTestId('scan-result');
      await scan(page, 'NOPE-404');
      await expect(result.locator('.scan-title')).toHaveText(lang.unknown);
      await screenshot(harness, `station-i18n-${lang.language}-unknown`);
      await expectTextFits(page);

      await scan(page, 'ST-NOWEIGHT');
      await expect(result.locator('.scan-title')).toHaveText(lang.weigh);
      await expect(page.locator('#station-weight')).toBeFocused();
      await screenshot(harness, `station-i18n-${lang.language}-weight`);
      await expectTextFits(page);
    });
  });
}
