/**
 * History search keys: what is stored beside a label (and computed from what the operator
 * types) so that the search finds what people type, whatever their keyboard or habit.
 * The same function makes the stored key and the search key, so both sides always agree.
 *
 * NFKC turns full-width letters and digits (ＹＡＭＡＤＡ, １００１) and the ideographic space
 * into their plain forms; toLowerCase() folds the case of every script that has one.
 */
const fold = (text: string) => text.normalize('NFKC').toLowerCase();

/**
 * An order number as people type it: without "#", spaces or leading zeros ("#0001001",
 * "1001" and "１００１" share the key "1001"). A number of zeros only keeps one "0".
 */
export function orderKey(orderNumber: string | null | undefined): string | null {
  if (orderNumber == null) return null;
  const key = fold(orderNumber)
    .replace(/[\s#]+/g, '')
    .replace(/^0+(?=.)/, '');
  return key === '' ? null : key;
}

/**
 * A person's name without case or spaces: "ＹＡＭＡＤＡ Taro", "yamada taro" and "YamadaTaro"
 * share a key, and "山田太郎" finds "山田 太郎" (CJK names are written with or without a space).
 */
export function nameKey(name: string | null | undefined): string {
  return name == null ? '' : fold(name).replace(/\s+/g, '');
}

/** A city or postal code without case, spaces, hyphens or the 〒 mark ("〒100-0001" → "1000001", "SW1A 1AA" → "sw1a1aa"). */
export function placeKey(place: string | null | undefined): string | null {
  if (place == null) return null;
  const key = fold(place).replace(/[\s\-‐‑‒–—―〒]+/g, '');
  return key === '' ? null : key;
}

/** A tracking number's searched text: plain characters, no spaces (the trigram index folds ASCII case). */
export function trackingKey(text: string): string {
  return fold(text).replace(/\s+/g, '');
}
