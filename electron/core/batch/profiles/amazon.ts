import type { PlatformProfile } from './profile';
import { joined, lineTotal, NO_SERVICE } from './profile';

/**
 * Amazon Seller Central order reports: tab-separated .txt, English headers in every marketplace
 * (amazon.com and amazon.co.jp alike), one row per order item.
 * - "Unshipped Orders" report: no prices; quantity-to-ship is what this shipment carries.
 * - "Order Report" (new orders): item-price and currency; item-price is for the whole line (an
 *   aggregate of the quantity, per Seller Central's "Order Report field definitions").
 * Layout: the AMAZON_ORDER_TXT_COLUMNS of a Rakuten/Amazon order tool found by code search (excerpt
 * id 57906718057: order-id, order-item-id, … buyer-name, … recipient-name, ship-address-1…3,
 * ship-postal-code, ship-country …), and Seller Central's field definitions (docs search).
 * The recipient is recipient-name, never buyer-name (who may have sent a gift).
 */
const common = (h: Parameters<PlatformProfile['mapping']>[0]) => ({
  ...NO_SERVICE,
  orderNumber: h.find('order-id'),
  firstName: h.find('recipient-name'),
  phone: h.find('ship-phone-number', 'buyer-phone-number'),
  email: h.find('buyer-email'),
  street1: h.find('ship-address-1'),
  street2: joined(h, ['ship-address-2', 'ship-address-3']),
  city: h.find('ship-city'),
  state: h.find('ship-state'),
  postalCode: h.find('ship-postal-code'),
  countryCode: h.find('ship-country'),
  sku: h.find('sku'),
  descriptionEn: h.find('product-name'),
});

export const amazonUnshipped: PlatformProfile = {
  id: 'amazon-unshipped',
  name: 'Amazon unshipped orders report',
  required: ['order-id', 'recipient-name', 'ship-postal-code', 'quantity-to-ship'],
  characteristic: [
    'order-item-id',
    'purchase-date',
    'buyer-name',
    'sku',
    'product-name',
    'quantity-purchased',
    'ship-service-level',
    'ship-address-1',
    'ship-city',
    'ship-state',
    'ship-country',
  ],
  mapping: (h) => ({ ...common(h), quantity: h.find('quantity-to-ship'), unitPrice: null, currency: null }),
  needs: ['unit price and currency (this report has no prices)', 'unit weight', 'parcel weight (or a package preset)'],
};

export const amazonOrders: PlatformProfile = {
  id: 'amazon-orders',
  name: 'Amazon orders report',
  required: ['order-id', 'recipient-name', 'ship-postal-code'],
  characteristic: [
    'order-item-id',
    'purchase-date',
    'buyer-name',
    'sku',
    'product-name',
    'quantity-purchased',
    'currency',
    'item-price',
    'ship-service-level',
    'ship-address-1',
    'ship-city',
    'ship-state',
    'ship-country',
  ],
  mapping: (h) => ({
    ...common(h),
    quantity: h.find('quantity-purchased'),
    unitPrice: lineTotal(h.find('item-price')),
    currency: h.find('currency'),
  }),
  needs: ['unit weight', 'parcel weight (or a package preset)'],
};
