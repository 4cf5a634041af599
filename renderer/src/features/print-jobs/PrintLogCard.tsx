import { useTimes } from '../../app-state';
import { useEffect } from 'react';
import type { PrintLogEntry } from '../../../../shared/domain/print-state';
import { useQuery, useQueryCache } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { station } from '../../station';
import { JobOutcome } from './JobOutcome';
import { ReprintOn } from './ReprintOn';

const labelName = (l: PrintLogEntry['labels'][number]) => l.orderNumber ?? l.trackingNumber ?? l.id;

/** The print job log: each job's labels by order and tracking number, what became of it, and "Reprint on…". */
export function PrintLogCard() {
  const times = useTimes();
  // The log changes outside this screen (prints elsewhere, outcomes arriving): read each time it shows, and on each outcome.
  const log = useQuery(queryKeys.printLog, () => station().print.log({}), { refetchOnMount: true });
  const cache = useQueryCache();
  useEffect(() => station().on('print:job', () => cache.invalidate([queryKeys.printLog])), [cache]);
  const jobs = log.data ?? [];
  return (
    <section className="card" aria-labelledby="print-log">
      <div className="panel-head">
        <h2 id="print-log">Recent print jobs</h2>
        <button type="button" onClick={() => void log.reload()}>
          Refresh
        </button>
      </div>
      {jobs.length === 0 ? (
        <p className="hint">Nothing printed yet.</p>
      ) : (
        <table className="table">
          <caption className="sr-only">Recent print jobs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Printer</th>
              <th scope="col">Labels</th>
              <th scope="col">Result</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
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
                    'Calibration'
                  ) : (
                    <ul className="print-log-labels">
                      {j.labels.map((l) => (
                        <li key={l.id}>
                          {l.orderNumber ? `Order ${l.orderNumber}` : `Label ${l.id}`}
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
                    <ReprintOn labelIds={j.labelIds} what={j.labels.length === 1 ? labelName(j.labels[0]!) : `${j.labels.length} labels`} />
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
