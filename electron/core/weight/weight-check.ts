import type { LabelDraft } from '../../../shared/domain/label-draft';
import { judgeDraftWeights, type WeightWarning } from '../../../shared/domain/weight-plausibility';
import { StationError } from '../errors';
import type { SettingsService } from '../settings-store';

/** The request path of a parcel's weight, as the form names its field (and the API reports it). */
const weightPath = (parcel: number) => `shipment.parcels[${parcel}].weight`;

/**
 * Main's side of the weight plausibility rule (shared/domain/weight-plausibility.ts): judges a
 * draft against the range in Settings → Defaults and its items, and refuses an implausible
 * weight with `weight_implausible` unless the operator confirmed it.
 */
export function createWeightCheck(settings: Pick<SettingsService, 'read'>) {
  const warnings = (draft: LabelDraft): WeightWarning[] => judgeDraftWeights(draft, settings.read().defaults.weightRange);
  return {
    warnings,
    /** Throws `weight_implausible` (each parcel's sentences on its weight field) unless `confirmed`. */
    assertPlausible(draft: LabelDraft, confirmed = false) {
      const found = warnings(draft);
      if (confirmed || found.length === 0) return;
      const fields: Record<string, string> = {};
      for (const w of found) fields[weightPath(w.parcel)] = [fields[weightPath(w.parcel)], w.message].filter(Boolean).join(' ');
      throw new StationError(
        'weight_implausible',
        `${found.map((w) => w.message).join(' ')} Check the weight; if it is right, confirm it (“Yes, the weight is right”) and create the label again.`,
        fields,
      );
    },
  };
}
export type WeightCheck = ReturnType<typeof createWeightCheck>;
