import type { BatchRunView } from '../../../../shared/domain/batch-view';
import type { BatchState } from './use-batch';
import { useFormats } from '../../app-state';
import { useT } from '../../i18n';
import type { Translate } from '../../../../shared/i18n/translate';

const formatEta = (t: Translate<'batch'>, ms: number | null | undefined) =>
  ms == null
    ? t('run.estimating')
    : ms < 60_000
      ? t('run.secondsLeft', { seconds: Math.max(1, Math.round(ms / 1000)) })
      : t('run.minutesLeft', { minutes: Math.round(ms / 60_000) });

/** Step 4: the run's progress, pause, resume and cancel, and its results per order. */
export function RunSection({ batch, run }: { batch: BatchState; run: BatchRunView }) {
  const { t } = useT('batch');
  const { count } = useFormats();
  const s = run.summary;
  const done = s.total - s.queued - s.running;
  const parts = [
    t('run.done', { done: count(done), total: count(s.total) }),
    t('run.created', { n: count(s.created) }),
    t('run.failed', { n: count(s.failed + s.rejected) }),
    t('run.skipped', { n: count(s.skipped) }),
    t('run.remaining', { n: count(s.queued + s.running) }),
    s.in_doubt ? t('run.inDoubt', { n: count(s.in_doubt) }) : null,
    run.state === 'running' ? formatEta(t, batch.progress?.etaMs) : t(`run.state.${run.state}`),
  ];
  return (
    <section className="card stack" aria-labelledby="batch-run">
      <h2 id="batch-run">{t('run.heading')}</h2>
      <div className="progress" role="status" aria-live="polite">
        <progress max={s.total} value={done} aria-label={t('run.progress')} />
        <span data-testid="batch-progress">{parts.filter(Boolean).join(' · ')}</span>
      </div>
      <div className="actions">
        {run.state === 'running' && (
          <button type="button" onClick={() => void batch.control('pause')}>
            {t('run.pause')}
          </button>
        )}
        {(run.state === 'paused' || (run.state === 'done' && s.in_doubt > 0)) && (
          <button type="button" onClick={() => void batch.control('resume')}>
            {t('run.resume')}
          </button>
        )}
        {(run.state === 'running' || run.state === 'paused') && (
          <button type="button" className="danger" onClick={() => void batch.control('cancel')}>
            {t('run.cancel')}
          </button>
        )}
        <button type="button" onClick={() => void batch.exportResults()}>
          {t('run.export')}
        </button>
      </div>
      {run.printMessage && <p role="status">{run.printMessage}</p>}
      <table className="table">
        <caption className="sr-only">{t('run.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('run.order')}</th>
            <th scope="col">{t('run.outcome')}</th>
            <th scope="col">{t('run.trackingNumber')}</th>
            <th scope="col">{t('run.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {run.items.map((i) => (
            <tr key={i.position} className={i.state === 'failed' || i.state === 'rejected' ? 'row-failed' : undefined}>
              <td>{i.orderNumber}</td>
              <td>
                <span
                  className={`tag ${i.state === 'created' ? 'tag-Delivered' : i.state === 'failed' || i.state === 'rejected' ? 'tag-Exception' : 'tag-Unknown'}`}
                >
                  {t(`run.item.${i.state}`)}
                </span>
              </td>
              <td>{i.trackingNumber ? <code>{i.trackingNumber}</code> : t('run.noTracking')}</td>
              <td>{i.message ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('run.hint')}</p>
    </section>
  );
}
