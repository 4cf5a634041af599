import { useState } from 'react';
import { parseDecimal } from '../../../../shared/domain/numbers';
import { unitsFor } from '../../../../shared/domain/settings';
import { entryFromItem, normaliseSku } from '../../../../shared/domain/sku-catalogue';
import { ErrorMessage, SuccessMessage } from '../../components/ui';
import { useAction, useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useT } from '../../i18n';
import { station } from '../../station';
import type { ItemForm, ShipmentFormValues } from './draft';

/** The SKUs of a form's items (normalised, each once), with the first item that names each. */
export function itemsBySku(values: ShipmentFormValues): Map<string, ItemForm> {
  const bySku = new Map<string, ItemForm>();
  for (const item of values.parcels.flatMap((p) => p.items)) {
    const sku = normaliseSku(item.sku ?? '');
    if (sku && !bySku.has(sku)) bySku.set(sku, item);
  }
  return bySku;
}

/**
 * After a label was created: for each SKU of its items that the product catalogue does not
 * have, one click saves it with the item's descriptions, unit weight and declared value, so the
 * next label or import with that SKU is filled by itself.
 */
export function SaveSkuOffer({ values }: { values: ShipmentFormValues }) {
  const { t } = useT('labels');
  const bySku = itemsBySku(values);
  const skus = [...bySku.keys()].slice(0, 100);
  const known = useQuery(skus.length ? queryKeys.skuLookup(skus) : null, () => station().skuCatalogue.lookup({ skus }));
  const [saved, setSaved] = useState<string[]>([]);
  const save = useAction(
    (sku: string) => {
      const item = bySku.get(sku)!;
      const entry = entryFromItem(
        sku,
        {
          descriptionEn: item.descriptionEn.trim(),
          descriptionLocal: item.descriptionLocal.trim() || undefined,
          unitWeight: parseDecimal(item.unitWeight) ?? Number.NaN,
          unitPrice: { amount: parseDecimal(item.amount) ?? Number.NaN, currency: item.currency.trim().toUpperCase() },
        },
        unitsFor[values.units].weight,
      );
      return station().skuCatalogue.save({ entry });
    },
    { invalidates: [queryKeys.skuCatalogue], onSuccess: (entry) => setSaved((s) => [...s, entry.sku]) },
  );
  if (!known.data) return null;
  const inCatalogue = new Set(known.data.map((e) => e.sku));
  const missing = skus.filter((sku) => !inCatalogue.has(sku));
  if (missing.length === 0 && saved.length === 0) return null;

  return (
    <div className="sku-offer stack" aria-label={t('sku.name')}>
      {saved.map((sku) => (
        <SuccessMessage key={sku}>{t('sku.saved', { sku })}</SuccessMessage>
      ))}
      {missing.map((sku) => (
        <button key={sku} type="button" onClick={() => void save.run(sku)} disabled={save.pending}>
          {t('sku.save', { sku })}
        </button>
      ))}
      <ErrorMessage>{save.error?.message}</ErrorMessage>
    </div>
  );
}
