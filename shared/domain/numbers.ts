/**
 * A number as people type it, in a form field or a CSV cell, whatever their locale writes:
 * "1,5" and "1.5" are 1.5; "1.234,5" and "1,234.5" are 1234.5; "1,200" and "1.200.000" use
 * thousands separators; spaces (also no-break and thin spaces), apostrophes ("1'234"),
 * full-width digits and a leading or trailing currency sign are allowed. When both a comma
 * and a dot appear, whichever comes last is the decimal separator. One comma followed by
 * exactly three digits is read as thousands ("1,200" → 1200), the way order exports write
 * prices. Blank → undefined (so a schema says the value is required); anything else it cannot
 * read → NaN (so a schema says it must be a number).
 */
export function parseDecimal(text: string): number | undefined {
  let s = text.normalize('NFKC').trim();
  if (s === '') return undefined;
  s = s.replace(/^[$€£¥￥]\s*|\s*[$€£¥￥]$/gu, '').replace(/[\s\u00a0\u202f']/g, '');
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma >= 0 && lastDot >= 0) {
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma >= 0) {
    const commas = s.split(',').length - 1;
    s = commas > 1 || /^-?\d{1,3},\d{3}$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  } else if (s.split('.').length > 2) {
    s = s.replace(/\./g, '');
  }
  return /^-?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : Number.NaN;
}
