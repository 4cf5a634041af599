import type { CsvEncoding, CsvEncodingChoice } from '../../../shared/domain/batch';
import { StationError } from '../errors';
import { t } from '../i18n';

/** Files above this are refused before decoding: 20 MB is far more than a day's orders, and keeps the main process responsive. */
export const MAX_CSV_BYTES = 20 * 1024 * 1024;

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
}

const ENCODING_NAMES: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  'windows-1252': 'Windows-1252',
  shift_jis: 'Shift_JIS',
  gbk: 'GBK',
};

/**
 * Bytes of a CSV file → text. A byte order mark decides; otherwise strict UTF-8; otherwise the
 * most plausible of Shift_JIS, GBK (see `scoreAs`) and Windows-1252 (`scoreAsWestern`: Excel's
 * "CSV" save on a Western European Windows, which also covers ISO-8859-1). `choice` is the operator's pick when the guess
 * was wrong; a byte order mark still wins over it, since it cannot be wrong.
 */
export function decodeCsv(bytes: Uint8Array, choice?: CsvEncodingChoice): DecodedCsv {
  if (bytes.length === 0) throw emptyFile();
  if (bytes.length > MAX_CSV_BYTES) {
    const mb = Math.round(bytes.length / (1024 * 1024));
    throw new StationError(
      'csv_too_large',
      mb > MAX_CSV_BYTES / (1024 * 1024)
        ? t('batch:errors.tooLarge', { mb })
        : t('batch:errors.tooLargeJust', { mb: MAX_CSV_BYTES / (1024 * 1024) }),
    );
  }

  const bom = byteOrderMark(bytes);
  const decoded = bom
    ? { text: strict(bytes, bom), encoding: bom }
    : choice
      ? { text: strict(bytes, choice), encoding: choice }
      : guess(bytes);
  if (decoded.text.trim() === '') throw emptyFile();
  return decoded;
}

function emptyFile() {
  return new StationError('csv_empty', t('batch:errors.empty'));
}

function byteOrderMark(bytes: Uint8Array): CsvEncoding | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Decodes or refuses: a wrong guess must not turn into addresses full of replacement characters. */
function strict(bytes: Uint8Array, encoding: CsvEncoding): string {
  if (encoding === 'windows-1252') return windows1252(bytes);
  try {
    // The decoder drops a matching byte order mark itself.
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new StationError('csv_encoding', t('batch:errors.notValidEncoding', { encoding: ENCODING_NAMES[encoding] }));
  }
}

function guess(bytes: Uint8Array): DecodedCsv {
  // A NUL never appears in text in these encodings: this is a binary file (or UTF-16 without a BOM).
  if (bytes.includes(0)) throw notText();
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Not UTF-8: a Japanese or Chinese platform export.
  }
  const candidates = (['shift_jis', 'gbk'] as const).map((encoding) => {
    const text = new TextDecoder(encoding).decode(bytes);
    const score = scoreAs(encoding, text) - (encoding === 'gbk' ? pairsOutsideGb2312(bytes) : 0);
    return { text, encoding, score };
  });
  // Ties go to Shift_JIS: text that reads as kanji in both is Japanese far more often.
  const best = candidates[1]!.score > candidates[0]!.score ? candidates[1]! : candidates[0]!;
  // Windows-1252 decodes any byte, so it wins only on its own merit: accented letters inside words.
  const western = windows1252(bytes);
  const westernScore = scoreAsWestern(western);
  if (westernScore > 0 && westernScore >= best.score) return { text: western, encoding: 'windows-1252' };
  if (best.text.includes('\uFFFD')) throw notText();
  return { text: best.text, encoding: best.encoding };
}

function notText() {
  return new StationError('csv_encoding', t('batch:errors.notText'));
}

/**
 * How plausible `text` is as the decoding of a file in `encoding`. Both decoders accept most
 * byte pairs of the other, so it is the characters that tell:
 * - Shift_JIS read as GBK gives no kana (GBK's kana sit on byte pairs Shift_JIS never makes),
 *   so kana earn Shift_JIS a bonus: Japanese platform exports have kana in headers and addresses.
 * - GBK read as Shift_JIS splits common hanzi (lead bytes 0xB0–0xDF) into half-width katakana
 *   and sends others to the private use area, so those cost Shift_JIS points.
 * - Replacement characters mean bytes the encoding cannot have, and cost most.
 */
export function scoreAs(encoding: 'shift_jis' | 'gbk', text: string): number {
  let score = 0;
  for (const char of text) {
    const c = char.codePointAt(0)!;
    if (c === 0xfffd) score -= 10;
    else if (c >= 0xe000 && c <= 0xf8ff) score -= 5;
    else if (c >= 0x3040 && c <= 0x30ff) score += encoding === 'shift_jis' ? 2 : 0;
    else if (c >= 0xff61 && c <= 0xff9f) score -= 1;
    else if (c >= 0x4e00 && c <= 0x9fff) score += 1;
    else if (c >= 0x3400 && c <= 0x4dbf) score -= 1;
  }
  return score;
}

/** What Windows-1252 puts at 0x80–0x9F (where ISO-8859-1 has control codes); the five unassigned bytes stay as they are. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019,
  0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * Windows-1252 bytes → text, by its table: Node's TextDecoder reads the "windows-1252" label as
 * ISO-8859-1 and would turn € and “ ” into control codes. Every byte is a character, so this
 * never fails; ISO-8859-1 files read the same (they do not use 0x80–0x9F).
 */
export function windows1252(bytes: Uint8Array): string {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const codes = new Uint16Array(bytes.length - start);
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i]!;
    codes[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b;
  }
  let text = '';
  for (let i = 0; i < codes.length; i += 8192) text += String.fromCharCode(...codes.subarray(i, i + 8192));
  return text;
}

const LATIN_LETTER = /[\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF\u0152\u0153\u0160\u0161\u0178\u017D\u017E]/u;
const WESTERN_SIGN = /[€“”‘’–—…°²³µ½¼¾·«»§©®™£¥¢]/u;
const ASCII_LETTER = /[A-Za-z]/;
const PLAIN = /[\sA-Za-z0-9.,;:()"'/-]/;

/**
 * How plausible `text` is as the Windows-1252 decoding of the file. German, French or Spanish
 * text has its accented letters inside words ("Müller", "Straße", "José"): each earns 2. Signs
 * such as € or “ next to plain text earn 1. Anything else (C1 controls, letters between other
 * non-ASCII characters, as Shift_JIS or GBK bytes read this way give) costs 2.
 */
export function scoreAsWestern(text: string): number {
  let score = 0;
  const chars = [...text];
  chars.forEach((char, i) => {
    if (char.charCodeAt(0) < 0x80) return;
    const prev = chars[i - 1] ?? ' ';
    const next = chars[i + 1] ?? ' ';
    if (LATIN_LETTER.test(char) && (ASCII_LETTER.test(prev) || ASCII_LETTER.test(next))) score += 2;
    else if (WESTERN_SIGN.test(char) && (PLAIN.test(prev) || PLAIN.test(next))) score += 1;
    else score -= 2;
  });
  return score;
}

/**
 * Double-byte pairs outside GB2312 (lead 0xA1–0xF7, trail 0xA1–0xFE): GBK's extension areas
 * hold rare hanzi that Chinese exports seldom use, while Shift_JIS kanji (lead 0x88–0x9F)
 * land exactly there. This separates all-kanji Japanese text from Chinese.
 */
export function pairsOutsideGb2312(bytes: Uint8Array): number {
  let count = 0;
  for (let i = 0; i < bytes.length; i++) {
    const lead = bytes[i]!;
    if (lead < 0x80) continue;
    const trail = bytes[i + 1] ?? 0;
    if (lead < 0xa1 || lead > 0xf7 || trail < 0xa1 || trail > 0xfe) count++;
    i++;
  }
  return count;
}
