import { createHash } from 'node:crypto';
import type { LabelDraft } from '../../../shared/domain/label-draft';

/** Text as a packer would call it the same: Unicode-normalised, case-folded, inner whitespace collapsed. */
const norm = (text: string | undefined) => (text ?? '').normalize('NFKC').toLocaleLowerCase('en').replace(/\s+/g, ' ').trim();
/** Postal codes and country codes: letters and digits only ("SW1A 1AA" = "sw1a1aa", "90012-1234" = "900121234"). */
const code = (text: string | undefined) => norm(text).replace(/[^\p{L}\p{N}]/gu, '');
/** Numbers as the API reads them: 0.80 and 0.8 are the same weight. */
const num = (value: number | undefined) => (value === undefined ? '' : String(Number(value)));

/**
 * The shipment's fingerprint: one hash of what makes two label requests the same parcel to
 * the same person (docs/architecture.md, "Label creation is exactly-once"): the recipient's
 * name and address, the service, and each parcel's weight and contents. Phone, email, the
 * sender, the label format and references are left out: a second request that differs only
 * there still buys a second label for the same parcel. Used for requests without an order
 * number, whose idempotency key is a fresh UUID and so cannot catch a second purchase.
 */
export function shipmentFingerprint(request: Pick<LabelDraft, 'courier' | 'service' | 'shipment' | 'units'>): string {
  const { contact, address } = request.shipment.shipTo;
  const canonical = {
    name: norm([contact.firstName, contact.lastName].filter(Boolean).join(' ')),
    street: address.streetLines.map(norm).filter(Boolean),
    city: norm(address.city),
    state: norm(address.state),
    postalCode: code(address.postalCode),
    country: code(address.countryCode),
    courier: norm(request.courier),
    product: norm(request.service.productCode),
    weightUnit: request.units?.weight ?? 'KG',
    parcels: request.shipment.parcels.map((p) => ({
      weight: num(p.weight),
      items: p.items
        .map((i) => [norm(i.descriptionEn), num(i.quantity), num(i.unitWeight)].join('|'))
        // The same goods listed in another order are the same contents.
        .sort(),
    })),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 32);
}
