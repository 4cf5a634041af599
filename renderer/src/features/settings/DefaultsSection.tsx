import { useEffect, useState } from 'react';
import type { SettingsView } from '../../../../shared/ipc/contract';
import { MAX_DUPLICATE_WINDOW_HOURS } from '../../../../shared/domain/settings';
import { parseDecimal } from '../../../../shared/domain/numbers';
import { WeightRange } from '../../../../shared/domain/weight-plausibility';
import { CatalogOptions } from '../../components/CatalogOptions';
import { ErrorMessage, SelectField, TextField } from '../../components/ui';
import { useFormats, useTimes } from '../../app-state';
import { useAction, useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useSettingsChange } from '../../data/queries';
import { messageText, useT } from '../../i18n';
import { station } from '../../station';
import { LanguagePicker } from './LanguagePicker';

/** Defaults for new labels: courier and product (from the API when it offers lists), format, units, sender, package. */
export function DefaultsSection({ settings }: { settings: SettingsView }) {
  const { defaults, senders, packagePresets } = settings;
  const { t } = useT('settings');
  const times = useTimes();
  // The lists New label uses too (one cache); a language change makes main answer them anew (settings:changed).
  const couriers = useQuery(queryKeys.couriers, () => station().catalog.couriers({}), { refetchOnMount: true });
  const productsKey = defaults.courier ? queryKeys.products(defaults.courier) : null;
  const products = useQuery(productsKey, () => station().catalog.products({ courier: defaults.courier ?? '' }), { refetchOnMount: true });
  // "Refresh" asks main to fetch the lists from the API again; their answers replace the cached ones.
  const refreshCouriers = useAction(() => station().catalog.couriers({ refresh: true }), { sets: queryKeys.couriers });
  const refreshProducts = useAction((courier: string) => station().catalog.products({ courier, refresh: true }), {
    sets: productsKey ?? undefined,
  });
  const change = useSettingsChange();
  const error = change.error ?? refreshCouriers.error ?? refreshProducts.error ?? couriers.error ?? products.error;

  const set = (patch: Parameters<ReturnType<typeof station>['settings']['setDefaults']>[0]) =>
    void change.run(() => station().settings.setDefaults(patch));

  return (
    <div className="stack">
      <section className="card stack language-card" aria-labelledby="settings-language">
        <h2 id="settings-language">{t('language.heading')}</h2>
        <LanguagePicker />
        <small className="hint">{t('common:language.hint')}</small>
      </section>
      <section className="card stack" aria-labelledby="settings-defaults">
        <h2 id="settings-defaults">{t('defaults.heading')}</h2>
        <ErrorMessage>{error?.message}</ErrorMessage>
        <div className="grid-2">
          {couriers.data?.available ? (
            <SelectField
              label={t('defaults.courier')}
              value={defaults.courier ?? ''}
              onChange={(e) => void set({ courier: e.target.value || null, productCode: null })}
            >
              <CatalogOptions items={couriers.data.items} placeholder={t('defaults.chooseCourier')} />
            </SelectField>
          ) : (
            <CodeField
              label={t('defaults.courierCode')}
              value={defaults.courier}
              hint={couriers.data?.reason}
              onSave={(courier) => void set({ courier, productCode: null })}
            />
          )}
          {products.data?.available ? (
            <SelectField
              label={t('defaults.product')}
              value={defaults.productCode ?? ''}
              onChange={(e) => void set({ productCode: e.target.value || null })}
              disabled={!defaults.courier}
            >
              <CatalogOptions items={products.data.items} placeholder={t('defaults.chooseProduct')} />
            </SelectField>
          ) : (
            <CodeField
              label={t('defaults.productCode')}
              value={defaults.productCode}
              hint={products.data?.reason ?? (defaults.courier ? undefined : t('defaults.courierFirst'))}
              onSave={(productCode) => void set({ productCode })}
            />
          )}
        </div>
        <div className="actions">
          <button
            type="button"
            onClick={() => void refreshCouriers.run().then(() => (defaults.courier ? refreshProducts.run(defaults.courier) : undefined))}
          >
            {t('defaults.refresh')}
          </button>
          {couriers.data?.available && (
            <small className="hint">{t('defaults.fetched', { time: times.time(couriers.data.fetchedAt) })}</small>
          )}
        </div>
        <div className="grid-3">
          <SelectField
            label={t('defaults.labelFormat')}
            value={defaults.labelFormat}
            onChange={(e) => void set({ labelFormat: e.target.value as 'PDF' | 'PNG' })}
          >
            <option value="PDF">PDF</option>
            <option value="PNG">PNG</option>
          </SelectField>
          <SelectField
            label={t('defaults.units')}
            value={defaults.units}
            onChange={(e) => void set({ units: e.target.value as 'metric' | 'imperial' })}
          >
            <option value="metric">{t('defaults.metric')}</option>
            <option value="imperial">{t('defaults.imperial')}</option>
          </SelectField>
          <SelectField
            label={t('defaults.sender')}
            value={defaults.senderId ?? ''}
            onChange={(e) => void set({ senderId: e.target.value || null })}
          >
            <option value="">{t('defaults.none')}</option>
            {senders.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('defaults.package')}
            value={defaults.packagePresetId ?? ''}
            onChange={(e) => void set({ packagePresetId: e.target.value || null })}
          >
            <option value="">{t('defaults.none')}</option>
            {packagePresets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
        </div>
        <DuplicateWindowField hours={defaults.duplicateWindowHours} onSave={(duplicateWindowHours) => set({ duplicateWindowHours })} />
        <WeightRangeForm
          value={defaults.weightRange}
          onSave={(weightRange) => change.run(() => station().settings.setDefaults({ weightRange }))}
        />
      </section>
    </div>
  );
}

/** How long a label without an order number is asked about before the same shipment is bought again. */
function DuplicateWindowField({ hours, onSave }: { hours: number; onSave: (hours: number) => void }) {
  const { t } = useT('settings');
  const formats = useFormats();
  const shown = formats.decimal(hours, 2);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  const value = parseDecimal(text) ?? Number.NaN;
  const valid = Number.isFinite(value) && value >= 0 && value <= MAX_DUPLICATE_WINDOW_HOURS;
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (valid) onSave(value);
      }}
    >
      <TextField
        label={t('defaults.duplicateWindow')}
        inputMode="decimal"
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={valid ? null : t('defaults.duplicateWindowRange', { max: formats.count(MAX_DUPLICATE_WINDOW_HOURS) })}
        hint={t('defaults.duplicateWindowHint')}
      />
      <button type="submit" disabled={!valid || value === hours}>
        {t('defaults.save')}
      </button>
    </form>
  );
}

/**
 * The parcel weights New label and Station mode accept without asking (shared/domain/weight-plausibility.ts);
 * always in kilograms, converted for shipments in pounds.
 */
function WeightRangeForm({ value, onSave }: { value: WeightRange; onSave: (range: WeightRange) => Promise<unknown> }) {
  const { t } = useT('settings');
  const formats = useFormats();
  // The numbers as the operator's locale writes them; parseDecimal reads them back.
  const [shownMin, shownMax] = [formats.decimal(value.minKg), formats.decimal(value.maxKg)];
  const [min, setMin] = useState(shownMin);
  const [max, setMax] = useState(shownMax);
  const [errors, setErrors] = useState<{ minKg?: string; maxKg?: string }>({});
  useEffect(() => {
    setMin(shownMin);
    setMax(shownMax);
  }, [shownMin, shownMax]);
  const unchanged = parseDecimal(min) === value.minKg && parseDecimal(max) === value.maxKg;
  return (
    <form
      className="stack"
      aria-label={t('defaults.weightRange')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = WeightRange.safeParse({ minKg: parseDecimal(min), maxKg: parseDecimal(max) });
        if (!parsed.success) {
          // The first message per field: "more than 0" says more than "more than the lightest".
          setErrors(Object.fromEntries(parsed.error.issues.toReversed().map((i) => [String(i.path[0]), messageText(i.message)])));
          return;
        }
        setErrors({});
        void onSave(parsed.data);
      }}
    >
      <div className="grid-3">
        <TextField
          label={t('defaults.lightest')}
          inputMode="decimal"
          value={min}
          onChange={(e) => setMin(e.target.value)}
          error={errors.minKg}
        />
        <TextField
          label={t('defaults.heaviest')}
          inputMode="decimal"
          value={max}
          onChange={(e) => setMax(e.target.value)}
          error={errors.maxKg}
        />
        <div className="actions">
          <button type="submit" disabled={unchanged}>
            {t('defaults.saveWeightRange')}
          </button>
        </div>
      </div>
      <small className="hint">
        {t('defaults.weightRangeNow', { min: formats.weight(value.minKg, 'kg'), max: formats.weight(value.maxKg, 'kg') })}{' '}
        {t('defaults.weightRangeHint')}
      </small>
    </form>
  );
}

/** Typed-in code, for APIs that do not list couriers or products. */
function CodeField({
  label,
  value,
  hint,
  onSave,
}: {
  label: string;
  value: string | null;
  hint?: string;
  onSave: (value: string | null) => void;
}) {
  const { t } = useT('settings');
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(text.trim() || null);
      }}
    >
      <TextField label={label} value={text} onChange={(e) => setText(e.target.value)} hint={hint} spellCheck={false} />
      <button type="submit" disabled={text === (value ?? '')}>
        {t('defaults.save')}
      </button>
    </form>
  );
}
