import { useEffect } from 'react';
import { useQuery, useQueryCache } from '../../data/hooks';
import { station } from '../../station';

/** The workgroup's query keys (Settings → Workgroup, the banner). */
export const workgroupKeys = { view: 'workgroup/view', status: 'workgroup/status' } as const;

/**
 * Whether the workgroup database can be reached: read once, then kept by main's
 * `workgroup:changed` events (the banner and the Workgroup tab share it).
 */
export function useWorkgroupStatus() {
  const cache = useQueryCache();
  const status = useQuery(workgroupKeys.status, () => station().workgroup.status());
  useEffect(() => station().on('workgroup:changed', (next) => cache.set(workgroupKeys.status, next)), [cache]);
  return status.data ?? null;
}
