import { z } from 'zod';
import { LABEL_FORMATS } from '../flexforward/schemas';
import { LabelDraft } from './label-draft';
import { PackagePreset, SenderAddress, UnitSystem } from './settings';

/**
 * Batch labels from a CSV of orders (issue 7): the columns the station understands, how the
 * operator maps them, and what an import yields. One row is one item; rows that share an
 * order number are one order; a parcel number column splits an order's items into parcels.
 */

export const BATCH_FIELDS = [
  // order
  'orderNumber',
  'platformOrderNumber',
  'referenceNumbers',
  // recipient
  'firstName',
  'lastName',
  'phone',
  'email',
  'street1',
  'street2',
  'city',
  'state',
  'postalCode',
  'countryCode',
  // parcel
  'parcelNumber',
  'weight',
  'length',
  'width',
  'height',
  // item
  'descriptionEn',
  'descriptionLocal',
  'quantity',
  'unitPrice',
  'currency',
  'unitWeight',
  // service
  'courier',
  'productCode',
  'labelFormat',
] as const;
export const BatchField = z.enum(BATCH_FIELDS);
export type BatchField = z.infer<typeof BatchField>;

/** What the mapping step and the messages call each field; also the sample CSV's headers. */
export const batchFieldLabels: Record<BatchField, string> = {
  orderNumber: 'Order number',
  platformOrderNumber: 'Platform order number',
  referenceNumbers: 'Reference numbers',
  firstName: 'First name',
  lastName: 'Last name',
  phone: 'Phone',
  email: 'Email',
  street1: 'Street 1',
  street2: 'Street 2',
  city: 'City',
  state: 'State',
  postalCode: 'Postal code',
  countryCode: 'Country code',
  parcelNumber: 'Parcel number',
  weight: 'Weight',
  length: 'Length',
  width: 'Width',
  height: 'Height',
  descriptionEn: 'English description',
  descriptionLocal: 'Local description',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  currency: 'Currency',
  unitWeight: 'Unit weight',
  courier: 'Courier',
  productCode: 'Product code',
  labelFormat: 'Label format',
};

/** Fields every import needs a column for. Courier and product code may come from the defaults instead. */
export const REQUIRED_BATCH_FIELDS = [
  'orderNumber',
  'firstName',
  'street1',
  'city',
  'postalCode',
  'countryCode',
  'weight',
  'descriptionEn',
  'quantity',
  'unitPrice',
  'currency',
  'unitWeight',
] as const satisfies readonly BatchField[];

/** Field → the CSV header it is read from; absent or null when the file has no such column. */
export const ColumnMapping = z.partialRecord(BatchField, z.string().min(1).nullable());
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const SavedMapping = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, { error: 'Give the mapping a name.' }).max(80, { error: 'Keep the name under 80 characters.' }),
  mapping: ColumnMapping,
});
export type SavedMapping = z.infer<typeof SavedMapping>;

/** Encodings the operator can pick when the guess is wrong. */
export const CsvEncodingChoice = z.enum(['utf-8', 'shift_jis', 'gbk']);
export type CsvEncodingChoice = z.infer<typeof CsvEncodingChoice>;
/** Encodings an import can end up read as (UTF-16 only with a byte order mark). */
export const CsvEncoding = z.enum(['utf-8', 'utf-16le', 'utf-16be', 'shift_jis', 'gbk']);
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
});
export type BatchDefaults = z.infer<typeof BatchDefaults>;
