import type { DocumentCache } from './documents';
import type { StatsRecorder } from './stats';
import type { LabelStore } from './store';
import type { CheckpointOrder } from './types';

/** Everything the routes share: one per running simulator. */
export interface SimulatorState {
  store: LabelStore;
  stats: StatsRecorder;
  documents: DocumentCache;
  /** Simulator clock (ms since epoch), including advances. */
  now: () => number;
  /** `http://127.0.0.1:<port>`, known once the server listens. */
  origin: () => string;
  rejectionStatus: 201 | 502;
  checkpointOrder: CheckpointOrder;
  /** Display names of known shipper accounts (Demo accounts), used as label sender fallback. */
  accountNames: Map<string, string>;
}
