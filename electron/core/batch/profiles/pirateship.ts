import type { PlatformProfile } from './profile';
import { measured, NO_SERVICE } from './profile';

/**
 * Pirate Ship's spreadsheet of shipments (what shops export to upload to Pirate Ship, and what
 * it lists): Name, Company, Address 1, Address 2, City, State, Zip, Country, Email, Phone,
 * Order Number, Weight (oz), Notes; one row per shipment, no items. Layout:
 * chargedupmarketing/kind-kandles-beta-v1, its Pirate Ship workflow notes ("CSV Format Requirements");
 * all sources: docs/platform-exports.md.
 */
export const pirateShip: PlatformProfile = {
  id: 'pirateship',
  name: 'Pirate Ship shipments spreadsheet',
  required: ['Order Number', 'Zip', 'Weight (oz)'],
  characteristic: ['Name', 'Company', 'Address 1', 'Address 2', 'City', 'State', 'Country', 'Email', 'Phone', 'Notes'],
  mapping: (h) => ({
    ...NO_SERVICE,
    orderNumber: h.find('Order Number'),
    firstName: h.find('Name'),
    phone: h.find('Phone'),
    email: h.find('Email'),
    street1: h.find('Address 1'),
    street2: h.find('Address 2'),
    city: h.find('City'),
    state: h.find('State'),
    postalCode: h.find('Zip'),
    countryCode: h.find('Country'),
    weight: measured(h.find('Weight (oz)'), 'oz'),
  }),
  needs: ['the items: English description, quantity, unit price, currency and unit weight (constants, or the catalogue by SKU)'],
};
