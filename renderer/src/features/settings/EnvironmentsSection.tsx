import { useId, useState, type FormEvent } from 'react';
import type { EnvironmentView, SettingsView } from '../../../../shared/ipc/contract';
import { ErrorMessage, SuccessMessage, TextField } from '../../components/ui';
import { useTimes } from '../../app-state';
import { useAction } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useSettingsChange } from '../../data/queries';
import { useT } from '../../i18n';
import { station } from '../../station';
import { AccountsEditor } from './AccountsEditor';
import { TokenForm } from './TokenForm';

/** The start of an address (not words: the same in every language). */
const URL_EXAMPLE = 'https://…';

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
  const { t } = useT('settings');
  const headingId = useId();
  const times = useTimes();
  const [message, setMessage] = useState<string | null>(null);
  const tokenEnv = env.id === 'demo' ? null : env.id;
  // The token's status shows here and in app:info.
  const clearToken = useAction((environment: NonNullable<typeof tokenEnv>) => station().token.clear({ environment }), {
    invalidates: [queryKeys.settings, queryKeys.appInfo],
    onSuccess: () => setMessage(t('environments.tokenRemoved', { environment: env.label })),
  });
  const { error } = clearToken;

  return (
    <section className={`card env-card env-card-${env.id}`} aria-labelledby={headingId}>
      <h2 id={headingId}>
        {env.label} {active && <span className="pill">{t('environments.inUse')}</span>}{' '}
        {env.production && <span className="pill danger">{t('environments.realLabels')}</span>}
      </h2>
      {env.id === 'demo' ? (
        <p className="hint">{t('environments.demoHint')}</p>
      ) : (
        <>
          <BaseUrlForm env={env} />
          <div className="token-status">
            <strong>{t('environments.token')}</strong>{' '}
            {env.token.set ? (
              <>
                {t('environments.tokenSet', { lastFour: env.token.lastFour })}{' '}
                {env.token.refusedAt ? (
                  <strong className="token-refused" data-testid={`token-refused-${env.id}`}>
                    {t('environments.tokenRefused', { time: times.dateTime(env.token.refusedAt) })}
                  </strong>
                ) : env.token.verifiedAt ? (
                  t('environments.tokenVerified', { time: times.dateTime(env.token.verifiedAt) })
                ) : (
                  t('environments.tokenNotVerified')
                )}{' '}
                <button
                  type="button"
                  onClick={() => tokenEnv && void clearToken.run(tokenEnv)}
                  aria-label={t('environments.removeTokenFor', { environment: env.label })}
                >
                  {t('environments.removeToken')}
                </button>
              </>
            ) : (
              t('environments.tokenNone')
            )}
          </div>
          <SuccessMessage>{message}</SuccessMessage>
          <ErrorMessage>{error?.message}</ErrorMessage>
          {tokenEnv && (
            <TokenForm
              environment={tokenEnv}
              submitLabel={env.token.set ? t('environments.replaceToken') : t('environments.saveToken')}
              onSaved={(verified) => {
                clearToken.clearError();
                setMessage(
                  t(verified ? 'environments.tokenSavedVerified' : 'environments.tokenSavedUnverified', { environment: env.label }),
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
  const { t } = useT('settings');
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
        label={t('environments.address', { environment: env.label })}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        list={listId}
        error={error}
        placeholder={URL_EXAMPLE}
        hint={env.id === 'custom' ? t('environments.addressHintCustom') : t('environments.addressHintKnown')}
      />
      <datalist id={listId}>
        {[env.baseUrl, ...env.alternatives].filter(Boolean).map((url) => (
          <option key={url} value={url} />
        ))}
      </datalist>
      <button type="submit" disabled={value === env.baseUrl && !error}>
        {t('environments.saveAddress')}
      </button>
      {saved && (
        <span role="status" className="saved">
          {t('environments.saved')}
        </span>
      )}
    </form>
  );
}
