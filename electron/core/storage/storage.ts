import type { LabelStore } from '../labels/label-store';
import type { Outbox } from '../labels/outbox';
import type { PrintLog } from '../printing/print-log';

/**
 * Where a station keeps its label history, outbox and print log: the embedded SQLite file (the
 * default: one station) or a workgroup's PostgreSQL. The services see only these async
 * interfaces (docs/architecture.md, "Storage backends").
 */
export interface Storage {
  kind: 'sqlite' | 'postgres';
  labels: LabelStore;
  outbox: Outbox;
  printLog: PrintLog;
  /** Lets go of the connection (SQLite: nothing; the station closes its database file itself). */
  close(): Promise<void>;
}
