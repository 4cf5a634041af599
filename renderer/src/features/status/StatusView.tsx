import { useAppState } from '../../app-state';

/** What this station is, which environment and account it works in, and whether it has a token. */
export function StatusView() {
  const { info } = useAppState();
  if (!info) return null;
  const tokenText =
    info.environment.id === 'demo'
      ? 'Built-in demo token'
      : info.token.set
        ? `Token set, ending …${info.token.lastFour}${info.token.verifiedAt ? '' : ' (not verified yet)'}`
        : 'No token set';
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
        <dd data-testid="token-status">{tokenText}</dd>
        <dt>Shipper account</dt>
        <dd data-testid="account">{info.account ? `${info.account.name} (${info.account.id})` : 'None chosen'}</dd>
      </dl>
    </section>
  );
}
