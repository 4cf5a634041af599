import { useEffect, useState, type FormEvent } from 'react';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry, type AuditQuery } from '../../../../shared/domain/operators';
import { useTimes } from '../../app-state';
import { ErrorMessage, SelectField, TextField } from '../../components/ui';
import { useT } from '../../i18n';
import { station } from '../../station';
import { auditDetailsText } from './audit-detail';
import { useOperatorSession } from './use-operator-session';
import './operators.css';

/** A day of the date field (YYYY-MM-DD) as ms at local midnight; `next`: the day after (an exclusive end). */
function dayMs(day: string, next = false): number | undefined {
  if (!day) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d! + (next ? 1 : 0)).getTime();
}

/** Settings → Audit trail: a supervisor searches who did what, where and when (audit:search, newest first, page by page). */
export function AuditSection() {
  const { t } = useT('operators');
  const session = useOperatorSession();
  const times = useTimes();
  const [operator, setOperator] = useState('');
  const [action, setAction] = useState<AuditAction | ''>('');
  const [text, setText] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const supervisor = session?.operator?.role === 'supervisor';
  const load = async (cursor?: number) => {
    const query: AuditQuery = {
      operator: operator.trim() || undefined,
      action: action || undefined,
      text: text.trim() || undefined,
      from: dayMs(from),
      to: dayMs(to, true),
      cursor,
    };
    setLoading(true);
    const answer = await station().audit.search(query);
    setLoading(false);
    if (!answer.ok) return setError(answer.error.message);
    setError(null);
    setEntries((previous) => (cursor ? [...(previous ?? []), ...answer.value.entries] : answer.value.entries));
    setNext(answer.value.nextCursor);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load();
  };
  // The newest entries at once; the filters search again.
  useEffect(() => {
    if (supervisor) void load();
  }, [supervisor]);
  if (!supervisor) return <p>{t('manage.supervisorOnly')}</p>;

  return (
    <section aria-labelledby="audit-heading">
      <h2 id="audit-heading">{t('audit.title')}</h2>
      <p className="hint">{t('audit.intro')}</p>
      <form className="audit-filters" onSubmit={submit} aria-label={t('audit.filters')}>
        <TextField label={t('audit.operator')} value={operator} onChange={(e) => setOperator(e.target.value)} />
        <SelectField label={t('audit.action')} value={action} onChange={(e) => setAction(e.target.value as AuditAction | '')}>
          <option value="">{t('audit.anyAction')}</option>
          {AUDIT_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`audit.actions.${a}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('audit.text')} value={text} onChange={(e) => setText(e.target.value)} />
        <TextField label={t('audit.from')} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        <TextField label={t('audit.to')} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        <button type="submit" className="primary">
          {t('audit.search')}
        </button>
      </form>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {entries === null ? (
        <p role="status">{t('audit.loading')}</p>
      ) : entries.length === 0 ? (
        <p>{t('audit.empty')}</p>
      ) : (
        <table className="audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('audit.columns.at')}</th>
              <th scope="col">{t('audit.columns.operator')}</th>
              <th scope="col">{t('audit.columns.action')}</th>
              <th scope="col">{t('audit.columns.order')}</th>
              <th scope="col">{t('audit.columns.label')}</th>
              <th scope="col">{t('audit.columns.station')}</th>
              <th scope="col">{t('audit.columns.details')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq}>
                <td>{times.dateTime(e.at)}</td>
                <td>{e.operator ?? t('audit.nobody')}</td>
                <td>{t(`audit.actions.${e.action}`)}</td>
                <td>{e.orderNumber}</td>
                <td>{e.labelId}</td>
                <td>{e.station}</td>
                <td>{auditDetailsText(t, e)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next !== null && (
        <button type="button" onClick={() => void load(next)} disabled={loading}>
          {t('audit.more')}
        </button>
      )}
    </section>
  );
}
