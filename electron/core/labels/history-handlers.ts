import { HISTORY_COUNT_CAP, HISTORY_SELECT_CAP } from '../../../shared/domain/labels';
import type { Handlers } from '../ipc-dispatch';
import { exportHistory, type HistoryExportDeps } from './history-export';
import type { LabelStore } from './label-store';

export interface HistoryHandlersDeps extends Omit<HistoryExportDeps, 'labelStore'> {
  labelStore: Pick<LabelStore, 'ids' | 'exportPage'>;
}

/** History acting on every label of a filter: select all matching, and the CSV export. */
export function historyHandlers(deps: HistoryHandlersDeps) {
  return {
    'labels:historyIds': async (filter) => deps.labelStore.ids(filter, HISTORY_SELECT_CAP, HISTORY_COUNT_CAP),
    'labels:exportHistory': (filter) => exportHistory(deps, filter),
  } satisfies Partial<Handlers>;
}
