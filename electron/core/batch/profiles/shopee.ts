import type { PlatformProfile } from './profile';
import { NO_SERVICE } from './profile';

/**
 * Shopee Seller Centre → My Orders → Export (English column names): one row per item with
 * "Order ID", "Product Name", "SKU Reference No.", "Deal Price", "Quantity", and the receiver in
 * "Receiver Name", "Phone Number", "Delivery Address", "Town", "District", "Province", "Country",
 * "Zip Code". Layout: a Shopee → warehouse order converter found by code search (excerpt id
 * 19045712396) and an order importer's Shopee column list (excerpt id 67433672712: "Order ID",
 * "Receiver Name", "Product Name", "SKU Reference No.", "Quantity", "Deal Price", …). The
 * currency depends on the Shopee market and is not in the file.
 */
export const shopee: PlatformProfile = {
  id: 'shopee',
  name: 'Shopee orders export',
  required: ['Order ID', 'Receiver Name', 'Delivery Address'],
  characteristic: [
    'Order Status',
    'Tracking Number*',
    'Product Name',
    'SKU Reference No.',
    'Parent SKU Reference No.',
    'Variation Name',
    'Original Price',
    'Deal Price',
    'Quantity',
    'Phone Number',
    'Town',
    'District',
    'Province',
    'City',
    'Country',
    'Zip Code',
    'Remark from buyer',
  ],
  mapping: (h) => ({
    ...NO_SERVICE,
    orderNumber: h.find('Order ID'),
    firstName: h.find('Receiver Name'),
    phone: h.find('Phone Number'),
    street1: h.find('Delivery Address'),
    city: h.find('City', 'Town', 'District'),
    state: h.find('Province'),
    postalCode: h.find('Zip Code'),
    countryCode: h.find('Country'),
    sku: h.find('SKU Reference No.', 'Parent SKU Reference No.'),
    descriptionEn: h.find('Product Name'),
    quantity: h.find('Quantity'),
    unitPrice: h.find('Deal Price', 'Original Price'),
    currency: null,
  }),
  needs: ['currency (a constant: the market\u2019s, e.g. SGD or MYR)', 'unit weight', 'parcel weight (or a package preset)'],
};
