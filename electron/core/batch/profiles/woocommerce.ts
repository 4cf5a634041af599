import type { PlatformProfile } from './profile';
import { NO_SERVICE } from './profile';

/**
 * WooCommerce has no order export of its own; shops use an exporter plugin. Two common layouts:
 *
 * "Advanced Order Export For WooCommerce" (fields titled "First Name (Shipping)", "Postcode (Shipping)" …,
 * one row per product): public code that reads or writes it, found by code search (the index shows
 * excerpts without their repository): excerpt ids 20973251414 (the plugin's field list: "Address 2
 * (Shipping)", "City (Shipping)", "Postcode (Shipping)", "State (Shipping)", "Country (Shipping)"),
 * 48646199953 and 40963141785 ("Address 1&2 (Shipping)", "State Code (Shipping)", "Country Code
 * (Shipping)"), 14320037684 ("Order Number", "Phone (Billing)").
 *
 * "WooCommerce Simply Order Export" and similar ("Shipping First Name", "Shipping Postcode" …):
 * ankitrox/WooCommerce-Simply-Order-Export-Add-on-Doc, README.md (its field list).
 *
 * A German shop's file re-saved in Excel arrives with ";" and Windows-1252: the reader handles both.
 */
export const woocommerceAdvanced: PlatformProfile = {
  id: 'woocommerce-advanced',
  name: 'WooCommerce orders export (Advanced Order Export)',
  required: ['Order Number', 'Postcode (Shipping)'],
  characteristic: [
    'Order Date',
    'Order Status',
    'First Name (Shipping)',
    'Last Name (Shipping)',
    'Address 1&2 (Shipping)',
    'Address 1 (Shipping)',
    'City (Shipping)',
    'State Code (Shipping)',
    'Country Code (Shipping)',
    'Email (Billing)',
    'Phone (Billing)',
    'Item Name',
    'Product Name',
    'Quantity',
    'Item Cost',
    'SKU',
    'Order Currency',
  ],
  mapping: (h) => ({
    ...NO_SERVICE,
    orderNumber: h.find('Order Number', 'Order ID'),
    firstName: h.find('First Name (Shipping)'),
    lastName: h.find('Last Name (Shipping)'),
    phone: h.find('Phone (Shipping)', 'Phone (Billing)'),
    email: h.find('Email (Billing)'),
    street1: h.find('Address 1&2 (Shipping)', 'Address 1 (Shipping)'),
    street2: h.has('Address 1&2 (Shipping)') ? null : h.find('Address 2 (Shipping)'),
    city: h.find('City (Shipping)'),
    state: h.find('State Code (Shipping)', 'State (Shipping)', 'State Name (Shipping)'),
    postalCode: h.find('Postcode (Shipping)'),
    countryCode: h.find('Country Code (Shipping)', 'Country (Shipping)', 'Country Name (Shipping)'),
    sku: h.find('SKU', 'Product SKU'),
    descriptionEn: h.find('Item Name', 'Product Name', 'Product Name (main)'),
    quantity: h.find('Quantity', 'Quantity (- Refund)', 'Qty'),
    unitPrice: h.find('Item Cost', 'Product Current Price', 'Item Price'),
    currency: h.find('Order Currency', 'Currency'),
    unitWeight: h.find('Weight', 'Product Weight') ?? null,
  }),
  needs: [
    'unit weight, unless the export includes the product weight',
    'parcel weight (or a package preset)',
    'currency, unless the export includes Order Currency',
  ],
};

export const woocommerceSimple: PlatformProfile = {
  id: 'woocommerce-simple',
  name: 'WooCommerce orders export',
  required: ['Shipping First Name', 'Shipping Postcode'],
  characteristic: [
    'Order ID',
    'Order Number',
    'Order Currency',
    'Shipping Last Name',
    'Shipping Company',
    'Shipping Address',
    'Shipping Address 1',
    'Shipping City',
    'Shipping State',
    'Shipping Country',
    'Billing Email',
    'Billing Phone',
    'Product Name',
    'Quantity',
  ],
  mapping: (h) => ({
    ...NO_SERVICE,
    orderNumber: h.find('Order ID', 'Order Number', 'Order'),
    firstName: h.find('Shipping First Name'),
    lastName: h.find('Shipping Last Name'),
    phone: h.find('Shipping Phone', 'Billing Phone'),
    email: h.find('Billing Email', 'Email'),
    street1: h.find('Shipping Address 1', 'Shipping Address'),
    street2: h.find('Shipping Address 2'),
    city: h.find('Shipping City'),
    state: h.find('Shipping State'),
    postalCode: h.find('Shipping Postcode'),
    countryCode: h.find('Shipping Country'),
    sku: h.find('SKU', 'Product SKU'),
    descriptionEn: h.find('Product Name', 'Item Name', 'Product'),
    quantity: h.find('Quantity', 'Qty'),
    unitPrice: h.find('Item Cost', 'Product Price', 'Price'),
    currency: h.find('Order Currency', 'Currency'),
  }),
  needs: ['unit weight', 'parcel weight (or a package preset)'],
};
