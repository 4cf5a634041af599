import { useAppState, useTimes } from '../../app-state';

/** What this station is, which environment and account it works in, and whether it has a token. */
export function StatusView() {
  const { info } = useAppState();
  const times = useTimes();
  if (!info) return null;
  const { token } = info;
  const tokenText =
    info.environment.id === 'demo'
      ? 'Built-in demo token'
      : token.set
        ? token.refusedAt
          ? `Refused at ${times.dateTime(token.refusedAt)} — enter a new token in Settings → Environments (token ending …${token.lastFour})`
          : `Token set, ending …${token.lastFour}${token.verifiedAt ? '' : ' (not verified yet)'}`
        : 'No token set';
  const refused = info.environment.id !== 'demo' && token.set && token.refusedAt !== null;
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
        <dd data-testid="token-status" className={refused ? 'token-refused' : undefined}>
          {tokenText}
        </dd>
        <dt>Shipper account</dt>
        <dd data-testid="account">{info.account ? `${info.account.name} (${info.account.id})` : 'None chosen'}</dd>
      </dl>
    </section>
  );
}
