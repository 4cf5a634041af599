import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** What a spec changes in the usual shipment (Maria Garcia in Los Angeles, one notebook). */
export interface ShipmentFields {
  firstName?: string;
  /** Leave the phone blank with null. */
  phone?: string | null;
  postalCode?: string;
  /** Parcel weight in kg; null leaves the field as it is (a spec types it later). */
  weight?: string | null;
  /** Null: the item is left empty (a spec fills it from an SKU). */
  item?: { description: string; unitPrice: string; unitWeight: string } | null;
  /** Null: courier and product are left as the defaults give them. */
  service?: { courier: string; productCode: string } | null;
  orderNumber?: string;
}

/** Fills the New label form the way an operator does, field by field, ending in the order number when there is one. */
export async function fillShipment(page: Page, fields: ShipmentFields = {}) {
  const to = page.getByRole('group', { name: 'Recipient' });
  await to.getByLabel('First name').fill(fields.firstName ?? 'Maria');
  await to.getByLabel('Last name').fill('Garcia');
  if (fields.phone !== null) await to.getByLabel('Phone').fill(fields.phone ?? '+1-213-555-0147');
  await to.getByLabel('Street address', { exact: true }).fill('742 Evergreen Terrace');
  await to.getByLabel('City').fill('Los Angeles');
  await to.getByLabel('State or prefecture').fill('CA');
  await to.getByLabel('Postal code').fill(fields.postalCode ?? '90001');
  await to.getByLabel('Country').selectOption('US');
  if (fields.weight !== null) await page.getByLabel('Weight (kg)').fill(fields.weight ?? '0.8');
  const item = fields.item === undefined ? { description: 'Notebook', unitPrice: '6.50', unitWeight: '0.3' } : fields.item;
  if (item) {
    await page.getByLabel('Description (English), item 1 of parcel 1').fill(item.description);
    await page.getByLabel('Unit price, item 1 of parcel 1').fill(item.unitPrice);
    await page.getByLabel('Unit weight, item 1 of parcel 1').fill(item.unitWeight);
  }
  const service = fields.service === undefined ? { courier: 'yunexpress', productCode: 'YEXP01' } : fields.service;
  if (service) {
    await page.getByLabel('Courier', { exact: true }).selectOption(service.courier);
    await expect(page.getByLabel('Product', { exact: true }).locator('option')).not.toHaveCount(1);
    await page.getByLabel('Product', { exact: true }).selectOption(service.productCode);
  }
  if (fields.orderNumber !== undefined) await page.getByLabel('Customer order number').fill(fields.orderNumber);
}
