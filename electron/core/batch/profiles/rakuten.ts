import type { PlatformProfile } from './profile';
import { joined, NO_SERVICE } from './profile';

/**
 * Rakuten RMS → 受注・問合せ管理 → 受注データダウンロード (CSV, Shift_JIS): one row per item. The
 * postal code comes in two parts (送付先郵便番号1/2: 158 / 0094) and the phone in three
 * (送付先電話番号1–3). 配送方法 is the shop's delivery method, never a Flex Forward product.
 * Layout:
 * - the RAKUTEN_ORDER_HEADERS of an order tool found by code search (excerpt id 57906718057:
 *   SKU管理番号, 商品名, 単価, 個数, 注文番号, 配送方法, 送付先郵便番号1/2, 送付先住所都道府県,
 *   送付先住所郡市区, 送付先住所それ以降の住所, 送付先姓, 送付先名, 送付先電話番号1–3);
 * - Rakuten's order API field list found by code search (excerpt id 60264946984: zipCode1
 *   送付先郵便番号1 "158", zipCode2 "0094", phoneNumber1–3 "090" / "1234" / "5678").
 * Prices are yen; the recipient is in Japan.
 */
export const rakuten: PlatformProfile = {
  id: 'rakuten',
  name: 'Rakuten RMS orders download',
  required: ['注文番号', '送付先郵便番号1', '送付先郵便番号2'],
  characteristic: [
    '送付先姓',
    '送付先名',
    '送付先住所都道府県',
    '送付先住所郡市区',
    '送付先住所それ以降の住所',
    '送付先電話番号1',
    '送付先電話番号2',
    '送付先電話番号3',
    '商品名',
    '単価',
    '個数',
    'SKU管理番号',
    '配送方法',
    '注文日時',
  ],
  mapping: (h) => ({
    ...NO_SERVICE,
    orderNumber: h.find('注文番号'),
    firstName: h.find('送付先名', '送付先名前'),
    lastName: h.find('送付先姓', '送付先名字'),
    phone: joined(h, ['送付先電話番号1', '送付先電話番号2', '送付先電話番号3'], '-') ?? h.find('送付先電話番号'),
    email: h.find('注文者メールアドレス'),
    postalCode: joined(h, ['送付先郵便番号1', '送付先郵便番号2'], '-'),
    state: h.find('送付先住所都道府県', '送付先住所：都道府県'),
    city: h.find('送付先住所郡市区', '送付先住所：都市区'),
    street1: h.find('送付先住所それ以降の住所', '送付先住所：町以降', '送付先住所：市区町村以降'),
    countryCode: { constant: 'JP' },
    sku: h.find('SKU管理番号', 'システム連携用SKU番号', '商品管理番号', '商品番号'),
    descriptionEn: null,
    descriptionLocal: h.find('商品名'),
    quantity: h.find('個数'),
    unitPrice: h.find('単価'),
    currency: { constant: 'JPY' },
  }),
  needs: [
    'English description (the file has Japanese item names; the catalogue by SKU fills it)',
    'unit weight',
    'parcel weight (or a package preset)',
  ],
};
