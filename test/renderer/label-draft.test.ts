import { describe, expect, it } from 'vitest';
import { Settings } from '../../shared/domain/settings';
import { CreateLabelRequest } from '../../shared/flexforward/schemas';
import { parseDecimal } from '../../shared/domain/numbers';
import {
  buildDraft,
  emptyForm,
  NO_SENDER,
  TYPED_SENDER,
  validateDraft,
  type ShipmentFormValues,
} from '../../renderer/src/features/labels/draft';

const defaults = Settings.parse({}).defaults;

function filled(): ShipmentFormValues {
  const form = emptyForm({ ...defaults, courier: 'yunexpress', productCode: 'YEXP01' }, []);
  return {
    ...form,
    shipTo: {
      ...form.shipTo,
      firstName: ' Maria ',
      lastName: 'Garcia',
      countryCode: 'US',
      city: 'Los Angeles',
      postalCode: '08817',
      street1: '742 Evergreen Terrace',
      street2: '',
    },
    parcels: [
      {
        presetId: '',
        weight: '0,8',
        length: '',
        width: '',
        height: '',
        items: [{ descriptionEn: 'Notebook', descriptionLocal: '', quantity: '2', amount: '6.50', currency: 'usd', unitWeight: '0.3' }],
      },
    ],
    customerOrderNumber: 'WEB-1',
    referenceNumbers: 'A-1, B-2',
  };
}

describe('the shipment form draft', () => {
  it('becomes a request the API schema accepts: numbers parsed, blanks left out, postal code kept as text', () => {
    const draft = buildDraft(filled(), []);
    expect(validateDraft(draft)).toEqual({});
    expect(CreateLabelRequest.parse({ ...draft, idempotencyKey: 'WEB-1' })).toBeTruthy();
    expect(draft).toMatchObject({
      courier: 'yunexpress',
      service: { productCode: 'YEXP01' },
      shipment: {
        shipTo: {
          contact: { firstName: 'Maria', lastName: 'Garcia' },
          address: { postalCode: '08817', streetLines: ['742 Evergreen Terrace'] },
        },
        parcels: [{ weight: 0.8, items: [{ quantity: 2, unitPrice: { amount: 6.5, currency: 'USD' }, unitWeight: 0.3 }] }],
      },
      label: { format: 'PDF' },
      units: { weight: 'KG', dimension: 'CM' },
      order: { customerOrderNumber: 'WEB-1', orderNumbers: { referenceNumbers: ['A-1', 'B-2'] } },
    });
    expect(draft.shipment.shipFrom).toBeUndefined();
    expect(draft.shipment.parcels[0]!.dimension).toBeUndefined();
  });

  it('reports errors keyed by the same request paths the API uses', () => {
    const values = filled();
    values.parcels[0]!.weight = '0';
    values.parcels[0]!.items[0]!.quantity = '1.5';
    values.parcels[0]!.height = '10';
    values.shipTo.countryCode = '';
    const errors = validateDraft(buildDraft(values, []));
    expect(Object.keys(errors).sort()).toEqual(
      [
        'shipment.parcels[0].dimension.length',
        'shipment.parcels[0].dimension.width',
        'shipment.parcels[0].items[0].quantity',
        'shipment.parcels[0].weight',
        'shipment.shipTo.address.countryCode',
      ].sort(),
    );
    expect(errors['shipment.parcels[0].weight']).toBe('Weight must be greater than 0.');
  });

  it('uses a saved sender, a typed one, or none', () => {
    const sender = {
      id: 's1',
      name: 'Tokyo',
      party: {
        contact: { firstName: 'Aiko' },
        address: { streetLines: ['1-2-3'], city: 'Tokyo', postalCode: '100-0005', countryCode: 'JP' as const },
      },
    };
    expect(buildDraft({ ...filled(), senderId: 's1' }, [sender]).shipment.shipFrom).toEqual(sender.party);
    expect(buildDraft({ ...filled(), senderId: NO_SENDER }, [sender]).shipment.shipFrom).toBeUndefined();
    const typed = buildDraft({ ...filled(), senderId: TYPED_SENDER }, [sender]);
    expect(Object.keys(validateDraft(typed))).toContain('shipment.shipFrom.contact.firstName');
  });

  it('reads numbers the way people type them', () => {
    expect(parseDecimal('')).toBeUndefined();
    expect(parseDecimal(' 1,5 ')).toBe(1.5);
    expect(parseDecimal('.5')).toBe(0.5);
    expect(parseDecimal('2kg')).toBeNaN();
    // The form reads its numbers with that shared rule, thousands separators included.
    const values = filled();
    values.parcels[0] = { ...values.parcels[0]!, weight: '1.234,5', length: '1,234.5', width: '20', height: '10' };
    expect(buildDraft(values, []).shipment.parcels[0]).toMatchObject({
      weight: 1234.5,
      dimension: { length: 1234.5, width: 20, height: 10 },
    });
  });
});
