import type { PlatformProfile } from './profile';
import { lineTotal, NO_SERVICE } from './profile';

/**
 * Etsy Shop Manager → Settings → Options → Download Data. Two files:
 *
 * "Orders" (EtsySoldOrders…csv): one row per order, no item titles, "Number of Items" and the
 * order's value. Layout: YitongM/Etsy2ParcelMonkeyCSV, Etsy2ParcelMonkeyCSV/Models/EtsyImportModel.cs
 * (SaleDate, OrderID, FullName, Street1, …) and an importer's column list found by code search
 * (excerpt id 65738558417: "Order ID", "Sale Date", "Full Name", "Street 1", "Ship Zipcode", …).
 *
 * "Order Items" (EtsySoldOrderItems…csv): one row per item with "Item Name", "Quantity", "Price"
 * and the ship-to address. Layout: the SaleItem interface of an Etsy sales dashboard found by code
 * search (excerpt id 22063015341: "Sale Date", "Item Name", "Ship Name", "Ship Address1", "Ship
 * Zipcode", "Order ID", "Variations", "SKU", …).
 */
export const etsyOrders: PlatformProfile = {
  id: 'etsy-orders',
  name: 'Etsy sold orders (EtsySoldOrders)',
  required: ['Order ID', 'Number of Items', 'Ship Zipcode'],
  characteristic: [
    'Sale Date',
    'Full Name',
    'First Name',
    'Last Name',
    'Street 1',
    'Street 2',
    'Ship City',
    'Ship State',
    'Ship Country',
    'Currency',
    'Order Value',
    'Order Total',
    'Buyer',
  ],
  mapping: (h) => ({
    ...NO_SERVICE,
    orderNumber: h.find('Order ID'),
    firstName: h.find('Full Name', 'First Name'),
    lastName: h.has('Full Name') ? null : h.find('Last Name'),
    street1: h.find('Street 1'),
    street2: h.find('Street 2'),
    city: h.find('Ship City'),
    state: h.find('Ship State'),
    postalCode: h.find('Ship Zipcode'),
    countryCode: h.find('Ship Country'),
    sku: h.find('SKU'),
    descriptionEn: null,
    quantity: h.find('Number of Items'),
    // The order's value for all its items: per unit, divided by the number of items.
    unitPrice: lineTotal(h.find('Order Value')),
    currency: h.find('Currency'),
  }),
  needs: [
    'English description (this file has no item titles; the Order Items file has)',
    'unit weight',
    'parcel weight (or a package preset)',
  ],
};

export const etsyOrderItems: PlatformProfile = {
  id: 'etsy-order-items',
  name: 'Etsy sold order items (EtsySoldOrderItems)',
  required: ['Order ID', 'Item Name', 'Ship Zipcode'],
  characteristic: [
    'Sale Date',
    'Buyer',
    'Quantity',
    'Price',
    'Currency',
    'Transaction ID',
    'Listing ID',
    'Ship Name',
    'Ship Address1',
    'Ship City',
    'Ship State',
    'Ship Country',
    'Variations',
    'SKU',
  ],
  mapping: (h) => ({
    ...NO_SERVICE,
    orderNumber: h.find('Order ID'),
    firstName: h.find('Ship Name'),
    street1: h.find('Ship Address1'),
    street2: h.find('Ship Address2'),
    city: h.find('Ship City'),
    state: h.find('Ship State'),
    postalCode: h.find('Ship Zipcode'),
    countryCode: h.find('Ship Country'),
    sku: h.find('SKU'),
    descriptionEn: h.find('Item Name'),
    quantity: h.find('Quantity'),
    unitPrice: h.find('Price'),
    currency: h.find('Currency'),
  }),
  needs: ['unit weight', 'parcel weight (or a package preset)'],
};
