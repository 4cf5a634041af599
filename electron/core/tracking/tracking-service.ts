import type { TrackingChangeSummary, TrackingView } from '../../../shared/domain/tracking';
import type { ProgressEvent } from '../../../shared/ipc/contract';
import { TRACKING_REFRESH_TASK } from '../../../shared/ipc/progress-tasks';
import type { Connections } from '../connections';
import { StationError } from '../errors';
import { t } from '../i18n';
import type { LabelService } from '../labels/label-service';
import type { LabelStore } from '../labels/label-store';
import type { Logger } from '../logger';
import { operatorError } from '../operator-errors';
import type { SettingsService } from '../settings-store';
import { exceptionNotification, summarizeChecks, type CheckedLabel } from './change-summary';
import { refreshAll } from './refresh-all';
import type { DueLabel, TrackingScheduleStore } from './schedule-store';
import { toTrackingView } from './tracking-view';

export interface TrackingServiceDeps {
  labelService: Pick<LabelService, 'get'>;
  labelStore: Pick<LabelStore, 'setTracking' | 'inTransit'>;
  connections: Pick<Connections, 'client'>;
  settings: SettingsService;
  /** Each label's back-off in the scheduled refresh; every check (panel, refresh all, schedule) counts. */
  schedule?: Pick<TrackingScheduleStore, 'recordCheck' | 'recordFailure'>;
  /** Progress of "refresh all in transit" (the renderer's progress event). */
  onProgress: (progress: ProgressEvent) => void;
  /** A refresh found news (any tag changed): screens read again (the `tracking:changed` event). */
  onChanged?: (summary: TrackingChangeSummary) => void;
  /** A desktop notification (main: Electron's Notification), for new exceptions. */
  notify?: (notification: { title: string; body: string }) => void;
  logger?: Logger;
  now?: () => number;
}

/** A label's tracking (read from the API, its last tag kept in history), "refresh all in transit", and scheduled checks. */
export function createTrackingService({
  labelService,
  labelStore,
  connections,
  settings,
  schedule,
  onProgress,
  onChanged,
  notify,
  logger,
  now = Date.now,
}: TrackingServiceDeps) {
  /** Reads the label's tracking from the API of its environment and keeps the last tag and message with the label. */
  const trackingOf = async (labelId: string): Promise<TrackingView> => {
    const label = await labelService.get(labelId);
    const client = await connections.client(label.environment);
    const result = await client.getTracking(labelId);
    if (!result.ok) throw operatorError(result.error, { environment: label.environment });
    const view = toTrackingView(labelId, result.value, now());
    await labelStore.setTracking(labelId, { tag: view.tag, message: view.subtagMessage, updatedAt: view.fetchedAt });
    schedule?.recordCheck(labelId, view, view.fetchedAt);
    return view;
  };

  /** One check of a refresh: never throws; a failure is recorded (the schedule asks again later) and counted. */
  const check = async (label: DueLabel): Promise<CheckedLabel & { message: string | null }> => {
    const base = { labelId: label.id, orderNumber: label.orderNumber, trackingNumber: label.trackingNumber, before: label.trackingTag };
    try {
      return { ...base, after: await trackingOf(label.id), message: null };
    } catch (error) {
      try {
        schedule?.recordFailure(label.id, now());
      } catch (recordError) {
        logger?.error('tracking.record_failure_failed', { error: recordError });
      }
      return { ...base, after: null, message: error instanceof StationError ? error.message : t('tracking:errors.unexpected') };
    }
  };

  /** Tells the screens what changed and raises a notification for new exceptions. A broken sink never fails the refresh. */
  const announce = (summary: TrackingChangeSummary) => {
    try {
      if (Object.keys(summary.changed).length > 0) onChanged?.(summary);
      const notification = exceptionNotification(summary.exceptions);
      if (notification) notify?.(notification);
    } catch (error) {
      logger?.error('tracking.announce_failed', { error });
    }
  };

  return {
    trackingOf,
    check,
    /** After a scheduled round: the summary of its checks, announced like a manual refresh's. */
    finishRound(checks: readonly CheckedLabel[]): TrackingChangeSummary {
      const summary = summarizeChecks(checks, 'schedule');
      announce(summary);
      return summary;
    },
    /** Refreshes the labels of the active environment not yet delivered or cancelled (at most 500), with progress events. */
    async refreshInTransit(): Promise<{ updated: number; failed: number; total: number; summary: TrackingChangeSummary }> {
      const environment = settings.read().activeEnvironment;
      const inTransit = await labelStore.inTransit(environment, 500);
      const byId = new Map(inTransit.map((l) => [l.id, l]));
      const checks: CheckedLabel[] = [];
      const result = await refreshAll({
        labels: inTransit,
        task: TRACKING_REFRESH_TASK,
        fetch: async (id) => {
          const label = byId.get(id)!;
          const checked = await check({
            id,
            createdAt: label.createdAt,
            trackingTag: label.trackingTag,
            orderNumber: label.customerOrderNumber ?? label.platformOrderNumber,
            trackingNumber: label.trackingNumber,
          });
          checks.push(checked);
          return checked.after ? { ok: true, value: checked.after } : { ok: false, message: checked.message ?? '' };
        },
        onProgress,
      });
      const summary = summarizeChecks(checks, 'manual');
      announce(summary);
      return { updated: result.updated, failed: result.failed.length, total: inTransit.length, summary };
    },
  };
}
export type TrackingService = ReturnType<typeof createTrackingService>;
