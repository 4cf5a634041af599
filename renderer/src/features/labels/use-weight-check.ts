import { useMemo, useRef, useState } from 'react';
import type { LabelDraft } from '../../../../shared/domain/label-draft';
import { judgeDraftWeights, weightWarningText, type WeightRange, type WeightWarning } from '../../../../shared/domain/weight-plausibility';
import { useFormats } from '../../app-state';
import { currentLanguage, messageText, useT } from '../../i18n';

/**
 * The New label form's weight plausibility (shared/domain/weight-plausibility.ts): warnings as
 * you type, and the explicit "Yes, the weight is right" that Create needs while there are any.
 * A confirmation holds for the weights it was given for: changing a weight (or an item) asks again.
 */
export function useWeightCheck(draft: LabelDraft, range: WeightRange) {
  const warnings: WeightWarning[] = useMemo(() => judgeDraftWeights(draft, range), [draft, range]);
  // Sentences follow the language (useT renders again on a change) and its number formats.
  useT('labels');
  const formats = useFormats();
  // What the warnings are about; a confirmation is for exactly this (whatever the language).
  const subject = JSON.stringify(warnings);
  const [confirmedFor, setConfirmedFor] = useState<string | null>(null);
  /** Main refused a weight the page found plausible (its range changed meanwhile): its sentence. */
  const [refused, setRefused] = useState<{ message: string; for: string } | null>(null);
  const [asked, setAsked] = useState(false);
  const confirmRef = useRef<HTMLInputElement>(null);
  const serverMessage = refused && refused.for === JSON.stringify(draft.shipment.parcels) ? refused.message : null;
  const needed = warnings.length > 0 || serverMessage !== null;
  const key = `${subject}\n${serverMessage ?? ''}`;
  const confirmed = needed && confirmedFor === key;
  return {
    warnings,
    /** The warnings' sentences, in the screen's language, one after the other. */
    sentences: (list: readonly WeightWarning[]) =>
      list.map((w) => weightWarningText(w, messageText, formats)).join(currentLanguage() === 'en' ? ' ' : ''),
    /** Warnings of one parcel, for the line under its weight. */
    forParcel: (index: number) => warnings.filter((w) => w.parcel === index),
    serverMessage,
    /** A confirmation is needed (the box shows). */
    needed,
    confirmed,
    /** Create was pressed without the confirmation: the box says so. */
    asked: asked && needed && !confirmed,
    confirmRef,
    setConfirmed: (yes: boolean) => setConfirmedFor(yes ? key : null),
    /** Create without a needed confirmation: ask for it (focus the box). */
    ask() {
      setAsked(true);
      requestAnimationFrame(() => confirmRef.current?.focus());
    },
    /** Main said weight_implausible: show its sentence and ask for the confirmation. */
    refusedByMain(message: string) {
      setRefused({ message, for: JSON.stringify(draft.shipment.parcels) });
      setConfirmedFor(null);
      setAsked(true);
      requestAnimationFrame(() => confirmRef.current?.focus());
    },
    reset() {
      setConfirmedFor(null);
      setRefused(null);
      setAsked(false);
    },
  };
}
export type WeightCheckState = ReturnType<typeof useWeightCheck>;
