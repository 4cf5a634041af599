import { z } from 'zod';
import type { NumberFormats } from '../i18n/format';

/**
 * Is a parcel weight plausible? A typed 120 meant as 1.20 buys a 120 kg label, so a weight
 * outside the configured range, or far from what the parcel's items weigh, needs the
 * operator's explicit "yes, the weight is right" before a label is bought (New label asks in
 * the form, Station mode asks for a second scan or Enter; main refuses it unconfirmed with
 * `weight_implausible`).
 *
 * The product catalogue (GET /products) gives no weight limits: its payload is not documented
 * beyond a code and a name (docs/api-contract.md §9 and §14.15), so only the station's own
 * range (Settings → Defaults) and the item weights are judged.
 */

export const KG_PER_LB = 0.45359237;

/** The range of parcel weights the station accepts without asking, always kept in kilograms. */
export const WeightRange = z
  .object({
    minKg: z
      .number({ error: 'labels:weight.validation.minRequired' })
      .positive({ error: 'labels:weight.validation.minPositive' })
      .max(1000, { error: 'labels:weight.validation.minTooHigh' }),
    maxKg: z
      .number({ error: 'labels:weight.validation.maxRequired' })
      .positive({ error: 'labels:weight.validation.maxPositive' })
      .max(1000, { error: 'labels:weight.validation.maxTooHigh' }),
  })
  .refine((r) => r.minKg < r.maxKg, { path: ['maxKg'], error: 'labels:weight.validation.maxBelowMin' });
export type WeightRange = z.infer<typeof WeightRange>;

/** Light letters to a heavy courier parcel: most couriers' single-parcel limit is 30 kg. */
export const DEFAULT_WEIGHT_RANGE: WeightRange = { minKg: 0.01, maxKg: 30 };

/**
 * The items' declared weights (unit weight × quantity, summed) against the parcel weight:
 * - lighter than the items: the parcel weighs less than ITEMS_LIGHTER_FACTOR × the items
 *   (10 % below the items' declared weight leaves room for rounded customs values);
 * - far heavier: more than ITEMS_HEAVIER_FACTOR × the items AND more than
 *   ITEMS_HEAVIER_SLACK_KG above them (packaging of a light item can weigh several times the
 *   item, so a 0.1 kg item in a 0.6 kg box is fine; 120 kg for 1.1 kg of goods is not).
 */
export const ITEMS_LIGHTER_FACTOR = 0.9;
export const ITEMS_HEAVIER_FACTOR = 10;
export const ITEMS_HEAVIER_SLACK_KG = 1;

export const WeightWarningCode = z.enum(['below_range', 'above_range', 'lighter_than_items', 'far_heavier_than_items']);
export type WeightWarningCode = z.infer<typeof WeightWarningCode>;

export type WeightUnit = 'KG' | 'LB';

export const WeightWarning = z.object({
  code: WeightWarningCode,
  /** Index of the parcel (0-based) in the shipment. */
  parcel: z.number().int().nonnegative(),
  /** The parcel weight, in `unit`. */
  weight: z.number(),
  unit: z.enum(['KG', 'LB']),
  /** The plausible range, in `unit` (range warnings). */
  min: z.number().optional(),
  max: z.number().optional(),
  /** Unit weight × quantity summed over the parcel's items, in `unit` (item warnings). */
  itemsWeight: z.number().optional(),
  /** More than one parcel in the shipment: the sentence names this one ("Parcel 2: …"). */
  inParcel: z.boolean(),
  /**
   * What the operator reads, as a catalogue key (`labels:weight.outsideRange`): `weightWarningText`
   * makes the sentence ("120 kg is outside 0.01–30 kg.") in a language, with its number formats.
   * Main's weight check (electron/core/weight/weight-check.ts) hands warnings on with the sentence itself.
   */
  message: z.string(),
});
export type WeightWarning = z.infer<typeof WeightWarning>;

/** What is judged: each parcel's weight and items, as numbers (a form being typed may have gaps). */
export interface WeighedShipment {
  unit: WeightUnit;
  parcels: readonly { weight?: number; items?: readonly { unitWeight?: number; quantity?: number }[] }[];
}

/** A weight as the operator reads it: at most 3 decimals, no trailing zeros ("1.2", "30", "0.01"). */
export const formatWeight = (value: number) => String(Number(value.toFixed(3)));
/** "1.2 kg", "2.65 lb". */
export const weightText = (value: number, unit: WeightUnit) => `${formatWeight(value)} ${unit.toLowerCase()}`;

const fromKg = (kg: number, unit: WeightUnit) => (unit === 'KG' ? kg : kg / KG_PER_LB);
const finite = (n: number | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/** The range in the shipment's unit, rounded as shown (so "outside 0.02–66.139 lb" is what is compared). */
export function rangeIn(range: WeightRange, unit: WeightUnit) {
  return { min: Number(fromKg(range.minKg, unit).toFixed(3)), max: Number(fromKg(range.maxKg, unit).toFixed(3)) };
}

/**
 * Warnings for every parcel whose weight is implausible, in parcel order; empty when all are
 * plausible. Parcels without a usable weight are skipped (the schema says what is missing), and
 * the item check only runs when every item of the parcel has a unit weight and a quantity.
 */
export function judgeWeights(shipment: WeighedShipment, range: WeightRange = DEFAULT_WEIGHT_RANGE): WeightWarning[] {
  const { unit } = shipment;
  const { min, max } = rangeIn(range, unit);
  const many = shipment.parcels.length > 1;
  const warnings: WeightWarning[] = [];
  shipment.parcels.forEach((parcel, index) => {
    const weight = parcel.weight;
    if (!finite(weight) || weight <= 0) return;
    if (weight < min || weight > max) {
      warnings.push({
        code: weight < min ? 'below_range' : 'above_range',
        parcel: index,
        weight,
        unit,
        min,
        max,
        inParcel: many,
        message: 'labels:weight.outsideRange',
      });
    }
    const items = parcel.items ?? [];
    if (items.length === 0 || !items.every((i) => finite(i.unitWeight) && i.unitWeight > 0 && finite(i.quantity) && i.quantity > 0)) return;
    const itemsWeight = Number(items.reduce((sum, i) => sum + i.unitWeight! * i.quantity!, 0).toFixed(3));
    if (weight < itemsWeight * ITEMS_LIGHTER_FACTOR) {
      warnings.push({
        code: 'lighter_than_items',
        parcel: index,
        weight,
        unit,
        itemsWeight,
        inParcel: many,
        message: 'labels:weight.lighterThanItems',
      });
    } else if (weight > itemsWeight * ITEMS_HEAVIER_FACTOR && weight - itemsWeight > fromKg(ITEMS_HEAVIER_SLACK_KG, unit)) {
      warnings.push({
        code: 'far_heavier_than_items',
        parcel: index,
        weight,
        unit,
        itemsWeight,
        inParcel: many,
        message: 'labels:weight.farHeavierThanItems',
      });
    }
  });
  return warnings;
}

/** The parts of a label draft the judge reads (LabelDraft fits; so does a form's draft with gaps). */
export interface DraftWeights {
  units?: { weight?: WeightUnit };
  shipment: { parcels: WeighedShipment['parcels'] };
}

/** judgeWeights for a label draft; its unit is `units.weight`, KG when the draft names none. */
export const judgeDraftWeights = (draft: DraftWeights, range?: WeightRange) =>
  judgeWeights({ unit: draft.units?.weight ?? 'KG', parcels: draft.shipment.parcels }, range);

/** The parcel weights a label was bought with, as the result card shows them: "1.2 kg", "1.2 kg + 3 kg". */
export const weightsText = (weights: readonly number[], unit: WeightUnit) => weights.map((w) => weightText(w, unit)).join(' + ');

/** Translates a catalogue key with values (main's `translateStationMessage`, the screens' `messageText`). */
export type Say = (key: string, values: Record<string, string | number>) => string;

/**
 * A warning's sentence in a language: `say` translates its key, `formats` writes the weights
 * (shared/i18n/format.ts): "Parcel 2: 120 kg is outside 0.01–30 kg." in English.
 */
export function weightWarningText(w: WeightWarning, say: Say, formats: Pick<NumberFormats, 'decimal' | 'weight'>): string {
  const unit = w.unit === 'LB' ? 'lb' : 'kg';
  const text = say(w.message, {
    weight: formats.weight(w.weight, unit),
    min: w.min === undefined ? '' : formats.decimal(w.min, 3),
    max: w.max === undefined ? '' : formats.weight(w.max, unit),
    items: w.itemsWeight === undefined ? '' : formats.weight(w.itemsWeight, unit),
    factor: ITEMS_HEAVIER_FACTOR,
  });
  return w.inParcel ? say('labels:weight.inParcel', { parcel: w.parcel + 1, text }) : text;
}
