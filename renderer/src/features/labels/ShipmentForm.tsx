import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent, type MutableRefObject } from 'react';
import type { CreateOutcome } from '../../../../shared/domain/label-draft';
import type { Courier, Product } from '../../../../shared/flexforward/schemas';
import { ISO_CURRENCY_CODES } from '../../../../shared/flexforward/iso-codes';
import type { SettingsView } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { PartyFields, partyFieldPaths, type PartyDraft } from '../../components/PartyFields';
import { CatalogOptions } from '../../components/CatalogOptions';
import { ErrorMessage, SelectField, TextField } from '../../components/ui';
import { station } from '../../station';
import { buildDraft, emptyItem, emptyForm, NO_SENDER, parcelFromPreset, TYPED_SENDER, validateDraft, type ItemForm, type ParcelForm, type ShipmentFormValues } from './draft';

type Catalog<T> = { available: true; items: T[] } | { available: false; reason: string } | null;

/** Errors under a prefix, re-keyed relative to it (for PartyFields). */
const under = (errors: Record<string, string>, prefix: string) =>
  Object.fromEntries(Object.entries(errors).filter(([k]) => k.startsWith(`${prefix}.`)).map(([k, v]) => [k.slice(prefix.length + 1), v]));

/**
 * The shipment form. Every input is named by the request path it feeds, so the shared
 * schema's messages (as you type) and the API's 400 `details[].field` messages land on
 * the same field. The form keeps its contents after any error.
 */
export function ShipmentForm({
  settings,
  onOutcome,
  resetSignal,
  submitRef,
}: {
  settings: SettingsView;
  onOutcome: (outcome: CreateOutcome) => void;
  resetSignal: number;
  /** Lets the outcome panel's explicit "create another label" submit this form with a new key. */
  submitRef?: MutableRefObject<((another: boolean) => void) | null>;
}) {
  const [values, setValues] = useState<ShipmentFormValues>(() => emptyForm(settings.defaults, settings.packagePresets));
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);
  const [couriers, setCouriers] = useState<Catalog<Courier>>(null);
  const [products, setProducts] = useState<Catalog<Product>>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    setValues(emptyForm(settings.defaults, settings.packagePresets));
    setTouched(new Set());
    setSubmitted(false);
    setServerErrors({});
    setFormError(null);
    // Only a deliberate "New label" resets (not settings changes): a half-typed form is never wiped.
  }, [resetSignal]);

  useEffect(() => {
    void station()
      .catalog.couriers({})
      .then((r) => setCouriers(r.ok ? r.value : { available: false, reason: r.error.message }));
  }, []);
  useEffect(() => {
    if (!values.courier) return setProducts(null);
    void station()
      .catalog.products({ courier: values.courier })
      .then((r) => setProducts(r.ok ? r.value : { available: false, reason: r.error.message }));
  }, [values.courier]);

  const draft = useMemo(() => buildDraft(values, settings.senders), [values, settings.senders]);
  const clientErrors = useMemo(() => validateDraft(draft), [draft]);
  // Schema messages show once a field was edited (or after a submit attempt); the API's stay until the field changes.
  const errors: Record<string, string> = { ...Object.fromEntries(Object.entries(clientErrors).filter(([k]) => submitted || touched.has(k))), ...serverErrors };

  const touch = (...paths: string[]) => {
    setTouched((t) => new Set([...t, ...paths]));
    setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !paths.some((p) => k === p || k.startsWith(`${p}.`) || k.startsWith(`${p}[`)))));
  };
  const set = <K extends keyof ShipmentFormValues>(key: K, value: ShipmentFormValues[K], path: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    touch(path);
  };
  const setParty = (key: 'shipTo' | 'shipFrom', next: PartyDraft) => {
    const prev = values[key];
    const changed = (Object.keys(next) as (keyof PartyDraft)[]).filter((k) => next[k] !== prev[k]);
    setValues((v) => ({ ...v, [key]: next }));
    touch(...changed.map((k) => `shipment.${key}.${partyFieldPaths[k]}`));
  };
  const setParcel = (index: number, patch: Partial<ParcelForm>, path: string) => {
    setValues((v) => ({ ...v, parcels: v.parcels.map((p, i) => (i === index ? { ...p, ...patch } : p)) }));
    touch(path);
  };
  const setItem = (pi: number, ii: number, patch: Partial<ItemForm>, path: string) => {
    setValues((v) => ({ ...v, parcels: v.parcels.map((p, i) => (i === pi ? { ...p, items: p.items.map((it, j) => (j === ii ? { ...it, ...patch } : it)) } : p)) }));
    touch(path);
  };

  /** Focuses the first field, in the order the operator sees them, that has one of these errors. */
  const focusFirstError = (keys: string[]) => {
    requestAnimationFrame(() => {
      const fields = [...(formRef.current?.querySelectorAll<HTMLElement>('[name]') ?? [])];
      const hit = fields.find((el) => {
        const name = el.getAttribute('name')!;
        return keys.some((k) => name === k || name.startsWith(`${k}.`) || name.startsWith(`${k}[`));
      });
      hit?.focus();
    });
  };

  const submit = async (event?: FormEvent, another = false) => {
    event?.preventDefault();
    if (busy) return;
    setSubmitted(true);
    setFormError(null);
    if (Object.keys(clientErrors).length) return focusFirstError(Object.keys(clientErrors));
    setBusy(true);
    const result = await station().labels.create(another ? { draft, another } : { draft });
    setBusy(false);
    if (result.ok) {
      setServerErrors({});
      onOutcome(result.value);
    } else {
      setFormError(result.error);
      if (result.error.fields) {
        setServerErrors(result.error.fields);
        focusFirstError(Object.keys(result.error.fields));
      }
    }
  };
  if (submitRef) submitRef.current = (another) => void submit(undefined, another);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  const units = values.units === 'imperial' ? { w: 'lb', d: 'in' } : { w: 'kg', d: 'cm' };
  const unplaced = Object.entries(serverErrors).filter(([k]) => !formRef.current?.querySelector(`[name="${CSS.escape(k)}"]`));

  return (
    <form ref={formRef} className="shipment-form stack" onSubmit={(e) => void submit(e)} onKeyDown={onKeyDown} aria-label="New label" noValidate>
      <fieldset className="card">
        <legend>Recipient</legend>
        <PartyFields idPrefix="shipment.shipTo" value={values.shipTo} onChange={(p) => setParty('shipTo', p)} errors={under(errors, 'shipment.shipTo')} />
      </fieldset>

      <fieldset className="card">
        <legend>Sender</legend>
        <SelectField label="Ship from" value={values.senderId} onChange={(e) => set('senderId', e.target.value, 'shipment.shipFrom')} name="senderId">
          <option value={NO_SENDER}>No sender address (the shipper account’s address is used)</option>
          {settings.senders.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
          <option value={TYPED_SENDER}>Type a sender address…</option>
        </SelectField>
        {values.senderId === TYPED_SENDER && <PartyFields idPrefix="shipment.shipFrom" value={values.shipFrom} onChange={(p) => setParty('shipFrom', p)} errors={under(errors, 'shipment.shipFrom')} />}
      </fieldset>

      <fieldset className="card">
        <legend>Parcels</legend>
        {errors['shipment.parcels'] && <p className="field-error">{errors['shipment.parcels']}</p>}
        {values.parcels.map((parcel, pi) => {
          const base = `shipment.parcels[${pi}]`;
          return (
            <div key={pi} className="parcel" role="group" aria-label={`Parcel ${pi + 1}`}>
              <div className="parcel-head">
                <strong>Parcel {pi + 1}</strong>
                {values.parcels.length > 1 && (
                  <button type="button" onClick={() => setValues((v) => ({ ...v, parcels: v.parcels.filter((_, i) => i !== pi) }))} aria-label={`Remove parcel ${pi + 1}`}>
                    Remove parcel
                  </button>
                )}
              </div>
              <div className="grid-5">
                <SelectField
                  label="Package"
                  value={parcel.presetId}
                  onChange={(e) => {
                    const preset = settings.packagePresets.find((p) => p.id === e.target.value);
                    setParcel(pi, { ...parcelFromPreset(preset, parcel.items), weight: preset?.weight?.toString() ?? parcel.weight }, `${base}.dimension`);
                  }}
                >
                  <option value="">Custom size</option>
                  {settings.packagePresets.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </SelectField>
                <TextField label={`Weight (${units.w})`} name={`${base}.weight`} inputMode="decimal" required value={parcel.weight} onChange={(e) => setParcel(pi, { weight: e.target.value }, `${base}.weight`)} error={errors[`${base}.weight`]} />
                {(['length', 'width', 'height'] as const).map((d) => (
                  <TextField
                    key={d}
                    label={`${d[0]!.toUpperCase()}${d.slice(1)} (${units.d})`}
                    name={`${base}.dimension.${d}`}
                    inputMode="decimal"
                    value={parcel[d]}
                    onChange={(e) => setParcel(pi, { [d]: e.target.value, presetId: '' }, `${base}.dimension.${d}`)}
                    error={errors[`${base}.dimension.${d}`] ?? (d === 'length' ? errors[`${base}.dimension`] : undefined)}
                  />
                ))}
              </div>
              <table className="items">
                <caption className="sr-only">Items in parcel {pi + 1}</caption>
                <thead>
                  <tr>
                    <th scope="col">Description (English)</th>
                    <th scope="col">Local description</th>
                    <th scope="col">Qty</th>
                    <th scope="col">Unit price</th>
                    <th scope="col">Currency</th>
                    <th scope="col">Unit weight ({units.w})</th>
                    <th scope="col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {parcel.items.map((item, ii) => {
                    const ib = `${base}.items[${ii}]`;
                    const n = `item ${ii + 1} of parcel ${pi + 1}`;
                    return (
                      <tr key={ii}>
                        <td>
                          <ItemInput label={`Description (English), ${n}`} name={`${ib}.descriptionEn`} value={item.descriptionEn} error={errors[`${ib}.descriptionEn`]} onChange={(v) => setItem(pi, ii, { descriptionEn: v }, `${ib}.descriptionEn`)} />
                        </td>
                        <td>
                          <ItemInput label={`Local description, ${n}`} name={`${ib}.descriptionLocal`} value={item.descriptionLocal} error={errors[`${ib}.descriptionLocal`]} onChange={(v) => setItem(pi, ii, { descriptionLocal: v }, `${ib}.descriptionLocal`)} />
                        </td>
                        <td className="narrow">
                          <ItemInput label={`Quantity, ${n}`} name={`${ib}.quantity`} inputMode="numeric" value={item.quantity} error={errors[`${ib}.quantity`]} onChange={(v) => setItem(pi, ii, { quantity: v }, `${ib}.quantity`)} />
                        </td>
                        <td className="narrow">
                          <ItemInput label={`Unit price, ${n}`} name={`${ib}.unitPrice.amount`} inputMode="decimal" value={item.amount} error={errors[`${ib}.unitPrice.amount`]} onChange={(v) => setItem(pi, ii, { amount: v }, `${ib}.unitPrice.amount`)} />
                        </td>
                        <td className="narrow">
                          <ItemInput label={`Currency, ${n}`} name={`${ib}.unitPrice.currency`} list="ffs-currencies" value={item.currency} error={errors[`${ib}.unitPrice.currency`]} onChange={(v) => setItem(pi, ii, { currency: v.toUpperCase() }, `${ib}.unitPrice.currency`)} />
                        </td>
                        <td className="narrow">
                          <ItemInput label={`Unit weight, ${n}`} name={`${ib}.unitWeight`} inputMode="decimal" value={item.unitWeight} error={errors[`${ib}.unitWeight`]} onChange={(v) => setItem(pi, ii, { unitWeight: v }, `${ib}.unitWeight`)} />
                        </td>
                        <td>
                          {parcel.items.length > 1 && (
                            <button type="button" aria-label={`Remove ${n}`} onClick={() => setParcel(pi, { items: parcel.items.filter((_, j) => j !== ii) }, `${base}.items`)}>
                              ✕
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {errors[`${base}.items`] && <p className="field-error">{errors[`${base}.items`]}</p>}
              <button type="button" onClick={() => setParcel(pi, { items: [...parcel.items, emptyItem(parcel.items.at(-1)?.currency)] }, `${base}.items`)}>
                Add item
              </button>
            </div>
          );
        })}
        <datalist id="ffs-currencies">
          {ISO_CURRENCY_CODES.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <button type="button" onClick={() => setValues((v) => ({ ...v, parcels: [...v.parcels, parcelFromPreset(settings.packagePresets.find((p) => p.id === settings.defaults.packagePresetId))] }))}>
          Add parcel
        </button>
      </fieldset>

      <fieldset className="card">
        <legend>Order and service</legend>
        <div className="grid-3">
          <TextField label="Customer order number" name="order.customerOrderNumber" value={values.customerOrderNumber} onChange={(e) => set('customerOrderNumber', e.target.value, 'order.customerOrderNumber')} error={errors['order.customerOrderNumber']} hint="One label per order: the station warns before buying a second." />
          <TextField label="Platform order number" name="order.orderNumbers.platformOrderNumber" value={values.platformOrderNumber} onChange={(e) => set('platformOrderNumber', e.target.value, 'order.orderNumbers.platformOrderNumber')} error={errors['order.orderNumbers.platformOrderNumber']} />
          <TextField label="Reference numbers" name="order.orderNumbers.referenceNumbers" value={values.referenceNumbers} onChange={(e) => set('referenceNumbers', e.target.value, 'order.orderNumbers.referenceNumbers')} error={errors['order.orderNumbers.referenceNumbers']} hint="Separate several with commas." />
        </div>
        <div className="grid-4">
          {couriers?.available ? (
            <SelectField label="Courier" name="courier" required value={values.courier} onChange={(e) => setValues((v) => (touch('courier'), { ...v, courier: e.target.value, productCode: '' }))} error={errors.courier}>
              <CatalogOptions items={couriers.items} placeholder="Choose a courier" />
            </SelectField>
          ) : (
            <TextField label="Courier code" name="courier" required value={values.courier} onChange={(e) => set('courier', e.target.value, 'courier')} error={errors.courier} hint={couriers?.available === false ? couriers.reason : undefined} />
          )}
          {products?.available ? (
            <SelectField label="Product" name="service.productCode" required value={values.productCode} onChange={(e) => set('productCode', e.target.value, 'service.productCode')} error={errors['service.productCode']}>
              <CatalogOptions items={products.items} placeholder="Choose a product" />
            </SelectField>
          ) : (
            <TextField label="Product code" name="service.productCode" required value={values.productCode} onChange={(e) => set('productCode', e.target.value, 'service.productCode')} error={errors['service.productCode']} hint={products?.available === false ? products.reason : undefined} />
          )}
          <SelectField label="Label format" name="label.format" value={values.labelFormat} onChange={(e) => set('labelFormat', e.target.value as 'PDF' | 'PNG', 'label.format')}>
            <option value="PDF">PDF</option>
            <option value="PNG">PNG</option>
          </SelectField>
          <SelectField label="Units" name="units" value={values.units} onChange={(e) => set('units', e.target.value as 'metric' | 'imperial', 'units')}>
            <option value="metric">KG and CM</option>
            <option value="imperial">LB and IN</option>
          </SelectField>
        </div>
        <div className="service-options">
          {values.serviceOptions.map((o, i) => (
            <div key={i} className="inline-form" role="group" aria-label={`Service option ${i + 1}`}>
              <TextField label="Option code" name={`serviceOptions[${i}].code`} value={o.code} onChange={(e) => set('serviceOptions', values.serviceOptions.map((x, j) => (j === i ? { ...x, code: e.target.value } : x)), `serviceOptions[${i}].code`)} error={errors[`serviceOptions[${i}].code`]} />
              <TextField label="Option value" name={`serviceOptions[${i}].value`} value={o.value} onChange={(e) => set('serviceOptions', values.serviceOptions.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)), `serviceOptions[${i}].value`)} />
              <button type="button" onClick={() => set('serviceOptions', values.serviceOptions.filter((_, j) => j !== i), 'serviceOptions')} aria-label={`Remove service option ${i + 1}`}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" onClick={() => set('serviceOptions', [...values.serviceOptions, { code: '', value: '' }], 'serviceOptions')}>
            Add service option
          </button>
        </div>
      </fieldset>

      {formError && (!formError.fields || unplaced.length > 0) && (
        <ErrorMessage>
          {formError.message}
          {unplaced.map(([k, v]) => ` ${k}: ${v}`).join('')}
        </ErrorMessage>
      )}
      {submitted && Object.keys(clientErrors).length > 0 && (
        <p className="field-error" role="status">
          {Object.keys(clientErrors).length === 1 ? '1 field needs' : `${Object.keys(clientErrors).length} fields need`} attention before the label can be created.
        </p>
      )}
      <div className="actions sticky-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Creating label…' : 'Create label'}
        </button>
        <span className="hint">
          <kbd>Enter</kbd> or <kbd>Ctrl</kbd>+<kbd>Enter</kbd> creates the label · <kbd>Alt</kbd>+<kbd>N</kbd> starts a new one
        </span>
      </div>
    </form>
  );
}

/** A compact labelled input for the item table (label visible to assistive technology only). */
function ItemInput({ label, name, value, onChange, error, inputMode, list }: { label: string; name: string; value: string; onChange: (v: string) => void; error?: string; inputMode?: 'decimal' | 'numeric'; list?: string }) {
  const errorId = `${name}-error`;
  return (
    <div className="item-input">
      <input aria-label={label} name={name} value={value} inputMode={inputMode} list={list} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId : undefined} />
      {error && (
        <small id={errorId} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
