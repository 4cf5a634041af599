import type { PlatformProfile } from './profile';
import { NO_SERVICE } from './profile';

/**
 * eBay Seller Hub → Orders → Download report ("Orders report", CSV). A blank or title line
 * above the header, a padding row under it, and "N record(s) downloaded" / "Seller ID : …" lines
 * at the end (csv-parse.ts leaves those out); an order of several items is an order row followed
 * by its item rows, sharing the Order Number (build-orders.ts folds the order row in). Prices
 * carry their sign ("$12.99"). Header list: randomecho/shifted-sales-report, README.md.
 * "Shipping Service" is eBay's shipping method, not a Flex Forward product: never mapped.
 */
export const ebay: PlatformProfile = {
  id: 'ebay',
  name: 'eBay orders report',
  required: ['Sales Record Number', 'Ship To Zip'],
  characteristic: [
    'Order Number',
    'Buyer Username',
    'Buyer Name',
    'Ship To Name',
    'Ship To Phone',
    'Ship To Address 1',
    'Ship To City',
    'Ship To State',
    'Ship To Country',
    'Item Number',
    'Item Title',
    'Custom Label',
    'Quantity',
    'Sold For',
    'Total Price',
    'Shipping Service',
  ],
  mapping: (h) => ({
    ...NO_SERVICE,
    orderNumber: h.find('Order Number', 'Sales Record Number'),
    firstName: h.find('Ship To Name'),
    phone: h.find('Ship To Phone'),
    email: h.find('Buyer Email'),
    street1: h.find('Ship To Address 1'),
    street2: h.find('Ship To Address 2'),
    city: h.find('Ship To City'),
    state: h.find('Ship To State'),
    postalCode: h.find('Ship To Zip'),
    countryCode: h.find('Ship To Country'),
    // Each item row has its own sales record number: not an order-wide reference.
    referenceNumbers: null,
    sku: h.find('Custom Label'),
    descriptionEn: h.find('Item Title'),
    quantity: h.find('Quantity'),
    unitPrice: h.find('Sold For'),
    currency: null,
  }),
  needs: ['unit weight', 'parcel weight (or a package preset)', 'currency when prices have no sign (a constant)'],
};
