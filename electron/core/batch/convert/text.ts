/**
 * A cell as a spreadsheet meant it: Excel's text markers removed. A leading apostrophe forces
 * text (Shopify writes ZIP codes as "'02108", Taobao phones as "'139…"), and ="…" keeps leading
 * zeros (Taobao order numbers ="3515…"). Neither is part of the value.
 */
export function stripTextMarkers(raw: string): string {
  const text = raw.trim();
  const formula = /^="(.*)"$/s.exec(text);
  if (formula) return formula[1]!.trim();
  return text.startsWith("'") && /^'[\s+\d(]/.test(text) ? text.slice(1).trim() : text;
}

/**
 * A Chinese one-cell address, as Taobao/Tmall export 收货地址: "广东省 广州市 越秀区 环市东路…(510180)".
 * Parts are separated by spaces; the postal code is the trailing 6 digits in brackets (half- or
 * full-width). Province → state, city → city, the rest (district and street) → street. A cell
 * without spaces keeps everything in street, so nothing is lost.
 */
export function splitChineseAddress(raw: string): { state: string; city: string; street: string; postalCode: string } {
  let text = raw.normalize('NFKC').trim();
  let postalCode = '';
  const zip = /\s*\((\d{6})\)\s*$/.exec(text);
  if (zip) {
    postalCode = zip[1]!;
    text = text.slice(0, zip.index).trim();
  }
  const parts = text.split(/\s+/).filter(Boolean);
  if (parts.length < 3) return { state: '', city: '', street: text, postalCode };
  const [state, city, ...rest] = parts;
  return { state: state!, city: city!, street: rest.join(' '), postalCode };
}

/**
 * A Japanese address without its prefecture, as BASE and STORES export 住所(配送先): the leading
 * city (市, with its ward 区 if any), ward (区), or district town/village (郡…町/村) → city, the
 * rest → street. "渋谷区神南1-2-3" → 渋谷区 + 神南1-2-3; "横浜市中区山下町1" → 横浜市中区 + 山下町1.
 */
export function splitJapaneseAddress(raw: string): { state: string; city: string; street: string; postalCode: string } {
  const text = raw.normalize('NFKC').trim();
  const match = /^(.{1,6}?郡.{1,5}?[町村]|.{1,6}?市.{1,4}?区|.{1,6}?[市区町村])(.+)$/u.exec(text);
  if (!match) return { state: '', city: '', street: text, postalCode: '' };
  return { state: '', city: match[1]!, street: match[2]!.trim(), postalCode: '' };
}
