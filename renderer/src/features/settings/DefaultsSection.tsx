import { useEffect, useState } from 'react';
import type { Courier, Product } from '../../../../shared/flexforward/schemas';
import type { CatalogAnswer } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { CatalogOptions } from '../../components/CatalogOptions';
import { ErrorMessage, SelectField, TextField } from '../../components/ui';
import { station } from '../../station';
import type { SettingsApi } from './use-settings';

/** Defaults for new labels: courier and product (from the API when it offers lists), format, units, sender, package. */
export function DefaultsSection({ api }: { api: SettingsApi }) {
  const { defaults, senders, packagePresets, preferences } = api.settings!;
  const [couriers, setCouriers] = useState<CatalogAnswer<Courier> | null>(null);
  const [products, setProducts] = useState<CatalogAnswer<Product> | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const loadCouriers = async (refresh = false) => {
    const result = await station().catalog.couriers({ refresh });
    if (result.ok) setCouriers(result.value);
    else setError(result.error);
  };
  const loadProducts = async (courier: string, refresh = false) => {
    const result = await station().catalog.products({ courier, refresh });
    if (result.ok) setProducts(result.value);
    else setError(result.error);
  };
  useEffect(() => {
    void loadCouriers();
  }, []);
  useEffect(() => {
    setProducts(null);
    if (defaults.courier) void loadProducts(defaults.courier);
  }, [defaults.courier, preferences.locale]);

  const set = async (patch: Parameters<ReturnType<typeof station>['settings']['setDefaults']>[0]) => setError(await api.apply(station().settings.setDefaults(patch)));

  return (
    <div className="card stack">
      <h2>Label defaults</h2>
      <ErrorMessage>{error?.message}</ErrorMessage>
      <div className="grid-2">
        {couriers?.available ? (
          <SelectField label="Default courier" value={defaults.courier ?? ''} onChange={(e) => void set({ courier: e.target.value || null, productCode: null })}>
            <CatalogOptions items={couriers.items} placeholder="Choose a courier" />
          </SelectField>
        ) : (
          <CodeField label="Default courier code" value={defaults.courier} hint={couriers?.reason} onSave={(courier) => void set({ courier, productCode: null })} />
        )}
        {products?.available ? (
          <SelectField label="Default product" value={defaults.productCode ?? ''} onChange={(e) => void set({ productCode: e.target.value || null })} disabled={!defaults.courier}>
            <CatalogOptions items={products.items} placeholder="Choose a product" />
          </SelectField>
        ) : (
          <CodeField label="Default product code" value={defaults.productCode} hint={products?.reason ?? (defaults.courier ? undefined : 'Choose a courier first.')} onSave={(productCode) => void set({ productCode })} />
        )}
      </div>
      <div className="actions">
        <button type="button" onClick={() => void loadCouriers(true).then(() => (defaults.courier ? loadProducts(defaults.courier, true) : undefined))}>
          Refresh couriers and products
        </button>
        {couriers?.available && <small className="hint">Lists from the API, fetched {new Date(couriers.fetchedAt).toLocaleTimeString()}.</small>}
      </div>
      <div className="grid-3">
        <SelectField label="Label format" value={defaults.labelFormat} onChange={(e) => void set({ labelFormat: e.target.value as 'PDF' | 'PNG' })}>
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
          onChange={(e) => void api.apply(station().settings.setPreferences({ locale: e.target.value as 'en' | 'ja' | 'zh' })).then(setError)}
        >
          <option value="en">English</option>
          <option value="ja">日本語</option>
          <option value="zh">中文</option>
        </SelectField>
        <SelectField label="Default sender address" value={defaults.senderId ?? ''} onChange={(e) => void set({ senderId: e.target.value || null })}>
          <option value="">None</option>
          {senders.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Default package" value={defaults.packagePresetId ?? ''} onChange={(e) => void set({ packagePresetId: e.target.value || null })}>
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
function CodeField({ label, value, hint, onSave }: { label: string; value: string | null; hint?: string; onSave: (value: string | null) => void }) {
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
