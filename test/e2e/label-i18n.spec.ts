import type { Page } from '@playwright/test';
import ja from '../../shared/i18n/locales/ja/labels.json' with { type: 'json' };
import zhHant from '../../shared/i18n/locales/zh-Hant/labels.json' with { type: 'json' };
import { expect, screenshot, test } from './fixtures';

/**
 * New label in Japanese and Traditional Chinese (issue 17): the screen's words, a Japanese
 * recipient typed family name first in the Japanese address order, the postal code hint, a
 * weight warning, and the created label naming 山田 太郎. The words come from the catalogues
 * themselves, so the spec reads what the operator reads.
 */
const catalogues = { ja, 'zh-Hant': zhHant } as const;
const fill = (text: string, values: Record<string, string | number> = {}) =>
  text.replace(/\{\{(\w+)\}\}/g, (_all, name: string) => String(values[name] ?? ''));

for (const language of ['ja', 'zh-Hant'] as const) {
  const L = catalogues[language];

  test(`New label in ${language}: a Japanese recipient, family name first, in Japan's address order`, async ({ harness }) => {
    const { page } = harness;
    await page.getByRole('button', { name: 'Start in Demo mode' }).click();
    await expect(page.getByRole('heading', { name: 'New label' })).toBeVisible();
    // Settings → Language, as an operator picks it: every screen follows without a restart.
    expect((await harness.station.client.settings.setPreferences({ language })).ok).toBe(true);
    await expect(page.getByRole('heading', { name: L.screen.title, exact: true })).toBeVisible();
    await expect(page.locator('main').getByRole('button', { name: L.form.create })).toBeVisible();
    await screenshot(harness, `new-label-${language}-empty`);

    const to = page.getByRole('group', { name: L.form.recipient });
    await to.getByLabel(L.party.country, { exact: true }).selectOption('JP');
    // Family name before given name, and Japan's order: postal code, prefecture, city, street, building.
    const labels = await to.locator('label').allTextContents();
    expect(labels).toEqual([
      L.party.familyName,
      L.party.givenName,
      L.party.phone,
      L.party.email,
      L.party.country,
      L.party.postalCode,
      L.party.state.prefecture,
      L.party.city.cityWard,
      L.party.street1.streetBuilding,
      L.party.street2.building,
    ]);
    await to.getByLabel(L.party.familyName, { exact: true }).fill('山田');
    await to.getByRole('combobox', { name: L.party.givenName, exact: true }).fill('太郎');
    await to.getByLabel(L.party.phone, { exact: true }).fill('+81-3-1234-5678');
    // Seven full-width digits: a hint suggests the hyphenated form; one click takes it.
    await to.getByLabel(L.party.postalCode, { exact: true }).fill('１０００００１');
    await expect(to.getByTestId('postal-hint')).toHaveText(new RegExp(fill(L.postal.suggest, { suggestion: '100-0001' }).slice(0, 4)));
    await screenshot(harness, `new-label-${language}-postal-hint`);
    await to.getByRole('button', { name: fill(L.postal.useSuggestion, { suggestion: '100-0001' }) }).click();
    await expect(to.getByLabel(L.party.postalCode, { exact: true })).toHaveValue('100-0001');
    await to.getByLabel(L.party.state.prefecture, { exact: true }).fill('東京都');
    await to.getByLabel(L.party.city.cityWard, { exact: true }).fill('千代田区');
    await to.getByLabel(L.party.street1.streetBuilding, { exact: true }).fill('千代田1-1');
    await to.getByLabel(L.party.street2.building, { exact: true }).fill('皇居ビル3階');

    const item = { item: 1, parcel: 1 };
    await page.getByLabel(fill(L.parcels.item.descriptionEn, item), { exact: true }).fill('Notebook');
    await page.getByLabel(fill(L.parcels.item.descriptionLocal, item), { exact: true }).fill('ノート');
    await page.getByLabel(fill(L.parcels.item.unitPrice, item), { exact: true }).fill('650');
    await page.getByLabel(fill(L.parcels.item.unitWeight, item), { exact: true }).fill('0.3');
    await page.getByLabel(L.service.courier, { exact: true }).selectOption('yunexpress');
    await expect(page.getByLabel(L.service.product, { exact: true }).locator('option')).not.toHaveCount(1);
    await page.getByLabel(L.service.product, { exact: true }).selectOption('YEXP01');

    // 120 kg (meant 1.20): the warning and the confirmation are in the operator's language.
    const weight = page.getByLabel(fill(L.parcels.weight, { unit: 'kg' }), { exact: true });
    await weight.fill('120');
    await expect(page.getByTestId('weight-warning')).toContainText(L.weight.outsideRange.split('{{max}}')[1]!.trim());
    await expect(page.getByRole('group', { name: L.weight.check })).toContainText(L.weight.checkTitle);
    await screenshot(harness, `new-label-${language}-weight`);
    await weight.fill('0.8');
    await expect(page.getByTestId('weight-warning')).toBeHidden();
    await screenshot(harness, `new-label-${language}-filled`);

    await page.locator('main').getByRole('button', { name: L.form.create }).click();
    const outcome = page.getByRole('region', { name: L.outcome.created });
    await expect(outcome).toBeVisible();
    await expect(outcome).toContainText('山田 太郎');
    await expect(outcome.getByText(L.actions.saveAs, { exact: true })).toBeVisible();
    await expect(outcome.getByTestId('pdf-canvas')).toHaveAttribute('aria-busy', 'false');
    await screenshot(harness, `new-label-${language}-created`);
    await expectNothingCutOff(page);
  });
}

/** Buttons and field labels show their whole text: none is wider inside than its box (clipped or overflowing). */
async function expectNothingCutOff(page: Page) {
  const clipped = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('main button, main label, main legend, main h1, main h2, main th, main dt')]
      .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.textContent),
  );
  expect(clipped).toEqual([]);
}
