import type { PlatformProfile } from './profile';
import { NO_SERVICE } from './profile';

/**
 * Yahoo!ショッピング ストアクリエイターPro → 注文管理 → 注文データダウンロード (order and item
 * fields in English: OrderId, ShipFirstName, ShipZipCode, ShipPrefecture, …; item rows with
 * Title, Quantity, UnitPrice, ItemId). Layout: code found by code search that reads the file
 * (excerpt id 26749422945: "…ShipFirstName,ShipFirstNameKana,ShipLastName,ShipLastNameKana,
 * ShipZipCode,ShipPrefecture,ShipPrefectureKana,ShipCity,ShipCityKana,ShipAddress1,…,
 * ShipPhoneNumber…"; excerpt id 34075553223: order.Id, ShipName, ShipZipCode, ShipPrefecture,
 * ShipCity, ShipAddress1, ShipAddress2, ShipPhoneNumber). Yen, recipient in Japan.
 */
export const yahooShopping: PlatformProfile = {
  id: 'yahoo-shopping',
  name: 'Yahoo! Shopping orders download',
  required: ['ShipZipCode', 'ShipPrefecture', 'ShipCity'],
  characteristic: [
    'OrderId',
    'Id',
    'ShipFirstName',
    'ShipLastName',
    'ShipName',
    'ShipAddress1',
    'ShipAddress2',
    'ShipPhoneNumber',
    'BillMailAddress',
    'Title',
    'Quantity',
    'UnitPrice',
    'ItemId',
    'SubCode',
  ],
  mapping: (h) => ({
    ...NO_SERVICE,
    orderNumber: h.find('OrderId', 'Id'),
    firstName: h.find('ShipFirstName', 'ShipName'),
    lastName: h.has('ShipFirstName') ? h.find('ShipLastName') : null,
    phone: h.find('ShipPhoneNumber'),
    email: h.find('BillMailAddress'),
    postalCode: h.find('ShipZipCode'),
    state: h.find('ShipPrefecture'),
    city: h.find('ShipCity'),
    street1: h.find('ShipAddress1'),
    street2: h.find('ShipAddress2'),
    countryCode: { constant: 'JP' },
    sku: h.find('ItemId', 'SubCode'),
    descriptionEn: null,
    descriptionLocal: h.find('Title'),
    quantity: h.find('Quantity'),
    unitPrice: h.find('UnitPrice'),
    currency: { constant: 'JPY' },
  }),
  needs: ['English description (Japanese titles; the catalogue by SKU fills it)', 'unit weight', 'parcel weight (or a package preset)'],
};
