import type { LabelDraft } from '../../../shared/domain/label-draft';
import { judgeDraftWeights, weightWarningText, type WeightWarning } from '../../../shared/domain/weight-plausibility';
import { numberFormats } from '../../../shared/i18n/format';
import { StationError } from '../errors';
import { stationLanguage, t, translateStationMessage } from '../i18n';
import type { SettingsService } from '../settings-store';

/** The request path of a parcel's weight, as the form names its field (and the API reports it). */
const weightPath = (parcel: number) => `shipment.parcels[${parcel}].weight`;

/**
 * Main's side of the weight plausibility rule (shared/domain/weight-plausibility.ts): judges a
 * draft against the range in Settings → Defaults and its items, and refuses an implausible
 * weight with `weight_implausible` unless the operator confirmed it. Sentences are in the
 * station's language, weights in its number format (`locale`: the station clock's).
 */
export function createWeightCheck(settings: Pick<SettingsService, 'view'>, locale: () => string = () => 'en-US') {
  const sentence = (w: WeightWarning) => weightWarningText(w, translateStationMessage, numberFormats(locale()));
  /** The warnings, each `message` the sentence itself in the station's language. */
  const warnings = (draft: LabelDraft): WeightWarning[] =>
    judgeDraftWeights(draft, settings.view().defaults.weightRange).map((w) => ({ ...w, message: sentence(w) }));
  return {
    warnings,
    /** Throws `weight_implausible` (each parcel's sentences on its weight field) unless `confirmed`. */
    assertPlausible(draft: LabelDraft, confirmed = false) {
      const found = warnings(draft);
      if (confirmed || found.length === 0) return;
      // Japanese and Chinese run sentences on without a space.
      const gap = stationLanguage() === 'en' ? ' ' : '';
      const fields: Record<string, string> = {};
      for (const w of found) fields[weightPath(w.parcel)] = [fields[weightPath(w.parcel)], w.message].filter(Boolean).join(gap);
      throw new StationError('weight_implausible', t('labels:weight.refused', { warnings: found.map((w) => w.message).join(gap) }), fields);
    },
  };
}
export type WeightCheck = ReturnType<typeof createWeightCheck>;
