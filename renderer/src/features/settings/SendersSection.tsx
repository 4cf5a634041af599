import { useState, type FormEvent } from 'react';
import type { SenderAddress } from '../../../../shared/domain/settings';
import type { CurrencyCode } from '../../../../shared/flexforward/schemas';
import { ISO_CURRENCY_CODES } from '../../../../shared/flexforward/iso-codes';
import type { SettingsView } from '../../../../shared/ipc/contract';
import { fieldsUnder } from '../../../../shared/ipc/result';
import { draftFromParty, emptyParty, PartyFields, partyFromDraft, type PartyDraft, type PartyErrors } from '../../components/PartyFields';
import { ErrorMessage, TextField, SaveCancel } from '../../components/ui';
import { useSettingsChange } from '../../data/queries';
import { station } from '../../station';

/** Saved sender addresses, picked on the shipment form instead of typing the same address again. */
export function SendersSection({ settings }: { settings: SettingsView }) {
  const { senders, defaults } = settings;
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
      <h2>Sender addresses</h2>
      {senders.length === 0 && !editing && <p className="hint">No sender addresses yet. Add the address your parcels ship from.</p>}
      <ul className="plain-list">
        {senders.map((s: SenderAddress) => (
          <li key={s.id} className="list-row">
            <div>
              <strong>{s.name}</strong> {defaults.senderId === s.id && <span className="pill">Default</span>}
              <div className="muted">
                {[s.party.contact.firstName, s.party.contact.lastName].filter(Boolean).join(' ')}, {s.party.address.streetLines.join(', ')},{' '}
                {s.party.address.city} {s.party.address.postalCode}, {s.party.address.countryCode}
                {s.defaultCurrency && ` · prices in ${s.defaultCurrency} unless a file says otherwise`}
              </div>
            </div>
            <div className="row-actions">
              <button
                type="button"
                onClick={() =>
                  setEditing({ id: s.id, name: s.name, party: draftFromParty(s.party), defaultCurrency: s.defaultCurrency ?? '' })
                }
                aria-label={`Edit ${s.name}`}
              >
                Edit
              </button>
              <button
                type="button"
                onClick={() => void change.run(() => station().senders.remove({ id: s.id }))}
                aria-label={`Remove ${s.name}`}
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ul>
      {editing ? (
        <form onSubmit={(e) => void save(e)} aria-label={editing.id ? 'Edit sender address' : 'New sender address'} className="stack">
          <TextField
            label="Name of this address"
            value={editing.name}
            onChange={(e) => setEditing({ ...editing, name: e.target.value })}
            error={error?.fields?.name}
            required
            autoFocus
          />
          <TextField
            label="Default currency"
            hint="For items whose currency is blank, in imports and on the New label form (USD, EUR, JPY, …)."
            list="ffs-sender-currencies"
            maxLength={3}
            value={editing.defaultCurrency}
            onChange={(e) => setEditing({ ...editing, defaultCurrency: e.target.value.toUpperCase() })}
            error={error?.fields?.defaultCurrency}
          />
          <datalist id="ffs-sender-currencies">
            {ISO_CURRENCY_CODES.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
          <PartyFields
            idPrefix="sender"
            value={editing.party}
            onChange={(party) => setEditing({ ...editing, party })}
            errors={partyErrors}
          />
          {error && Object.keys(partyErrors).length === 0 && !error.fields?.name && !error.fields?.defaultCurrency && (
            <ErrorMessage>{error.message}</ErrorMessage>
          )}
          <SaveCancel saveLabel="Save address" onCancel={() => (setEditing(null), change.clearError())} />
        </form>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => setEditing({ name: '', party: emptyParty, defaultCurrency: '' })}>
            Add sender address
          </button>
        </div>
      )}
    </div>
  );
}
