import type { Page } from '@playwright/test';
import { closedPort } from '../support/closed-port';
import { passwordOf, pgFromEnv, workgroupOf } from '../support/workgroup-pg';
import { expect, screenshot, test } from './fixtures';

/**
 * Settings → Workgroup against the real PostgreSQL `npm test` starts (FFS_PG_*), and the
 * "workgroup database unreachable" banner (issue 18 items 2 and 7). Screenshots:
 * workgroup-tab-<language>.png and workgroup-banner.png in .test-output/screenshots.
 */
const pg = pgFromEnv();
const connection = workgroupOf(pg);

async function openWorkgroupTab(page: Page, words: { settings: string; tab: string; demo: string }) {
  await page.getByRole('button', { name: words.demo }).click();
  await page.getByRole('button', { name: words.settings }).click();
  await page.getByRole('tab', { name: words.tab }).click();
}

test.describe('in English', () => {
  // Main's file dialog answers the server's CA certificate.
  test.use({
    harnessOptions: { chooseOpenPath: async () => pg.ca, workgroupHealth: { everyMs: 500, firstBackoffMs: 200, maxBackoffMs: 500 } },
  });

  test('fill in the workgroup, test the connection (TLS checked against the chosen CA), save, see it connected; the password stays in main', async ({
    harness,
  }) => {
    const { page } = harness;
    await openWorkgroupTab(page, { demo: 'Start in Demo mode', settings: 'Settings', tab: 'Workgroup' });
    await expect(page.getByTestId('workgroup-status')).toHaveText('This station works on its own.');
    await page.getByLabel(/^Server/).fill(connection.host);
    await page.getByLabel(/^Port/).fill(String(connection.port));
    await page.getByLabel(/^Database/).fill(connection.database);
    await page.getByLabel(/^User/).fill(connection.user);
    await page.getByLabel(/^Password/).fill(passwordOf(pg));
    await page.getByLabel(/^Station name/).fill('Bench 2');
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await expect(page.getByTestId('workgroup-ca-file')).toHaveText(pg.ca);
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(
      page.getByText(/Connected to PostgreSQL 1\d\.\d+.*The connection is encrypted and the server's certificate is trusted\./),
    ).toBeVisible();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Workgroup settings saved.')).toBeVisible();
    await expect(page.getByTestId('workgroup-status')).toHaveText(/^Connected to the workgroup database since /);
    await expect(page.getByText('A password is saved in the system keychain. Type a new one only to replace it.')).toBeVisible();
    await expect(page.getByLabel(/^Password/)).toHaveValue('');
    await screenshot(harness, 'workgroup-tab-en');

    // Nothing main answered carried the password.
    const answers = JSON.stringify(harness.ipcLog.map((r) => r.output));
    expect(answers).not.toContain(passwordOf(pg));
    expect(harness.ipcLog.filter((r) => r.channel === 'workgroup:save')).toHaveLength(1);
  });

  test('the banner shows while the workgroup database cannot be reached, and goes when it can', async ({ harness }) => {
    const { page } = harness;
    await openWorkgroupTab(page, { demo: 'Start in Demo mode', settings: 'Settings', tab: 'Workgroup' });
    const stationName = 'Bench 4';
    const port = await closedPort();
    await harness.station.client.workgroup.save({ settings: { ...connection, port, stationName }, password: passwordOf(pg) });
    const banner = page.getByTestId('workgroup-banner');
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('Workgroup database unreachable');
    await expect(banner).toContainText('Labels cannot be bought until it is back; cached reprints still work.');
    await expect(banner).toContainText(`refused the connection on port ${port}`);
    // Every screen shows it: New label too.
    await page.getByRole('button', { name: 'New label' }).click();
    await expect(banner).toBeVisible();
    await screenshot(harness, 'workgroup-banner');

    await harness.station.client.workgroup.save({ settings: { ...connection, stationName } });
    await expect(banner).toHaveCount(0);
  });
});

for (const [locale, words] of [
  [
    'ja-JP',
    {
      demo: 'デモモードで始める',
      settings: '設定',
      tab: 'ワークグループ',
      test: '接続テスト',
      choose: 'ファイルを選択…',
      wrong: 'パスワードを受け付けませんでした',
      connected: 'に接続しました',
      language: 'ja',
    },
  ],
  [
    'zh-CN',
    {
      demo: '以演示模式开始',
      settings: '设置',
      tab: '工作组',
      test: '测试连接',
      choose: '选择文件…',
      wrong: '不接受用户“ffs”的密码',
      connected: '已连接到 PostgreSQL',
      language: 'zh-Hans',
    },
  ],
  [
    'zh-TW',
    {
      demo: '以示範模式開始',
      settings: '設定',
      tab: '工作群組',
      test: '測試連線',
      choose: '選擇檔案…',
      wrong: '不接受使用者「ffs」的密碼',
      connected: '已連線到 PostgreSQL',
      language: 'zh-Hant',
    },
  ],
] as const) {
  test.describe(`in ${words.language}`, () => {
    test.use({ harnessOptions: { systemLocale: locale, chooseOpenPath: async () => pg.ca } });
    test(`the Workgroup tab and a test's answer fit in ${words.language}`, async ({ harness }) => {
      const { page } = harness;
      await openWorkgroupTab(page, { demo: words.demo, settings: words.settings, tab: words.tab });
      await page.locator('input').nth(0).fill(connection.host);
      await page.locator('input').nth(1).fill(String(connection.port));
      await page.locator('input').nth(2).fill(connection.database);
      await page.locator('input').nth(3).fill(connection.user);
      await page.locator('input').nth(4).fill('not-the-password');
      await page.locator('input').nth(5).fill('2');
      await page.getByRole('button', { name: words.choose }).click();
      await expect(page.getByTestId('workgroup-ca-file')).toHaveText(pg.ca);
      await page.getByRole('button', { name: words.test }).click();
      await expect(page.getByRole('alert').first()).toContainText(words.wrong);
      await page.locator('input').nth(4).fill(passwordOf(pg));
      await page.getByRole('button', { name: words.test }).click();
      await expect(page.getByText(words.connected)).toBeVisible();
      await screenshot(harness, `workgroup-tab-${words.language}`);
    });
  });
}
