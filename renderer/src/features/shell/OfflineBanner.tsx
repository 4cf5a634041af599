import { useEffect } from 'react';
import { useQuery, useQueryCache } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useT } from '../../i18n';
import { station } from '../../station';

/**
 * "Offline": shown from the first request that could not even connect to the Flex Forward
 * API until main's probe (or any request) reaches it again; it clears by itself.
 */
export function OfflineBanner() {
  const { t } = useT('shell');
  const cache = useQueryCache();
  const status = useQuery(queryKeys.connection, () => station().app.connection());
  useEffect(() => station().on('connection:changed', (next) => cache.set(queryKeys.connection, next)), [cache]);
  const offline = status.data && !status.data.online ? status.data : null;
  if (!offline) return null;
  return (
    <div className="offline-banner" role="alert" data-testid="offline-banner">
      <strong>{t('offline.title')}</strong> {t('offline.body', { reason: offline.reason })}
    </div>
  );
}
