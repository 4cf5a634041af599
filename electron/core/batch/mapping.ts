import {
  BATCH_FIELDS,
  REQUIRED_BATCH_FIELDS,
  batchFieldLabels,
  type BatchDefaults,
  type BatchField,
  type ColumnMapping,
} from '../../../shared/domain/batch';

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
  sku: ['item sku', 'lineitem sku', 'product sku', 'seller sku', 'sku code', '商品コード', '商品管理番号', 'sku编码', '商家编码', '货号'],
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
  productCode: ['service', 'service code', 'shipping service', '配送方法', 'サービスコード', '产品代码', '渠道代码', '物流渠道'],
  labelFormat: ['format', 'label type', 'ラベル形式', '面单格式'],
};

/** Lower-cased, full-width folded, with spaces and separators removed: "Shipping_Zip" = "shipping zip" = "ＳＨＩＰＰＩＮＧ ＺＩＰ". */
function normalise(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.:：・]+/g, '');
}

const lookup = new Map<string, BatchField>();
for (const field of BATCH_FIELDS) {
  // First claim wins: the field's own name and label come before any synonym.
  for (const name of [field, batchFieldLabels[field], ...SYNONYMS[field]]) {
    const key = normalise(name);
    if (!lookup.has(key)) lookup.set(key, field);
  }
}

/** A first guess at the mapping from the file's headers; the operator confirms or changes it. Unmatched fields are null. */
export function suggestMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const field of BATCH_FIELDS) mapping[field] = null;
  // Shopify calls the order number "Name" (#1001) next to "Shipping Name"; elsewhere "Name" is the recipient.
  const shopify = headers.some((h) => normalise(h) === 'shippingname');
  for (const header of headers) {
    const key = normalise(header);
    const field = key === 'name' ? (shopify ? 'orderNumber' : 'firstName') : lookup.get(key);
    // The first column that matches keeps the field (a file may have "Phone" and "Billing Phone").
    if (field && !mapping[field]) mapping[field] = header;
  }
  return mapping;
}

const SKU_FILLED_FIELDS = ['descriptionEn', 'unitPrice', 'currency', 'unitWeight'] as const satisfies readonly BatchField[];

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
  if (!defaults.courier) required.add('courier');
  if (!defaults.productCode) required.add('productCode');
  return BATCH_FIELDS.filter((field) => required.has(field) && !mapping[field]);
}

/** "Order number, Postal code and Currency": for the sentence that blocks the mapping step. */
export function describeMissing(fields: readonly BatchField[]): string {
  const labels = fields.map((f) => batchFieldLabels[f]);
  return labels.length <= 1 ? (labels[0] ?? '') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/**
 * A saved mapping applied to a new file: columns this file lacks become null (so they show as
 * missing instead of silently reading blanks), and fields the saved mapping left out are
 * suggested from this file's headers.
 */
export function fitMapping(saved: ColumnMapping, headers: readonly string[]): ColumnMapping {
  const present = new Set(headers);
  const suggested = suggestMapping(headers);
  const fitted: ColumnMapping = {};
  for (const field of BATCH_FIELDS) {
    const header = saved[field];
    fitted[field] = header === undefined ? (suggested[field] ?? null) : header !== null && present.has(header) ? header : null;
  }
  return fitted;
}
