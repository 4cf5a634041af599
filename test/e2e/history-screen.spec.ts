import type { Page } from '@playwright/test';
import type { Language } from '../../shared/i18n/index';
import { labelDraft } from '../fixtures/label-drafts';
import type { Harness } from '../harness/harness';
import { expect, screenshot, test } from './fixtures';

/**
 * The History screen against the real core: label state and tracking state in their own
 * columns (tracking by its name), the tracking-state filter as main receives it, the active
 * filters as chips, picking a page; and the screen in English, Japanese and Traditional Chinese
 * with screenshots (text must fit). "Select all matching" and Export CSV need main's
 * labels:historyIds / labels:exportHistory (another branch): test/renderer/history-screen.test.tsx.
 */

const TRACKING_NAMES = /^(Not tracked yet|Pending|Info received|In transit|Delivered|Exception|Cancelled|Unknown)$/;

async function seed(harness: Harness, orders: { order: string; firstName?: string }[]) {
  const { client } = harness.station;
  for (const { order, firstName } of orders) {
    const created = await client.labels.create({ draft: labelDraft(order, { firstName }) });
    if (!created.ok || created.value.kind !== 'created') throw new Error(`no label for ${order}`);
  }
  // One label failed at the courier (its postal code): label state "Failed", no tracking.
  await client.labels.create({ draft: labelDraft('HIST-FAIL', { postalCode: '00000' }) });
  const refreshed = await client.tracking.refreshInTransit();
  if (!refreshed.ok) throw new Error(refreshed.error.message);
}

const rowOf = (page: Page, order: string) => page.getByRole('row').filter({ hasText: order });
const lastHistoryCall = (harness: Harness) => harness.ipcLog.filter((r) => r.channel === 'labels:history').at(-1)!;

test.beforeEach(async ({ harness }) => {
  await harness.page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await expect(harness.page.getByRole('heading', { name: 'New label' })).toBeVisible();
});

test('label state and tracking state in separate columns, the tracking filter by name, its chip, picking the page', async ({ harness }) => {
  const { page } = harness;
  await seed(harness, [{ order: 'HIST-1' }, { order: 'HIST-2' }, { order: 'HIST-3' }]);
  // Made after the refresh: no tracking fetched yet.
  await harness.station.client.labels.create({ draft: labelDraft('HIST-NEW') });
  await page.getByRole('button', { name: 'History' }).click();
  await expect(rowOf(page, 'HIST-NEW').getByTestId('tracking-state')).toHaveText('Not tracked yet');
  await expect(rowOf(page, 'HIST-1')).toHaveCount(1);

  for (const order of ['HIST-1', 'HIST-2', 'HIST-3']) {
    await expect(rowOf(page, order).getByTestId('label-state')).toHaveText('Created');
    await expect(rowOf(page, order).getByTestId('tracking-state')).toHaveText(TRACKING_NAMES);
  }
  // A raw courier code (such as "InfoReceived_001") is never shown.
  await expect(page.getByRole('table')).not.toContainText(/[A-Za-z]+_\d{3}/);
  const failed = rowOf(page, 'HIST-FAIL');
  if ((await failed.count()) > 0) {
    await expect(failed.getByTestId('label-state')).toContainText('Failed');
    await expect(failed.getByTestId('tracking-state')).toHaveText('—');
  }
  await screenshot(harness, 'history-columns-en');

  // The tracking-state filter: checkboxes by name, reached and ticked from the keyboard.
  const group = page.getByRole('group', { name: 'Tracking state' });
  await group.getByRole('checkbox', { name: 'In transit' }).focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(group.getByRole('checkbox', { name: 'Delivered' })).toBeFocused();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const chips = page.getByRole('region', { name: 'Active filters' });
  await expect(chips).toContainText('Tracking: In transit, Delivered');
  // The real core took the query as the contract defines it.
  await expect.poll(() => (lastHistoryCall(harness).input as { tracking?: string[] }).tracking).toEqual(['InTransit', 'Delivered']);
  expect(lastHistoryCall(harness).output.ok).toBe(true);
  await screenshot(harness, 'history-tracking-filter-en');

  await chips.getByRole('button', { name: 'Remove filter: Tracking: In transit, Delivered' }).click();
  await expect(chips).toHaveCount(0);
  await expect(group.getByRole('checkbox', { name: 'In transit' })).not.toBeChecked();
  await expect.poll(() => (lastHistoryCall(harness).input as { tracking?: string[] }).tracking).toBeUndefined();

  // A search shows its chip too; the chip removes it and every label is back.
  await page.getByLabel('Search', { exact: true }).fill('HIST-2');
  await page.getByLabel('Search', { exact: true }).press('Enter');
  await expect(page.getByRole('row').filter({ hasText: 'HIST-' })).toHaveCount(1);
  await expect(chips).toContainText('Search: “HIST-2”');
  await chips.getByRole('button', { name: 'Remove filter: Search: “HIST-2”' }).click();
  await expect(rowOf(page, 'HIST-1')).toHaveCount(1);
  await expect(page.getByLabel('Search', { exact: true })).toHaveValue('');

  // Picking the page: every created label, in list order; the whole list is on the page, so nothing more is offered.
  await page.getByRole('checkbox', { name: 'Select every label on this page' }).check();
  const bar = page.getByRole('region', { name: 'Selected labels' });
  await expect(bar).toContainText('4 selected, printed in the order picked.');
  await expect(bar.getByRole('button', { name: /Select all .* matching/ })).toHaveCount(0);
  await expect(bar.getByRole('button', { name: /^Print all 4 as one job/ })).toBeVisible();
  await page.getByRole('checkbox', { name: 'Select every label on this page' }).uncheck();
  await expect(bar).toHaveCount(0);
});

const LANGUAGES: { language: Language; title: string; labelState: string; tracking: string; exportButton: string; created: string }[] = [
  { language: 'ja', title: '履歴', labelState: 'ラベル', tracking: '追跡状況', exportButton: 'CSV に書き出し', created: '作成済み' },
  { language: 'zh-Hant', title: '歷史紀錄', labelState: '標籤', tracking: '追蹤狀態', exportButton: '匯出 CSV', created: '已建立' },
];

for (const l of LANGUAGES) {
  test(`History in ${l.language}: every word translated, and it fits`, async ({ harness }) => {
    const { page } = harness;
    await seed(harness, [{ order: 'HIST-CJK-1', firstName: '花子' }, { order: 'HIST-CJK-2' }]);
    const set = await harness.station.client.settings.setPreferences({ language: l.language });
    if (!set.ok) throw new Error(set.error.message);
    await expect(page.locator('html')).toHaveAttribute('lang', l.language);
    // The header's words belong to the shell (translated on another branch): its History button by either name.
    await page
      .getByRole('navigation')
      .getByRole('button', { name: new RegExp(`^(History|${l.title})$`) })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: l.title, exact: true })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: l.labelState, exact: true })).toBeVisible();
    await expect(page.getByRole('group', { name: l.tracking })).toBeVisible();
    await expect(page.getByRole('button', { name: l.exportButton })).toBeVisible();
    await expect(rowOf(page, 'HIST-CJK-1').getByTestId('label-state')).toHaveText(l.created);
    // No English left in what this screen says (the tracking names come from the tracking catalogue).
    await expect(rowOf(page, 'HIST-CJK-1').getByTestId('tracking-state')).not.toHaveText(TRACKING_NAMES);
    await page.getByRole('group', { name: l.tracking }).getByRole('checkbox').nth(2).check();
    await page.getByLabel(l.language === 'ja' ? '検索' : '搜尋', { exact: true }).fill('HIST');
    await page.getByRole('button', { name: l.language === 'ja' ? '検索' : '搜尋', exact: true }).click();
    await expect(page.getByRole('region', { name: l.language === 'ja' ? '適用中の絞り込み' : '目前的篩選條件' })).toBeVisible();
    await screenshot(harness, `history-${l.language}`);
    // CJK words are wider than the English ones: every field label, chip and button of the screen
    // stays on one line (no word broken in two), and each select shows its whole choice.
    const misfits = await page.evaluate(() => {
      // A text broken over lines: one of its text nodes has boxes at more than one height.
      const broken = (el: Element) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(node);
          const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
          if (tops.size > 1) return true;
        }
        return false;
      };
      const wrapped = [
        ...document.querySelectorAll(
          '.history-filter-grid label, .tracking-filter label, .tracking-filter legend, .filter-chip, .history-head button, .filters .actions button',
        ),
      ]
        .filter(broken)
        .map((el) => `wrapped: ${el.textContent}`);
      const ctx = document.createElement('canvas').getContext('2d')!;
      const clipped = [...document.querySelectorAll<HTMLSelectElement>('.history-filter-grid select')]
        .filter((select) => {
          const style = getComputedStyle(select);
          ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
          // The arrow and the padding take about 28 px.
          return ctx.measureText(select.selectedOptions[0]?.text ?? '').width > select.clientWidth - 28;
        })
        .map((select) => `clipped: ${select.selectedOptions[0]?.text}`);
      return [...wrapped, ...clipped];
    });
    expect(misfits).toEqual([]);
  });
}
