import { useState } from 'react';
import { environmentLabelKeys } from '../../../../shared/domain/environment';
import { ErrorMessage } from '../../components/ui';
import { useAction } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { station } from '../../station';
import { LanguagePicker } from '../settings/LanguagePicker';
import { TokenForm } from '../settings/TokenForm';
import { useT } from '../../i18n';

const TOKEN_ENVIRONMENTS = ['development', 'production'] as const;

/** First start: try the station in Demo mode, or connect with the token from onboarding. */
export function Onboarding() {
  const [environment, setEnvironment] = useState<'development' | 'production'>('development');
  // Answers app:info with onboarded: true, which shows the station's screens.
  const start = useAction((target: 'demo' | 'development' | 'production') => station().env.switch({ environment: target }), {
    sets: queryKeys.appInfo,
    invalidates: [queryKeys.settings, queryKeys.catalog],
  });
  const enter = (target: 'demo' | 'development' | 'production') => {
    start.clearError();
    void start.run(target);
  };
  const { t } = useT('onboarding');
  const error = start.error;
  const starting = start.pending;

  return (
    <div className="onboarding">
      <LanguagePicker />
      <h1>{t('heading')}</h1>
      <p className="lead">{t('lead')}</p>
      <ErrorMessage>{error?.message}</ErrorMessage>
      <div className="onboarding-choices">
        <section className="card" aria-labelledby="demo-heading">
          <h2 id="demo-heading">{t('demo.heading')}</h2>
          <p>{t('demo.body')}</p>
          <button type="button" className="primary" onClick={() => enter('demo')} disabled={starting}>
            {starting ? t('demo.starting') : t('demo.start')}
          </button>
        </section>
        <section className="card" aria-labelledby="token-heading">
          <h2 id="token-heading">{t('token.heading')}</h2>
          <fieldset className="segmented">
            <legend>{t('token.environment')}</legend>
            {TOKEN_ENVIRONMENTS.map((env) => (
              <label key={env} className={environment === env ? 'selected' : undefined}>
                <input type="radio" name="environment" value={env} checked={environment === env} onChange={() => setEnvironment(env)} />
                {t(environmentLabelKeys[env])}
              </label>
            ))}
          </fieldset>
          <p className="hint">{environment === 'production' ? t('token.production') : t('token.development')}</p>
          <TokenForm key={environment} environment={environment} submitLabel={t('token.connect')} onSaved={() => enter(environment)} />
        </section>
      </div>
    </div>
  );
}
