import { expect, screenshot, test } from './fixtures';

// The first-start screen speaks the operating system's language, and the operator can change it
// there, at once, before anything else (issue 17 item 2).

test.describe('on a Japanese computer', () => {
  test.use({ harnessOptions: { systemLocale: 'ja-JP' }, locale: 'ja-JP' });

  test('the first-start screen is in Japanese; its language picker switches to Traditional Chinese and back without a restart', async ({
    harness,
  }) => {
    const { page } = harness;
    await expect(page.getByRole('heading', { name: 'Flex Forward Station へようこそ' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'デモモードで始める' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await screenshot(harness, 'i18n-onboarding-ja');

    await page.getByLabel('表示言語').selectOption('zh-Hant');
    await expect(page.getByRole('heading', { name: '歡迎使用 Flex Forward Station' })).toBeVisible();
    await expect(page.getByRole('button', { name: '以示範模式開始' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
    await screenshot(harness, 'i18n-onboarding-zh-Hant');
    // The choice is main's: app:info says it was picked, so it no longer follows the OS.
    expect(await harness.station.dispatch('app:info', undefined)).toMatchObject({
      ok: true,
      value: { language: 'zh-Hant', languageChosen: true },
    });

    await page.getByLabel('介面語言').selectOption('ja');
    await expect(page.getByRole('heading', { name: 'Flex Forward Station へようこそ' })).toBeVisible();
  });

  test('Status names the language and shows times in Japanese format', async ({ harness }) => {
    const { page } = harness;
    await page.getByRole('button', { name: 'デモモードで始める' }).click();
    await page.keyboard.press('Alt+6');
    await expect(page.getByRole('heading', { name: 'ステーションの状態' })).toBeVisible();
    await expect(page.getByTestId('token-status')).toHaveText('内蔵のデモ用トークン');
    await expect(page.getByTestId('language')).toHaveText('日本語');
    // ja-JP writes dates as 2026/12/02 (year first).
    await expect(page.getByTestId('clock')).toHaveText(/（現在 \d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2}）/);
    await screenshot(harness, 'i18n-status-ja');
  });
});

test.describe('on a Simplified Chinese computer', () => {
  test.use({ harnessOptions: { systemLocale: 'zh-CN' }, locale: 'zh-CN' });

  test('the first-start screen is in Simplified Chinese', async ({ harness }) => {
    const { page } = harness;
    await expect(page.getByRole('heading', { name: '欢迎使用 Flex Forward Station' })).toBeVisible();
    await expect(page.getByRole('button', { name: '以演示模式开始' })).toBeVisible();
    await screenshot(harness, 'i18n-onboarding-zh-Hans');
  });
});
