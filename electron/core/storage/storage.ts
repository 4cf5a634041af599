import type { LabelStore } from '../labels/label-store';
import type { Outbox } from '../labels/outbox';

/**
 * Where a station keeps its label history and outbox: the embedded SQLite file (the
 * default: one station) or a workgroup's PostgreSQL. The services see only these async
 * interfaces (docs/architecture.md, "Storage backends").
 */
export interface Storage {
  kind: 'sqlite' | 'postgres';
  labels: LabelStore;
  outbox: Outbox;
  /** Lets go of the connection (SQLite: nothing; the station closes its database file itself). */
  close(): Promise<void>;
}
