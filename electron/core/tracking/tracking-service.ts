import type { TrackingView } from '../../../shared/domain/tracking';
import type { ProgressEvent } from '../../../shared/ipc/contract';
import { TRACKING_REFRESH_TASK } from '../../../shared/ipc/progress-tasks';
import type { Connections } from '../connections';
import { StationError } from '../errors';
import type { LabelService } from '../labels/label-service';
import type { LabelStore } from '../labels/label-store';
import { operatorError } from '../operator-errors';
import type { SettingsService } from '../settings-store';
import { refreshAll } from './refresh-all';
import { toTrackingView } from './tracking-view';

export interface TrackingServiceDeps {
  labelService: Pick<LabelService, 'get'>;
  labelStore: Pick<LabelStore, 'setTracking' | 'inTransit'>;
  connections: Pick<Connections, 'client'>;
  settings: SettingsService;
  /** Progress of "refresh all in transit" (the renderer's progress event). */
  onProgress: (progress: ProgressEvent) => void;
  now?: () => number;
}

/** A label's tracking (read from the API, its last tag kept in history) and "refresh all in transit". */
export function createTrackingService({
  labelService,
  labelStore,
  connections,
  settings,
  onProgress,
  now = Date.now,
}: TrackingServiceDeps) {
  /** Reads the label's tracking from the API of its environment and keeps the last tag and message with the label. */
  const trackingOf = async (labelId: string): Promise<TrackingView> => {
    const label = labelService.get(labelId);
    const client = await connections.client(label.environment);
    const result = await client.getTracking(labelId);
    if (!result.ok) throw operatorError(result.error, { environment: label.environment });
    const view = toTrackingView(labelId, result.value, now());
    labelStore.setTracking(labelId, { tag: view.tag, message: view.subtagMessage, updatedAt: view.fetchedAt });
    return view;
  };

  return {
    trackingOf,
    /** Refreshes the labels of the active environment not yet delivered or cancelled (at most 500), with progress events. */
    async refreshInTransit(): Promise<{ updated: number; failed: number; total: number }> {
      const environment = settings.read().activeEnvironment;
      const inTransit = labelStore.inTransit(environment, 500);
      const result = await refreshAll({
        labels: inTransit,
        task: TRACKING_REFRESH_TASK,
        fetch: async (id) => {
          try {
            return { ok: true, value: await trackingOf(id) };
          } catch (error) {
            return { ok: false, message: error instanceof StationError ? error.message : 'Tracking could not be read.' };
          }
        },
        onProgress,
      });
      return { updated: result.updated, failed: result.failed.length, total: inTransit.length };
    },
  };
}
export type TrackingService = ReturnType<typeof createTrackingService>;
