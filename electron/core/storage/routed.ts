import type pg from 'pg';
import type { LabelRecord } from '../../../shared/domain/labels';
import type { StationDatabase } from '../db/database';
import { StationError } from '../errors';
import { t } from '../i18n';
import { createLabelStore, createSqliteLabelStore, type LabelStore } from '../labels/label-store';
import { createOutbox, type Outbox } from '../labels/outbox';
import type { Logger } from '../logger';
import { createPrintLog, type PrintLog } from '../printing/print-log';
import type { SharedDatabase } from '../workgroup/shared-database';
import { connectionLost, pgStorageOn } from './pg';
import type { Storage } from './storage';

export interface RoutedStorageDeps {
  /** The station's own SQLite: its storage on its own, and its copies of the labels it made or reprinted in a workgroup. */
  database: StationDatabase;
  shared: Pick<SharedDatabase, 'pool' | 'onReset'>;
  /** Who this station is in the workgroup it is in (the outbox's lease holder), null on its own. */
  workgroupStation: () => string | null;
  /** A use of the shared database found it unreachable: the banner shows (Workgroup.failed). */
  onUnreachable: (error: StationError) => void;
  logger: Logger;
  leaseMs?: number;
  now?: () => number;
}

export interface RoutedStorage {
  labels: LabelStore;
  outbox: Outbox;
  printLog: PrintLog;
  /** Where the next call goes: the workgroup's PostgreSQL while the station is in one, else its SQLite. */
  kind(): Storage['kind'];
  /**
   * Another interface routed the same way (the hand-over sheet's parcels): `local` on the
   * station's own, `shared(pool)` in a workgroup, every method a read, failing as these do.
   */
  route<T extends object>(local: T, shared: (pool: pg.Pool) => T): T;
}

/** The shared database as the routed calls use it: its pool and the storage on it. */
interface Remote {
  pool: pg.Pool;
  station: string;
  storage: Storage;
}

type Methods<T> = { [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => Promise<R> : never };

const LABEL_READS = new Set<string>([
  'get',
  'forOrder',
  'createdForOrders',
  'sameShipment',
  'documentPath',
  'page',
  'ids',
  'exportPage',
  'inTransit',
  'count',
]);
const OUTBOX_READS = new Set<string>(['get', 'unresolved', 'latestForOrder', 'countForOrder']);
const PRINT_LOG_READS = new Set<string>(['get', 'entries', 'recent', 'forLabel', 'unfinished']);

/**
 * The label history, outbox and print log every service uses
 * (docs/architecture.md, "Storage backends"): while the station is in a workgroup (settings `workgroup`), the workgroup's
 * PostgreSQL on the station's one shared pool, else the embedded SQLite; each call decides,
 * so joining or leaving switches without a restart. Nothing falls back to SQLite for the
 * outbox: a request the shared outbox cannot record first is never sent.
 *
 * In a workgroup, documents stay per station (each keeps its own files under userData): a
 * label's `documentStored` and `documentPath` are this station's, kept with a copy of the
 * label record in its SQLite for every label it made or downloaded a document of. A read
 * by id (`get`) falls back to that copy when the server cannot be reached, so those labels
 * can still be reprinted from their cached files.
 *
 * A connection the server cut (a restart) is retried once for reads; a server that does not
 * answer tells the banner (`onUnreachable`) and fails reads with `database_unavailable` and
 * writes with `database_write_failed` (what depends on a write stays unresolved).
 */
export function createRoutedStorage(deps: RoutedStorageDeps): RoutedStorage {
  const { database, shared, logger } = deps;
  const local: Storage = {
    kind: 'sqlite',
    labels: createLabelStore(database, { now: deps.now }),
    outbox: createOutbox(database),
    printLog: createPrintLog(database),
    close: async () => undefined,
  };
  // The local copies in a workgroup, written synchronously beside the shared write.
  const copies = createSqliteLabelStore(database, { now: deps.now });
  let built: Remote | null = null;
  shared.onReset(() => void (built = null));

  const unreachable = (error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    const unavailable = new StationError('database_unavailable', t('workgroup:shared.unreachable', { reason }));
    deps.onUnreachable(unavailable);
    return unavailable;
  };
  const lost = (error: unknown) => (error instanceof StationError && error.code === 'database_unavailable') || connectionLost(error);

  /** PostgreSQL's storage while in a workgroup, null on its own. */
  async function remote(): Promise<Remote | null> {
    const station = deps.workgroupStation();
    if (!station) return null;
    // Rejects database_unavailable (the banner told) while the server is down; the next call tries again.
    const pool = await shared.pool();
    if (built?.pool !== pool || built.station !== station) {
      built = { pool, station, storage: pgStorageOn(pool, { station, now: deps.now, leaseMs: deps.leaseMs }) };
    }
    return built;
  }

  /** The error a call on the shared database ends in when the server did not answer: the banner is told. */
  const failedOn = (error: unknown, read: boolean): StationError => {
    const unavailable = error instanceof StationError && error.code === 'database_unavailable' ? error : unreachable(error);
    if (read) return unavailable;
    // A write that did not reach the server is a failed write (docs/architecture.md, "Storage backends").
    return error instanceof StationError && error.code === 'database_write_failed'
      ? error
      : new StationError('database_write_failed', t('errors:db.sharedWriteFailed', { reason: unavailable.message }));
  };

  /** Runs a call on the shared database, a read once more after a cut connection (a server restart leaves dead idle ones). */
  async function onShared<R>(storage: Remote, call: (storage: Remote) => Promise<R>, read: boolean): Promise<R> {
    try {
      return await call(storage);
    } catch (error) {
      if (!lost(error)) throw error;
      if (!read) throw failedOn(error, false);
      try {
        return await call(storage);
      } catch (again) {
        throw lost(again) ? failedOn(again, true) : again;
      }
    }
  }

  /** Every method of one interface, each call sent where the station's storage is now; `own` replaces some in a workgroup. */
  function routed<T extends object>(
    localImpl: T,
    remoteImpl: (remote: Remote) => T,
    reads: Set<string> | 'all',
    own: Partial<Record<keyof T, (storage: Storage, ...args: never[]) => Promise<unknown>>> = {},
  ): T {
    const names = Object.keys(localImpl) as (keyof T & string)[];
    const methods = names.map((name) => [
      name,
      async (...args: unknown[]) => {
        const read = reads === 'all' || reads.has(name);
        let shared: Remote | null;
        try {
          shared = await remote();
        } catch (error) {
          throw lost(error) ? failedOn(error, read) : error;
        }
        const plain = (impl: T) => (impl as Record<string, (...a: unknown[]) => Promise<unknown>>)[name]!(...args);
        if (!shared) return plain(localImpl);
        const replaced = own[name] as ((storage: Storage, ...a: unknown[]) => Promise<unknown>) | undefined;
        return onShared(shared, (r) => (replaced ? replaced(r.storage, ...args) : plain(remoteImpl(r))), read);
      },
    ]);
    return Object.fromEntries(methods) as Methods<T> as T;
  }

  /** This station's document of a label (its copy's path), null when it has none. */
  const localPath = (id: string): string | null => {
    try {
      return copies.documentPath(id);
    } catch {
      return null;
    }
  };
  /** This station's copy of a label, or null (also when the local database cannot be read). */
  const readCopy = (id: string) => {
    try {
      return copies.get(id);
    } catch {
      return null;
    }
  };
  const withLocalDocument = <L extends LabelRecord>(label: L): L => ({ ...label, documentStored: localPath(label.id) !== null });
  /** Keeps (or refreshes) this station's copy of a label; a copy that cannot be written is only logged. */
  const keepCopy = (label: Parameters<LabelStore['save']>[0]) => {
    try {
      copies.save(label);
    } catch (error) {
      logger.warn('workgroup.local_copy_failed', { labelId: label.id, error });
    }
  };

  const labels = routed<LabelStore>(local.labels, (r) => r.storage.labels, LABEL_READS, {
    async get(s, id: string) {
      const found = await s.labels.get(id);
      return found ? withLocalDocument(found) : null;
    },
    forOrder: async (s, environment: string, order: string) =>
      (await s.labels.forOrder(environment as LabelRecord['environment'], order)).map(withLocalDocument),
    sameShipment: async (s, ...args: Parameters<LabelStore['sameShipment']>) =>
      (await s.labels.sameShipment(...args)).map(withLocalDocument),
    inTransit: async (s, ...args: Parameters<LabelStore['inTransit']>) => (await s.labels.inTransit(...args)).map(withLocalDocument),
    async page(s, query: Parameters<LabelStore['page']>[0]) {
      const page = await s.labels.page(query);
      return { ...page, items: page.items.map(withLocalDocument) };
    },
    async exportPage(s, ...args: Parameters<LabelStore['exportPage']>) {
      const page = await s.labels.exportPage(...args);
      return { ...page, items: page.items.map(withLocalDocument) };
    },
    // A path on this station's disk means nothing at another: the shared record keeps the URL and format only.
    // The shared write is skipped when this station's copy already has that URL and format (written
    // only after the shared write did), as when the downloaded file is stored after the URL was.
    async setDocument(s, id: string, doc: Parameters<LabelStore['setDocument']>[1]) {
      const copy = readCopy(id);
      if (!copy || copy.documentUrl !== doc.url || copy.documentFormat !== doc.format) {
        await s.labels.setDocument(id, { url: doc.url, format: doc.format, path: null });
      }
      if (!copy) {
        const shared = await s.labels.get(id);
        if (shared) keepCopy(shared);
      }
      try {
        copies.setDocument(id, doc);
      } catch (error) {
        logger.warn('workgroup.local_copy_failed', { labelId: id, error });
      }
    },
    documentPath: async (_s, id: string) => localPath(id),
    async setTracking(s, id: string, tracking: Parameters<LabelStore['setTracking']>[1]) {
      await s.labels.setTracking(id, tracking);
      if (copies.get(id)) copies.setTracking(id, tracking);
    },
  });

  const outbox = routed<Outbox>(local.outbox, (r) => r.storage.outbox, OUTBOX_READS, {
    // The label this station's request brought: recorded in the shared history, and a copy kept here
    // of the label as the API answered (not read back: the caller reads the shared label next). On a
    // replay of a label the history already had, the copy's document URL and tracking catch up at the
    // next setDocument / setTracking; its stored file (document_path) is kept.
    async recordAnswer(s, ...args: Parameters<Outbox['recordAnswer']>) {
      const entry = await s.outbox.recordAnswer(...args);
      keepCopy(args[2]);
      return entry;
    },
  });

  const printLog = routed<PrintLog>(local.printLog, (r) => r.storage.printLog, PRINT_LOG_READS);

  // Reads by id while the server cannot be reached: this station's copy, if it has one.
  const sharedGet = labels.get;
  labels.get = async (id) => {
    try {
      return await sharedGet(id);
    } catch (error) {
      if (!(error instanceof StationError && error.code === 'database_unavailable')) throw error;
      const copy = copies.get(id);
      if (!copy) throw error;
      logger.info('workgroup.local_copy_read', { labelId: id });
      return copy;
    }
  };

  return {
    labels,
    outbox,
    printLog,
    kind: () => (deps.workgroupStation() ? 'postgres' : 'sqlite'),
    route: (localImpl, shared) => routed(localImpl, (r) => shared(r.pool), 'all'),
  };
}
