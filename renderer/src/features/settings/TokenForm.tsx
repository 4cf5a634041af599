import { useState, type FormEvent } from 'react';
import { environmentLabelKeys } from '../../../../shared/domain/environment';
import type { TokenEnvironment } from '../../../../shared/ipc/contract';
import { ErrorMessage, TextField } from '../../components/ui';
import { useAction } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useT } from '../../i18n';
import { station } from '../../station';

/**
 * Paste a token, have main verify it with the API and keep it in the keychain. The token is
 * sent to main once and the field is cleared; nothing ever sends it back.
 */
export function TokenForm({
  environment,
  onSaved,
  submitLabel,
}: {
  environment: TokenEnvironment;
  onSaved: (verified: boolean) => void;
  submitLabel?: string;
}) {
  const [token, setToken] = useState('');
  const [reveal, setReveal] = useState(false);
  const { t } = useT('settings');
  const label = t(environmentLabelKeys[environment]);
  // The token's status shows in Settings and app:info.
  const saveToken = useAction((allowUnverified: boolean) => station().token.set({ environment, token, allowUnverified }), {
    invalidates: [queryKeys.settings, queryKeys.appInfo],
    onSuccess: ({ verified }) => {
      setToken('');
      onSaved(verified);
    },
  });
  const { pending: busy, error } = saveToken;
  const save = (allowUnverified: boolean) => {
    saveToken.clearError();
    void saveToken.run(allowUnverified);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save(false);
  };

  return (
    <form onSubmit={submit} className="token-form" aria-label={t('token.form', { environment: label })}>
      <TextField
        label={t('token.field', { environment: label })}
        type={reveal ? 'text' : 'password'}
        autoComplete="off"
        spellCheck={false}
        value={token}
        onChange={(e) => setToken(e.target.value)}
        error={error?.fields?.token ?? null}
        hint={t('token.hint')}
        required
      />
      <label className="checkbox">
        <input type="checkbox" checked={reveal} onChange={(e) => setReveal(e.target.checked)} /> {t('token.show')}
      </label>
      {error && !error.fields?.token && <ErrorMessage>{error.message}</ErrorMessage>}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || !token.trim()}>
          {busy ? t('token.checking') : (submitLabel ?? t('environments.saveToken'))}
        </button>
        {error?.code === 'token_unverified' && (
          <button type="button" onClick={() => save(true)} disabled={busy}>
            {t('token.saveUnverified')}
          </button>
        )}
      </div>
    </form>
  );
}
