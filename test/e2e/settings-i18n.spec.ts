import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures';

/**
 * Settings in Japanese and Traditional Chinese (issue 17): the language picked in Settings →
 * Label defaults changes every screen at once, without a restart; each tab in both languages,
 * with something in every list, saved to .test-output/screenshots (settings-<language>-<tab>.png).
 */

const ACCOUNT = '3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f';

/** The words each language's screens show, as the catalogues write them (shared/i18n/locales/<language>/settings.json). */
const words = {
  ja: {
    name: '日本語',
    title: '設定',
    language: '表示言語',
    demo: 'デモモード',
    tabs: ['接続環境', 'ラベルの既定値', '差出人住所', '梱包サイズ', 'SKU 別商品', 'プリンター'],
    /** Each tab's "add" button, whose form is open in the screenshot. */
    adds: [null, null, '差出人住所を追加', '梱包サイズを追加', '商品を追加', 'プリンターの設定を追加'],
    addAccount: 'アカウントを追加',
    accountId: '荷主アカウント ID',
    accountName: 'アカウント名',
    badId: '荷主アカウント ID は 3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f のような UUID です。',
  },
  'zh-Hant': {
    name: '繁體中文',
    title: '設定',
    language: '介面語言',
    demo: '示範模式',
    tabs: ['連線環境', '標籤預設值', '寄件人地址', '包裝規格', '依 SKU 管理商品', '印表機'],
    adds: [null, null, '新增寄件人地址', '新增包裝規格', '新增商品', '新增印表機設定檔'],
    addAccount: '新增帳戶',
    accountId: '出貨帳戶 ID',
    accountName: '帳戶名稱',
    badId: '出貨帳戶 ID 是 UUID，例如 3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f。',
  },
} as const;

const TAB_FILES = ['environments', 'defaults', 'senders', 'presets', 'catalogue', 'printers'];

async function openSettings(page: Page) {
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Label defaults' }).click();
}

test('the language changes at once on the Settings screen and in the header, and back', async ({ harness }) => {
  const { page } = harness;
  await openSettings(page);
  await expect(page.getByTestId('environment-badge')).toHaveText('Demo');

  await page.getByRole('combobox', { name: 'Language' }).selectOption('ja');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('設定');
  await expect(page.getByRole('tab', { name: 'ラベルの既定値' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: '表示言語' })).toBeVisible();
  await expect(page.getByLabel('既定の配送業者')).toBeVisible();
  await expect(page.getByTestId('environment-badge')).toHaveText('デモモード');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  // No reload: the same page, the same station.
  expect((await harness.station.client.settings.get()).ok).toBe(true);

  await page.getByRole('combobox', { name: '表示言語' }).selectOption('en');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.getByRole('tab', { name: 'Label defaults' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('environment-badge')).toHaveText('Demo');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});

for (const language of ['ja', 'zh-Hant'] as const) {
  const w = words[language];
  test(`every Settings tab in ${w.name}`, async ({ harness }) => {
    const { page } = harness;
    const { client } = harness.station;
    // Something in every list, so the screenshots show rows as well as empty states.
    await client.senders.save({
      name: '東京倉庫',
      party: {
        contact: { firstName: '愛子', lastName: '佐藤', phone: '+81-3-1234-5678' },
        address: { streetLines: ['丸の内1-2-3'], city: '千代田区', state: '東京都', postalCode: '100-0005', countryCode: 'JP' },
      },
      defaultCurrency: 'JPY',
    });
    await client.presets.save({ name: '小箱', weight: 0.5, dimension: { length: 20, width: 15, height: 10 } });
    await client.skuCatalogue.save({
      entry: {
        sku: 'TS-01',
        descriptionEn: 'Cotton T-shirt',
        descriptionLocal: '綿Tシャツ',
        unitWeight: 0.2,
        declaredValue: 1500,
        currency: 'JPY',
      },
    });
    await client.accounts.add({ environment: 'development', id: ACCOUNT, name: '本社倉庫' });
    await openSettings(page);
    await page.getByRole('combobox', { name: 'Language' }).selectOption(language);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(w.title);

    for (const [i, tab] of w.tabs.entries()) {
      await page.getByRole('tab', { name: tab }).click();
      await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
      if (i === 0) {
        // A field message from main's schema, in the language: a shipper account ID that is not a UUID.
        const add = page
          .getByRole('form')
          .filter({ has: page.getByRole('button', { name: w.addAccount }) })
          .first();
        await add.getByLabel(w.accountName).fill('予備');
        await add.getByLabel(w.accountId).fill('12345');
        await add.getByRole('button', { name: w.addAccount }).click();
        await expect(add.getByText(w.badId)).toBeVisible();
      }
      const addButton = w.adds[i];
      if (addButton) {
        await page.getByRole('button', { name: addButton }).click();
        await expect(page.getByRole('form')).toBeVisible();
      }
      // Nothing the catalogue lacks shows as its key.
      await expect(page.locator('main')).not.toContainText(/\b(screen|defaults|environments|catalogue|printers|presets|senders)\.[a-z]+/i);
      await screenshot(harness, `settings-${language}-${TAB_FILES[i]}`);
    }
  });
}
