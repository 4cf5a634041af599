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
  // item, last so that files written in the earlier column order (the sample CSV's) keep their positions
  'sku',
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

/** Field → the CSV header it is read from; absent or null when the file has no such column. */
export const ColumnMapping = z.partialRecord(BatchField, z.string().min(1).nullable());
export type ColumnMapping = z.infer<typeof ColumnMapping>;

export const SavedMapping = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1, { error: 'Give the mapping a name.' }).max(80, { error: 'Keep the name under 80 characters.' }),
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
