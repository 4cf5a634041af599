import type { SettingsView } from '../../../../shared/ipc/contract';
import { fieldsUnder } from '../../../../shared/ipc/result';
import { PartyFields } from '../../components/PartyFields';
import { ErrorMessage, SelectField } from '../../components/ui';
import { NO_SENDER, TYPED_SENDER } from './draft';
import { ParcelsFieldset } from './ParcelsFieldset';
import { RecipientNameField } from './RecipientNameField';
import { ServiceFieldset } from './ServiceFieldset';
import type { ShipmentFormState } from './use-shipment-form';

/**
 * The shipment form as the operator sees it; its state lives in `useShipmentForm`. Every input
 * is named by the request path it feeds, so the shared schema's messages (as you type) and the
 * API's 400 `details[].field` messages land on the same field.
 */
export function ShipmentForm({ form, settings }: { form: ShipmentFormState; settings: SettingsView }) {
  const { values, errors, formError, serverErrors, formRef, busy } = form;
  // The API's messages about fields this form has no input for are said in words under the form.
  const unplaced = Object.entries(serverErrors).filter(([k]) => !formRef.current?.querySelector(`[name="${CSS.escape(k)}"]`));

  return (
    <form
      ref={formRef}
      className="shipment-form stack"
      onSubmit={(e) => void form.submit(e)}
      onKeyDown={form.onKeyDown}
      aria-label="New label"
      aria-describedby={form.locked ? 'form-locked' : form.copyOf ? 'form-copy' : undefined}
      noValidate
    >
      {form.locked && (
        <p id="form-locked" className="notice-box" role="status">
          This label is created, so the form is locked: Create cannot buy it twice. Use New label for the next shipment, or Duplicate for
          another label like this one.
        </p>
      )}
      {form.copyOf && (
        <p id="form-copy" className="notice-box" role="status">
          A copy of label {form.copyOf.trackingNumber ?? form.copyOf.labelId}: Create buys another label.
        </p>
      )}
      {/* A disabled fieldset makes every field and button inside read-only and unfocusable at once. */}
      <fieldset className="form-lock stack" disabled={form.locked}>
        <fieldset className="card">
          <legend>Recipient</legend>
          <PartyFields
            idPrefix="shipment.shipTo"
            value={values.shipTo}
            onChange={(p) => form.setParty('shipTo', p)}
            errors={fieldsUnder(errors, 'shipment.shipTo')}
            renderFirstName={(field) => <RecipientNameField field={field} onChoose={form.chooseRecipient} />}
          />
        </fieldset>

        <fieldset className="card">
          <legend>Sender</legend>
          <SelectField
            label="Ship from"
            value={values.senderId}
            onChange={(e) => form.set('senderId', e.target.value, 'shipment.shipFrom')}
            name="senderId"
          >
            <option value={NO_SENDER}>No sender address (the shipper account’s address is used)</option>
            {settings.senders.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
            <option value={TYPED_SENDER}>Type a sender address…</option>
          </SelectField>
          {values.senderId === TYPED_SENDER && (
            <PartyFields
              idPrefix="shipment.shipFrom"
              value={values.shipFrom}
              onChange={(p) => form.setParty('shipFrom', p)}
              errors={fieldsUnder(errors, 'shipment.shipFrom')}
            />
          )}
        </fieldset>

        <ParcelsFieldset form={form} settings={settings} />
        <ServiceFieldset form={form} />

        {formError && (!formError.fields || unplaced.length > 0) && (
          <ErrorMessage>
            {formError.message}
            {unplaced.map(([k, v]) => ` ${k}: ${v}`).join('')}
          </ErrorMessage>
        )}
        {form.submitted && form.problems > 0 && (
          <p className="field-error" role="status">
            {form.problems === 1 ? '1 field needs' : `${form.problems} fields need`} attention before the label can be created.
          </p>
        )}
        <div className="actions sticky-actions">
          <button type="submit" className="primary" disabled={busy || form.locked}>
            {busy ? 'Creating label…' : 'Create label'}
          </button>
          <span className="hint">
            <kbd>Enter</kbd> or <kbd>Ctrl</kbd>+<kbd>Enter</kbd> creates the label · <kbd>Alt</kbd>+<kbd>N</kbd> starts a new one
          </span>
        </div>
      </fieldset>
    </form>
  );
}
