import { LANGUAGE_NAMES } from '../../../../shared/i18n/languages';
import { useAppState, useTimes } from '../../app-state';
import { useT } from '../../i18n';

/** What this station is, which environment and account it works in, whether it has a token, and its language and clock. */
export function StatusView() {
  const { info } = useAppState();
  const times = useTimes();
  const { t } = useT('status');
  if (!info) return null;
  const { token } = info;
  const tokenText =
    info.environment.id === 'demo'
      ? t('token.demo')
      : token.set
        ? token.refusedAt
          ? t('token.refused', { at: times.dateTime(token.refusedAt), lastFour: token.lastFour })
          : token.verifiedAt
            ? t('token.set', { lastFour: token.lastFour })
            : t('token.setUnverified', { lastFour: token.lastFour })
        : t('token.none');
  const refused = info.environment.id !== 'demo' && token.set && token.refusedAt !== null;
  return (
    <section aria-labelledby="status-heading" className="card status">
      <h1 id="status-heading">{t('heading')}</h1>
      <dl className="status-list">
        <dt>{t('version')}</dt>
        <dd data-testid="app-version">{info.version}</dd>
        <dt>{t('environment')}</dt>
        <dd>
          <span className={`env-badge env-${info.environment.id}`} data-testid="environment">
            {info.environment.label}
          </span>
        </dd>
        <dt>{t('token.label')}</dt>
        <dd data-testid="token-status" className={refused ? 'token-refused' : undefined}>
          {tokenText}
        </dd>
        <dt>{t('account')}</dt>
        <dd data-testid="account">{info.account ? `${info.account.name} (${info.account.id})` : t('noAccount')}</dd>
        <dt>{t('language')}</dt>
        <dd data-testid="language">{LANGUAGE_NAMES[info.language]}</dd>
        <dt>{t('clock')}</dt>
        <dd data-testid="clock">{t('clockValue', { zone: info.clock.timeZone, now: times.dateTime(Date.now()) })}</dd>
      </dl>
    </section>
  );
}
