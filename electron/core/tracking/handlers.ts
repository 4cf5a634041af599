import type { Handlers } from '../ipc-dispatch';
import type { TrackingService } from './tracking-service';

/** A label's tracking panel, and History's "refresh all in transit". */
export function trackingHandlers({ tracking }: { tracking: TrackingService }) {
  return {
    'tracking:get': ({ id }) => tracking.trackingOf(id),
    'tracking:refreshInTransit': () => tracking.refreshInTransit(),
  } satisfies Partial<Handlers>;
}
