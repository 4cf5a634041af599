/**
 * Label text is printed with fonts that cover printable ASCII only (pdf-lib's standard
 * Helvetica, bwip-js's OCR-B), so names and addresses are transliterated where Unicode allows
 * (é → e, ß → ss) and anything else (kana, hanzi, hangul, emoji…) becomes one `?` per run.
 */

const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '−': '-',
  '…': '...',
  '・': '-',
  '　': ' ',
  '×': 'x',
};

export function toLabelText(input: string): string {
  const mapped = [...input.normalize('NFKD')]
    .map((ch) => SPECIAL[ch] ?? ch)
    .join('')
    .replace(/\p{M}/gu, '')
    .replace(/[\t\r\n]+/g, ' ');
  return mapped
    .replace(/[^\x20-\x7e]+/g, '?')
    .replace(/ {2,}/g, ' ')
    .trim();
}
