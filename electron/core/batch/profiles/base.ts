import type { PlatformProfile } from './profile';
import { NO_SERVICE } from './profile';

/**
 * BASE (thebase.in) → 注文管理 → CSVダウンロード: one row per item; the ship-to in 氏(配送先),
 * 名(配送先), 郵便番号(配送先), 都道府県(配送先), 住所(配送先), 住所2(配送先), 電話番号(配送先).
 * 住所(配送先) holds the city and the street together: the city is split off (jp_address).
 * Layout: a BASE → Click Post converter found by code search (excerpt id 44336652700, its
 * BaseOrderRaw: 注文ID, 注文日時, 氏(配送先), 名(配送先), …, 郵便番号(配送先), 都道府県(配送先),
 * 住所(配送先), 住所2(配送先), 電話番号(配送先), 備考, 商品コード, 商品名, バリエーション, 数量) and a
 * BASE order importer (excerpt id 57025666661: 価格, 数量, the billing columns …(請求先)).
 */
export const base: PlatformProfile = {
  id: 'base',
  name: 'BASE orders CSV',
  required: ['注文ID', '郵便番号(配送先)', '氏(配送先)'],
  characteristic: [
    '注文日時',
    '名(配送先)',
    '都道府県(配送先)',
    '住所(配送先)',
    '住所2(配送先)',
    '電話番号(配送先)',
    '商品コード',
    '商品名',
    'バリエーション',
    '価格',
    '数量',
    '氏(請求先)',
  ],
  mapping: (h) => {
    const address = h.find('住所(配送先)');
    return {
      ...NO_SERVICE,
      orderNumber: h.find('注文ID'),
      firstName: h.find('名(配送先)'),
      lastName: h.find('氏(配送先)'),
      phone: h.find('電話番号(配送先)'),
      email: h.find('メールアドレス(請求先)', 'メールアドレス'),
      postalCode: h.find('郵便番号(配送先)'),
      state: h.find('都道府県(配送先)'),
      city: address ? { column: address, split: 'jp_address', part: 'city' } : undefined,
      street1: address ? { column: address, split: 'jp_address', part: 'street' } : undefined,
      street2: h.find('住所2(配送先)'),
      countryCode: { constant: 'JP' },
      sku: h.find('商品コード'),
      descriptionEn: null,
      descriptionLocal: h.find('商品名'),
      quantity: h.find('数量'),
      unitPrice: h.find('価格'),
      currency: { constant: 'JPY' },
    };
  },
  needs: ['English description (Japanese item names; the catalogue by SKU fills it)', 'unit weight', 'parcel weight (or a package preset)'],
};
