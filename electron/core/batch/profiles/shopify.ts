import type { PlatformProfile } from './profile';
import { NO_SERVICE } from './profile';

/**
 * Shopify Admin → Orders → Export (CSV for Excel): one row per line item; an order's later rows
 * leave the order columns (Email, Currency, Shipping …) blank; ZIP codes may carry a leading '.
 * Layout from public importers of this file:
 * - laplace-live/shopify-csv-converter, src/types/index.d.ts (ShopifyOrderExportItem)
 * - AaronLain/tenderloin_v1, orders/orders.go (csv tags Name, Shipping Zip, Lineitem sku …)
 * - NailaImran/E-commerce-AI-employee, its order-reader skill's Shopify column reference
 * (all sources: docs/platform-exports.md)
 */
export const shopify: PlatformProfile = {
  id: 'shopify',
  name: 'Shopify orders export',
  required: ['Name', 'Lineitem name', 'Shipping Zip'],
  characteristic: [
    'Email',
    'Financial Status',
    'Fulfillment Status',
    'Currency',
    'Lineitem quantity',
    'Lineitem price',
    'Lineitem sku',
    'Shipping Name',
    'Shipping Address1',
    'Shipping City',
    'Shipping Province',
    'Shipping Country',
  ],
  mapping: (h) => ({
    ...NO_SERVICE,
    orderNumber: h.find('Name'),
    firstName: h.find('Shipping Name'),
    phone: h.find('Shipping Phone', 'Phone'),
    email: h.find('Email'),
    street1: h.find('Shipping Address1', 'Shipping Street'),
    street2: h.find('Shipping Address2'),
    city: h.find('Shipping City'),
    state: h.find('Shipping Province'),
    postalCode: h.find('Shipping Zip'),
    countryCode: h.find('Shipping Country'),
    sku: h.find('Lineitem sku'),
    descriptionEn: h.find('Lineitem name'),
    quantity: h.find('Lineitem quantity'),
    unitPrice: h.find('Lineitem price'),
    currency: h.find('Currency'),
    weight: null,
    unitWeight: null,
  }),
  needs: ['unit weight (per item)', 'parcel weight (or a package preset)'],
};
