import type { SettingsView } from '../../../../shared/ipc/contract';
import { ISO_CURRENCY_CODES } from '../../../../shared/flexforward/iso-codes';
import { SelectField, TextField } from '../../components/ui';
import type { ShipmentFormState } from './use-shipment-form';
import { ItemSkuField } from './ItemSkuField';

/** The parcels of the shipment: package, weight and dimensions, and the items in each. */
export function ParcelsFieldset({ form, settings }: { form: ShipmentFormState; settings: SettingsView }) {
  const { values, errors, units, parcels, setParcel, setItem, weight } = form;
  return (
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
                <button type="button" onClick={() => parcels.remove(pi)} aria-label={`Remove parcel ${pi + 1}`}>
                  Remove parcel
                </button>
              )}
            </div>
            <div className="grid-5">
              <SelectField label="Package" value={parcel.presetId} onChange={(e) => parcels.choosePreset(pi, e.target.value)}>
                <option value="">Custom size</option>
                {settings.packagePresets.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </SelectField>
              <TextField
                label={`Weight (${units.weight})`}
                name={`${base}.weight`}
                inputMode="decimal"
                required
                value={parcel.weight}
                onChange={(e) => setParcel(pi, { weight: e.target.value }, `${base}.weight`)}
                error={errors[`${base}.weight`]}
                aria-describedby={weight.forParcel(pi).length ? `${base}.weight-warning` : undefined}
              />
              {(['length', 'width', 'height'] as const).map((d) => (
                <TextField
                  key={d}
                  label={`${d[0]!.toUpperCase()}${d.slice(1)} (${units.dimension})`}
                  name={`${base}.dimension.${d}`}
                  inputMode="decimal"
                  value={parcel[d]}
                  onChange={(e) => setParcel(pi, { [d]: e.target.value, presetId: '' }, `${base}.dimension.${d}`)}
                  error={errors[`${base}.dimension.${d}`] ?? (d === 'length' ? errors[`${base}.dimension`] : undefined)}
                />
              ))}
            </div>
            {weight.forParcel(pi).length > 0 && (
              <p id={`${base}.weight-warning`} className="weight-warning" data-testid="weight-warning">
                {weight
                  .forParcel(pi)
                  .map((w) => w.message)
                  .join(' ')}
              </p>
            )}
            <table className="items">
              <caption className="sr-only">Items in parcel {pi + 1}</caption>
              <thead>
                <tr>
                  <th scope="col">SKU</th>
                  <th scope="col">Description (English)</th>
                  <th scope="col">Local description</th>
                  <th scope="col">Qty</th>
                  <th scope="col">Unit price</th>
                  <th scope="col">Currency</th>
                  <th scope="col">Unit weight ({units.weight})</th>
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
                      <td className="narrow">
                        <ItemSkuField form={form} pi={pi} ii={ii} label={`SKU, ${n}`} />
                      </td>
                      <td>
                        <ItemInput
                          label={`Description (English), ${n}`}
                          name={`${ib}.descriptionEn`}
                          value={item.descriptionEn}
                          error={errors[`${ib}.descriptionEn`]}
                          onChange={(v) => setItem(pi, ii, { descriptionEn: v }, `${ib}.descriptionEn`)}
                        />
                      </td>
                      <td>
                        <ItemInput
                          label={`Local description, ${n}`}
                          name={`${ib}.descriptionLocal`}
                          value={item.descriptionLocal}
                          error={errors[`${ib}.descriptionLocal`]}
                          onChange={(v) => setItem(pi, ii, { descriptionLocal: v }, `${ib}.descriptionLocal`)}
                        />
                      </td>
                      <td className="narrow">
                        <ItemInput
                          label={`Quantity, ${n}`}
                          name={`${ib}.quantity`}
                          inputMode="numeric"
                          value={item.quantity}
                          error={errors[`${ib}.quantity`]}
                          onChange={(v) => setItem(pi, ii, { quantity: v }, `${ib}.quantity`)}
                        />
                      </td>
                      <td className="narrow">
                        <ItemInput
                          label={`Unit price, ${n}`}
                          name={`${ib}.unitPrice.amount`}
                          inputMode="decimal"
                          value={item.amount}
                          error={errors[`${ib}.unitPrice.amount`]}
                          onChange={(v) => setItem(pi, ii, { amount: v }, `${ib}.unitPrice.amount`)}
                        />
                      </td>
                      <td className="narrow">
                        <ItemInput
                          label={`Currency, ${n}`}
                          name={`${ib}.unitPrice.currency`}
                          list="ffs-currencies"
                          value={item.currency}
                          error={errors[`${ib}.unitPrice.currency`]}
                          onChange={(v) => setItem(pi, ii, { currency: v.toUpperCase() }, `${ib}.unitPrice.currency`)}
                        />
                      </td>
                      <td className="narrow">
                        <ItemInput
                          label={`Unit weight, ${n}`}
                          name={`${ib}.unitWeight`}
                          inputMode="decimal"
                          value={item.unitWeight}
                          error={errors[`${ib}.unitWeight`]}
                          onChange={(v) => setItem(pi, ii, { unitWeight: v }, `${ib}.unitWeight`)}
                        />
                      </td>
                      <td>
                        {parcel.items.length > 1 && (
                          <button type="button" aria-label={`Remove ${n}`} onClick={() => parcels.removeItem(pi, ii)}>
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
            <button type="button" onClick={() => parcels.addItem(pi)}>
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
      <button type="button" onClick={parcels.add}>
        Add parcel
      </button>
      {weight.needed && <WeightConfirmation form={form} />}
    </fieldset>
  );
}

/**
 * An implausible weight (outside Settings → Defaults' range, or far from its items) is sent only
 * after this explicit "yes": Create asks for it and main refuses the weight without it.
 */
function WeightConfirmation({ form }: { form: ShipmentFormState }) {
  const { weight } = form;
  return (
    <div className={`notice-box weight-confirm${weight.asked ? ' asked' : ''}`} role="group" aria-label="Check the weight">
      <p>
        <strong>Check the weight.</strong> {weight.serverMessage ?? weight.warnings.map((w) => w.message).join(' ')}
      </p>
      <label className="checkbox">
        <input
          ref={weight.confirmRef}
          type="checkbox"
          name="weightConfirmed"
          checked={weight.confirmed}
          onChange={(e) => weight.setConfirmed(e.target.checked)}
        />
        Yes, the weight is right
      </label>
      {weight.asked && (
        <p className="field-error" role="alert">
          Confirm the weight (or correct it) before the label is created.
        </p>
      )}
    </div>
  );
}

/** A compact labelled input for the item table (label visible to assistive technology only). */
function ItemInput({
  label,
  name,
  value,
  onChange,
  error,
  inputMode,
  list,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  inputMode?: 'decimal' | 'numeric';
  list?: string;
}) {
  const errorId = `${name}-error`;
  return (
    <div className="item-input">
      <input
        aria-label={label}
        name={name}
        value={value}
        inputMode={inputMode}
        list={list}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      {error && (
        <small id={errorId} className="field-error" role="alert">
          {error}
        </small>
      )}
    </div>
  );
}
