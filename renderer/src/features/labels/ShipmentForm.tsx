import type { SettingsView } from '../../../../shared/ipc/contract';
import { fieldsUnder } from '../../../../shared/ipc/result';
import { PartyFields, type PartyDraft } from '../../components/PartyFields';
import { ErrorMessage, SelectField, WithKeys } from '../../components/ui';
import { useT } from '../../i18n';
import { NO_SENDER, TYPED_SENDER } from './draft';
import { ParcelsFieldset } from './ParcelsFieldset';
import { RecipientNameField } from './RecipientNameField';
import { ServiceFieldset } from './ServiceFieldset';
import type { ShipmentFormState } from './use-shipment-form';

const SHIP_TO = 'shipment.shipTo';
const SHIP_FROM = 'shipment.shipFrom';

/**
 * The shipment form as the operator sees it; its state lives in `useShipmentForm`. Every input
 * is named by the request path it feeds, so the shared schema's messages (as you type) and the
 * API's 400 `details[].field` messages land on the same field.
 */
export function ShipmentForm({ form, settings }: { form: ShipmentFormState; settings: SettingsView }) {
  const { t } = useT('labels');
  const { values, errors, formError, serverErrors, formRef, busy } = form;
  // The API's messages about fields this form has no input for are said in words under the form.
  const toErrors = fieldsUnder(errors, SHIP_TO);
  const fromErrors = fieldsUnder(errors, SHIP_FROM);
  const setShipTo = (p: PartyDraft) => form.setParty('shipTo', p);
  const setShipFrom = (p: PartyDraft) => form.setParty('shipFrom', p);
  const chooseSender = (e: { target: { value: string } }) => form.set('senderId', e.target.value, SHIP_FROM);
  const unplaced = Object.entries(serverErrors).filter(([k]) => !formRef.current?.querySelector(`[name="${CSS.escape(k)}"]`));

  return (
    <form
      ref={formRef}
      className="shipment-form stack"
      onSubmit={(e) => void form.submit(e)}
      onKeyDown={form.onKeyDown}
      aria-label={t('form.name')}
      aria-describedby={form.locked ? 'form-locked' : form.copyOf ? 'form-copy' : undefined}
      noValidate
    >
      {form.locked && (
        <p id="form-locked" className="notice-box" role="status">
          {t('form.locked')}
        </p>
      )}
      {form.copyOf && (
        <p id="form-copy" className="notice-box" role="status">
          {t('form.copyOf', { label: form.copyOf.trackingNumber ?? form.copyOf.labelId })}
        </p>
      )}
      {/* A disabled fieldset makes every field and button inside read-only and unfocusable at once. */}
      <fieldset className="form-lock stack" disabled={form.locked}>
        <fieldset className="card">
          <legend>{t('form.recipient')}</legend>
          <PartyFields
            idPrefix={SHIP_TO}
            value={values.shipTo}
            onChange={setShipTo}
            errors={toErrors}
            renderFirstName={(field) => <RecipientNameField field={field} onChoose={form.chooseRecipient} />}
          />
        </fieldset>

        <fieldset className="card">
          <legend>{t('form.sender')}</legend>
          <SelectField label={t('form.shipFrom')} value={values.senderId} onChange={chooseSender} name="senderId">
            <option value={NO_SENDER}>{t('form.noSender')}</option>
            {settings.senders.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
            <option value={TYPED_SENDER}>{t('form.typedSender')}</option>
          </SelectField>
          {values.senderId === TYPED_SENDER && (
            <PartyFields idPrefix={SHIP_FROM} value={values.shipFrom} onChange={setShipFrom} errors={fromErrors} />
          )}
        </fieldset>

        <ParcelsFieldset form={form} settings={settings} />
        <ServiceFieldset form={form} />

        {formError && (!formError.fields || unplaced.length > 0) && (
          <ErrorMessage>
            {formError.message}
            {unplaced.map(([field, message]) => ` ${t('form.unplacedField', { field, message })}`).join('')}
          </ErrorMessage>
        )}
        {form.submitted && form.problems > 0 && (
          <p className="field-error" role="status">
            {t('form.problems', { count: form.problems })}
          </p>
        )}
        <div className="actions sticky-actions">
          <button type="submit" className="primary" disabled={busy || form.locked}>
            {busy ? t('form.creating') : t('form.create')}
          </button>
          <span className="hint">
            <WithKeys text={t('keys.shortcuts')} />
          </span>
        </div>
      </fieldset>
    </form>
  );
}
