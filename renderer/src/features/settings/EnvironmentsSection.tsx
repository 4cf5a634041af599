import { useId, useState, type FormEvent } from 'react';
import type { EnvironmentView } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { ErrorMessage, SuccessMessage, TextField } from '../../components/ui';
import { station } from '../../station';
import { AccountsEditor } from './AccountsEditor';
import { TokenForm } from './TokenForm';
import type { SettingsApi } from './use-settings';

/** Per environment: the API address, the token (status, replace, remove) and the shipper accounts. */
export function EnvironmentsSection({ api }: { api: SettingsApi }) {
  return (
    <div className="stack">
      {api.settings!.environments.map((env) => (
        <EnvironmentCard key={env.id} env={env} active={env.id === api.settings!.activeEnvironment} api={api} />
      ))}
    </div>
  );
}

function EnvironmentCard({ env, active, api }: { env: EnvironmentView; active: boolean; api: SettingsApi }) {
  const headingId = useId();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const tokenEnv = env.id === 'demo' ? null : env.id;

  const clearToken = async () => {
    if (!tokenEnv) return;
    const result = await station().token.clear({ environment: tokenEnv });
    if (result.ok) {
      setMessage(`The ${env.label} token was removed from the keychain.`);
      await api.reload();
    } else setError(result.error);
  };

  return (
    <section className={`card env-card env-card-${env.id}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {env.label} {active && <span className="pill">In use</span>} {env.production && <span className="pill danger">Real labels</span>}
      </h2>
      {env.id === 'demo' ? (
        <p className="hint">The built-in simulator runs on this computer. It needs no address and no token.</p>
      ) : (
        <>
          <BaseUrlForm env={env} api={api} />
          <div className="token-status">
            <strong>Token: </strong>
            {env.token.set ? (
              <>
                set, ending …{env.token.lastFour}, {env.token.verifiedAt ? `verified ${new Date(env.token.verifiedAt).toLocaleString()}` : 'not verified yet'}{' '}
                <button type="button" onClick={() => void clearToken()} aria-label={`Remove the ${env.label} token`}>
                  Remove token
                </button>
              </>
            ) : (
              'none set'
            )}
          </div>
          <SuccessMessage>{message}</SuccessMessage>
          <ErrorMessage>{error?.message}</ErrorMessage>
          {tokenEnv && (
            <TokenForm
              environment={tokenEnv}
              submitLabel={env.token.set ? 'Replace token' : 'Save token'}
              onSaved={(verified) => {
                setError(null);
                setMessage(verified ? `The ${env.label} token was checked and saved.` : `The ${env.label} token was saved, not verified yet.`);
                void api.reload();
              }}
            />
          )}
        </>
      )}
      <AccountsEditor env={env} api={api} />
    </section>
  );
}

function BaseUrlForm({ env, api }: { env: EnvironmentView; api: SettingsApi }) {
  const [value, setValue] = useState(env.baseUrl);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const listId = useId();
  if (env.id === 'demo') return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const failure = await api.apply(station().env.setBaseUrl({ environment: env.id as 'development' | 'production' | 'custom', baseUrl: value }));
    setError(failure ? (failure.fields?.baseUrl ?? failure.message) : null);
    setSaved(!failure);
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="inline-form">
      <TextField
        label={`API address for ${env.label}`}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        list={listId}
        error={error}
        placeholder="https://…"
        hint={
          env.id === 'custom'
            ? 'Any https address; plain http only for 127.0.0.1 or localhost. Moving to another host removes the saved token.'
            : 'Another host than Flex Forward’s asks you to confirm it and removes the saved token.'
        }
      />
      <datalist id={listId}>
        {[env.baseUrl, ...env.alternatives].filter(Boolean).map((url) => (
          <option key={url} value={url} />
        ))}
      </datalist>
      <button type="submit" disabled={value === env.baseUrl && !error}>
        Save address
      </button>
      {saved && <span role="status" className="saved">Saved</span>}
    </form>
  );
}
