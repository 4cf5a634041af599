import { useEffect } from 'react';
import { useQuery, useQueryCache } from '../../data/hooks';
import { station } from '../../station';

/** Who is signed in at this station (operators:session), kept by main's `operators:changed` events. */
export const operatorSessionKey = 'operators/session';

export function useOperatorSession() {
  const cache = useQueryCache();
  const session = useQuery(operatorSessionKey, () => station().operators.session());
  useEffect(() => station().on('operators:changed', (next) => cache.set(operatorSessionKey, next)), [cache]);
  return session.data ?? null;
}
