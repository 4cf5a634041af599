import { describe, expect, it } from 'vitest';
import { timeFormat } from '../../shared/domain/time-format';
import { numberFormats } from '../../shared/i18n/format';
import { formatLocale, type Language } from '../../shared/i18n/languages';

// Dates, times, numbers, weights and money in the chosen language's format, in the station's
// time zone (issue 17 item 3). The locale is the one the station derives from the language and
// the computer (shared/i18n/languages.ts formatLocale), here on computers set to each language.
const at = '2026-12-02T05:33:00Z';
const zone = 'Asia/Tokyo';
const on = (language: Language, system: string) => {
  const locale = formatLocale(language, system);
  return { locale, n: numberFormats(locale), t: timeFormat({ timeZone: zone, locale }) };
};

describe('formatting per language', () => {
  it('English (US computer): month first, 12-hour clock, $ and ¥', () => {
    const { n, t } = on('en', 'en-US');
    expect(t.dateTime(at)).toBe('Dec 2, 2026, 2:33 PM');
    expect(n.count(1234567)).toBe('1,234,567');
    expect(n.weight(1.25, 'kg')).toBe('1.25 kg');
    expect(n.money(12.5, 'USD')).toBe('$12.50');
    expect(n.money(1200, 'JPY')).toBe('¥1,200');
  });

  it('English on a British computer: day first, 24-hour clock', () => {
    expect(on('en', 'en-GB').t.dateTime(at)).toBe('2 Dec 2026, 14:33');
  });

  it('Japanese: year/month/day, 24-hour clock, full-width yen sign, no decimals for yen', () => {
    const { locale, n, t } = on('ja', 'en-US');
    expect(locale).toBe('ja-JP');
    expect(t.dateTime(at)).toBe('2026/12/02 14:33');
    expect(t.date(at)).toBe('2026/12/02');
    expect(n.money(1200, 'JPY')).toBe('￥1,200');
    expect(n.weight(2.5, 'lb')).toBe('2.5 lb');
  });

  it('Simplified Chinese: 年月日 dates, ¥ for yuan', () => {
    const { locale, n, t } = on('zh-Hans', 'zh-CN');
    expect(locale).toBe('zh-CN');
    expect(t.dateTime(at)).toBe('2026年12月2日 14:33');
    expect(n.money(88, 'CNY')).toBe('¥88.00');
  });

  it('Traditional Chinese (Taiwan): 下午 for pm, $ for New Taiwan dollars, kilograms as 公斤', () => {
    const { locale, n, t } = on('zh-Hant', 'zh-TW');
    expect(locale).toBe('zh-TW');
    expect(t.dateTime(at)).toBe('2026年12月2日 下午2:33');
    expect(n.money(300, 'TWD')).toBe('$300.00');
    expect(n.weight(1.25, 'kg')).toBe('1.25 公斤');
  });

  it('Traditional Chinese on a Hong Kong computer keeps Hong Kong’s formats', () => {
    const { locale, n } = on('zh-Hant', 'zh-HK');
    expect(locale).toBe('zh-HK');
    expect(n.money(300, 'TWD')).toBe('NT$300.00');
  });

  it('a currency Intl does not know is written with its code', () => {
    expect(numberFormats('ja-JP').money(5, 'XYZ1')).toBe('5 XYZ1');
  });
});
