import { useEffect } from 'react';
import { useQuery, useQueryCache } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { station } from '../../station';

/**
 * "Offline": shown from the first request that could not even connect to the Flex Forward
 * API until main's probe (or any request) reaches it again; it clears by itself.
 */
export function OfflineBanner() {
  const cache = useQueryCache();
  const status = useQuery(queryKeys.connection, () => station().app.connection());
  useEffect(() => station().on('connection:changed', (next) => cache.set(queryKeys.connection, next)), [cache]);
  const offline = status.data && !status.data.online ? status.data : null;
  if (!offline) return null;
  return (
    <div className="offline-banner" role="alert" data-testid="offline-banner">
      <strong>Offline:</strong> the Flex Forward API cannot be reached ({offline.reason}). Nothing is sent while the station is offline, so
      no label is bought twice; this goes away by itself when the API answers again.
    </div>
  );
}
