import { useState } from 'react';
import type { OrderHolder } from '../../../../shared/domain/scan';
import type { OperatorSession } from '../../../../shared/domain/operators';
import { useTimes } from '../../app-state';
import { ErrorMessage, SuccessMessage } from '../../components/ui';
import { useAction } from '../../data/hooks';
import { useT } from '../../i18n';
import { station } from '../../station';
import { useOperatorSession } from '../operators/use-operator-session';

/**
 * Who may release a claim here, as main's gate decides it (electron/core/operators/rules.ts):
 * a supervisor signed in, or anyone in a workgroup that has no operators yet.
 */
export const mayReleaseClaims = (session: OperatorSession | null) =>
  !!session?.workgroup && (!session.required || session.operator?.role === 'supervisor');

/**
 * The answer to scanning an order another station of the workgroup holds (status held_elsewhere):
 * main's sentence ("being packed at … by … since …") large, who and since when, and either the
 * supervisor's "Release claim" (claims:release) or whom to ask.
 */
export function HeldElsewhere({ message, holder }: { message: string; holder: OrderHolder }) {
  const { t } = useT('scan');
  const times = useTimes();
  const session = useOperatorSession();
  const [done, setDone] = useState<string | null>(null);
  const release = useAction(() => station().claims.release({ order: holder.order }), {
    onSuccess: ({ released }) =>
      setDone(released ? t('held.released', { order: holder.order }) : t('held.notHeld', { order: holder.order })),
  });
  return (
    <div className="scan-held" data-testid="scan-held">
      <p className="scan-held-sentence">{message}</p>
      <dl className="scan-facts">
        <dt>{t('held.station')}</dt>
        <dd>{holder.station}</dd>
        {holder.operator !== holder.station && (
          <>
            <dt>{t('held.operator')}</dt>
            <dd>{holder.operator}</dd>
          </>
        )}
        <dt>{t('held.since')}</dt>
        <dd>{times.shortTime(holder.since)}</dd>
      </dl>
      {done ? (
        <SuccessMessage>{done}</SuccessMessage>
      ) : mayReleaseClaims(session) ? (
        <p>
          <button type="button" className="primary" disabled={release.pending} onClick={() => void release.run()}>
            {release.pending ? t('held.releasing') : t('held.release')}
          </button>{' '}
          <span className="hint">{t('held.releaseHint', { station: holder.station })}</span>
        </p>
      ) : (
        session && <p className="scan-held-ask">{t('held.ask', { operator: holder.operator, station: holder.station })}</p>
      )}
      <ErrorMessage>{release.error?.message}</ErrorMessage>
    </div>
  );
}
