import type { MeasureUnit } from '../../../../shared/domain/batch';
import { parseDecimal } from '../../../../shared/domain/numbers';

/** How many of the base unit (kg for weights, cm for sizes) one unit is. */
const FACTORS: Record<MeasureUnit | 'mm', { base: 'kg' | 'cm'; factor: number }> = {
  kg: { base: 'kg', factor: 1 },
  g: { base: 'kg', factor: 0.001 },
  lb: { base: 'kg', factor: 0.45359237 },
  oz: { base: 'kg', factor: 0.028349523125 },
  cm: { base: 'cm', factor: 1 },
  mm: { base: 'cm', factor: 0.1 },
  in: { base: 'cm', factor: 2.54 },
};

const UNIT_WORDS: Record<string, MeasureUnit | 'mm'> = {
  kg: 'kg',
  kgs: 'kg',
  kilo: 'kg',
  kilos: 'kg',
  kilogram: 'kg',
  kilograms: 'kg',
  キロ: 'kg',
  公斤: 'kg',
  千克: 'kg',
  g: 'g',
  gr: 'g',
  gram: 'g',
  grams: 'g',
  グラム: 'g',
  克: 'g',
  lb: 'lb',
  lbs: 'lb',
  pound: 'lb',
  pounds: 'lb',
  ポンド: 'lb',
  磅: 'lb',
  oz: 'oz',
  ounce: 'oz',
  ounces: 'oz',
  オンス: 'oz',
  盎司: 'oz',
  cm: 'cm',
  センチ: 'cm',
  厘米: 'cm',
  公分: 'cm',
  mm: 'mm',
  毫米: 'mm',
  in: 'in',
  inch: 'in',
  inches: 'in',
  '"': 'in',
  インチ: 'in',
  英寸: 'in',
};

/** The unit a word or header part names ("oz", "Pounds", "(g)"), or undefined. */
export function unitFromWord(word: string): MeasureUnit | 'mm' | undefined {
  return UNIT_WORDS[word.normalize('NFKC').trim().toLowerCase()];
}

/** The unit a header says its values are in: "Weight (oz)", "Total Weight in Oz", "重量(g)", "Length_in". */
export function unitFromHeader(header: string): MeasureUnit | 'mm' | undefined {
  const h = header.normalize('NFKC').toLowerCase();
  const bracketed = /[([（【]\s*([a-z"\p{L}]+)\s*[)\]）】]/u.exec(h)?.[1];
  const inWord = /\bin\s+([a-z]+)\s*$/.exec(h)?.[1];
  const suffix = /[\s_-]([a-z]+)\s*$/.exec(h)?.[1];
  for (const word of [bracketed, inWord, suffix]) {
    const unit = word ? unitFromWord(word) : undefined;
    if (unit && (word !== 'in' || bracketed === 'in' || suffix === 'in')) return unit;
  }
  return undefined;
}

/**
 * A weight or size cell → the number in `target` (the station's kg/lb or cm/in), as text with
 * up to 3 decimals. The unit is the one the cell itself names ("12 oz", "1,2 kg"), else `from`
 * (the column's unit), else the target (no conversion). A cell that is not a number, or names a
 * unit of the other kind (a weight in cm), comes back as typed so the schema names it.
 */
export function convertMeasure(raw: string, target: 'kg' | 'lb' | 'cm' | 'in', from?: MeasureUnit | 'mm'): string {
  const text = raw.normalize('NFKC').trim();
  if (text === '') return '';
  const match = /^(.*?\d)\s*([a-z"\p{L}]+)\.?$/iu.exec(text);
  const named = match ? unitFromWord(match[2]!) : undefined;
  const number = parseDecimal(named ? match![1]! : text);
  if (number === undefined || Number.isNaN(number)) return raw.trim();
  const unit = named ?? from;
  if (!unit || unit === target) return String(number);
  const source = FACTORS[unit];
  const goal = FACTORS[target];
  if (source.base !== goal.base) return raw.trim();
  const converted = (number * source.factor) / goal.factor;
  const rounded = Math.round(converted * 1000) / 1000;
  // A small positive weight must not round to 0 (which the schema refuses as "must be more than 0").
  return String(rounded === 0 && converted > 0 ? 0.001 : rounded);
}
