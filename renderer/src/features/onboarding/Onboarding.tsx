import { useState } from 'react';
import { environmentLabels } from '../../../../shared/domain/environment';
import { ErrorMessage } from '../../components/ui';
import { useAction } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { station } from '../../station';
import { LanguagePicker } from '../settings/LanguagePicker';
import { TokenForm } from '../settings/TokenForm';

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
  const error = start.error;
  const starting = start.pending;

  return (
    <div className="onboarding">
      <LanguagePicker />
      <h1>Welcome to Flex Forward Station</h1>
      <p className="lead">Create shipping labels, print them at your desk and follow your parcels. How would you like to start?</p>
      <ErrorMessage>{error?.message}</ErrorMessage>
      <div className="onboarding-choices">
        <section className="card" aria-labelledby="demo-heading">
          <h2 id="demo-heading">Try Demo mode</h2>
          <p>
            Everything works against a built-in simulator of the Flex Forward API. Labels are simulated: nothing is shipped and nothing is
            charged. No token needed.
          </p>
          <button type="button" className="primary" onClick={() => enter('demo')} disabled={starting}>
            {starting ? 'Starting the demo…' : 'Start in Demo mode'}
          </button>
        </section>
        <section className="card" aria-labelledby="token-heading">
          <h2 id="token-heading">Connect with your API token</h2>
          <fieldset className="segmented">
            <legend>Environment</legend>
            {(['development', 'production'] as const).map((env) => (
              <label key={env} className={environment === env ? 'selected' : undefined}>
                <input type="radio" name="environment" value={env} checked={environment === env} onChange={() => setEnvironment(env)} />
                {environmentLabels[env]}
              </label>
            ))}
          </fieldset>
          <p className="hint">
            {environment === 'production'
              ? 'Production creates real labels with live couriers. They are charged.'
              : 'Development talks to courier sandboxes: labels are for testing only.'}
          </p>
          <TokenForm key={environment} environment={environment} submitLabel="Connect" onSaved={() => enter(environment)} />
        </section>
      </div>
    </div>
  );
}
