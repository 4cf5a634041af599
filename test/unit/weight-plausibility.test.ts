import { describe, expect, it } from 'vitest';
import { Settings } from '../../shared/domain/settings';
import {
  DEFAULT_WEIGHT_RANGE,
  judgeDraftWeights,
  judgeWeights,
  rangeIn,
  WeightRange,
  weightsText,
  weightWarningText,
  type WeighedShipment,
  type WeightWarning,
} from '../../shared/domain/weight-plausibility';
import { numberFormats } from '../../shared/i18n/format';
import { createI18n, translateMessage } from '../../shared/i18n/i18next';
import en from '../../shared/i18n/locales/en/index';
import ja from '../../shared/i18n/locales/ja/index';
import zhHant from '../../shared/i18n/locales/zh-Hant/index';
import { labelDraft } from '../fixtures/label-drafts';

const shirt = { unitWeight: 0.3, quantity: 1 };
const readers = {
  en: createI18n('en', { en }),
  ja: createI18n('ja', { en, ja }),
  'zh-Hant': createI18n('zh-Hant', { en, 'zh-Hant': zhHant }),
};
const locales = { en: 'en-US', ja: 'ja-JP', 'zh-Hant': 'zh-Hant-TW' };
/** A warning's sentence as the operator reads it in a language. */
const text = (w: WeightWarning | undefined, language: keyof typeof readers = 'en') =>
  weightWarningText(w!, (key, values) => translateMessage(readers[language], key, values), numberFormats(locales[language]));
const kg = (...parcels: WeighedShipment['parcels']): WeighedShipment => ({ unit: 'KG', parcels });

describe('judgeWeights: the configured range', () => {
  it('a weight inside 0.01–30 kg, with items that fit, is plausible', () => {
    for (const weight of [0.01, 0.35, 1.2, 2.5, 30]) expect(judgeWeights(kg({ weight }), DEFAULT_WEIGHT_RANGE)).toEqual([]);
    for (const weight of [0.3, 0.8, 2.5]) expect(judgeWeights(kg({ weight, items: [shirt] }))).toEqual([]);
  });

  it('120 (meant 1.20) is outside the range, with the numbers and the sentence the operator reads', () => {
    const [range, ...rest] = judgeWeights(kg({ weight: 120 }));
    expect(rest).toEqual([]);
    expect(range).toEqual({
      code: 'above_range',
      parcel: 0,
      weight: 120,
      unit: 'KG',
      min: 0.01,
      max: 30,
      inParcel: false,
      message: 'labels:weight.outsideRange',
    });
    expect(text(range)).toBe('120 kg is outside 0.01–30 kg.');
    const [below] = judgeWeights(kg({ weight: 0.005 }));
    expect(below).toMatchObject({ code: 'below_range' });
    expect(text(below)).toBe('0.005 kg is outside 0.01–30 kg.');
  });

  it('the sentence in Japanese and Traditional Chinese, with their number formats', () => {
    const [range] = judgeWeights(kg({ weight: 1200.5 }));
    expect(text(range, 'ja')).toBe('1,200.5 kg は 0.01～30 kg の範囲外です。');
    expect(text(range, 'zh-Hant')).toMatch(/^1,200\.5 .+ 超出 0\.01–30 .+ 的範圍。$/);
    const [heavier] = judgeWeights(kg({ weight: 2 }, { weight: 12, items: [{ unitWeight: 0.3, quantity: 3 }] }));
    expect(text(heavier, 'ja')).toBe('荷物 2: 12 kg は品目の重量（0.9 kg）の 10 倍を超えています。');
  });

  it('uses the configured range, and converts it for a shipment in pounds', () => {
    expect(judgeWeights(kg({ weight: 31 }), { minKg: 0.5, maxKg: 40 })).toEqual([]);
    expect(judgeWeights(kg({ weight: 0.4 }), { minKg: 0.5, maxKg: 40 })).toMatchObject([{ code: 'below_range', min: 0.5, max: 40 }]);
    expect(rangeIn(DEFAULT_WEIGHT_RANGE, 'LB')).toEqual({ min: 0.022, max: 66.139 });
    expect(judgeWeights({ unit: 'LB', parcels: [{ weight: 60 }] })).toEqual([]);
    const [pounds] = judgeWeights({ unit: 'LB', parcels: [{ weight: 70 }] });
    expect(pounds).toMatchObject({ code: 'above_range', unit: 'LB' });
    expect(text(pounds)).toBe('70 lb is outside 0.022–66.139 lb.');
  });

  it('names the parcel when there are several, and skips weights not typed yet', () => {
    const found = judgeWeights(kg({ weight: 2 }, { weight: 45 }, { weight: undefined }, { weight: Number.NaN }));
    expect(found).toMatchObject([{ code: 'above_range', parcel: 1, inParcel: true }]);
    expect(text(found[0])).toBe('Parcel 2: 45 kg is outside 0.01–30 kg.');
  });
});

describe('judgeWeights: the items against the parcel', () => {
  it('a parcel lighter than 90 % of its items (unit weight × quantity) is a warning', () => {
    const items = [
      { unitWeight: 0.5, quantity: 2 },
      { unitWeight: 0.25, quantity: 2 },
    ];
    expect(judgeWeights(kg({ weight: 1.5, items }))).toEqual([]);
    // 10 % below the declared items is still fine (rounded customs values).
    expect(judgeWeights(kg({ weight: 1.35, items }))).toEqual([]);
    const lighter = judgeWeights(kg({ weight: 1.2, items }));
    expect(lighter).toEqual([
      {
        code: 'lighter_than_items',
        parcel: 0,
        weight: 1.2,
        unit: 'KG',
        itemsWeight: 1.5,
        inParcel: false,
        message: 'labels:weight.lighterThanItems',
      },
    ]);
    expect(text(lighter[0])).toBe('1.2 kg is less than its items weigh (1.5 kg: unit weight × quantity).');
  });

  it('a parcel more than 10 times (and over 1 kg) heavier than its items is a warning; light items in a box are not', () => {
    // 0.1 kg of goods in a 0.8 kg box: 8×, fine; 1.05 kg: over 10× but only 0.95 kg more, fine.
    expect(judgeWeights(kg({ weight: 0.8, items: [{ unitWeight: 0.1, quantity: 1 }] }))).toEqual([]);
    expect(judgeWeights(kg({ weight: 1.05, items: [{ unitWeight: 0.1, quantity: 1 }] }))).toEqual([]);
    const heavier = judgeWeights(kg({ weight: 12, items: [{ unitWeight: 0.3, quantity: 3 }] }));
    expect(heavier).toMatchObject([{ code: 'far_heavier_than_items', itemsWeight: 0.9 }]);
    expect(text(heavier[0])).toBe('12 kg is more than 10 times what its items weigh (0.9 kg).');
  });

  it('120 kg for 1.1 kg of goods is both outside the range and far heavier than the items', () => {
    expect(judgeWeights(kg({ weight: 120, items: [{ unitWeight: 0.55, quantity: 2 }] })).map((w) => w.code)).toEqual([
      'above_range',
      'far_heavier_than_items',
    ]);
  });

  it('skips the item check while an item has no unit weight or quantity yet', () => {
    expect(judgeWeights(kg({ weight: 0.1, items: [{ unitWeight: 2, quantity: 1 }, { quantity: 1 }] }))).toEqual([]);
    expect(judgeWeights(kg({ weight: 0.1, items: [{ unitWeight: 2, quantity: Number.NaN }] }))).toEqual([]);
  });
});

describe('judgeDraftWeights and the settings', () => {
  it('reads a label draft (its unit, its parcels and items)', () => {
    const draft = labelDraft('W-1');
    expect(judgeDraftWeights(draft)).toEqual([]);
    draft.shipment.parcels[0]!.weight = 80;
    expect(judgeDraftWeights(draft)).toMatchObject([{ code: 'above_range' }, { code: 'far_heavier_than_items', itemsWeight: 0.6 }]);
    draft.units = { weight: 'LB' };
    expect(judgeDraftWeights(draft).map((w) => w.code)).toEqual(['above_range', 'far_heavier_than_items']);
  });

  it('the range is a setting with a default, validated (more than 0, min below max)', () => {
    expect(Settings.parse({}).defaults.weightRange).toEqual({ minKg: 0.01, maxKg: 30 });
    expect(WeightRange.safeParse({ minKg: 0, maxKg: 30 }).success).toBe(false);
    const crossed = WeightRange.safeParse({ minKg: 5, maxKg: 2 });
    expect(crossed.success ? null : crossed.error.issues[0]).toMatchObject({
      path: ['maxKg'],
      message: 'labels:weight.validation.maxBelowMin',
    });
    expect(translateMessage(readers.en, 'labels:weight.validation.maxBelowMin')).toBe(
      'The heaviest weight must be more than the lightest.',
    );
  });

  it('writes the weights a label was bought with', () => {
    expect(weightsText([1.2], 'KG')).toBe('1.2 kg');
    expect(weightsText([1.2, 3, 0.1234], 'LB')).toBe('1.2 lb + 3 lb + 0.123 lb');
  });
});
