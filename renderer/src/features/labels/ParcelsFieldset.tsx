import type { SettingsView } from '../../../../shared/ipc/contract';
import { ISO_CURRENCY_CODES } from '../../../../shared/flexforward/iso-codes';
import { SelectField, TextField } from '../../components/ui';
import { useT } from '../../i18n';
import type { ShipmentFormState } from './use-shipment-form';
import { ItemSkuField } from './ItemSkuField';

const CURRENCIES_LIST = 'ffs-currencies';
const DIMENSIONS = ['length', 'width', 'height'] as const;
/** The remove-item button's mark (its aria-label says what it does). */
const REMOVE_MARK = '✕';

/** The request paths of a parcel's fields (errors and inputs are named by them). */
function parcelPaths(pi: number) {
  const base = `shipment.parcels[${pi}]`;
  return {
    weight: `${base}.weight`,
    warning: `${base}.weight-warning`,
    dimensions: `${base}.dimension`,
    dimension: (d: (typeof DIMENSIONS)[number]) => `${base}.dimension.${d}`,
    items: `${base}.items`,
  };
}

/** The request paths of an item's fields. */
function itemPaths(pi: number, ii: number) {
  const base = `shipment.parcels[${pi}].items[${ii}]`;
  return {
    descriptionEn: `${base}.descriptionEn`,
    descriptionLocal: `${base}.descriptionLocal`,
    quantity: `${base}.quantity`,
    amount: `${base}.unitPrice.amount`,
    currency: `${base}.unitPrice.currency`,
    unitWeight: `${base}.unitWeight`,
  };
}

/** The parcels of the shipment: package, weight and dimensions, and the items in each. */
export function ParcelsFieldset({ form, settings }: { form: ShipmentFormState; settings: SettingsView }) {
  const { t } = useT('labels');
  const { values, errors, parcels, weight } = form;
  return (
    <fieldset className="card">
      <legend>{t('parcels.legend')}</legend>
      {errors['shipment.parcels'] && <p className="field-error">{errors['shipment.parcels']}</p>}
      {values.parcels.map((_parcel, pi) => (
        <ParcelCard key={pi} form={form} settings={settings} pi={pi} />
      ))}
      <datalist id={CURRENCIES_LIST}>
        {ISO_CURRENCY_CODES.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <button type="button" onClick={parcels.add}>
        {t('parcels.addParcel')}
      </button>
      {weight.needed && <WeightConfirmation form={form} />}
    </fieldset>
  );
}

/** One parcel: package, weight, dimensions, the weight warning, and its items. */
function ParcelCard({ form, settings, pi }: { form: ShipmentFormState; settings: SettingsView; pi: number }) {
  const { t } = useT('labels');
  const { values, errors, units, parcels, setParcel, weight } = form;
  const parcel = values.parcels[pi]!;
  const path = parcelPaths(pi);
  const warnings = weight.forParcel(pi);
  return (
    <div className="parcel" role="group" aria-label={t('parcels.parcel', { n: pi + 1 })}>
      <div className="parcel-head">
        <strong>{t('parcels.parcel', { n: pi + 1 })}</strong>
        {values.parcels.length > 1 && (
          <button type="button" onClick={() => parcels.remove(pi)} aria-label={t('parcels.removeParcelNamed', { n: pi + 1 })}>
            {t('parcels.removeParcel')}
          </button>
        )}
      </div>
      <div className="grid-5">
        <SelectField label={t('parcels.package')} value={parcel.presetId} onChange={(e) => parcels.choosePreset(pi, e.target.value)}>
          <option value="">{t('parcels.customSize')}</option>
          {settings.packagePresets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('parcels.weight', { unit: units.weight })}
          name={path.weight}
          inputMode="decimal"
          required
          value={parcel.weight}
          onChange={(e) => setParcel(pi, { weight: e.target.value }, path.weight)}
          error={errors[path.weight]}
          aria-describedby={warnings.length ? path.warning : undefined}
        />
        {DIMENSIONS.map((d) => (
          <TextField
            key={d}
            label={t(`parcels.${d}`, { unit: units.dimension })}
            name={path.dimension(d)}
            inputMode="decimal"
            value={parcel[d]}
            onChange={(e) => setParcel(pi, { [d]: e.target.value, presetId: '' }, path.dimension(d))}
            error={errors[path.dimension(d)] ?? (d === DIMENSIONS[0] ? errors[path.dimensions] : undefined)}
          />
        ))}
      </div>
      {warnings.length > 0 && (
        <p id={path.warning} className="weight-warning" data-testid="weight-warning">
          {weight.sentences(warnings)}
        </p>
      )}
      <table className="items">
        <caption className="sr-only">{t('parcels.itemsCaption', { n: pi + 1 })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('parcels.column.sku')}</th>
            <th scope="col">{t('parcels.column.descriptionEn')}</th>
            <th scope="col">{t('parcels.column.descriptionLocal')}</th>
            <th scope="col">{t('parcels.column.quantity')}</th>
            <th scope="col">{t('parcels.column.unitPrice')}</th>
            <th scope="col">{t('parcels.column.currency')}</th>
            <th scope="col">{t('parcels.column.unitWeight', { unit: units.weight })}</th>
            <th scope="col">
              <span className="sr-only">{t('parcels.column.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {parcel.items.map((_item, ii) => (
            <ItemRow key={ii} form={form} pi={pi} ii={ii} />
          ))}
        </tbody>
      </table>
      {errors[path.items] && <p className="field-error">{errors[path.items]}</p>}
      <button type="button" onClick={() => parcels.addItem(pi)}>
        {t('parcels.addItem')}
      </button>
    </div>
  );
}

/** One item of a parcel, a row of the item table. */
function ItemRow({ form, pi, ii }: { form: ShipmentFormState; pi: number; ii: number }) {
  const { t } = useT('labels');
  const { errors, parcels, setItem } = form;
  const parcel = form.values.parcels[pi]!;
  const item = parcel.items[ii]!;
  const path = itemPaths(pi, ii);
  const n = { item: ii + 1, parcel: pi + 1 };
  return (
    <tr>
      <td className="narrow">
        <ItemSkuField form={form} pi={pi} ii={ii} label={t('parcels.item.sku', n)} />
      </td>
      <td>
        <ItemInput
          label={t('parcels.item.descriptionEn', n)}
          name={path.descriptionEn}
          value={item.descriptionEn}
          error={errors[path.descriptionEn]}
          onChange={(v) => setItem(pi, ii, { descriptionEn: v }, path.descriptionEn)}
        />
      </td>
      <td>
        <ItemInput
          label={t('parcels.item.descriptionLocal', n)}
          name={path.descriptionLocal}
          value={item.descriptionLocal}
          error={errors[path.descriptionLocal]}
          onChange={(v) => setItem(pi, ii, { descriptionLocal: v }, path.descriptionLocal)}
        />
      </td>
      <td className="narrow">
        <ItemInput
          label={t('parcels.item.quantity', n)}
          name={path.quantity}
          inputMode="numeric"
          value={item.quantity}
          error={errors[path.quantity]}
          onChange={(v) => setItem(pi, ii, { quantity: v }, path.quantity)}
        />
      </td>
      <td className="narrow">
        <ItemInput
          label={t('parcels.item.unitPrice', n)}
          name={path.amount}
          inputMode="decimal"
          value={item.amount}
          error={errors[path.amount]}
          onChange={(v) => setItem(pi, ii, { amount: v }, path.amount)}
        />
      </td>
      <td className="narrow">
        <ItemInput
          label={t('parcels.item.currency', n)}
          name={path.currency}
          list={CURRENCIES_LIST}
          value={item.currency}
          error={errors[path.currency]}
          onChange={(v) => setItem(pi, ii, { currency: v.toUpperCase() }, path.currency)}
        />
      </td>
      <td className="narrow">
        <ItemInput
          label={t('parcels.item.unitWeight', n)}
          name={path.unitWeight}
          inputMode="decimal"
          value={item.unitWeight}
          error={errors[path.unitWeight]}
          onChange={(v) => setItem(pi, ii, { unitWeight: v }, path.unitWeight)}
        />
      </td>
      <td>
        {parcel.items.length > 1 && (
          <button type="button" aria-label={t('parcels.item.remove', n)} onClick={() => parcels.removeItem(pi, ii)}>
            {REMOVE_MARK}
          </button>
        )}
      </td>
    </tr>
  );
}

/**
 * An implausible weight (outside Settings → Defaults' range, or far from its items) is sent only
 * after this explicit "yes": Create asks for it and main refuses the weight without it.
 */
function WeightConfirmation({ form }: { form: ShipmentFormState }) {
  const { t } = useT('labels');
  const { weight } = form;
  return (
    <div className={`notice-box weight-confirm${weight.asked ? ' asked' : ''}`} role="group" aria-label={t('weight.check')}>
      <p>
        <strong>{t('weight.checkTitle')}</strong> {weight.serverMessage ?? weight.sentences(weight.warnings)}
      </p>
      <label className="checkbox">
        <input
          ref={weight.confirmRef}
          type="checkbox"
          name="weightConfirmed"
          checked={weight.confirmed}
          onChange={(e) => weight.setConfirmed(e.target.checked)}
        />
        {t('weight.confirm')}
      </label>
      {weight.asked && (
        <p className="field-error" role="alert">
          {t('weight.asked')}
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
