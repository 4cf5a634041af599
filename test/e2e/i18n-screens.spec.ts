import type { Page } from '@playwright/test';
import type { Language } from '../../shared/i18n/index';
import ja from '../../shared/i18n/locales/ja/index';
import zhHans from '../../shared/i18n/locales/zh-Hans/index';
import zhHant from '../../shared/i18n/locales/zh-Hant/index';
import { labelDraft } from '../fixtures/label-drafts';
import { stationCsv } from '../fixtures/station-orders';
import type { Harness } from '../harness/harness';
import { expect, screenshot, test } from './fixtures';
import { expectTextFits } from './text-fits';

/**
 * The screens on a Simplified Chinese computer (issue 17): onboarding, New label, Batch, History
 * (label and tracking state, a filter chip, the tracking panel) and Station mode; and History with
 * its tracking panel in Japanese and Traditional Chinese too. The words are the catalogues' own
 * (what the operator reads), no English sentence is left on the screen, and the text fits.
 */
const CATALOGUES = { ja, 'zh-Hans': zhHans, 'zh-Hant': zhHant } as const;
const fill = (text: string, values: Record<string, string | number> = {}) =>
  text.replace(/\{\{(\w+)\}\}/g, (_all, name: string) => String(values[name] ?? ''));

/** A run of three English words: a sentence left untranslated (names the station keeps in every language taken out first). */
async function expectNoEnglishSentence(page: Page, scope = 'main') {
  const text = (await page.locator(scope).innerText())
    // The API's own words: the simulator's shipper accounts, the courier's refusal, a checkpoint's status text.
    .replace(/Demo Shipper [A-Z][a-z]+(?: [A-Z][a-z]+)*|YunExpress API returned HTTP \d+: [A-Za-z ]+|No information yet/g, ' ')
    // The seeded recipients' addresses and items are the shipment's own words.
    .replace(/Maria Garcia|Dana Reyes|742 Evergreen Terrace|350 Fifth Avenue|Los Angeles|New York|Cotton T-shirt|Notebook/g, ' ')
    .replace(/Flex Forward( Station)?|YunExpress|Demo|CSV UTF-8|[\w.-]+@[\w.-]+/g, ' ');
  expect(text.match(/[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}/g) ?? []).toEqual([]);
}

/** Past the first-start screen into Demo mode (its button found by its place, not its words). */
async function startDemo(page: Page) {
  await page.locator('section[aria-labelledby="demo-heading"] button.primary').click();
  await expect(page.locator('nav button[aria-keyshortcuts="Alt+2"]')).toBeVisible();
}

async function scan(page: Page, code: string) {
  await page.keyboard.type(code, { delay: 4 });
  await page.keyboard.press('Enter');
}

/** Labels for History: two created and tracked, one the courier refused, one made after the refresh (not tracked yet). */
async function seed(harness: Harness) {
  const { client } = harness.station;
  const tracked: string[] = [];
  for (const order of ['I18N-H-1', 'I18N-H-2']) {
    const created = await client.labels.create({ draft: labelDraft(order) });
    if (!created.ok || created.value.kind !== 'created') throw new Error(`no label for ${order}`);
    tracked.push(created.value.label.trackingNumber!);
  }
  await client.labels.create({ draft: labelDraft('I18N-H-FAIL', { firstName: 'REJECT' }) });
  const refreshed = await client.tracking.refreshInTransit();
  if (!refreshed.ok) throw new Error(refreshed.error.message);
  await client.labels.create({ draft: labelDraft('I18N-H-NEW') });
  return tracked;
}

const rowOf = (page: Page, order: string) => page.getByRole('row').filter({ hasText: order });

test.describe('on a Simplified Chinese computer', () => {
  test.use({ harnessOptions: { systemLocale: 'zh-CN' }, locale: 'zh-CN' });
  const L = zhHans;

  test('onboarding, then New label: its words, field messages of an empty form in Simplified Chinese, and the text fits', async ({
    harness,
  }) => {
    const { page } = harness;
    await expect(page.getByRole('heading', { name: L.onboarding.heading })).toBeVisible();
    await expect(page.getByRole('button', { name: L.onboarding.demo.start })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    await screenshot(harness, 'i18n-screens-zh-Hans-onboarding');
    await expectTextFits(page);
    await expectNoEnglishSentence(page, 'body');

    await startDemo(page);
    await expect(page.getByRole('heading', { level: 1, name: L.labels.screen.title, exact: true })).toBeVisible();
    const create = page.locator('main').getByRole('button', { name: L.labels.form.create });
    await expect(create).toBeVisible();
    await screenshot(harness, 'i18n-screens-zh-Hans-new-label');
    await expectTextFits(page, 'main');

    // Create with nothing typed: the request schema's messages (the API's English) are shown in Simplified Chinese.
    await create.click();
    const to = page.getByRole('group', { name: L.labels.form.recipient });
    await expect(to).toContainText(fill(L.errors.schema.empty, { field: L.errors.schema.field.postalCode }));
    await expect(to).toContainText(fill(L.errors.schema.empty, { field: L.errors.schema.field.city }));
    await screenshot(harness, 'i18n-screens-zh-Hans-new-label-errors');
    await expectNoEnglishSentence(page);
    await expectTextFits(page, 'main');
  });

  test('Batch: an imported file with an issue, explained in Simplified Chinese, and the text fits', async ({ harness }) => {
    const { page } = harness;
    await startDemo(page);
    await page.keyboard.press('Alt+3');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(L.batch.screen.title);
    await page.locator('#batch-file-input').setInputFiles({
      name: 'orders.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(stationCsv([{ orderNumber: 'ZH-1001' }, { orderNumber: 'ZH-BAD', postalCode: '' }, { orderNumber: 'ZH-1002' }])),
    });
    await expect(page.getByTestId('batch-counts')).toHaveText(fill(L.batch.orders.counts, { ready: 2, withIssues: 1, excluded: 0 }), {
      timeout: 30_000,
    });
    // The issue names the row and the file's column, then the station's sentence in the language.
    const issue = fill(L.batch.issues.line, {
      row: 3,
      column: 'Postal code',
      message: fill(L.errors.schema.required, { field: L.errors.schema.field.postalCode }),
    });
    await expect(page.locator('main')).toContainText(issue.slice(0, issue.indexOf(L.errors.schema.field.postalCode) + 4));
    await screenshot(harness, 'i18n-screens-zh-Hans-batch');
    await expectTextFits(page);
  });

  test('Station mode: loading orders and “not found” in Simplified Chinese, and the text fits', async ({ harness }) => {
    const { page } = harness;
    await startDemo(page);
    await page.keyboard.press('Alt+5');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(L.scan.screen.title);
    await page.locator('.station-top-actions button').first().click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('#batch-file-input').setInputFiles({
      name: 'today.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(stationCsv([{ orderNumber: 'ZH-S-1' }, { orderNumber: 'ZH-S-NOWEIGHT', weight: '' }])),
    });
    await expect(dialog.getByTestId('batch-counts')).toHaveText(fill(L.batch.orders.counts, { ready: 1, withIssues: 1, excluded: 0 }), {
      timeout: 30_000,
    });
    await screenshot(harness, 'i18n-screens-zh-Hans-station-load');
    await expectTextFits(page, '[role="dialog"]');
    await dialog.locator('.new-label-head button.primary').click();
    await expect(page.getByTestId('station-orders')).toHaveText(
      fill(L.scan.screen.ordersLoadedFrom_other, { orders: 2, files: 'today.csv' }),
    );

    const result = page.getByTestId('scan-result');
    await scan(page, 'NOPE-404');
    await expect(result.locator('.scan-title')).toHaveText(fill(L.scan.answer.unknownOrder, { order: 'NOPE-404' }));
    await screenshot(harness, 'i18n-screens-zh-Hans-station-unknown');
    await expectTextFits(page);
    await scan(page, 'ZH-S-NOWEIGHT');
    await expect(result.locator('.scan-title')).toHaveText(fill(L.scan.answer.weigh, { order: 'ZH-S-NOWEIGHT' }));
    await screenshot(harness, 'i18n-screens-zh-Hans-station-weight');
    await expectTextFits(page);
    // Station mode fills the window (no <main>).
    await expectNoEnglishSentence(page, 'body');
  });
});

for (const [language, systemLocale] of [
  ['zh-Hans', 'zh-CN'],
  ['ja', 'ja-JP'],
  ['zh-Hant', 'zh-TW'],
] as [Language & keyof typeof CATALOGUES, string][]) {
  test.describe(`History in ${language}`, () => {
    test.use({ harnessOptions: { systemLocale }, locale: systemLocale });
    // A failed label's state carries the courier's reason: a sentence, which may wrap.
    const wraps = { wraps: '[data-testid="label-state"]' };
    const L = CATALOGUES[language];

    test('label and tracking state columns, a tracking filter and its chip, the tracking panel: in the language, and the text fits', async ({
      harness,
    }) => {
      const { page } = harness;
      await startDemo(page);
      const [tracking] = await seed(harness);
      await page.keyboard.press('Alt+4');
      await expect(page.getByRole('heading', { level: 1, name: L.history.title, exact: true })).toBeVisible();

      await expect(rowOf(page, 'I18N-H-1').getByTestId('label-state')).toHaveText(L.history.labelState.created);
      const tags = Object.values(L.tracking.tag);
      await expect(rowOf(page, 'I18N-H-1').getByTestId('tracking-state')).toHaveText(new RegExp(`^(${tags.join('|')})$`));
      await expect(rowOf(page, 'I18N-H-NEW').getByTestId('tracking-state')).toHaveText(L.tracking.tag.untracked);
      await expect(rowOf(page, 'I18N-H-FAIL').getByTestId('label-state')).toContainText(L.history.labelState.failed);
      await screenshot(harness, `i18n-screens-${language}-history`);
      await expectTextFits(page, 'main', wraps);

      // The tracking-state filter by its names, and the chip that says it.
      const group = page.getByRole('group', { name: L.history.filters.tracking });
      await group.getByRole('checkbox', { name: L.tracking.tag.InTransit, exact: true }).check();
      await group.getByRole('checkbox', { name: L.tracking.tag.Pending, exact: true }).check();
      await page.getByRole('button', { name: L.history.filters.submit, exact: true }).click();
      const chips = page.getByRole('region', { name: L.history.active.region });
      await expect(chips).toBeVisible();
      await expect(chips).toContainText(L.tracking.tag.InTransit);
      await screenshot(harness, `i18n-screens-${language}-history-filter`);
      await expectTextFits(page, 'main', wraps);
      await chips.getByRole('button').first().click();
      await expect(chips).toHaveCount(0);

      // The tracking panel of a label: its heading, the tag in the language, the share box.
      await rowOf(page, 'I18N-H-1')
        .getByRole('button', { name: fill(L.labels.actions.trackNamed, { label: tracking! }) })
        .click();
      const panel = page.locator('section.tracking');
      await expect(panel.getByRole('heading', { level: 2 })).toContainText(L.tracking.panel.heading);
      await expect(panel.getByTestId('tracking-tag')).toHaveText(new RegExp(`^(${tags.join('|')})$`));
      await expect(panel.getByRole('group', { name: L.tracking.share.heading })).toBeVisible();
      await screenshot(harness, `i18n-screens-${language}-history-tracking`);
      await expectTextFits(page, 'main', wraps);
      await expectNoEnglishSentence(page);
    });
  });
}
