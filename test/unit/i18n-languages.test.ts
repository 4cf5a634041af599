import { describe, expect, it } from 'vitest';
import { formatLocale, languageFromLocale, productNamesLocale, resolveLanguage } from '../../shared/i18n/languages';
import { migrations } from '../../electron/core/settings-store';

describe('the station language from the operating system', () => {
  it.each([
    ['ja-JP', 'ja'],
    ['ja', 'ja'],
    ['zh-CN', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh-Hans-HK', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh_MO', 'zh-Hant'],
    ['zh-Hant', 'zh-Hant'],
    ['en-GB', 'en'],
    ['de-DE', 'en'],
    ['', 'en'],
  ] as const)('%s → %s', (locale, language) => {
    expect(languageFromLocale(locale)).toBe(language);
  });

  it('a language picked by the operator wins over the operating system', () => {
    expect(resolveLanguage(null, 'ja-JP')).toBe('ja');
    expect(resolveLanguage('zh-Hant', 'ja-JP')).toBe('zh-Hant');
  });

  it('formats in the computer’s own locale when it speaks the chosen language, else in the language’s usual one', () => {
    expect(formatLocale('en', 'en-GB')).toBe('en-GB');
    expect(formatLocale('en', 'de-DE')).toBe('en-DE');
    expect(formatLocale('ja', 'en-GB')).toBe('ja-JP');
    expect(formatLocale('zh-Hant', 'zh-HK')).toBe('zh-HK');
    expect(formatLocale('zh-Hant', 'zh-CN')).toBe('zh-Hant-TW');
    expect(formatLocale('zh-Hans', 'zh-CN')).toBe('zh-CN');
  });

  it('asks GET /products in the same language', () => {
    expect(['en', 'ja', 'zh-Hans', 'zh-Hant'].map((l) => productNamesLocale(l as 'en'))).toEqual(['en', 'ja', 'zh', 'zh']);
  });

  it('keeps a Japanese or Chinese product-names choice of an older settings file as the station language', () => {
    const up = migrations.find((m) => m.to === 3)!.up;
    expect(up({ preferences: { locale: 'ja', stationSounds: true } }).preferences).toEqual({ language: 'ja', stationSounds: true });
    expect(up({ preferences: { locale: 'zh' } }).preferences).toEqual({ language: 'zh-Hans' });
    expect(up({ preferences: { locale: 'en' } }).preferences).toEqual({ language: null });
    expect(up({}).preferences).toEqual({ language: null });
  });
});
