import { useTimes } from '../../app-state';
import { useEffect } from 'react';
import type { PrintLogEntry } from '../../../../shared/domain/print-state';
import { useQuery, useQueryCache } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { station } from '../../station';
import { useT } from '../../i18n';
import { JobOutcome } from './JobOutcome';
import { ReprintOn } from './ReprintOn';

const labelName = (l: PrintLogEntry['labels'][number]) => l.orderNumber ?? l.trackingNumber ?? l.id;

/** The print job log: each job's labels by order and tracking number, what became of it, and "Reprint on…". */
export function PrintLogCard() {
  const times = useTimes();
  const { t } = useT('printing');
  // The log changes outside this screen (prints elsewhere, outcomes arriving): read each time it shows, and on each outcome.
  const log = useQuery(queryKeys.printLog, () => station().print.log({}), { refetchOnMount: true });
  const cache = useQueryCache();
  useEffect(() => station().on('print:job', () => cache.invalidate([queryKeys.printLog])), [cache]);
  const jobs = log.data ?? [];
  return (
    <section className="card" aria-labelledby="print-log">
      <div className="panel-head">
        <h2 id="print-log">{t('log.title')}</h2>
        <button type="button" onClick={() => void log.reload()}>
          {t('log.refresh')}
        </button>
      </div>
      {jobs.length === 0 ? (
        <p className="hint">{t('log.empty')}</p>
      ) : (
        <table className="table">
          <caption className="sr-only">{t('log.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('log.time')}</th>
              <th scope="col">{t('log.printer')}</th>
              <th scope="col">{t('log.labels')}</th>
              <th scope="col">{t('log.result')}</th>
              <th scope="col">
                <span className="sr-only">{t('log.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id}>
                <td>{times.dateTime(j.createdAt)}</td>
                <td>{j.printer}</td>
                <td>
                  {j.labels.length === 0 ? (
                    t('log.calibration')
                  ) : (
                    <ul className="print-log-labels">
                      {j.labels.map((l) => (
                        <li key={l.id}>
                          {l.orderNumber ? t('log.order', { order: l.orderNumber }) : t('log.label', { id: l.id })}
                          {l.trackingNumber && (
                            <>
                              {' · '}
                              <code>{l.trackingNumber}</code>
                            </>
                          )}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td>
                  <JobOutcome job={j} />
                </td>
                <td>
                  {j.labels.length > 0 && (
                    <ReprintOn
                      labelIds={j.labelIds}
                      what={j.labels.length === 1 ? labelName(j.labels[0]!) : t('log.count', { count: j.labels.length })}
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
