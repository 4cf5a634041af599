import { z } from 'zod';
import { formatPath } from '../ipc/result';
import { boundedJson, boundedJsonObject } from './bounded-json';
import { ISO_COUNTRY_CODES, ISO_CURRENCY_CODES } from './iso-codes';
import { said, type SchemaField } from './schema-messages';

/**
 * Zod schemas of the Flex Forward Shipping API: the single source of truth for the client,
 * the simulator and the forms. Requests are built STRICTLY (what we send must be right);
 * responses are read LENIENTLY (the vendor may add fields and enum values without notice,
 * docs/api-contract.md §12). Messages are shown to operators, so they are plain sentences.
 */

/** `shipment.parcels[0].weight` style path, the same style as the API's `details[].field`. */
export const formatIssuePath = (path: readonly PropertyKey[]): string => formatPath(path);

// ---------------------------------------------------------------------------------------------
// Request building blocks (strict)
// ---------------------------------------------------------------------------------------------

const isMissing = (input: unknown) => input === undefined || input === null;

/** A field the messages name: its English name, and its name's key in the catalogues (errors:schema.field.*). */
const field = (key: string, en: string): SchemaField => ({ en, key: `errors:schema.field.${key}` });

/** A required, non-blank string with operator-facing messages naming the field. */
function text(f: SchemaField) {
  return z
    .string({
      error: (issue) =>
        isMissing(issue.input)
          ? said(`${f.en} is required.`, 'errors:schema.required', { field: f.key })
          : said(`${f.en} must be text.`, 'errors:schema.notText', { field: f.key }),
    })
    .regex(/\S/, { error: said(`${f.en} must not be empty.`, 'errors:schema.empty', { field: f.key }) });
}

/** An optional string: the message when it is not text. */
const optionalText = (f: SchemaField, english = `${f.en} must be text.`, key = 'errors:schema.notText') =>
  z.string({ error: said(english, key, { field: f.key }) }).optional();

/**
 * A strict object: unknown fields are refused with a message naming them, and a missing
 * section says which one is missing instead of zod's "expected object, received undefined".
 */
function strict<Shape extends z.core.$ZodLooseShape>(f: SchemaField, shape: Shape) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        const keys = issue.keys.map((k) => `"${k}"`).join(', ');
        const one = issue.keys.length === 1;
        return said(
          `${f.en} has ${one ? 'an unknown field' : 'unknown fields'}: ${keys}.`,
          one ? 'errors:schema.unknownField' : 'errors:schema.unknownFields',
          { field: f.key, keys },
        );
      }
      if (issue.code === 'invalid_type')
        return isMissing(issue.input)
          ? said(`${f.en} is required.`, 'errors:schema.required', { field: f.key })
          : said(`${f.en} must be an object.`, 'errors:schema.notObject', { field: f.key });
      return undefined;
    },
  });
}

/** A number (finite) with operator-facing messages naming the field. */
function num(f: SchemaField) {
  return z.number({
    error: (issue) =>
      isMissing(issue.input)
        ? said(`${f.en} is required.`, 'errors:schema.required', { field: f.key })
        : said(`${f.en} must be a number.`, 'errors:schema.notNumber', { field: f.key }),
  });
}

/** A positive amount (weights, dimensions): the API rejects 0 ("must be greater than 0"). */
const positive = (f: SchemaField) =>
  num(f).gt(0, { error: said(`${f.en} must be greater than 0.`, 'errors:schema.positive', { field: f.key }) });

/** A list: the message when it is not one. */
const listOf = <T extends z.ZodType>(f: SchemaField, of: T) =>
  z.array(of, { error: said(`${f.en} must be a list.`, 'errors:schema.notList', { field: f.key }) });

/**
 * An open object for undocumented request sections (`customs`, `pickup`, …, docs/api-contract.md §13):
 * any JSON, bounded in depth, fields and size (bounded-json.ts) so no input can overflow the stack.
 */
const openObject = (f: SchemaField) => boundedJsonObject(f);

export const CountryCode = z.enum(ISO_COUNTRY_CODES, {
  error: said('Use a two-letter ISO country code in capitals, such as US, JP or GB.', 'errors:schema.countryCode'),
});
export type CountryCode = z.infer<typeof CountryCode>;

export const CurrencyCode = z.enum(ISO_CURRENCY_CODES, {
  error: said('Use a three-letter ISO currency code in capitals, such as USD, EUR or JPY.', 'errors:schema.currencyCode'),
});
export type CurrencyCode = z.infer<typeof CurrencyCode>;

/**
 * A person at an address. Phone is a string: a JSON number would lose leading zeros and the
 * `+` of international numbers (docs/api-contract.md §14.2).
 */
export const Contact = strict(field('contact', 'Contact'), {
  firstName: text(field('firstName', 'First name')),
  lastName: optionalText(field('lastName', 'Last name')),
  phone: optionalText(field('phone', 'Phone'), 'Phone must be text, for example "+81-90-1234-5678".', 'errors:schema.phoneText'),
  email: z.email({ error: said('Enter a valid email address, such as name@example.com.', 'errors:schema.email') }).optional(),
});
export type Contact = z.infer<typeof Contact>;

/** A postal address. Postal code is a string so US ZIPs such as "08817" keep their zero. */
export const Address = strict(field('address', 'Address'), {
  streetLines: z
    .array(text(field('streetLine', 'Street line')), {
      error: (issue) =>
        isMissing(issue.input)
          ? said('Street address is required.', 'errors:schema.streetRequired')
          : said('Street lines must be a list.', 'errors:schema.notList', { field: 'errors:schema.field.streetLines' }),
    })
    .min(1, { error: said('Enter at least one street line.', 'errors:schema.streetMin') }),
  city: text(field('city', 'City')),
  state: optionalText(field('state', 'State')),
  postalCode: text(field('postalCode', 'Postal code')),
  countryCode: CountryCode,
});
export type Address = z.infer<typeof Address>;

/** Sender or recipient. */
export const Party = strict(field('party', 'Sender or recipient'), {
  contact: Contact,
  address: Address,
});
export type Party = z.infer<typeof Party>;

export const Dimension = strict(field('dimension', 'Dimension'), {
  length: positive(field('length', 'Length')),
  width: positive(field('width', 'Width')),
  height: positive(field('height', 'Height')),
});
export type Dimension = z.infer<typeof Dimension>;

/** A declared value per unit. */
export const Money = strict(field('unitPrice', 'Unit price'), {
  amount: num(field('amount', 'Amount')).min(0, { error: said('Amount must not be negative.', 'errors:schema.amountNegative') }),
  currency: CurrencyCode,
});
export type Money = z.infer<typeof Money>;

/** One line of goods; descriptionEn and unitWeight are customs-mandatory (docs/api-contract.md §4.1). */
export const Item = strict(field('item', 'Item'), {
  descriptionEn: text(field('descriptionEn', 'English description')),
  descriptionLocal: optionalText(field('descriptionLocal', 'Local description')),
  quantity: num(field('quantity', 'Quantity'))
    .int({ error: said('Quantity must be a whole number.', 'errors:schema.quantityWhole') })
    .min(1, { error: said('Quantity must be at least 1.', 'errors:schema.quantityMin') }),
  unitPrice: Money,
  unitWeight: positive(field('unitWeight', 'Unit weight')),
});
export type Item = z.infer<typeof Item>;

export const Parcel = strict(field('parcel', 'Parcel'), {
  weight: positive(field('weight', 'Weight')),
  dimension: Dimension.optional(),
  items: listOf(field('items', 'Items'), Item).min(1, { error: said('Add at least one item to the parcel.', 'errors:schema.itemsMin') }),
});
export type Parcel = z.infer<typeof Parcel>;

export const Shipment = strict(field('shipment', 'Shipment'), {
  shipFrom: Party.optional(),
  shipTo: Party,
  parcels: listOf(field('parcels', 'Parcels'), Parcel).min(1, { error: said('Add at least one parcel.', 'errors:schema.parcelsMin') }),
});
export type Shipment = z.infer<typeof Shipment>;

export const Service = strict(field('service', 'Service'), {
  productCode: text(field('productCode', 'Product code')),
  /**
   * Deprecated upstream in May 2026 (docs/api-contract.md §3, §14.9) but still what selects the
   * shipper account (docs/architecture.md, "Talking to the API").
   */
  shipperAccountId: z.guid({ error: said('Shipper account must be a UUID.', 'errors:schema.shipperAccount') }).optional(),
});
export type Service = z.infer<typeof Service>;

export const LABEL_FORMATS = ['PDF', 'PNG'] as const;
export const LabelOptions = strict(field('labelOptions', 'Label options'), {
  format: z.enum(LABEL_FORMATS, { error: said('Label format must be PDF or PNG.', 'errors:schema.labelFormat') }).optional(),
});
export type LabelOptions = z.infer<typeof LabelOptions>;

export const Units = strict(field('units', 'Units'), {
  weight: z.enum(['KG', 'LB'], { error: said('Weight unit must be KG or LB.', 'errors:schema.weightUnit') }).optional(),
  dimension: z.enum(['CM', 'IN'], { error: said('Dimension unit must be CM or IN.', 'errors:schema.dimensionUnit') }).optional(),
});
export type Units = z.infer<typeof Units>;

export const OrderNumbers = strict(field('orderNumbers', 'Order numbers'), {
  platformOrderNumber: text(field('platformOrderNumber', 'Platform order number')).optional(),
  referenceNumbers: listOf(field('referenceNumbers', 'Reference numbers'), text(field('referenceNumber', 'Reference number'))).optional(),
});
export type OrderNumbers = z.infer<typeof OrderNumbers>;

export const Order = strict(field('order', 'Order'), {
  customerOrderNumber: text(field('customerOrderNumber', 'Customer order number')).optional(),
  orderNumbers: OrderNumbers.optional(),
});
export type Order = z.infer<typeof Order>;

export const ServiceOption = strict(field('serviceOption', 'Service option'), {
  code: text(field('serviceOptionCode', 'Service option code')),
  value: boundedJson(field('serviceOptionValue', 'Service option value')).optional(),
});
export type ServiceOption = z.infer<typeof ServiceOption>;

/**
 * Body of `POST /labels`. Unknown top-level fields are refused: the vendor schema is
 * `additionalProperties: false` there (docs/api-contract.md §4.1).
 */
export const CreateLabelRequest = strict(field('request', 'The label request'), {
  idempotencyKey: text(field('idempotencyKey', 'Idempotency key')).max(100, {
    error: said('Idempotency key must be at most 100 characters.', 'errors:schema.idempotencyKeyLength'),
  }),
  courier: text(field('courier', 'Courier')),
  service: Service,
  shipment: Shipment,
  label: LabelOptions.optional(),
  units: Units.optional(),
  order: Order.optional(),
  customs: openObject(field('customs', 'Customs')).optional(),
  serviceOptions: listOf(field('serviceOptions', 'Service options'), ServiceOption).optional(),
  dangerousGoods: openObject(field('dangerousGoods', 'Dangerous goods')).optional(),
  pickup: openObject(field('pickup', 'Pickup')).optional(),
  courierOptions: openObject(field('courierOptions', 'Courier options')).optional(),
});
export type CreateLabelRequest = z.infer<typeof CreateLabelRequest>;

// ---------------------------------------------------------------------------------------------
// Response building blocks (lenient)
// ---------------------------------------------------------------------------------------------

/** A string the vendor may send as a JSON number (docs/api-contract.md §14.2); read back as a string. */
const stringish = z.union([z.string(), z.number().transform((n) => String(n))]);

/** Optional or null text, normalised to `string | null` so callers test one thing. */
const maybeText = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** Contact as read back from the API or from a stored sample: unknown fields pass, phone may be a number. */
export const ContactRead = z.looseObject({
  firstName: z.string(),
  lastName: z.string().optional(),
  phone: stringish.optional(),
  email: z.string().optional(),
});
export type ContactRead = z.infer<typeof ContactRead>;

/** Address as read back: postal code may arrive as a number (its leading zero is already lost). */
export const AddressRead = z.looseObject({
  streetLines: z.array(z.string()),
  city: z.string(),
  state: z.string().optional(),
  postalCode: stringish,
  countryCode: z.string(),
});
export type AddressRead = z.infer<typeof AddressRead>;

export const PartyRead = z.looseObject({ contact: ContactRead, address: AddressRead });
export type PartyRead = z.infer<typeof PartyRead>;

/** Courier error carried by a failed label; only `COURIER_ERROR` has been seen. */
export const LabelError = z.looseObject({
  code: z.string(),
  message: z.string(),
});
export type LabelError = z.infer<typeof LabelError>;

export const LABEL_STATUSES = ['created', 'failed'] as const;

/**
 * Result of `POST /labels` (201 created, 200 replay; also the 502 "label failure" body).
 * `status` is the truth: a 2xx can carry `failed` (docs/api-contract.md §4.3). An unknown status is NOT
 * mapped to anything: guessing whether a label exists would be worse than reporting it.
 */
export const LabelResult = z.looseObject({
  id: z.string().min(1),
  status: z.enum(LABEL_STATUSES),
  courier: z.string(),
  /** Only in the May 2026 API. */
  customerOrderNumber: z.string().optional(),
  courierOrderNumber: z.string().nullable().default(null),
  courierTrackingNumber: z.string().nullable().default(null),
  error: LabelError.nullable().default(null),
});
export type LabelResult = z.infer<typeof LabelResult>;

/** Courier-hosted, permanent document URL of one label. */
export const LabelDocument = z.looseObject({
  id: z.string().min(1),
  /** Absent from the older API. */
  customerOrderNumber: z.string().optional(),
  url: z.url(),
  /** Lower-case in examples (`pdf`, `png`). */
  labelFormat: z.string().min(1),
});
export type LabelDocument = z.infer<typeof LabelDocument>;

/** Batch answer of `GET /labels/{a,b,…}`; missing and failed labels are silently omitted. */
export const LabelDocumentBatch = z.looseObject({
  labels: z.array(LabelDocument),
});
export type LabelDocumentBatch = z.infer<typeof LabelDocumentBatch>;

export const TRACKING_TAGS = ['Pending', 'InfoReceived', 'InTransit', 'Delivered', 'Exception', 'Cancelled', 'Unknown'] as const;

/** Normalised tracking tag; anything not documented (or missing) reads as `Unknown` (docs/api-contract.md §12). */
export const TrackingTag = z.enum(TRACKING_TAGS).catch('Unknown');
export type TrackingTag = z.infer<typeof TrackingTag>;

/** One courier scan. Per-field required/nullable flags are undocumented, so most are optional. */
export const Checkpoint = z.looseObject({
  // One scan with a missing or odd time must not make the whole answer unreadable: the
  // tracking view puts such scans last.
  checkpointTime: z.string().nullable().catch(null),
  city: maybeText,
  state: maybeText,
  countryRegion: maybeText,
  location: maybeText,
  message: maybeText,
  tag: TrackingTag,
  subtag: maybeText,
  subtagMessage: maybeText,
  slug: maybeText,
});
export type Checkpoint = z.infer<typeof Checkpoint>;

/** Body of `GET /tracking/{id}`. Checkpoint order is disputed (docs/api-contract.md §14.8): sort by time, do not trust order. */
export const TrackingResponse = z.looseObject({
  id: z.string().min(1),
  trackingNumber: z.string().nullable().default(null),
  tag: TrackingTag,
  subtag: z.string(),
  subtagMessage: z.string(),
  slug: z.string(),
  checkpoints: z.array(Checkpoint),
});
export type TrackingResponse = z.infer<typeof TrackingResponse>;

/** `{"error": "Unauthorized"}` and friends (401, 403, 404, 405, 500). */
export const StandardError = z.looseObject({
  error: z.string(),
});
export type StandardError = z.infer<typeof StandardError>;

export const ValidationDetail = z.looseObject({
  field: z.string(),
  message: z.string(),
});
export type ValidationDetail = z.infer<typeof ValidationDetail>;

/** 400 body: `{"error": "Validation failed", "details": [{field, message}]}`. */
export const ValidationErrorBody = z.looseObject({
  error: z.string(),
  details: z.array(ValidationDetail),
});
export type ValidationErrorBody = z.infer<typeof ValidationErrorBody>;

/** A courier product; the vendor did not document the body, only that it carries a code. */
export const Product = z.looseObject({
  code: z.string().min(1),
  name: z.string().nullish(),
});
export type Product = z.infer<typeof Product>;

/** Accepts a bare array or `{products: [...]}` and always yields an array. */
export const ProductList = z
  .union([z.array(Product), z.looseObject({ products: z.array(Product) })])
  .transform((body) => (Array.isArray(body) ? body : body.products));
export type ProductList = z.infer<typeof ProductList>;

/** A courier enabled for the account; `code` goes into `courier` of POST /labels. */
export const Courier = z.looseObject({
  code: z.string().min(1),
  name: z.string().nullish(),
});
export type Courier = z.infer<typeof Courier>;

/** Accepts a bare array or `{couriers: [...]}` and always yields an array. */
export const CourierList = z
  .union([z.array(Courier), z.looseObject({ couriers: z.array(Courier) })])
  .transform((body) => (Array.isArray(body) ? body : body.couriers));
export type CourierList = z.infer<typeof CourierList>;
