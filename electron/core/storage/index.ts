import type { StationDatabase } from '../db/database';
import { createLabelStore } from '../labels/label-store';
import { createOutbox } from '../labels/outbox';
import { createPrintLog } from '../printing/print-log';
import type { PgStorageConfig } from './pg';
import type { Storage } from './storage';

export type { Storage } from './storage';

export type StorageConfig = { kind: 'sqlite'; database: StationDatabase; now?: () => number } | ({ kind: 'postgres' } & PgStorageConfig);

/** Opens the configured storage; PostgreSQL (and `pg`) is loaded only when a workgroup asks for it. */
export async function openStorage(config: StorageConfig): Promise<Storage> {
  if (config.kind === 'sqlite') {
    return {
      kind: 'sqlite',
      labels: createLabelStore(config.database, { now: config.now }),
      outbox: createOutbox(config.database),
      printLog: createPrintLog(config.database),
      close: async () => undefined,
    };
  }
  const { openPgStorage } = await import('./pg');
  return openPgStorage(config);
}
