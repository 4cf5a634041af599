/**
 * The PNG label's text is drawn with bwip-js's OCR-B glyphs, which cover printable ASCII only,
 * so there names and addresses are transliterated where Unicode allows (é → e, ß → ss) and
 * anything else (kana, hanzi, hangul, emoji…) becomes one `?` per run. The PDF label draws
 * every script in the station's fonts (pdf-label.ts).
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
