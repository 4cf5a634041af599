import { useState } from 'react';
import { EnvironmentId, environmentLabels } from '../../../../shared/domain/environment';
import type { IpcError } from '../../../../shared/ipc/result';
import { useAppState } from '../../app-state';
import { useAction } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { station } from '../../station';
import { screens, shortcutFor, type View } from './shortcuts';

export type { View };
/** Always visible: which environment and shipper account the station works in, and the screens. */
export function Header({ view, onNavigate, onHelp }: { view: View; onNavigate: (view: View) => void; onHelp: () => void }) {
  const { info } = useAppState();
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
        <span className="app-title">Flex Forward Station</span>
        <nav aria-label="Screens" className="nav">
          {screens.map((s) => (
            <button
              key={s.view}
              type="button"
              aria-current={view === s.view ? 'page' : undefined}
              aria-keyshortcuts={shortcutFor(s.view)}
              title={shortcutFor(s.view)}
              onClick={() => onNavigate(s.view)}
            >
              {s.name}
            </button>
          ))}
        </nav>
        <div className="header-controls">
          <button type="button" className="header-help" aria-keyshortcuts="F1" onClick={onHelp}>
            Shortcuts <kbd>F1</kbd>
          </button>
          <span className={`env-badge env-${info.environment.id}`} data-testid="environment-badge">
            {info.environment.production ? 'PRODUCTION' : info.environment.label}
          </span>
          <label className="header-field">
            <span aria-hidden="true">Environment</span>
            <select aria-label="Environment" value={info.environment.id} onChange={(e) => choose(e.target.value as EnvironmentId)}>
              {EnvironmentId.options.map((id) => (
                <option key={id} value={id}>
                  {environmentLabels[id]}
                </option>
              ))}
            </select>
          </label>
          <label className="header-field">
            <span aria-hidden="true">Shipper account</span>
            <select aria-label="Shipper account" value={info.account?.id ?? ''} onChange={(e) => void pickAccount.run(e.target.value)}>
              {info.accounts.length === 0 && <option value="">No shipper accounts yet</option>}
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
          <span id="confirm-production">
            Switch to Production? Labels created there are real: couriers will ship them and you will be charged.
          </span>
          <button type="button" className="danger" onClick={() => switchTo('production')} autoFocus>
            Switch to Production
          </button>
          <button type="button" onClick={() => setPending(null)}>
            Cancel
          </button>
        </div>
      )}
      {info.environment.id === 'demo' && (
        <div className="demo-banner" role="note">
          Demo mode: labels are simulated by the built-in simulator. Nothing is shipped and nothing is charged.
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
