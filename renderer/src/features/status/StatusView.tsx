import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { station } from '../../station';

type State = { kind: 'loading' } | { kind: 'ready'; info: AppInfo } | { kind: 'error'; error: IpcError };

/** What this station is, which environment it talks to, and whether it has a token for it. */
export function StatusView() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    void station()
      .app.info()
      .then((result) => {
        if (live) setState(result.ok ? { kind: 'ready', info: result.value } : { kind: 'error', error: result.error });
      });
    return () => {
      live = false;
    };
  }, []);

  if (state.kind === 'loading') return <p role="status">Loading station status…</p>;
  if (state.kind === 'error') {
    return (
      <p role="alert" className="error">
        {state.error.message}
      </p>
    );
  }
  const { info } = state;
  return (
    <section aria-labelledby="status-heading" className="card status">
      <h1 id="status-heading">Station status</h1>
      <dl className="status-list">
        <dt>Version</dt>
        <dd data-testid="app-version">{info.version}</dd>
        <dt>Environment</dt>
        <dd>
          <span className={`env-badge env-${info.environment.id}`} data-testid="environment">
            {info.environment.label}
          </span>
        </dd>
        <dt>API token</dt>
        <dd data-testid="token-status">
          {info.token.set ? `Token set, ending …${info.token.lastFour}` : 'No token set'}
        </dd>
      </dl>
    </section>
  );
}
