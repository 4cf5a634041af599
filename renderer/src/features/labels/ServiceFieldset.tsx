import { unitsFor } from '../../../../shared/domain/settings';
import { CatalogOptions } from '../../components/CatalogOptions';
import { SelectField, TextField } from '../../components/ui';
import { useT } from '../../i18n';
import type { ShipmentFormState } from './use-shipment-form';

/** Order numbers, courier and product (picked from the API's lists when it has them), label format, units, service options. */
export function ServiceFieldset({ form }: { form: ShipmentFormState }) {
  const { t } = useT('labels');
  const { values, errors, couriers, products, set, chooseCourier, serviceOptions } = form;
  // Each field's change, with the request path it feeds (kept out of the JSX, where literals are words).
  const change = {
    customerOrderNumber: (e: { target: { value: string } }) => set('customerOrderNumber', e.target.value, 'order.customerOrderNumber'),
    platformOrderNumber: (e: { target: { value: string } }) =>
      set('platformOrderNumber', e.target.value, 'order.orderNumbers.platformOrderNumber'),
    referenceNumbers: (e: { target: { value: string } }) => set('referenceNumbers', e.target.value, 'order.orderNumbers.referenceNumbers'),
    courier: (e: { target: { value: string } }) => set('courier', e.target.value, 'courier'),
    productCode: (e: { target: { value: string } }) => set('productCode', e.target.value, 'service.productCode'),
    labelFormat: (e: { target: { value: string } }) => set('labelFormat', e.target.value as 'PDF' | 'PNG', 'label.format'),
    units: (e: { target: { value: string } }) => set('units', e.target.value as 'metric' | 'imperial', 'units'),
  };
  const optionCodePath = (i: number) => `serviceOptions[${i}].code`;
  return (
    <fieldset className="card">
      <legend>{t('service.legend')}</legend>
      <div className="grid-3">
        <TextField
          label={t('service.customerOrderNumber')}
          name="order.customerOrderNumber"
          value={values.customerOrderNumber}
          onChange={change.customerOrderNumber}
          error={errors['order.customerOrderNumber']}
          hint={t('service.customerOrderHint')}
        />
        <TextField
          label={t('service.platformOrderNumber')}
          name="order.orderNumbers.platformOrderNumber"
          value={values.platformOrderNumber}
          onChange={change.platformOrderNumber}
          error={errors['order.orderNumbers.platformOrderNumber']}
        />
        <TextField
          label={t('service.referenceNumbers')}
          name="order.orderNumbers.referenceNumbers"
          value={values.referenceNumbers}
          onChange={change.referenceNumbers}
          error={errors['order.orderNumbers.referenceNumbers']}
          hint={t('service.referenceHint')}
        />
      </div>
      <div className="grid-4 service-grid">
        {couriers?.available ? (
          <SelectField
            label={t('service.courier')}
            name="courier"
            required
            value={values.courier}
            onChange={(e) => chooseCourier(e.target.value)}
            error={errors.courier}
          >
            <CatalogOptions items={couriers.items} placeholder={t('service.chooseCourier')} />
          </SelectField>
        ) : (
          <TextField
            label={t('service.courierCode')}
            name="courier"
            required
            value={values.courier}
            onChange={change.courier}
            error={errors.courier}
            hint={couriers?.available === false ? couriers.reason : undefined}
          />
        )}
        {products?.available ? (
          <SelectField
            label={t('service.product')}
            name="service.productCode"
            required
            value={values.productCode}
            onChange={change.productCode}
            error={errors['service.productCode']}
          >
            <CatalogOptions items={products.items} placeholder={t('service.chooseProduct')} />
          </SelectField>
        ) : (
          <TextField
            label={t('service.productCode')}
            name="service.productCode"
            required
            value={values.productCode}
            onChange={change.productCode}
            error={errors['service.productCode']}
            hint={products?.available === false ? products.reason : undefined}
          />
        )}
        <SelectField label={t('service.labelFormat')} name="label.format" value={values.labelFormat} onChange={change.labelFormat}>
          <option value="PDF">PDF</option>
          <option value="PNG">PNG</option>
        </SelectField>
        <SelectField label={t('service.units')} name="units" value={values.units} onChange={change.units}>
          <option value="metric">
            {t('service.unitsOption', { weight: unitsFor.metric.weight, dimension: unitsFor.metric.dimension })}
          </option>
          <option value="imperial">
            {t('service.unitsOption', { weight: unitsFor.imperial.weight, dimension: unitsFor.imperial.dimension })}
          </option>
        </SelectField>
      </div>
      <div className="service-options">
        {values.serviceOptions.map((o, i) => (
          <div key={i} className="inline-form" role="group" aria-label={t('service.option', { n: i + 1 })}>
            <TextField
              label={t('service.optionCode')}
              name={optionCodePath(i)}
              value={o.code}
              onChange={(e) => serviceOptions.set(i, { code: e.target.value })}
              error={errors[optionCodePath(i)]}
            />
            <TextField
              label={t('service.optionValue')}
              name={`serviceOptions[${i}].value`}
              value={o.value}
              onChange={(e) => serviceOptions.set(i, { value: e.target.value })}
            />
            <button type="button" onClick={() => serviceOptions.remove(i)} aria-label={t('service.removeOption', { n: i + 1 })}>
              {t('service.remove')}
            </button>
          </div>
        ))}
        <button type="button" onClick={serviceOptions.add}>
          {t('service.addOption')}
        </button>
      </div>
    </fieldset>
  );
}
