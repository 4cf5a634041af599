/**
 * Numbers, weights and money for people to read, with Intl in the operator's format locale
 * (shared/i18n/languages.ts `formatLocale`, handed to the screens as app:info `clock.locale`).
 * Dates and times are formatted by shared/domain/time-format.ts with the same locale.
 */
export interface NumberFormats {
  readonly locale: string;
  /** A count, grouped: `12,345` (en), `12,345` (ja), `12,345` (zh). */
  count(n: number): string;
  /** A decimal with up to `maxDigits` fraction digits: `1.25`. */
  decimal(n: number, maxDigits?: number): string;
  /** A weight in kilograms or pounds: `1.2 kg`, `2.5 lb` (units as the locale writes them). */
  weight(value: number, unit: 'kg' | 'lb'): string;
  /** An amount of money in an ISO 4217 currency: `¥1,200`, `$12.50`, `NT$300`; the code itself when Intl does not know it. */
  money(amount: number, currency: string): string;
  /** A share: `42%`. */
  percent(fraction: number): string;
}

const cache = new Map<string, NumberFormats>();

export function numberFormats(locale: string): NumberFormats {
  const hit = cache.get(locale);
  if (hit) return hit;
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const weights = {
    kg: new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilogram', maximumFractionDigits: 3 }),
    lb: new Intl.NumberFormat(locale, { style: 'unit', unit: 'pound', maximumFractionDigits: 3 }),
  };
  const formats: NumberFormats = {
    locale,
    count: (n) => count.format(n),
    decimal: (n, maxDigits = 3) => new Intl.NumberFormat(locale, { maximumFractionDigits: maxDigits }).format(n),
    weight: (value, unit) => weights[unit].format(value),
    money: (amount, currency) => {
      try {
        return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
      } catch {
        return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(amount)} ${currency}`;
      }
    },
    percent: (fraction) => percent.format(fraction),
  };
  cache.set(locale, formats);
  return formats;
}
