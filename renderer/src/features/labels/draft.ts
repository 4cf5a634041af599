import { LabelDraft } from '../../../../shared/domain/label-draft';
import type { Defaults, PackagePreset, SenderAddress } from '../../../../shared/domain/settings';
import { unitsFor } from '../../../../shared/domain/settings';
import { parseDecimal } from '../../../../shared/domain/numbers';
import { stripUndefined } from '../../../../shared/domain/strip-undefined';
import { issuesToFields } from '../../../../shared/ipc/result';
import { draftFromParty, emptyParty, partyFromDraft, type PartyDraft } from '../../components/PartyFields';

/** One item as typed: strings, so half-filled rows are fine. */
export interface ItemForm {
  /** The product's SKU: fills the item from the product catalogue (ItemSkuField.tsx); not sent to the API. */
  sku?: string;
  descriptionEn: string;
  descriptionLocal: string;
  quantity: string;
  amount: string;
  currency: string;
  unitWeight: string;
}

export interface ParcelForm {
  presetId: string;
  weight: string;
  length: string;
  width: string;
  height: string;
  items: ItemForm[];
}

/** The whole shipment form. Error keys everywhere are request paths (`shipment.parcels[0].weight`), as the API reports them. */
/** Sender choice: a saved address's id, or one of these. */
export const NO_SENDER = '__none';
export const TYPED_SENDER = '__typed';

export interface ShipmentFormValues {
  senderId: string;
  shipFrom: PartyDraft;
  shipTo: PartyDraft;
  parcels: ParcelForm[];
  customerOrderNumber: string;
  platformOrderNumber: string;
  referenceNumbers: string;
  courier: string;
  productCode: string;
  labelFormat: 'PDF' | 'PNG';
  units: 'metric' | 'imperial';
  serviceOptions: { code: string; value: string }[];
}

export const emptyItem = (currency = 'USD'): ItemForm => ({
  descriptionEn: '',
  descriptionLocal: '',
  quantity: '1',
  amount: '',
  currency,
  unitWeight: '',
});

export function parcelFromPreset(preset: PackagePreset | undefined, items: ItemForm[] = [emptyItem()]): ParcelForm {
  return {
    presetId: preset?.id ?? '',
    weight: preset?.weight?.toString() ?? '',
    length: preset?.dimension?.length.toString() ?? '',
    width: preset?.dimension?.width.toString() ?? '',
    height: preset?.dimension?.height.toString() ?? '',
    items,
  };
}

/** A fresh form from the station's defaults: default sender, package preset, courier, product, format, units. */
export function emptyForm(
  defaults: Defaults,
  presets: readonly PackagePreset[],
  senders: readonly SenderAddress[] = [],
): ShipmentFormValues {
  // The default sender's currency prices the first item (issue 14 item 4).
  const currency = senders.find((s) => s.id === defaults.senderId)?.defaultCurrency;
  return {
    senderId: defaults.senderId ?? NO_SENDER,
    shipFrom: emptyParty,
    shipTo: emptyParty,
    parcels: [
      parcelFromPreset(
        presets.find((p) => p.id === defaults.packagePresetId),
        [emptyItem(currency)],
      ),
    ],
    customerOrderNumber: '',
    platformOrderNumber: '',
    referenceNumbers: '',
    courier: defaults.courier ?? '',
    productCode: defaults.productCode ?? '',
    labelFormat: defaults.labelFormat,
    units: defaults.units,
    serviceOptions: [],
  };
}

const optional = (s: string) => (s.trim() ? s.trim() : undefined);

/** Form values → the draft the API schema judges (blank optional parts left out). */
export function buildDraft(values: ShipmentFormValues, senders: readonly SenderAddress[]): LabelDraft {
  const sender = senders.find((s) => s.id === values.senderId);
  // shipFrom is required only for some couriers and lanes (docs/api-contract.md §4.1): leaving it out is allowed.
  const shipFrom = sender ? sender.party : values.senderId === TYPED_SENDER ? partyFromDraft(values.shipFrom) : undefined;
  const refs = values.referenceNumbers
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const orderNumbers =
    optional(values.platformOrderNumber) || refs.length
      ? { platformOrderNumber: optional(values.platformOrderNumber), referenceNumbers: refs.length ? refs : undefined }
      : undefined;
  const order =
    optional(values.customerOrderNumber) || orderNumbers
      ? { customerOrderNumber: optional(values.customerOrderNumber), orderNumbers }
      : undefined;
  const draft = {
    courier: values.courier.trim(),
    service: { productCode: values.productCode.trim() },
    shipment: {
      shipFrom,
      shipTo: partyFromDraft(values.shipTo),
      parcels: values.parcels.map((p) => {
        const dims = [p.length, p.width, p.height];
        return {
          weight: parseDecimal(p.weight),
          dimension: dims.some((d) => d.trim())
            ? { length: parseDecimal(p.length), width: parseDecimal(p.width), height: parseDecimal(p.height) }
            : undefined,
          items: p.items.map((i) => ({
            descriptionEn: i.descriptionEn.trim(),
            descriptionLocal: optional(i.descriptionLocal),
            quantity: parseDecimal(i.quantity),
            unitPrice: { amount: parseDecimal(i.amount), currency: i.currency.trim().toUpperCase() },
            unitWeight: parseDecimal(i.unitWeight),
          })),
        };
      }),
    },
    label: { format: values.labelFormat },
    units: unitsFor[values.units],
    order,
    serviceOptions: values.serviceOptions.filter((o) => o.code.trim()).length
      ? values.serviceOptions.filter((o) => o.code.trim()).map((o) => ({ code: o.code.trim(), value: o.value }))
      : undefined,
  };
  return stripUndefined(draft) as LabelDraft;
}

/** The same judgement the API makes, keyed by request path; empty when the draft may be sent. */
export function validateDraft(draft: LabelDraft): Record<string, string> {
  const result = LabelDraft.safeParse(draft);
  return result.success ? {} : issuesToFields(result.error.issues);
}

const text = (n: number | undefined) => (n === undefined ? '' : String(n));
const sameParty = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A draft (a label's request, for "Duplicate") → the form as the operator would have typed it:
 * a saved sender address is chosen again when it is the same address, any other is typed.
 */
export function formFromDraft(draft: LabelDraft, senders: readonly SenderAddress[]): ShipmentFormValues {
  const shipFrom = draft.shipment.shipFrom;
  const saved = shipFrom ? senders.find((s) => sameParty(s.party, shipFrom)) : undefined;
  const units = draft.units?.weight === 'LB' || draft.units?.dimension === 'IN' ? 'imperial' : 'metric';
  return {
    senderId: saved ? saved.id : shipFrom ? TYPED_SENDER : NO_SENDER,
    shipFrom: shipFrom && !saved ? draftFromParty(shipFrom) : emptyParty,
    shipTo: draftFromParty(draft.shipment.shipTo),
    parcels: draft.shipment.parcels.map((p) => ({
      presetId: '',
      weight: text(p.weight),
      length: text(p.dimension?.length),
      width: text(p.dimension?.width),
      height: text(p.dimension?.height),
      items: p.items.map((i) => ({
        descriptionEn: i.descriptionEn,
        descriptionLocal: i.descriptionLocal ?? '',
        quantity: text(i.quantity),
        amount: text(i.unitPrice.amount),
        currency: i.unitPrice.currency,
        unitWeight: text(i.unitWeight),
      })),
    })),
    customerOrderNumber: draft.order?.customerOrderNumber ?? '',
    platformOrderNumber: draft.order?.orderNumbers?.platformOrderNumber ?? '',
    referenceNumbers: (draft.order?.orderNumbers?.referenceNumbers ?? []).join(', '),
    courier: draft.courier,
    productCode: draft.service.productCode,
    labelFormat: draft.label?.format ?? 'PDF',
    units,
    serviceOptions: (draft.serviceOptions ?? []).map((o) => ({
      code: o.code,
      value: typeof o.value === 'string' ? o.value : o.value === undefined ? '' : JSON.stringify(o.value),
    })),
  };
}
