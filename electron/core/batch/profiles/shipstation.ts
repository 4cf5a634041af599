import type { PlatformProfile } from './profile';
import { joined, NO_SERVICE } from './profile';

/**
 * ShipStation → Orders → Export Orders (order line items): "Order - Number", "Ship To - …",
 * "Item - …" columns, one row per item. Layout: a ShipStation import's test fixture found by code
 * search (excerpt id 71124529634: "Order - Number", "Ship To - Address 1", "Ship To - Postal Code",
 * "Item - Name", "Item - SKU", "Item - Qty", "Item - Price", …) and
 * ChrisGraham84/ShipsationMarkAsShipped, ShipStationMarkAsShipped/Model/ExtractionModel.cs
 * (Ship_To_Name, Ship_To_City, Ship_To_Country, Item_SKU, …).
 */
export const shipstation: PlatformProfile = {
  id: 'shipstation',
  name: 'ShipStation orders export',
  required: ['Order - Number', 'Ship To - Postal Code'],
  characteristic: [
    'Ship To - Name',
    'Ship To - Company',
    'Ship To - Address 1',
    'Ship To - City',
    'Ship To - State',
    'Ship To - Country',
    'Ship To - Phone',
    'Bill To - Name',
    'Item - Name',
    'Item - SKU',
    'Item - Qty',
    'Item - Price',
    'Amount - Order Total',
    'Date - Order Date',
  ],
  mapping: (h) => ({
    ...NO_SERVICE,
    orderNumber: h.find('Order - Number'),
    firstName: h.find('Ship To - Name'),
    phone: h.find('Ship To - Phone'),
    email: h.find('Customer Email', 'Bill To - Email'),
    street1: h.find('Ship To - Address 1'),
    street2: joined(h, ['Ship To - Address 2', 'Ship To - Address 3']),
    city: h.find('Ship To - City'),
    state: h.find('Ship To - State', 'Ship To - State/Province'),
    postalCode: h.find('Ship To - Postal Code'),
    countryCode: h.find('Ship To - Country'),
    sku: h.find('Item - SKU'),
    descriptionEn: h.find('Item - Name'),
    quantity: h.find('Item - Qty'),
    unitPrice: h.find('Item - Price'),
  }),
  needs: ['currency (a constant, or prices with their sign)', 'unit weight', 'parcel weight (or a package preset)'],
};
