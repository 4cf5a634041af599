import { useState, type FormEvent } from 'react';
import type { EnvironmentView } from '../../../../shared/ipc/contract';
import { ErrorMessage, TextField } from '../../components/ui';
import { useSettingsChange } from '../../data/queries';
import { station } from '../../station';

/** The named shipper accounts (shipperAccountId UUIDs) of one environment, with its default. */
export function AccountsEditor({ env }: { env: EnvironmentView }) {
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const change = useSettingsChange();
  const { error } = change;
  const run = async (call: Parameters<typeof change.run>[0]) => (await change.run(call)).ok;
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => station().accounts.add({ environment: env.id, id: id.trim(), name }))) {
      setId('');
      setName('');
    }
  };

  return (
    <div className="accounts">
      <h3>Shipper accounts</h3>
      {env.accounts.length === 0 ? (
        <p className="hint">No shipper accounts yet. Add the shipper account IDs from your onboarding papers.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Shipper accounts for {env.label}</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Shipper account ID</th>
              <th scope="col">Default</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {env.accounts.map((a) => (
              <tr key={a.id}>
                <td>
                  {renaming?.id === a.id ? (
                    <form
                      className="inline-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void run(() => station().accounts.rename({ environment: env.id, id: a.id, name: renaming.name })).then(
                          (done) => done && setRenaming(null),
                        );
                      }}
                    >
                      <TextField
                        label={`New name for ${a.name}`}
                        value={renaming.name}
                        onChange={(e) => setRenaming({ id: a.id, name: e.target.value })}
                        autoFocus
                      />
                      <button type="submit">Save name</button>
                      <button type="button" onClick={() => setRenaming(null)}>
                        Cancel
                      </button>
                    </form>
                  ) : (
                    a.name
                  )}
                </td>
                <td>
                  <code>{a.id}</code>
                </td>
                <td>
                  {env.defaultAccountId === a.id ? (
                    <span className="pill">Default</span>
                  ) : (
                    <button
                      type="button"
                      onClick={() => void run(() => station().accounts.setDefault({ environment: env.id, id: a.id }))}
                      aria-label={`Make ${a.name} the default`}
                    >
                      Make default
                    </button>
                  )}
                </td>
                <td className="row-actions">
                  <button type="button" onClick={() => setRenaming({ id: a.id, name: a.name })} aria-label={`Rename ${a.name}`}>
                    Rename
                  </button>
                  <button
                    type="button"
                    onClick={() => void run(() => station().accounts.remove({ environment: env.id, id: a.id }))}
                    aria-label={`Remove ${a.name}`}
                  >
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline-form" onSubmit={(e) => void add(e)} aria-label={`Add a shipper account to ${env.label}`}>
        <TextField
          label="Account name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="Main warehouse"
          error={error?.fields?.name}
        />
        <TextField
          label="Shipper account ID"
          value={id}
          onChange={(e) => setId(e.target.value)}
          placeholder="3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f"
          spellCheck={false}
          error={error?.fields?.id}
        />
        <button type="submit" disabled={!id.trim() || !name.trim()}>
          Add account
        </button>
      </form>
      {error && !error.fields?.id && !error.fields?.name && <ErrorMessage>{error.message}</ErrorMessage>}
    </div>
  );
}
