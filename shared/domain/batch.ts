import { z } from 'zod';
import { LABEL_FORMATS } from '../flexforward/schemas';
import { LabelDraft } from './label-draft';
import { PackagePreset, SenderAddress, UnitSystem } from './settings';
import type { SkuCatalogueSnapshot } from './sku-catalogue';

export {
  ADDRESS_PARTS,
  AddressPart,
  BATCH_FIELDS,
  BatchField,
  batchFieldLabels,
  REQUIRED_BATCH_FIELDS,
  ColumnMapping,
  FieldSource,
  MEASURE_UNITS,
  MeasureUnit,
  SavedMapping,
} from './batch-mapping';
import { BatchField } from './batch-mapping';

/** Encodings the operator can pick when the guess is wrong. Windows-1252 also reads ISO-8859-1 (Latin-1), which it contains. */
export const CsvEncodingChoice = z.enum(['utf-8', 'windows-1252', 'shift_jis', 'gbk']);
export type CsvEncodingChoice = z.infer<typeof CsvEncodingChoice>;
/** Encodings an import can end up read as (UTF-16 only with a byte order mark). */
export const CsvEncoding = z.enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'shift_jis', 'gbk']);
export type CsvEncoding = z.infer<typeof CsvEncoding>;

/**
 * One data row of the file. `row` is the number a spreadsheet shows for it: the header is
 * row 1, the first data row is row 2 (a quoted value spanning lines is still one row).
 * `values` is keyed by the (de-duplicated) headers.
 */
export const CsvRow = z.object({
  row: z.number().int().min(2),
  values: z.record(z.string(), z.string()),
});
export type CsvRow = z.infer<typeof CsvRow>;

export const BatchIssue = z.object({
  row: z.number().int().min(1),
  /** The CSV header, or the field's label when the value was not read from a column (unmapped, or from the defaults). */
  column: z.string(),
  /** Null when the problem is not about one field (the chosen sender address, for instance). */
  field: BatchField.nullable(),
  /** The full sentence, starting with the place: "row 12, Postal code: Postal code is required." */
  message: z.string(),
});
export type BatchIssue = z.infer<typeof BatchIssue>;

export const BatchOrder = z.object({
  /** Empty when the rows had no order number (each such row is its own order, with an issue). */
  orderNumber: z.string(),
  rows: z.array(z.number().int()),
  /** Null when the order has issues: nothing is sent for it until they are fixed. */
  draft: LabelDraft.nullable(),
  issues: z.array(BatchIssue),
});
export type BatchOrder = z.infer<typeof BatchOrder>;

export const ImportSummary = z.object({
  encoding: CsvEncoding,
  rowCount: z.number().int().min(0),
  headers: z.array(z.string()),
  orders: z.array(BatchOrder),
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/** What fills the gaps of a file: the chosen sender, the defaults and the package preset. */
export const BatchDefaults = z.object({
  courier: z.string().nullable(),
  productCode: z.string().nullable(),
  labelFormat: z.enum(LABEL_FORMATS),
  units: UnitSystem,
  sender: SenderAddress.nullable(),
  preset: PackagePreset.nullable(),
  /** The product catalogue by SKU: fills the items the file leaves incomplete (absent: nothing is filled). */
  skuCatalogue: z.custom<SkuCatalogueSnapshot>().nullable().optional(),
});
export type BatchDefaults = z.infer<typeof BatchDefaults>;
