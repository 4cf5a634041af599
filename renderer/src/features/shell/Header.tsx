import { useState } from 'react';
import { EnvironmentId, environmentLabelKeys } from '../../../../shared/domain/environment';
import type { IpcError } from '../../../../shared/ipc/result';
import { useAppState } from '../../app-state';
import { useAction } from '../../data/hooks';
import { useT } from '../../i18n';
import { queryKeys } from '../../data/keys';
import { station } from '../../station';
import { screenName, screens, shortcutFor, type View } from './shortcuts';

export type { View };
/** The key that opens the shortcuts overlay (a key's name, the same in every language). */
const HELP_KEY = 'F1';
/** The product's name, written the same in every language. */
const PRODUCT_NAME = 'Flex Forward Station';
/** Always visible: which environment and shipper account the station works in, and the screens. */
export function Header({ view, onNavigate, onHelp }: { view: View; onNavigate: (view: View) => void; onHelp: () => void }) {
  const { info } = useAppState();
  const { t } = useT('shell');
  const [pending, setPending] = useState<EnvironmentId | null>(null);
  // Both answer the new app:info; the settings and catalogs of the other environment or account follow.
  const changes = { sets: queryKeys.appInfo, invalidates: [queryKeys.settings, queryKeys.catalog] };
  const [error, setError] = useState<IpcError | null>(null);
  const switchEnvironment = useAction((environment: EnvironmentId) => station().env.switch({ environment }), {
    ...changes,
    onSuccess: () => setError(null),
    onError: setError,
  });
  const pickAccount = useAction((id: string) => station().accounts.select({ id: id || null }), { ...changes, onError: setError });
  if (!info) return null;

  const switchTo = (environment: EnvironmentId) => {
    setPending(null);
    void switchEnvironment.run(environment);
  };
  const choose = (environment: EnvironmentId) => {
    if (environment === info.environment.id) return;
    // Production buys real labels: switching to it is confirmed. Everything else switches at once.
    if (environment === 'production') setPending(environment);
    else switchTo(environment);
  };

  return (
    <>
      <header className={`app-header header-${info.environment.id}`}>
        <span className="app-title">{PRODUCT_NAME}</span>
        <nav aria-label={t('header.screensNav')} className="nav">
          {screens.map((s) => (
            <button
              key={s.view}
              type="button"
              aria-current={view === s.view ? 'page' : undefined}
              aria-keyshortcuts={shortcutFor(s.view)}
              title={shortcutFor(s.view)}
              onClick={() => onNavigate(s.view)}
            >
              {screenName(s.view)}
            </button>
          ))}
        </nav>
        <div className="header-controls">
          <button type="button" className="header-help" aria-keyshortcuts="F1" onClick={onHelp}>
            {t('header.shortcuts')} <kbd>{HELP_KEY}</kbd>
          </button>
          <span className={`env-badge env-${info.environment.id}`} data-testid="environment-badge">
            {info.environment.production ? t('header.production') : t(environmentLabelKeys[info.environment.id])}
          </span>
          <label className="header-field">
            <span aria-hidden="true">{t('header.environment')}</span>
            <select
              aria-label={t('header.environment')}
              value={info.environment.id}
              onChange={(e) => choose(e.target.value as EnvironmentId)}
            >
              {EnvironmentId.options.map((id) => (
                <option key={id} value={id}>
                  {t(environmentLabelKeys[id])}
                </option>
              ))}
            </select>
          </label>
          <label className="header-field">
            <span aria-hidden="true">{t('header.account')}</span>
            <select aria-label={t('header.account')} value={info.account?.id ?? ''} onChange={(e) => void pickAccount.run(e.target.value)}>
              {info.accounts.length === 0 && <option value="">{t('header.noAccounts')}</option>}
              {info.accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      {pending === 'production' && (
        <div className="confirm-bar" role="alertdialog" aria-labelledby="confirm-production">
          <span id="confirm-production">{t('header.confirmProduction')}</span>
          <button type="button" className="danger" onClick={() => switchTo('production')} autoFocus>
            {t('header.switchToProduction')}
          </button>
          <button type="button" onClick={() => setPending(null)}>
            {t('header.cancel')}
          </button>
        </div>
      )}
      {info.environment.id === 'demo' && (
        <div className="demo-banner" role="note">
          {t('header.demoBanner')}
        </div>
      )}
      {error && (
        <p role="alert" className="error-box header-error">
          {error.message}
        </p>
      )}
    </>
  );
}
