import { useState } from 'react';
import type { TrackingView } from '../../../../shared/domain/tracking';
import { ErrorMessage } from '../../components/ui';
import { useTimes } from '../../app-state';
import { useAction, useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useT } from '../../i18n';
import { station } from '../../station';

/** Where the parcel is: the current tag and the courier's scans, newest first. */
export function TrackingPanel({ labelId, onClose }: { labelId: string; onClose: () => void }) {
  const { t } = useT('tracking');
  // Asks the courier each time the panel opens (transient), and again on Refresh.
  const tracking = useQuery(queryKeys.tracking(labelId), () => station().tracking.get({ id: labelId }), { transient: true });
  const view = tracking.data ?? null;
  const error = tracking.error?.message ?? null;
  const busy = tracking.loading;
  const times = useTimes();

  return (
    <section className="card tracking" aria-labelledby="tracking-heading">
      <div className="panel-head">
        <h2 id="tracking-heading">
          {t('panel.heading')} {view?.trackingNumber ? <code>{view.trackingNumber}</code> : null}
        </h2>
        <div className="actions">
          <button type="button" onClick={() => void tracking.reload()} disabled={busy}>
            {busy ? t('panel.refreshing') : t('panel.refresh')}
          </button>
          <button type="button" onClick={onClose}>
            {t('panel.close')}
          </button>
        </div>
      </div>
      <ErrorMessage>{error}</ErrorMessage>
      {!view && !error && <p role="status">{t('panel.loading')}</p>}
      {view && (
        <>
          <p className="tracking-now">
            <span className={`tag tag-${view.tag}`} data-testid="tracking-tag">
              {t(`tag.${view.tag}`)}
            </span>{' '}
            {view.subtagMessage} <span className="hint">({view.subtag})</span>
          </p>
          <ShareWithCustomer view={view} />
          {view.checkpoints.length === 0 ? (
            <p className="hint">{t('panel.noScans')}</p>
          ) : (
            <ol className="timeline" aria-label={t('panel.checkpoints')}>
              {view.checkpoints.map((c, i) => (
                <li key={i}>
                  <span className={`dot tag-${c.tag}`} aria-hidden="true" />
                  <div>
                    <strong>{t(`tag.${c.tag}`)}</strong> {c.message && <span>· {c.message}</span>}
                    <div className="hint">
                      {c.time ? times.dateTime(c.time) : t('panel.timeUnknown')}
                      {c.place ? ` · ${c.place}` : ''}
                    </div>
                  </div>
                </li>
              ))}
            </ol>
          )}
          <p className="hint">{t('panel.checked', { time: times.time(view.fetchedAt) })}</p>
        </>
      )}
    </section>
  );
}

/**
 * What to send the customer. Neither docs/api-contract.md (§6, TrackingResponse: id, trackingNumber,
 * tag, subtag, subtagMessage, slug, checkpoints) nor docs/flexforward-openapi.yaml gives a public
 * tracking page URL, and neither documents a courier's tracking-page pattern, so the station
 * does not make one up: it offers the tracking number, alone or in a sentence for the customer
 * naming the courier (the API's slug).
 */
function ShareWithCustomer({ view }: { view: TrackingView }) {
  const { t } = useT('tracking');
  const [copied, setCopied] = useState(false);
  const copy = useAction((text: string) => station().app.copyText({ text }), { onSuccess: (r) => setCopied(r.copied) });
  const number = view.trackingNumber;
  return (
    <div className="tracking-share" aria-label={t('share.heading')} role="group">
      <strong>{t('share.heading')}</strong>
      {number ? (
        <>
          <p className="hint">{t('share.noPage')}</p>
          <div className="actions">
            <button type="button" onClick={() => void copy.run(t('share.message', { courier: view.slug, trackingNumber: number }))}>
              {t('share.copyMessage')}
            </button>
            <button type="button" onClick={() => void copy.run(number)}>
              {t('share.copyNumber')}
            </button>
          </div>
          {copied && (
            <p role="status" className="hint">
              {t('share.copied')}
            </p>
          )}
        </>
      ) : (
        <p className="hint">{t('share.noNumber')}</p>
      )}
    </div>
  );
}
