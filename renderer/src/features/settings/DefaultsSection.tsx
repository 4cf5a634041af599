import { useEffect, useState } from 'react';
import type { SettingsView } from '../../../../shared/ipc/contract';
import { CatalogOptions } from '../../components/CatalogOptions';
import { ErrorMessage, SelectField, TextField } from '../../components/ui';
import { useTimes } from '../../app-state';
import { useAction, useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useSettingsChange } from '../../data/queries';
import { station } from '../../station';

/** Defaults for new labels: courier and product (from the API when it offers lists), format, units, sender, package. */
export function DefaultsSection({ settings }: { settings: SettingsView }) {
  const { defaults, senders, packagePresets, preferences } = settings;
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
    <div className="card stack">
      <h2>Label defaults</h2>
      <ErrorMessage>{error?.message}</ErrorMessage>
      <div className="grid-2">
        {couriers.data?.available ? (
          <SelectField
            label="Default courier"
            value={defaults.courier ?? ''}
            onChange={(e) => void set({ courier: e.target.value || null, productCode: null })}
          >
            <CatalogOptions items={couriers.data.items} placeholder="Choose a courier" />
          </SelectField>
        ) : (
          <CodeField
            label="Default courier code"
            value={defaults.courier}
            hint={couriers.data?.reason}
            onSave={(courier) => void set({ courier, productCode: null })}
          />
        )}
        {products.data?.available ? (
          <SelectField
            label="Default product"
            value={defaults.productCode ?? ''}
            onChange={(e) => void set({ productCode: e.target.value || null })}
            disabled={!defaults.courier}
          >
            <CatalogOptions items={products.data.items} placeholder="Choose a product" />
          </SelectField>
        ) : (
          <CodeField
            label="Default product code"
            value={defaults.productCode}
            hint={products.data?.reason ?? (defaults.courier ? undefined : 'Choose a courier first.')}
            onSave={(productCode) => void set({ productCode })}
          />
        )}
      </div>
      <div className="actions">
        <button
          type="button"
          onClick={() => void refreshCouriers.run().then(() => (defaults.courier ? refreshProducts.run(defaults.courier) : undefined))}
        >
          Refresh couriers and products
        </button>
        {couriers.data?.available && <small className="hint">Lists from the API, fetched {times.time(couriers.data.fetchedAt)}.</small>}
      </div>
      <div className="grid-3">
        <SelectField
          label="Label format"
          value={defaults.labelFormat}
          onChange={(e) => void set({ labelFormat: e.target.value as 'PDF' | 'PNG' })}
        >
          <option value="PDF">PDF</option>
          <option value="PNG">PNG</option>
        </SelectField>
        <SelectField label="Units" value={defaults.units} onChange={(e) => void set({ units: e.target.value as 'metric' | 'imperial' })}>
          <option value="metric">Kilograms and centimetres (KG, CM)</option>
          <option value="imperial">Pounds and inches (LB, IN)</option>
        </SelectField>
        <SelectField
          label="Product names in"
          value={preferences.locale}
          onChange={(e) => void change.run(() => station().settings.setPreferences({ locale: e.target.value as 'en' | 'ja' | 'zh' }))}
        >
          <option value="en">English</option>
          <option value="ja">日本語</option>
          <option value="zh">中文</option>
        </SelectField>
        <SelectField
          label="Default sender address"
          value={defaults.senderId ?? ''}
          onChange={(e) => void set({ senderId: e.target.value || null })}
        >
          <option value="">None</option>
          {senders.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Default package"
          value={defaults.packagePresetId ?? ''}
          onChange={(e) => void set({ packagePresetId: e.target.value || null })}
        >
          <option value="">None</option>
          {packagePresets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      </div>
    </div>
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
        Save
      </button>
    </form>
  );
}
