import {
  BATCH_FIELDS,
  REQUIRED_BATCH_FIELDS,
  batchFieldLabels,
  type BatchDefaults,
  type BatchField,
  type ColumnMapping,
  type CsvRow,
  type FieldSource,
} from '../../../shared/domain/batch';
import { splitChineseAddress, splitJapaneseAddress, stripTextMarkers } from './convert/text';
import { unitFromHeader } from './convert/units';
import { stationLanguage, t } from '../i18n';

/** What the operator calls a field, in their language ("Postal code", "郵便番号"); batchFieldLabels stay the English headers matched on. */
export const fieldLabel = (field: BatchField): string => t(`batch:fields.${field}`);

/**
 * Header names seen in the wild for each field, besides the field's own name and label:
 * generic English, Shopify ("Shipping Zip"), Amazon ("ship-postal-code"), eBay ("Ship To Zip"),
 * and Japanese and Chinese platform exports. Compared after `normalise`, so case, spaces,
 * underscores, hyphens and full-width forms do not matter.
 */
const SYNONYMS: Record<BatchField, readonly string[]> = {
  orderNumber: [
    'order',
    'order no',
    'order id',
    'order #',
    'order-id',
    'sales record number',
    '注文番号',
    '受注番号',
    '注文ID',
    'オーダー番号',
    '订单号',
    '订单编号',
    '客户订单号',
  ],
  platformOrderNumber: ['platform order', 'platform order id', 'marketplace order id', 'モール注文番号', '平台订单号'],
  referenceNumbers: ['reference', 'references', 'reference number', 'ref', '参照番号', '参考号'],
  firstName: [
    'recipient',
    'recipient name',
    'name (recipient)',
    'full name',
    'shipping name',
    'ship to name',
    'ship name',
    'ship-name',
    'recipient-name',
    'buyer name',
    'given name',
    'consignee',
    'consignee name',
    '名',
    '氏名',
    '名前',
    '宛名',
    '送付先氏名',
    'お届け先氏名',
    'お届け先名',
    '送付先名',
    '受取人',
    '受取人名',
    '收件人',
    '收件人姓名',
    '收货人',
    '收货人姓名',
    '姓名',
  ],
  lastName: ['surname', 'family name', 'shipping last name', '姓', 'お届け先姓', '收件人姓'],
  phone: [
    'phone number',
    'telephone',
    'tel',
    'mobile',
    'shipping phone',
    'ship to phone',
    'ship-phone-number',
    'buyer-phone-number',
    'recipient phone',
    '電話番号',
    '電話',
    'お届け先電話番号',
    '送付先電話番号',
    '电话',
    '收件人电话',
    '联系电话',
    '手机',
    '手机号',
  ],
  email: ['e-mail', 'email address', 'buyer-email', 'recipient email', 'メールアドレス', 'メール', '邮箱', '电子邮件', '收件人邮箱'],
  street1: [
    'street',
    'address',
    'address 1',
    'address line 1',
    'street address',
    'shipping street',
    'shipping address1',
    'shipping address 1',
    'ship to address 1',
    'ship-address-1',
    'recipient address',
    '住所',
    '住所1',
    '番地',
    'お届け先住所',
    '送付先住所',
    'お届け先住所1',
    '地址',
    '地址1',
    '收件人地址',
    '详细地址',
    '街道',
  ],
  street2: [
    'address 2',
    'address line 2',
    'shipping address2',
    'shipping address 2',
    'ship to address 2',
    'ship-address-2',
    '住所2',
    '建物名',
    'お届け先住所2',
    '地址2',
  ],
  city: ['town', 'shipping city', 'ship to city', 'ship-city', '市区町村', 'お届け先市区町村', '城市', '市'],
  state: [
    'province',
    'region',
    'prefecture',
    'shipping province',
    'shipping province name',
    'ship to state',
    'ship-state',
    'state/province',
    '都道府県',
    'お届け先都道府県',
    '省',
    '省份',
    '州',
    '省/州',
  ],
  postalCode: [
    'zip',
    'zip code',
    'postcode',
    'postal',
    'shipping zip',
    'ship to zip',
    'ship-postal-code',
    '郵便番号',
    'お届け先郵便番号',
    '送付先郵便番号',
    '邮编',
    '邮政编码',
  ],
  countryCode: [
    'country',
    'country iso',
    'shipping country',
    'ship to country',
    'ship-country',
    '国',
    '国コード',
    '国名',
    '国家',
    '国家代码',
    '国家二字码',
  ],
  parcelNumber: [
    'parcel',
    'parcel no',
    'package',
    'package number',
    'box',
    'box number',
    '荷物番号',
    '個口番号',
    '箱番号',
    '包裹号',
    '箱号',
  ],
  weight: ['parcel weight', 'package weight', 'total weight', 'gross weight', '重量', '重さ', '包裹重量', '总重量'],
  length: ['parcel length', '長さ', '奥行', '长', '长度'],
  width: ['parcel width', '幅', '宽', '宽度'],
  height: ['parcel height', '高さ', '高', '高度'],
  sku: [
    'item sku',
    'lineitem sku',
    'seller sku',
    'custom label',
    'sku reference no.',
    'product sku',
    'variant sku',
    '商品コード',
    '商品管理番号',
    'SKU管理番号',
    'sku编码',
    '商家编码',
    '货号',
  ],
  descriptionEn: [
    'description',
    'item description',
    'product name',
    'product',
    'item name',
    'lineitem name',
    'product-name',
    'item title',
    'english name',
    '英語品名',
    '品名（英語）',
    '商品名（英語）',
    '英文品名',
    '英文名称',
  ],
  descriptionLocal: ['local name', 'description (local)', '商品名', '品名', '中文品名', '中文名称'],
  quantity: ['qty', 'lineitem quantity', 'quantity-purchased', 'quantity purchased', '数量', '個数'],
  unitPrice: [
    'price',
    'item price',
    'lineitem price',
    'item-price',
    'declared value',
    'value',
    '単価',
    '価格',
    '单价',
    '申报价值',
    '申报单价',
  ],
  currency: ['currency code', '通貨', '币种', '货币'],
  unitWeight: ['item weight', 'weight per item', 'lineitem weight', '単位重量', '商品重量', '单件重量', '单品重量'],
  courier: ['carrier', 'courier code', 'shipping carrier', '運送会社', '配送業者', '物流商', '快递公司', '承运商'],
  // Not "Shipping Service" (eBay) or 配送方法 (Rakuten): those name the shop's shipping method,
  // not a Flex Forward product code, and must not replace the default product.
  productCode: ['product code', 'service code', 'flex forward product', 'サービスコード', '产品代码', '渠道代码'],
  labelFormat: ['format', 'label type', 'ラベル形式', '面单格式'],
};

/** Lower-cased, full-width folded, with spaces and separators removed: "Shipping_Zip" = "shipping zip" = "ＳＨＩＰＰＩＮＧ ＺＩＰ". */
function normalise(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.:：・]+/g, '');
}

/** Field and rank (lower is a better match) by normalised header: the field's own name and label first, then its synonyms in order. */
const lookup = new Map<string, { field: BatchField; rank: number }>();
for (const field of BATCH_FIELDS) {
  [field, batchFieldLabels[field], ...SYNONYMS[field]].forEach((name, rank) => {
    const key = normalise(name);
    // First claim wins: the field's own name and label come before any synonym.
    if (!lookup.has(key)) lookup.set(key, { field, rank });
  });
}

/** Prefixes that say "of the recipient" or "of the line item": "Ship To - Postal Code" is a postal code, "Item - Qty" a quantity. */
const PREFIXES = ['shipto', 'shipping', 'ship', 'recipient', 'delivery', 'lineitem', 'item'];
/** Suffixes that say the same: WooCommerce's "Postcode (Shipping)", BASE's "郵便番号(配送先)". */
const SUFFIXES = ['(shipping)', '(配送先)', '(お届け先)'];

function match(header: string): { field: BatchField; rank: number } | undefined {
  const key = normalise(header);
  const exact = lookup.get(key);
  if (exact) return exact;
  // "Weight (oz)": the unit in brackets is read by unitFromHeader, the rest names the field.
  const withoutUnit = key.replace(/[([（【][a-z"]{1,6}[)\]）】]$/u, '');
  if (withoutUnit !== key && lookup.get(withoutUnit)) return { ...lookup.get(withoutUnit)!, rank: lookup.get(withoutUnit)!.rank + 500 };
  for (const suffix of SUFFIXES) {
    if (!key.endsWith(suffix)) continue;
    const base = key.slice(0, -suffix.length);
    const found = lookup.get(`shipping${base}`) ?? lookup.get(base);
    if (found) return { ...found, rank: found.rank + 1000 };
  }
  for (const prefix of PREFIXES) {
    if (!key.startsWith(prefix) || key.length === prefix.length) continue;
    const found = lookup.get(key.slice(prefix.length));
    if (found) return { ...found, rank: found.rank + 1000 };
  }
  return undefined;
}

const MEASURED = new Set<BatchField>(['weight', 'length', 'width', 'height', 'unitWeight']);

/** A column as a field's source: a weight or size column whose header names a unit ("Weight (oz)") carries that unit. */
function columnSource(field: BatchField, header: string): FieldSource {
  const unit = MEASURED.has(field) ? unitFromHeader(header) : undefined;
  return unit && unit !== 'mm' ? { columns: [header], unit } : header;
}

/**
 * A first guess at the mapping from the file's headers; the operator confirms or changes it.
 * Unmatched fields are null. Each field takes its best-ranked column, the first one on a tie.
 */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  const ranks = new Map<BatchField, number>();
  for (const field of BATCH_FIELDS) mapping[field] = null;
  // Shopify calls the order number "Name" (#1001) next to "Shipping Name"; elsewhere "Name" is the recipient.
  const shopify = headers.some((h) => normalise(h) === 'shippingname');
  for (const header of headers) {
    const key = normalise(header);
    const found = key === 'name' ? { field: shopify ? ('orderNumber' as const) : ('firstName' as const), rank: 0 } : match(header);
    if (!found || (ranks.get(found.field) ?? Infinity) <= found.rank) continue;
    ranks.set(found.field, found.rank);
    if (found.field === 'orderNumber') mapping.orderNumber = header;
    else mapping[found.field] = columnSource(found.field, header);
  }
  return mapping;
}

const SKU_FILLED_FIELDS = ['descriptionEn', 'unitPrice', 'currency', 'unitWeight'] as const satisfies readonly BatchField[];

/** The columns a source reads (none for a constant). */
export function sourceColumns(source: FieldSource | null | undefined): string[] {
  if (!source) return [];
  if (typeof source === 'string') return [source];
  if ('columns' in source) return source.columns;
  if ('column' in source) return [source.column];
  return [];
}

/** What an issue calls the place a value came from: the header, "A + B" for joined columns, "收货地址 (postal code)" for a part, or the field's label for a constant. */
export function sourceLabel(source: FieldSource | null | undefined, field: BatchField): string | null {
  if (!source) return null;
  if (typeof source === 'object' && 'constant' in source) return t('batch:issues.constantColumn', { field: fieldLabel(field) });
  // A part of a cell is named with its part, so a fix typed for it cannot overwrite the whole cell.
  if (typeof source === 'object' && 'split' in source) {
    const part = stationLanguage() === 'en' ? fieldLabel(field).toLowerCase() : fieldLabel(field);
    return t('batch:issues.partColumn', { column: source.column, field: part });
  }
  return sourceColumns(source).join(' + ');
}

/**
 * The raw text of a field in a row, before the field's own conversion (country names, units):
 * a column's cell, joined cells (blank parts left out), a part of a split cell, or the constant.
 * Excel's text markers (a leading ', ="…") are removed.
 */
export function readSource(row: CsvRow, source: FieldSource | null | undefined): string {
  if (!source) return '';
  const cell = (header: string) => stripTextMarkers(row.values[header] ?? '');
  if (typeof source === 'string') return cell(source);
  if ('constant' in source) return source.constant.trim();
  if ('columns' in source) {
    return source.columns
      .map(cell)
      .filter(Boolean)
      .join(source.join ?? ' ');
  }
  const split = source.split === 'cn_address' ? splitChineseAddress : splitJapaneseAddress;
  return split(cell(source.column))[source.part].trim();
}

/** Required fields without a column, in field order. Courier, product code and weight count as given when the defaults or the package preset supply them. */
export function missingRequired(
  mapping: ColumnMapping,
  defaults: Partial<Pick<BatchDefaults, 'courier' | 'productCode' | 'preset' | 'sender' | 'skuCatalogue'>> = {},
): BatchField[] {
  const required = new Set<BatchField>(REQUIRED_BATCH_FIELDS);
  if (defaults.preset?.weight !== undefined) required.delete('weight');
  // With an SKU column and a catalogue, items are filled by SKU; the orders name any item still incomplete.
  if (mapping.sku && defaults.skuCatalogue?.entries.size) for (const f of SKU_FILLED_FIELDS) required.delete(f);
  if (defaults.sender?.defaultCurrency) required.delete('currency');
  // Prices may carry their currency ("$12.99", "C $9.50"): rows whose price has no sign say so themselves.
  if (mapping.unitPrice) required.delete('currency');
  if (!defaults.courier) required.add('courier');
  if (!defaults.productCode) required.add('productCode');
  return BATCH_FIELDS.filter((field) => required.has(field) && !mapping[field]);
}

/** "Order number, Postal code and Currency": for the sentence that blocks the mapping step. */
export function describeMissing(fields: readonly BatchField[]): string {
  const labels = fields.map(fieldLabel);
  if (labels.length <= 1) return labels[0] ?? '';
  return t('batch:list.and', { items: labels.slice(0, -1).join(t('batch:list.separator')), last: labels.at(-1) });
}

/**
 * A saved mapping applied to a new file: sources reading columns this file lacks become null (so
 * they show as missing instead of silently reading blanks), constants stay, and fields the saved
 * mapping left out are suggested from this file's headers.
 */
export function fitMapping(saved: ColumnMapping, headers: readonly string[]): ColumnMapping {
  const present = new Set(headers);
  const suggested = suggestMapping(headers);
  const fitted: ColumnMapping = {};
  for (const field of BATCH_FIELDS) {
    const source = saved[field];
    const fits = source != null && sourceColumns(source).every((h) => present.has(h));
    const value = source === undefined ? (suggested[field] ?? null) : fits ? source : null;
    if (field === 'orderNumber') fitted.orderNumber = typeof value === 'string' ? value : null;
    else fitted[field] = value;
  }
  return fitted;
}
