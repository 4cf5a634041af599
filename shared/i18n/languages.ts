import { z } from 'zod';

/**
 * The station's languages: those the Flex Forward API documentation is published in
 * (docs/api-contract.md). `zh-Hans` is Simplified Chinese (mainland China, Singapore),
 * `zh-Hant` Traditional Chinese (Taiwan, Hong Kong, Macau).
 */
export const LANGUAGES = ['en', 'ja', 'zh-Hans', 'zh-Hant'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

/** Each language's name in itself, as the language pickers show it (never translated). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  ja: '日本語',
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
};

/** The language GET /products is asked in for product names (its `locale` parameter, docs/api-contract.md). */
export function productNamesLocale(language: Language): 'en' | 'ja' | 'zh' {
  return language === 'en' ? 'en' : language === 'ja' ? 'ja' : 'zh';
}

/**
 * The station language for an operating-system locale (BCP 47, e.g. `ja-JP`, `zh-TW`, `zh-Hant-HK`):
 * Japanese for `ja`; Traditional Chinese for a `Hant` script or Taiwan, Hong Kong and Macau;
 * Simplified Chinese for any other `zh`; English for everything else.
 */
export function languageFromLocale(locale: string | null | undefined): Language {
  const tag = (locale ?? '').replace(/_/g, '-').toLowerCase();
  const [lang, ...rest] = tag.split('-');
  if (lang === 'ja') return 'ja';
  if (lang === 'zh') {
    // An explicit script wins over the region (zh-Hans-HK is Simplified, written in Hong Kong).
    if (rest.includes('hans')) return 'zh-Hans';
    if (rest.includes('hant') || rest.some((part) => part === 'tw' || part === 'hk' || part === 'mo')) return 'zh-Hant';
    return 'zh-Hans';
  }
  return 'en';
}

const DEFAULT_FORMAT_LOCALE: Record<Language, string> = { en: 'en-US', ja: 'ja-JP', 'zh-Hans': 'zh-Hans-CN', 'zh-Hant': 'zh-Hant-TW' };

/**
 * The locale dates, numbers and money are formatted in: the operating system's own when it is
 * in the chosen language (its regional habits: en-GB writes 2 Dec, zh-HK keeps Hong Kong's
 * formats); English on a computer set to another language keeps that computer's region
 * (en-DE: 24-hour clock, day before month); otherwise the language's usual one.
 */
export function formatLocale(language: Language, systemLocale: string | null | undefined): string {
  const system = (systemLocale ?? '').replace(/_/g, '-');
  // languageFromLocale reads any language the station lacks as English: only a real `en` counts here.
  const sameLanguage = languageFromLocale(system) === language && (language !== 'en' || /^en(-|$)/i.test(system));
  if (system && sameLanguage && isKnownLocale(system)) return system;
  if (language === 'en') {
    const region = regionOf(system);
    if (region && isKnownLocale(`en-${region}`)) return `en-${region}`;
  }
  return DEFAULT_FORMAT_LOCALE[language];
}

function regionOf(tag: string): string | null {
  try {
    return tag ? (new Intl.Locale(tag).region ?? null) : null;
  } catch {
    return null;
  }
}

function isKnownLocale(tag: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
  } catch {
    return false;
  }
}

/** The language in force: the one chosen in Settings or at first start, else the operating system's. */
export function resolveLanguage(chosen: Language | null | undefined, systemLocale: string | null | undefined): Language {
  return chosen ?? languageFromLocale(systemLocale);
}
