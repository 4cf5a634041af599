import { describe, expect, it } from 'vitest';
import { MAX_ADDRESS_TEXT_LENGTH, MAX_DUPLICATE_WINDOW_HOURS, MAX_NAME_LENGTH, MAX_STREET_LINES } from '../../shared/domain/settings';
import { MAX_CATALOGUE_TEXT_LENGTH, MAX_SKU_LENGTH } from '../../shared/domain/sku-catalogue';
import { LANGUAGES } from '../../shared/i18n/languages';
import en from '../../shared/i18n/locales/en/index';
import ja from '../../shared/i18n/locales/ja/index';
import zhHans from '../../shared/i18n/locales/zh-Hans/index';
import zhHant from '../../shared/i18n/locales/zh-Hant/index';

/**
 * The schemas' messages are catalogue keys without values (main's dispatch translates them as
 * they are), so the sentences write the schemas' bounds themselves: each language must name the
 * same number the schema checks (shared/domain/settings.ts, shared/domain/sku-catalogue.ts).
 */
const bounds = {
  nameTooLong: MAX_NAME_LENGTH,
  addressTextTooLong: MAX_ADDRESS_TEXT_LENGTH,
  tooManyStreetLines: MAX_STREET_LINES,
  duplicateWindowMax: MAX_DUPLICATE_WINDOW_HOURS,
  skuTooLong: MAX_SKU_LENGTH,
  descriptionEnTooLong: MAX_CATALOGUE_TEXT_LENGTH,
  descriptionLocalTooLong: MAX_CATALOGUE_TEXT_LENGTH,
} as const;

describe('settings validation sentences', () => {
  const catalogues = { en, ja, 'zh-Hans': zhHans, 'zh-Hant': zhHant } as const;
  for (const language of LANGUAGES) {
    it(`${language} names the bounds the schemas check`, () => {
      const validation = (catalogues[language].settings as { validation: Record<string, string> }).validation;
      for (const [key, bound] of Object.entries(bounds)) expect(validation[key], key).toMatch(new RegExp(`(^|\\D)${bound}(\\D|$)`));
    });
  }
});
