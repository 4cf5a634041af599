import { useRef } from 'react';
import { fillItemsFromCatalogue, normaliseSku, type SkuCatalogueEntry } from '../../../../shared/domain/sku-catalogue';
import { unitsFor } from '../../../../shared/domain/settings';
import { station } from '../../station';
import type { ItemForm } from './draft';
import type { ShipmentFormState } from './use-shipment-form';

/**
 * What a catalogue entry fills in a typed item: only its blank fields, by the same rule as the
 * import (fillItemsFromCatalogue). The form's currency is never blank (it starts as the
 * sender's default), so a blank price takes the catalogue's value together with its currency.
 */
export function itemPatchFromEntry(item: ItemForm, entry: SkuCatalogueEntry, weightUnit: 'KG' | 'LB'): Partial<ItemForm> {
  const priced = item.amount.trim() !== '';
  const [filled] = fillItemsFromCatalogue(
    [
      {
        sku: entry.sku,
        descriptionEn: item.descriptionEn,
        descriptionLocal: item.descriptionLocal,
        unitWeight: item.unitWeight.trim() || undefined,
        unitPrice: priced ? { amount: item.amount, currency: item.currency } : {},
      },
    ],
    () => entry,
    { weightUnit },
  );
  const patch: Partial<ItemForm> = {};
  if (filled!.descriptionEn !== item.descriptionEn) patch.descriptionEn = filled!.descriptionEn ?? '';
  if (filled!.descriptionLocal !== item.descriptionLocal) patch.descriptionLocal = filled!.descriptionLocal ?? '';
  if (!item.unitWeight.trim() && filled!.unitWeight !== undefined) patch.unitWeight = String(filled!.unitWeight);
  if (!priced && filled!.unitPrice?.amount !== undefined) {
    patch.amount = String(filled!.unitPrice.amount);
    if (filled!.unitPrice.currency) patch.currency = filled!.unitPrice.currency;
  }
  return patch;
}

/** The SKU of an item: typing one the product catalogue knows fills the item's blank fields from it. */
export function ItemSkuField({ form, pi, ii, label }: { form: ShipmentFormState; pi: number; ii: number; label: string }) {
  const item = form.values.parcels[pi]!.items[ii]!;
  const path = `shipment.parcels[${pi}].items[${ii}]`;
  // The SKU typed last: an answer for an SKU typed before it is dropped.
  const latest = useRef('');
  const weightUnit = unitsFor[form.values.units].weight;

  const onChange = async (value: string) => {
    form.setItem(pi, ii, { sku: value }, `${path}.sku`);
    const sku = normaliseSku(value);
    latest.current = sku;
    if (!sku) return;
    const answer = await station().skuCatalogue.lookup({ skus: [sku] });
    if (!answer.ok || latest.current !== sku) return;
    const entry = answer.value[0];
    if (!entry) return;
    const patch = itemPatchFromEntry({ ...item, sku: value }, entry, weightUnit);
    if (Object.keys(patch).length) form.setItem(pi, ii, patch, `${path}.descriptionEn`);
  };

  return (
    <div className="item-input">
      <input
        aria-label={label}
        name={`${path}.sku`}
        value={item.sku ?? ''}
        autoComplete="off"
        onChange={(e) => void onChange(e.target.value)}
      />
    </div>
  );
}
