import { useState, type FormEvent } from 'react';
import type { EnvironmentView } from '../../../../shared/ipc/contract';
import { ErrorMessage, TextField } from '../../components/ui';
import { useSettingsChange } from '../../data/queries';
import { useT } from '../../i18n';
import { station } from '../../station';

/** What a shipper account ID looks like (not words: the same in every language). */
const UUID_EXAMPLE = '3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f';

/** The named shipper accounts (shipperAccountId UUIDs) of one environment, with its default. */
export function AccountsEditor({ env }: { env: EnvironmentView }) {
  const { t } = useT('settings');
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
      <h3>{t('accounts.heading')}</h3>
      {env.accounts.length === 0 ? (
        <p className="hint">{t('accounts.none')}</p>
      ) : (
        <table className="table">
          <caption className="sr-only">{t('accounts.caption', { environment: env.label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('accounts.name')}</th>
              <th scope="col">{t('accounts.id')}</th>
              <th scope="col">{t('accounts.default')}</th>
              <th scope="col">
                <span className="sr-only">{t('accounts.actions')}</span>
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
                        label={t('accounts.newName', { name: a.name })}
                        value={renaming.name}
                        onChange={(e) => setRenaming({ id: a.id, name: e.target.value })}
                        autoFocus
                      />
                      <button type="submit">{t('accounts.saveName')}</button>
                      <button type="button" onClick={() => setRenaming(null)}>
                        {t('accounts.cancel')}
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
                    <span className="pill">{t('accounts.default')}</span>
                  ) : (
                    <button
                      type="button"
                      onClick={() => void run(() => station().accounts.setDefault({ environment: env.id, id: a.id }))}
                      aria-label={t('accounts.makeDefaultFor', { name: a.name })}
                    >
                      {t('accounts.makeDefault')}
                    </button>
                  )}
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    onClick={() => setRenaming({ id: a.id, name: a.name })}
                    aria-label={t('accounts.renameFor', { name: a.name })}
                  >
                    {t('accounts.rename')}
                  </button>
                  <button
                    type="button"
                    onClick={() => void run(() => station().accounts.remove({ environment: env.id, id: a.id }))}
                    aria-label={t('accounts.removeFor', { name: a.name })}
                  >
                    {t('accounts.remove')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline-form" onSubmit={(e) => void add(e)} aria-label={t('accounts.addTo', { environment: env.label })}>
        <TextField
          label={t('accounts.accountName')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('accounts.namePlaceholder')}
          error={error?.fields?.name}
        />
        <TextField
          label={t('accounts.id')}
          value={id}
          onChange={(e) => setId(e.target.value)}
          placeholder={UUID_EXAMPLE}
          spellCheck={false}
          error={error?.fields?.id}
        />
        <button type="submit" disabled={!id.trim() || !name.trim()}>
          {t('accounts.add')}
        </button>
      </form>
      {error && !error.fields?.id && !error.fields?.name && <ErrorMessage>{error.message}</ErrorMessage>}
    </div>
  );
}
