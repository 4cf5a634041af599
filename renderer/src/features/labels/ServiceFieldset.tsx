import { unitsFor } from '../../../../shared/domain/settings';
import { CatalogOptions } from '../../components/CatalogOptions';
import { SelectField, TextField } from '../../components/ui';
import type { ShipmentFormState } from './use-shipment-form';

/** Order numbers, courier and product (picked from the API's lists when it has them), label format, units, service options. */
export function ServiceFieldset({ form }: { form: ShipmentFormState }) {
  const { values, errors, couriers, products, set, chooseCourier, serviceOptions } = form;
  return (
    <fieldset className="card">
      <legend>Order and service</legend>
      <div className="grid-3">
        <TextField
          label="Customer order number"
          name="order.customerOrderNumber"
          value={values.customerOrderNumber}
          onChange={(e) => set('customerOrderNumber', e.target.value, 'order.customerOrderNumber')}
          error={errors['order.customerOrderNumber']}
          hint="One label per order: the station warns before buying a second."
        />
        <TextField
          label="Platform order number"
          name="order.orderNumbers.platformOrderNumber"
          value={values.platformOrderNumber}
          onChange={(e) => set('platformOrderNumber', e.target.value, 'order.orderNumbers.platformOrderNumber')}
          error={errors['order.orderNumbers.platformOrderNumber']}
        />
        <TextField
          label="Reference numbers"
          name="order.orderNumbers.referenceNumbers"
          value={values.referenceNumbers}
          onChange={(e) => set('referenceNumbers', e.target.value, 'order.orderNumbers.referenceNumbers')}
          error={errors['order.orderNumbers.referenceNumbers']}
          hint="Separate several with commas."
        />
      </div>
      <div className="grid-4">
        {couriers?.available ? (
          <SelectField
            label="Courier"
            name="courier"
            required
            value={values.courier}
            onChange={(e) => chooseCourier(e.target.value)}
            error={errors.courier}
          >
            <CatalogOptions items={couriers.items} placeholder="Choose a courier" />
          </SelectField>
        ) : (
          <TextField
            label="Courier code"
            name="courier"
            required
            value={values.courier}
            onChange={(e) => set('courier', e.target.value, 'courier')}
            error={errors.courier}
            hint={couriers?.available === false ? couriers.reason : undefined}
          />
        )}
        {products?.available ? (
          <SelectField
            label="Product"
            name="service.productCode"
            required
            value={values.productCode}
            onChange={(e) => set('productCode', e.target.value, 'service.productCode')}
            error={errors['service.productCode']}
          >
            <CatalogOptions items={products.items} placeholder="Choose a product" />
          </SelectField>
        ) : (
          <TextField
            label="Product code"
            name="service.productCode"
            required
            value={values.productCode}
            onChange={(e) => set('productCode', e.target.value, 'service.productCode')}
            error={errors['service.productCode']}
            hint={products?.available === false ? products.reason : undefined}
          />
        )}
        <SelectField
          label="Label format"
          name="label.format"
          value={values.labelFormat}
          onChange={(e) => set('labelFormat', e.target.value as 'PDF' | 'PNG', 'label.format')}
        >
          <option value="PDF">PDF</option>
          <option value="PNG">PNG</option>
        </SelectField>
        <SelectField
          label="Units"
          name="units"
          value={values.units}
          onChange={(e) => set('units', e.target.value as 'metric' | 'imperial', 'units')}
        >
          <option value="metric">{`${unitsFor.metric.weight} and ${unitsFor.metric.dimension}`}</option>
          <option value="imperial">{`${unitsFor.imperial.weight} and ${unitsFor.imperial.dimension}`}</option>
        </SelectField>
      </div>
      <div className="service-options">
        {values.serviceOptions.map((o, i) => (
          <div key={i} className="inline-form" role="group" aria-label={`Service option ${i + 1}`}>
            <TextField
              label="Option code"
              name={`serviceOptions[${i}].code`}
              value={o.code}
              onChange={(e) => serviceOptions.set(i, { code: e.target.value })}
              error={errors[`serviceOptions[${i}].code`]}
            />
            <TextField
              label="Option value"
              name={`serviceOptions[${i}].value`}
              value={o.value}
              onChange={(e) => serviceOptions.set(i, { value: e.target.value })}
            />
            <button type="button" onClick={() => serviceOptions.remove(i)} aria-label={`Remove service option ${i + 1}`}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" onClick={serviceOptions.add}>
          Add service option
        </button>
      </div>
    </fieldset>
  );
}
