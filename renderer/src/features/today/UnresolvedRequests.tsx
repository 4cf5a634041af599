import { environmentLabelKeys } from '../../../../shared/domain/environment';
import { useState } from 'react';
import { ErrorMessage } from '../../components/ui';
import { useTimes } from '../../app-state';
import { useAction, useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useT } from '../../i18n';
import { station } from '../../station';

/**
 * The label requests without a definite answer (labels:unresolved): they are not labels, so
 * History cannot list them. "Check again now" resends each with its stored bytes and key
 * (labels:resolve), which never buys a second label.
 */
export function UnresolvedRequests({ onClose, onChecked }: { onClose: () => void; onChecked: () => void }) {
  const { t } = useT('today');
  const times = useTimes();
  const list = useQuery(queryKeys.unresolved, () => station().labels.unresolved(), { refetchOnMount: true });
  const [checked, setChecked] = useState<number | null>(null);
  const resolve = useAction((idempotencyKey: string) => station().labels.resolve({ idempotencyKey }), {
    invalidates: [queryKeys.unresolved],
  });
  const requests = list.data ?? [];
  const checkAll = async () => {
    setChecked(null);
    await Promise.all(requests.map((r) => resolve.run(r.idempotencyKey)));
    setChecked(requests.length);
    onChecked();
  };

  return (
    <section className="today-unresolved" aria-labelledby="today-unresolved-title">
      <div className="today-head">
        <h3 id="today-unresolved-title">{t('unresolved.title')}</h3>
        <button type="button" onClick={onClose}>
          {t('unresolved.close')}
        </button>
      </div>
      <p className="hint">{t('unresolved.intro')}</p>
      {list.error && <ErrorMessage>{list.error.message}</ErrorMessage>}
      {resolve.error && <ErrorMessage>{resolve.error.message}</ErrorMessage>}
      {list.data && requests.length === 0 && <p role="status">{t('unresolved.none')}</p>}
      {requests.length > 0 && (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('unresolved.order')}</th>
                <th scope="col">{t('unresolved.environment')}</th>
                <th scope="col">{t('unresolved.state')}</th>
                <th scope="col">{t('unresolved.attempts')}</th>
                <th scope="col">{t('unresolved.createdAt')}</th>
                <th scope="col">{t('unresolved.lastError')}</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.idempotencyKey}>
                  <td>{r.orderNumber ?? t('unresolved.noOrder')}</td>
                  <td>{t(environmentLabelKeys[r.environment])}</td>
                  <td>{t(`unresolved.stateValue.${r.state === 'pending' ? 'pending' : 'in_doubt'}`)}</td>
                  <td>{r.attempts}</td>
                  <td>{times.dateTime(r.createdAt)}</td>
                  <td>{r.lastError ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="primary" onClick={() => void checkAll()} disabled={resolve.pending}>
            {resolve.pending ? t('unresolved.checking') : t('unresolved.checkAgain')}
          </button>
        </>
      )}
      {checked !== null && <p role="status">{t('unresolved.checked', { count: checked })}</p>}
    </section>
  );
}
