import type { PlatformProfile } from './profile';
import { lineTotal, NO_SERVICE } from './profile';

/**
 * STORES (stores.jp) → オーダー → CSVダウンロード: オーダー番号, オーダー日時, アイテム名, 種類
 * (variation), 個数, 小計, and the ship-to in 氏(配送先), 名(配送先), 郵便番号(配送先),
 * 都道府県(配送先), 住所(配送先), 電話番号(配送先). 住所(配送先) holds city and street: split.
 * Layout: two STORES converters found by code search (excerpt id 55057920133, its required
 * columns 氏(配送先), 名(配送先), アイテム名, 種類, 個数, 郵便番号(配送先), 都道府県(配送先),
 * 住所(配送先), 備考; excerpt id 55609861342: オーダー番号, オーダー日時, アイテム名; excerpt id
 * 17095628212: 個数, 小計, 配送料, 合計, 電話番号(配送先), 法人名(配送先)).
 */
export const stores: PlatformProfile = {
  id: 'stores',
  name: 'STORES orders CSV',
  required: ['オーダー番号', 'アイテム名', '郵便番号(配送先)'],
  characteristic: [
    'オーダー日時',
    '種類',
    '個数',
    '小計',
    '氏(配送先)',
    '名(配送先)',
    '都道府県(配送先)',
    '住所(配送先)',
    '電話番号(配送先)',
    '備考',
  ],
  mapping: (h) => {
    const address = h.find('住所(配送先)');
    return {
      ...NO_SERVICE,
      orderNumber: h.find('オーダー番号'),
      firstName: h.find('名(配送先)'),
      lastName: h.find('氏(配送先)'),
      phone: h.find('電話番号(配送先)'),
      email: h.find('メールアドレス'),
      postalCode: h.find('郵便番号(配送先)'),
      state: h.find('都道府県(配送先)'),
      city: address ? { column: address, split: 'jp_address', part: 'city' } : undefined,
      street1: address ? { column: address, split: 'jp_address', part: 'street' } : undefined,
      street2: h.find('住所2(配送先)'),
      countryCode: { constant: 'JP' },
      sku: h.find('SKU', '品番'),
      descriptionEn: null,
      descriptionLocal: h.find('アイテム名'),
      quantity: h.find('個数'),
      // 小計 is the line's subtotal (price × quantity).
      unitPrice: h.find('価格', '単価') ?? lineTotal(h.find('小計')),
      currency: { constant: 'JPY' },
    };
  },
  needs: ['English description (Japanese item names; the catalogue by SKU fills it)', 'unit weight', 'parcel weight (or a package preset)'],
};
