import { useId, useState, type FormEvent } from 'react';
import type { EnvironmentView, SettingsView } from '../../../../shared/ipc/contract';
import { ErrorMessage, SuccessMessage, TextField } from '../../components/ui';
import { useTimes } from '../../app-state';
import { useAction } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useSettingsChange } from '../../data/queries';
import { station } from '../../station';
import { AccountsEditor } from './AccountsEditor';
import { TokenForm } from './TokenForm';

/** Per environment: the API address, the token (status, replace, remove) and the shipper accounts. */
export function EnvironmentsSection({ settings }: { settings: SettingsView }) {
  return (
    <div className="stack">
      {settings.environments.map((env) => (
        <EnvironmentCard key={env.id} env={env} active={env.id === settings.activeEnvironment} />
      ))}
    </div>
  );
}

function EnvironmentCard({ env, active }: { env: EnvironmentView; active: boolean }) {
  const headingId = useId();
  const times = useTimes();
  const [message, setMessage] = useState<string | null>(null);
  const tokenEnv = env.id === 'demo' ? null : env.id;
  // The token's status shows here and in app:info.
  const clearToken = useAction((environment: NonNullable<typeof tokenEnv>) => station().token.clear({ environment }), {
    invalidates: [queryKeys.settings, queryKeys.appInfo],
    onSuccess: () => setMessage(`The ${env.label} token was removed from the keychain.`),
  });
  const { error } = clearToken;

  return (
    <section className={`card env-card env-card-${env.id}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {env.label} {active && <span className="pill">In use</span>} {env.production && <span className="pill danger">Real labels</span>}
      </h2>
      {env.id === 'demo' ? (
        <p className="hint">The built-in simulator runs on this computer. It needs no address and no token.</p>
      ) : (
        <>
          <BaseUrlForm env={env} />
          <div className="token-status">
            <strong>Token: </strong>
            {env.token.set ? (
              <>
                set, ending …{env.token.lastFour},{' '}
                {env.token.refusedAt ? (
                  <strong className="token-refused" data-testid={`token-refused-${env.id}`}>
                    refused at {times.dateTime(env.token.refusedAt)} — enter a new token
                  </strong>
                ) : env.token.verifiedAt ? (
                  `verified ${times.dateTime(env.token.verifiedAt)}`
                ) : (
                  'not verified yet'
                )}{' '}
                <button
                  type="button"
                  onClick={() => tokenEnv && void clearToken.run(tokenEnv)}
                  aria-label={`Remove the ${env.label} token`}
                >
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
                clearToken.clearError();
                setMessage(
                  verified ? `The ${env.label} token was checked and saved.` : `The ${env.label} token was saved, not verified yet.`,
                );
              }}
            />
          )}
        </>
      )}
      <AccountsEditor env={env} />
    </section>
  );
}

function BaseUrlForm({ env }: { env: EnvironmentView }) {
  const [value, setValue] = useState(env.baseUrl);
  const [saved, setSaved] = useState(false);
  const listId = useId();
  const change = useSettingsChange({ onSuccess: () => setSaved(true) });
  const error = change.error ? (change.error.fields?.baseUrl ?? change.error.message) : null;
  if (env.id === 'demo') return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    void change.run(() => station().env.setBaseUrl({ environment: env.id as 'development' | 'production' | 'custom', baseUrl: value }));
  };
  return (
    <form onSubmit={submit} className="inline-form">
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
      {saved && (
        <span role="status" className="saved">
          Saved
        </span>
      )}
    </form>
  );
}
