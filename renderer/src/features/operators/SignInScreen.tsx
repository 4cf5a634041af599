import { useState, type FormEvent } from 'react';
import { ErrorMessage, TextField } from '../../components/ui';
import { useAction } from '../../data/hooks';
import { messageText, useT } from '../../i18n';
import { station } from '../../station';
import { operatorSessionKey } from './use-operator-session';
import './operators.css';

/** A station of a workgroup with operators: name and PIN before anything else (main refuses the rest until then). */
export function SignInScreen() {
  const { t } = useT('operators');
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const signIn = useAction(() => station().operators.signIn({ name, pin }), { sets: operatorSessionKey, onError: () => setPin('') });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void signIn.run();
  };
  return (
    <section className="sign-in" aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">{t('signIn.title')}</h1>
      <p>{t('signIn.intro')}</p>
      <form onSubmit={submit} className="sign-in-form">
        <TextField
          label={t('signIn.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          autoComplete="username"
          autoFocus
          required
        />
        <TextField
          label={t('signIn.pin')}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          type="password"
          inputMode="numeric"
          autoComplete="current-password"
          maxLength={6}
          required
        />
        {signIn.error && <ErrorMessage>{messageText(signIn.error.message)}</ErrorMessage>}
        <button type="submit" className="primary" disabled={signIn.pending || !name.trim() || !pin}>
          {signIn.pending ? t('signIn.working') : t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}
