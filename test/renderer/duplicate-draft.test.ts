import { describe, expect, it } from 'vitest';
import type { SenderAddress } from '../../shared/domain/settings';
import { buildDraft, formFromDraft, NO_SENDER, TYPED_SENDER } from '../../renderer/src/features/labels/draft';
import { duplicateQuestion } from '../../renderer/src/features/labels/use-shipment-form';
import type { LabelDraft } from '../../shared/domain/label-draft';

/** A complete label request without key (the renderer's tests cannot import the simulator's fixtures). */
function labelDraft(orderNumber: string | null, { format = 'PDF' }: { format?: 'PDF' | 'PNG' } = {}): LabelDraft {
  return {
    courier: 'yunexpress',
    service: { productCode: 'YEXP01' },
    shipment: {
      shipTo: {
        contact: { firstName: 'Maria', lastName: 'Garcia', phone: '+1-213-555-0147', email: 'maria@example.com' },
        address: { streetLines: ['742 Evergreen Terrace'], city: 'Los Angeles', state: 'CA', postalCode: '90012', countryCode: 'US' },
      },
      parcels: [
        {
          weight: 0.8,
          dimension: { length: 20, width: 15, height: 10 },
          items: [
            {
              descriptionEn: 'Notebook',
              descriptionLocal: 'ノート',
              quantity: 2,
              unitPrice: { amount: 6.5, currency: 'USD' },
              unitWeight: 0.3,
            },
          ],
        },
      ],
    },
    label: { format },
    units: { weight: 'KG', dimension: 'CM' },
    ...(orderNumber ? { order: { customerOrderNumber: orderNumber } } : {}),
  };
}

const sender: SenderAddress = {
  id: 'warehouse',
  name: 'Warehouse',
  party: {
    contact: { firstName: 'Flex', lastName: 'Forward' },
    address: { streetLines: ['1-2-3 Shibuya'], city: 'Tokyo', postalCode: '150-0002', countryCode: 'JP' },
  },
};

describe('"Duplicate": a label’s request back into the form', () => {
  it('gives the form that builds the same request again', () => {
    const draft = labelDraft('ORD-77', { format: 'PNG' });
    draft.order = { customerOrderNumber: 'ORD-77', orderNumbers: { platformOrderNumber: 'P-1', referenceNumbers: ['A', 'B'] } };
    draft.serviceOptions = [{ code: 'SIGNATURE', value: 'yes' }];
    const form = formFromDraft(draft, []);
    expect(form.senderId).toBe(NO_SENDER);
    expect(buildDraft(form, [])).toEqual(draft);
  });

  it('chooses the saved sender address when it is the same, and types any other', () => {
    const saved = { ...labelDraft(null), shipment: { ...labelDraft(null).shipment, shipFrom: sender.party } };
    expect(formFromDraft(saved, [sender]).senderId).toBe('warehouse');
    expect(buildDraft(formFromDraft(saved, [sender]), [sender])).toEqual(saved);
    const typed = formFromDraft(saved, []);
    expect(typed.senderId).toBe(TYPED_SENDER);
    expect(buildDraft(typed, [])).toEqual(saved);
  });

  it('keeps imperial units', () => {
    const draft = { ...labelDraft(null), units: { weight: 'LB', dimension: 'IN' } } as const;
    expect(formFromDraft(draft, []).units).toBe('imperial');
    expect(buildDraft(formFromDraft(draft, []), [])).toEqual(draft);
  });
});

describe('the duplicate_shipment refusal as a question', () => {
  it('reads the label main named, or the unconfirmed request; other errors are not questions', () => {
    expect(
      duplicateQuestion({
        code: 'duplicate_shipment',
        message: 'This shipment was already labelled…',
        fields: {
          'duplicateOf.kind': 'label',
          'duplicateOf.labelId': 'L-1',
          'duplicateOf.trackingNumber': 'YT1',
          'duplicateOf.orderNumber': '',
          'duplicateOf.recipientName': 'Maria Garcia',
          'duplicateOf.createdAt': '1700000000000',
        },
      }),
    ).toEqual({
      kind: 'label',
      message: 'This shipment was already labelled…',
      labelId: 'L-1',
      trackingNumber: 'YT1',
      orderNumber: null,
      recipientName: 'Maria Garcia',
      createdAt: 1_700_000_000_000,
    });
    expect(
      duplicateQuestion({
        code: 'duplicate_shipment',
        message: 'not confirmed yet',
        fields: { 'duplicateOf.kind': 'request', 'duplicateOf.idempotencyKey': 'k-1', 'duplicateOf.createdAt': '5' },
      }),
    ).toEqual({ kind: 'request', message: 'not confirmed yet', idempotencyKey: 'k-1', createdAt: 5 });
    expect(duplicateQuestion({ code: 'validation', message: 'x', fields: { 'duplicateOf.labelId': 'L-1' } })).toBeNull();
  });
});
