import { useState, type FormEvent } from 'react';
import type { SenderAddress } from '../../../../shared/domain/settings';
import type { CurrencyCode } from '../../../../shared/flexforward/schemas';
import { ISO_CURRENCY_CODES } from '../../../../shared/flexforward/iso-codes';
import type { SettingsView } from '../../../../shared/ipc/contract';
import { fieldsUnder } from '../../../../shared/ipc/result';
import { draftFromParty, emptyParty, PartyFields, partyFromDraft, type PartyDraft, type PartyErrors } from '../../components/PartyFields';
import { ErrorMessage, TextField, SaveCancel } from '../../components/ui';
import { useSettingsChange } from '../../data/queries';
import { useT } from '../../i18n';
import { station } from '../../station';

/** The currency suggestions' list id, and the prefix of the address fields' ids. */
const CURRENCY_LIST = 'ffs-sender-currencies';
const ID_PREFIX = 'sender';

/** Saved sender addresses, picked on the shipment form instead of typing the same address again. */
export function SendersSection({ settings }: { settings: SettingsView }) {
  const { senders, defaults } = settings;
  const { t } = useT('settings');
  const [editing, setEditing] = useState<{ id?: string; name: string; party: PartyDraft; defaultCurrency: string } | null>(null);
  const change = useSettingsChange();
  const { error } = change;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const saved = await change.run(() =>
      station().senders.save({
        id: editing.id,
        name: editing.name,
        party: partyFromDraft(editing.party),
        // Blank: no default (a file without currencies then names each item).
        ...(editing.defaultCurrency.trim() ? { defaultCurrency: editing.defaultCurrency.trim().toUpperCase() as CurrencyCode } : {}),
      }),
    );
    if (saved.ok) setEditing(null);
  };
  const partyErrors: PartyErrors = fieldsUnder(error?.fields ?? {}, 'party');

  return (
    <div className="card stack">
      <h2>{t('senders.heading')}</h2>
      {senders.length === 0 && !editing && <p className="hint">{t('senders.none')}</p>}
      <ul className="plain-list">
        {senders.map((s: SenderAddress) => (
          <li key={s.id} className="list-row">
            <div>
              <strong>{s.name}</strong> {defaults.senderId === s.id && <span className="pill">{t('senders.default')}</span>}
              <div className="muted">
                {[s.party.contact.firstName, s.party.contact.lastName].filter(Boolean).join(' ')}, {s.party.address.streetLines.join(', ')},{' '}
                {s.party.address.city} {s.party.address.postalCode}, {s.party.address.countryCode}
                {s.defaultCurrency && t('senders.pricesIn', { currency: s.defaultCurrency })}
              </div>
            </div>
            <div className="row-actions">
              <button
                type="button"
                onClick={() =>
                  setEditing({ id: s.id, name: s.name, party: draftFromParty(s.party), defaultCurrency: s.defaultCurrency ?? '' })
                }
                aria-label={t('senders.editFor', { name: s.name })}
              >
                {t('senders.edit')}
              </button>
              <button
                type="button"
                onClick={() => void change.run(() => station().senders.remove({ id: s.id }))}
                aria-label={t('senders.removeFor', { name: s.name })}
              >
                {t('senders.remove')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {editing ? (
        <form onSubmit={(e) => void save(e)} aria-label={editing.id ? t('senders.editForm') : t('senders.newForm')} className="stack">
          <TextField
            label={t('senders.name')}
            value={editing.name}
            onChange={(e) => setEditing({ ...editing, name: e.target.value })}
            error={error?.fields?.name}
            required
            autoFocus
          />
          <TextField
            label={t('senders.currency')}
            hint={t('senders.currencyHint')}
            list={CURRENCY_LIST}
            maxLength={3}
            value={editing.defaultCurrency}
            onChange={(e) => setEditing({ ...editing, defaultCurrency: e.target.value.toUpperCase() })}
            error={error?.fields?.defaultCurrency}
          />
          <datalist id={CURRENCY_LIST}>
            {ISO_CURRENCY_CODES.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <PartyFields
            idPrefix={ID_PREFIX}
            value={editing.party}
            onChange={(party) => setEditing({ ...editing, party })}
            errors={partyErrors}
          />
          {error && Object.keys(partyErrors).length === 0 && !error.fields?.name && !error.fields?.defaultCurrency && (
            <ErrorMessage>{error.message}</ErrorMessage>
          )}
          <SaveCancel saveLabel={t('senders.save')} onCancel={() => (setEditing(null), change.clearError())} />
        </form>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => setEditing({ name: '', party: emptyParty, defaultCurrency: '' })}>
            {t('senders.add')}
          </button>
        </div>
      )}
    </div>
  );
}
