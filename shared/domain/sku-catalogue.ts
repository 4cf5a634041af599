import { z } from 'zod';
import { CountryCode, CurrencyCode } from '../flexforward/schemas';

/**
 * The product catalogue by SKU (issue 14 item 4): what the station knows about each product it
 * ships, so an order export that names only an SKU, a quantity and a price still becomes a
 * customs item. Not to be confused with `catalog:*`, the API's courier and product list.
 *
 * The fields are judged like the label draft's item fields (shared/flexforward/schemas.ts,
 * `Item` and `Money`; docs/api-contract.md §4.1): a non-blank English description, a unit
 * weight greater than 0, a declared value that is not negative with an ISO 4217 currency. The
 * HS code and the country of origin have no place in the API's item (docs/flexforward-openapi.yaml,
 * `Item`; `customs` is undocumented), so the station keeps them here for the operator and the
 * exports but does not send them.
 *
 * Unit weights are kept in kilograms, whatever units the station uses; filling an item in
 * pounds converts them.
 */

export const MAX_SKU_LENGTH = 64;
export const MAX_CATALOGUE_TEXT_LENGTH = 200;
/** One page of the Settings table, at most. */
export const MAX_CATALOGUE_PAGE = 200;
export const DEFAULT_CATALOGUE_PAGE = 50;

/**
 * The key an SKU is stored and looked up by: Unicode width folded (full-width "ＡＢ－１" is
 * "AB-1"), spaces trimmed and runs of spaces made one, letters in capitals. "ab-1 ", "AB-1" and
 * "ＡＢ－１" are the same product.
 */
export function normaliseSku(raw: string): string {
  return raw.normalize('NFKC').trim().replace(/\s+/g, ' ').toUpperCase();
}

/** An HS code as stored: its digits only ("6109.10.00" → "61091000"). */
export function normaliseHsCode(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s.-]/g, '');
}

const isMissing = (input: unknown) => input === undefined || input === null;

/*
 * Messages are catalogue keys (shared/i18n/locales/<language>/settings.json, `validation.*`):
 * main's IPC dispatch and the CSV import (electron/core/catalogue/sku-catalogue-csv.ts) say them
 * in the station's language. The sentences name the bounds above (test/unit/settings-messages.test.ts).
 */
type MessageKey = `settings:validation.${string}`;

export const Sku = z
  .string({ error: (issue) => (isMissing(issue.input) ? 'settings:validation.skuRequired' : 'settings:validation.skuText') })
  .transform(normaliseSku)
  .pipe(z.string().min(1, { error: 'settings:validation.skuRequired' }).max(MAX_SKU_LENGTH, { error: 'settings:validation.skuTooLong' }));

export const HsCode = z
  .string({ error: 'settings:validation.hsCodeText' })
  .transform(normaliseHsCode)
  .pipe(z.string().regex(/^\d{6,10}$/, { error: 'settings:validation.hsCodeFormat' }));

const num = (required: MessageKey, notNumber: MessageKey) =>
  z.number({ error: (issue) => (isMissing(issue.input) ? required : notNumber) });

const entryShape = {
  sku: Sku,
  descriptionEn: z
    .string({
      error: (issue) => (isMissing(issue.input) ? 'settings:validation.descriptionEnRequired' : 'settings:validation.descriptionEnText'),
    })
    .trim()
    .min(1, { error: 'settings:validation.descriptionEnRequired' })
    .max(MAX_CATALOGUE_TEXT_LENGTH, { error: 'settings:validation.descriptionEnTooLong' }),
  descriptionLocal: z
    .string({ error: 'settings:validation.descriptionLocalText' })
    .trim()
    .max(MAX_CATALOGUE_TEXT_LENGTH, { error: 'settings:validation.descriptionLocalTooLong' })
    .transform((s) => (s ? s : undefined))
    .optional(),
  hsCode: HsCode.optional(),
  originCountry: CountryCode.optional(),
  /** Kilograms per unit. */
  unitWeight: num('settings:validation.unitWeightRequired', 'settings:validation.unitWeightNumber')
    .gt(0, { error: 'settings:validation.unitWeightPositive' })
    .optional(),
  /** Declared value per unit, in `currency`. */
  declaredValue: num('settings:validation.declaredValueRequired', 'settings:validation.declaredValueNumber')
    .min(0, { error: 'settings:validation.declaredValueNegative' })
    .optional(),
  currency: CurrencyCode.optional(),
};

const valueNeedsCurrency = (entry: { declaredValue?: number | undefined; currency?: string | undefined }, ctx: z.RefinementCtx) => {
  if (entry.declaredValue !== undefined && !entry.currency)
    ctx.addIssue({ code: 'custom', path: ['currency'], message: 'settings:validation.currencyNeeded' });
};

/** What the operator saves (Settings, the CSV import, "Save SKU to the product catalogue"). */
export const SkuCatalogueEntryInput = z.strictObject(entryShape).superRefine(valueNeedsCurrency);
export type SkuCatalogueEntryInput = z.input<typeof SkuCatalogueEntryInput>;

/** An entry as stored and shown. */
export const SkuCatalogueEntry = z.object({ ...entryShape, updatedAt: z.iso.datetime() });
export type SkuCatalogueEntry = z.output<typeof SkuCatalogueEntry>;

export const SkuCataloguePageRequest = z.strictObject({
  /** Part of an SKU or of a description; blank lists everything. */
  query: z.string().max(200).optional(),
  offset: z.number().int().min(0).optional(),
  limit: z.number().int().min(1).max(MAX_CATALOGUE_PAGE).optional(),
});
export type SkuCataloguePageRequest = z.infer<typeof SkuCataloguePageRequest>;

export const SkuCataloguePage = z.object({
  entries: z.array(SkuCatalogueEntry),
  total: z.number().int().min(0),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1),
});
export type SkuCataloguePage = z.infer<typeof SkuCataloguePage>;

/** A row of a catalogue CSV that was not imported, with where and why. */
export const SkuCsvIssue = z.object({
  row: z.number().int().min(1),
  column: z.string(),
  /** "row 4, HS code: An HS code is 6 to 10 digits, … (the cell says “61A”)", in the station's language. */
  message: z.string(),
});
export type SkuCsvIssue = z.infer<typeof SkuCsvIssue>;

export const SkuCsvImportResult = z.object({
  added: z.number().int().min(0),
  updated: z.number().int().min(0),
  /** Rows with a problem: none of them was imported; the other rows were. */
  issues: z.array(SkuCsvIssue),
  /** How many rows had problems (issues may be cut to the first few hundred). */
  rejectedRows: z.number().int().min(0),
});
export type SkuCsvImportResult = z.infer<typeof SkuCsvImportResult>;

/** The catalogue as the import build reads it (a worker thread gets a copy): entries by normalised SKU. */
export interface SkuCatalogueSnapshot {
  /** Changes whenever an entry is saved, imported or removed: orders built with another version are built again. */
  version: number;
  entries: ReadonlyMap<string, SkuCatalogueEntry>;
}

export type SkuLookup = (
  sku: string,
) =>
  | Pick<SkuCatalogueEntry, 'descriptionEn' | 'descriptionLocal' | 'hsCode' | 'originCountry' | 'unitWeight' | 'declaredValue' | 'currency'>
  | undefined;

/** A lookup over a snapshot (or none): the SKU is normalised first. */
export const lookupIn =
  (snapshot: Pick<SkuCatalogueSnapshot, 'entries'> | null | undefined): SkuLookup =>
  (sku) =>
    snapshot?.entries.get(normaliseSku(sku));

/**
 * An item as the form or a file gave it, before validation: anything may be missing; a number
 * the reader could not read stays as its text (so the schema says it "must be a number").
 */
export interface FillableItem {
  sku?: string | undefined;
  descriptionEn?: string | undefined;
  descriptionLocal?: string | undefined;
  hsCode?: string | undefined;
  originCountry?: string | undefined;
  unitWeight?: number | string | undefined;
  unitPrice?: { amount?: number | string | undefined; currency?: string | undefined } | undefined;
}

export interface FillOptions {
  /** The unit the draft's weights are in (the catalogue's are kilograms). */
  weightUnit?: 'KG' | 'LB';
  /** The chosen sender's default currency: for an item whose currency is blank. */
  defaultCurrency?: string | null | undefined;
}

const KG_PER_LB = 0.45359237;
const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Kilograms in the draft's unit, rounded to grams (or a thousandth of a pound). */
export function weightIn(kg: number, unit: 'KG' | 'LB' = 'KG'): number {
  const value = unit === 'LB' ? kg / KG_PER_LB : kg;
  return Math.round(value * 1000) / 1000;
}

/**
 * Fills what an item leaves blank from the catalogue entry of its SKU, never replacing what
 * the item gave: English and local description, HS code, country of origin, unit weight and
 * declared value. The declared value and its currency come together: an item without a price
 * takes the catalogue's value in the catalogue's currency. An item with a price but no
 * currency takes the sender's default currency (the file's prices are the shop's), else the
 * catalogue's; an item with neither a currency nor a catalogue entry takes the sender's default.
 * Items without an SKU, or with one the catalogue does not have, keep what they have (apart
 * from the default currency). Returns new items; the given ones are not changed.
 */
export function fillItemsFromCatalogue<T extends FillableItem>(items: readonly T[], lookup: SkuLookup, options: FillOptions = {}): T[] {
  const defaultCurrency = options.defaultCurrency ? options.defaultCurrency.toUpperCase() : undefined;
  return items.map((item) => {
    const entry = blank(item.sku) ? undefined : lookup(item.sku!);
    const filled: T = { ...item };
    const take = <K extends 'descriptionEn' | 'descriptionLocal' | 'hsCode' | 'originCountry'>(key: K, value: string | undefined) => {
      if (blank(filled[key]) && value !== undefined) (filled as FillableItem)[key] = value;
    };
    if (entry) {
      take('descriptionEn', entry.descriptionEn);
      take('descriptionLocal', entry.descriptionLocal);
      take('hsCode', entry.hsCode);
      take('originCountry', entry.originCountry);
      if (blank(filled.unitWeight) && entry.unitWeight !== undefined) filled.unitWeight = weightIn(entry.unitWeight, options.weightUnit);
    }
    const price = { ...item.unitPrice };
    if (blank(price.amount) && entry?.declaredValue !== undefined) {
      price.amount = entry.declaredValue;
      if (blank(price.currency)) price.currency = entry.currency;
    }
    if (blank(price.currency)) price.currency = defaultCurrency ?? entry?.currency ?? price.currency;
    if (item.unitPrice !== undefined || price.amount !== undefined || price.currency !== undefined) filled.unitPrice = price;
    return filled;
  });
}

/**
 * A catalogue entry from an item of a label that was created (New label's "Save <SKU> to the
 * product catalogue"): its descriptions, unit weight (in kg) and declared value with currency.
 */
export function entryFromItem(
  sku: string,
  item: {
    descriptionEn: string;
    descriptionLocal?: string | undefined;
    unitWeight: number;
    unitPrice: { amount: number; currency: string };
  },
  weightUnit: 'KG' | 'LB' = 'KG',
): SkuCatalogueEntryInput {
  return {
    sku,
    descriptionEn: item.descriptionEn,
    ...(item.descriptionLocal ? { descriptionLocal: item.descriptionLocal } : {}),
    unitWeight: weightUnit === 'LB' ? Math.round(item.unitWeight * KG_PER_LB * 1000) / 1000 : item.unitWeight,
    declaredValue: item.unitPrice.amount,
    currency: item.unitPrice.currency as SkuCatalogueEntryInput['currency'],
  };
}
