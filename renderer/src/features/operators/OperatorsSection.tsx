import { useEffect, useState, type FormEvent } from 'react';
import { OPERATOR_ROLES, type Operator, type OperatorRole } from '../../../../shared/domain/operators';
import { ErrorMessage, SelectField, SuccessMessage, TextField } from '../../components/ui';
import { useAction, useQuery, useQueryCache } from '../../data/hooks';
import { messageText, useT } from '../../i18n';
import { station } from '../../station';
import { operatorSessionKey, useOperatorSession } from './use-operator-session';
import './operators.css';

const listKey = 'operators/list';

/** Settings → Operators: a supervisor adds operators, changes roles and PINs, deactivates; the first operator of a workgroup is added here. */
export function OperatorsSection() {
  const { t } = useT('operators');
  const session = useOperatorSession();
  if (!session) return <p role="status">{t('manage.loading')}</p>;
  if (!session.workgroup) return <p>{t('manage.notInWorkgroup')}</p>;
  const supervisor = session.operator?.role === 'supervisor';
  return (
    <section aria-labelledby="operators-heading">
      <h2 id="operators-heading">{t('manage.title')}</h2>
      <p className="hint">{t('manage.intro')}</p>
      {session.firstOperator && <p className="notice-box">{t('manage.first')}</p>}
      {supervisor && <OperatorList me={session.operator!.id} />}
      {!supervisor && !session.firstOperator && <p>{t('manage.supervisorOnly')}</p>}
      {(supervisor || session.firstOperator) && <AddOperator first={session.firstOperator} />}
    </section>
  );
}

function OperatorList({ me }: { me: string }) {
  const { t } = useT('operators');
  const list = useQuery(listKey, () => station().operators.list());
  const cache = useQueryCache();
  // An operator added or changed at another station of the workgroup shows here within a second.
  useEffect(() => station().on('live:changed', ({ kind }) => kind === 'operators' && cache.invalidate([listKey])), [cache]);
  const [saved, setSaved] = useState<string | null>(null);
  const [pinFor, setPinFor] = useState<Operator | null>(null);
  const [pin, setPin] = useState('');
  const update = useAction(
    (change: { id: string; role?: OperatorRole; active?: boolean; pin?: string }) => station().operators.update(change),
    {
      sets: listKey,
      invalidates: [operatorSessionKey],
      onSuccess: (operators, change) => {
        setSaved(operators.find((o) => o.id === change.id)?.name ?? null);
        setPinFor(null);
        setPin('');
      },
    },
  );
  if (!list.data) return list.error ? <ErrorMessage>{list.error.message}</ErrorMessage> : <p role="status">{t('manage.loading')}</p>;
  return (
    <>
      <table className="operators-table">
        <thead>
          <tr>
            <th scope="col">{t('manage.columns.name')}</th>
            <th scope="col">{t('manage.columns.role')}</th>
            <th scope="col">{t('manage.columns.state')}</th>
            <th scope="col">{t('manage.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data.map((o) => (
            <tr key={o.id}>
              <td>
                {o.name} {o.id === me && t('manage.you')}
              </td>
              <td>{t(`role.${o.role}`)}</td>
              <td>{o.active ? t('manage.active') : t('manage.inactive')}</td>
              <td className="operators-actions">
                <button
                  type="button"
                  onClick={() => void update.run({ id: o.id, role: o.role === 'supervisor' ? 'packer' : 'supervisor' })}
                >
                  {o.role === 'supervisor' ? t('manage.makePacker') : t('manage.makeSupervisor')}
                </button>
                <button type="button" onClick={() => setPinFor(o)}>
                  {t('manage.changePin')}
                </button>
                <button type="button" onClick={() => void update.run({ id: o.id, active: !o.active })}>
                  {o.active ? t('manage.deactivate') : t('manage.activate')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pinFor && (
        <form
          className="audit-filters"
          onSubmit={(e) => {
            e.preventDefault();
            void update.run({ id: pinFor.id, pin });
          }}
        >
          <TextField
            label={t('manage.newPin', { name: pinFor.name })}
            type="password"
            inputMode="numeric"
            maxLength={6}
            value={pin}
            autoFocus
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
          <button type="submit" className="primary">
            {t('manage.savePin')}
          </button>
          <button type="button" onClick={() => setPinFor(null)}>
            {t('manage.cancel')}
          </button>
        </form>
      )}
      {update.error && <ErrorMessage>{messageText(update.error.message)}</ErrorMessage>}
      {saved && !update.error && <SuccessMessage>{t('manage.saved', { name: saved })}</SuccessMessage>}
    </>
  );
}

function AddOperator({ first }: { first: boolean }) {
  const { t } = useT('operators');
  const [name, setName] = useState('');
  const [role, setRole] = useState<OperatorRole>('packer');
  const [pin, setPin] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const add = useAction(() => station().operators.add({ name, role: first ? 'supervisor' : role, pin }), {
    sets: listKey,
    invalidates: [operatorSessionKey],
    onSuccess: () => {
      setAdded(name.trim());
      setName('');
      setPin('');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void add.run();
  };
  const fields = add.error?.fields ?? {};
  return (
    <form onSubmit={submit} aria-labelledby="add-operator-heading">
      <h3 id="add-operator-heading">{first ? t('manage.add.headingFirst') : t('manage.add.heading')}</h3>
      <div className="operator-add">
        <TextField
          label={t('manage.add.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fields.name ? messageText(fields.name) : null}
          required
        />
        {!first && (
          <SelectField label={t('manage.add.role')} value={role} onChange={(e) => setRole(e.target.value as OperatorRole)}>
            {OPERATOR_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </SelectField>
        )}
        <TextField
          label={t('manage.add.pin')}
          type="password"
          inputMode="numeric"
          maxLength={6}
          value={pin}
          onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          hint={t('manage.add.pinHint')}
          error={fields.pin ? messageText(fields.pin) : null}
          required
        />
        <button type="submit" className="primary" disabled={add.pending}>
          {t('manage.add.submit')}
        </button>
      </div>
      {add.error && !fields.name && !fields.pin && <ErrorMessage>{messageText(add.error.message)}</ErrorMessage>}
      {added && !add.error && <SuccessMessage>{t('manage.add.added', { name: added })}</SuccessMessage>}
    </form>
  );
}
