import { z } from 'zod';

// The columns of a batch CSV and how they map, apart from batch.ts so that settings.ts
// (saved mappings) can import it without an import cycle through batch.ts.

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
  // the item's SKU, last so that files laid out like the earlier sample keep their column positions
  'sku',
] as const;
export const BatchField = z.enum(BATCH_FIELDS);
export type BatchField = z.infer<typeof BatchField>;

/**
 * Each field's English header: the sample CSV's headers, and a name the importer matches a
 * file's columns on (electron/core/batch/mapping.ts), so they are data and stay English in every
 * language. What a person reads for a field is `batch:fields.<field>` in the catalogues.
 */
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
  sku: 'SKU',
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

/** Units a weight or size column may be written in; values are converted to the station's units (kg/cm or lb/in). */
export const MEASURE_UNITS = ['kg', 'g', 'lb', 'oz', 'cm', 'in'] as const;
export const MeasureUnit = z.enum(MEASURE_UNITS);
export type MeasureUnit = z.infer<typeof MeasureUnit>;

/**
 * Cells whose layout is known and that a field can take one part of:
 * - `cn_address`: a Chinese one-cell address, "省 市 区 详细地址(邮编)" (Taobao/Tmall's 收货地址):
 *   province → state, city, district + street → street, the postal code in brackets;
 * - `jp_address`: a Japanese address after the prefecture (BASE's 住所(配送先)), "渋谷区神南1-2-3":
 *   the city, ward, town or village → city, the rest → street.
 */
export const ADDRESS_SPLITS = ['cn_address', 'jp_address'] as const;
export const ADDRESS_PARTS = ['state', 'city', 'street', 'postalCode'] as const;
export const AddressPart = z.enum(ADDRESS_PARTS);
export type AddressPart = z.infer<typeof AddressPart>;

const Header = z.string().min(1).max(300);

/**
 * Where a field's value comes from:
 * - a header: that column, as before;
 * - `columns` (+ `join`, default " "): several columns joined, blank parts left out ("158" + "0094"
 *   with join "-" → "158-0094"); `unit` says what a weight or size is written in; `lineTotal` says the
 *   price is for the whole line (Amazon's item-price), so it is divided by the quantity;
 * - `column` + `split`: one part of a cell whose layout is known (see ADDRESS_SPLITS);
 * - `constant`: the same value for every row (a weight, a currency the file lacks).
 */
export const FieldSource = z.union([
  Header,
  z.strictObject({
    columns: z.array(Header).min(1).max(8),
    join: z.string().max(3).optional(),
    unit: MeasureUnit.optional(),
    lineTotal: z.literal(true).optional(),
  }),
  z.strictObject({ column: Header, split: z.enum(ADDRESS_SPLITS), part: AddressPart }),
  z.strictObject({ constant: z.string().trim().min(1, { error: 'batch:validation.constant' }).max(200) }),
]);
export type FieldSource = z.infer<typeof FieldSource>;

type SourceField = Exclude<BatchField, 'orderNumber'>;
/**
 * Field → where it is read from; absent or null when the file has no such column. The order
 * number is always one column (rows are grouped by it, and Station mode looks orders up by it).
 */
export type ColumnMapping = { orderNumber?: string | null } & { [F in SourceField]?: FieldSource | null };
export const ColumnMapping = z.strictObject(
  Object.fromEntries(
    BATCH_FIELDS.map((field) => [field, (field === 'orderNumber' ? Header : FieldSource).nullable().optional()]),
  ) as Record<BatchField, z.ZodOptional<z.ZodNullable<typeof FieldSource>>>,
) as unknown as z.ZodType<ColumnMapping>;

export const SavedMapping = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, { error: 'batch:validation.mappingName' }).max(80, { error: 'batch:validation.mappingNameLong' }),
  mapping: ColumnMapping,
  /**
   * The headers of the file it was saved from (sorted): a file with the same set of headers
   * gets this mapping without asking. Absent on mappings saved before imports remembered them.
   */
  headers: z.array(z.string()).max(500).optional(),
  /** When it was saved (ms since the epoch), for "Using your saved mapping from …". */
  savedAt: z.number().int().optional(),
});
export type SavedMapping = z.infer<typeof SavedMapping>;
