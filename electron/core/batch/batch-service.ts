import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import Papa from 'papaparse';
import type { BatchDefaults, BatchOrder, ColumnMapping, CsvEncoding, CsvEncodingChoice } from '../../../shared/domain/batch';
import {
  DEFAULT_BATCH_PAGE,
  MAX_ISSUES_PER_ORDER,
  NO_IMPORT_OPTIONS,
  type BatchPageRequest,
  type BatchPreview,
  type BatchRunView,
  type ImportListItem,
  type ImportOptions,
  type MappingSource,
} from '../../../shared/domain/batch-view';
import type { ProgressEvent } from '../../../shared/ipc/contract';
import type { LabelStore } from '../labels/label-store';
import { StationError } from '../errors';
import { t } from '../i18n';
import type { LabelService } from '../labels/label-service';
import type { Logger } from '../logger';
import type { SettingsService } from '../settings-store';
import { createBatchRunner } from './batch-runner';
import type { BatchStore } from './batch-store';
import type { SkuCatalogueSnapshot } from '../../../shared/domain/sku-catalogue';
import { buildOrders } from './build-orders';
import { rowCount, tableCell, tableRows, withCell, type CsvTable } from './csv-table';
import { headerSet, type BuiltOrders } from './import-jobs';
import type { ImportStore, StoredImport } from './import-store';
import { createImportThreads, type ImportJobRunner } from './import-thread';
import { describeMissing, fitMapping, missingRequired, suggestMapping } from './mapping';
import { sampleCsv } from './sample-csv';
import { settingsList, type SharedLists } from '../settings/list-store';
import { promised } from '../storage/promised';
import { createListCache } from '../workgroup/shared-lists';

/** Imports whose tables are kept in memory; the least recently used beyond these are read back from the database when next needed. */
export const MAX_IMPORTS = 5;
/** Imports kept in the database (and listed); the oldest beyond these are removed (unless a run from them is going). */
export const MAX_KEPT_IMPORTS = 20;
/** Ids of removed imports remembered, so a call naming one says it was removed rather than unknown. */
const MAX_EXPIRED_IDS = 1000;

/**
 * The results export escapes every cell that starts with =, +, -, @, a tab or a carriage
 * return with a leading ' (Papa's `escapeFormulae` set), so a spreadsheet shows an order number
 * or a courier's message as text instead of running it as a formula. Papa's own pattern for
 * `escapeFormulae: true` is /^[=+\-@\t\r].*$/, which misses a value with a line break in it
 * ("." stops at "\n"); this one only looks at the first character. A negative number such as
 * "-5" is prefixed too ("'-5"): every cell here is text, and safety wins over a bare minus.
 */
export const CSV_FORMULA_START = /^[=+\-@\t\r]/;

/** The orders an import was last built into, with what they were built from. */
interface Built {
  orders: BuiltOrders;
  /** JSON of the defaults they were built with: other defaults (changed in Settings) mean a rebuild. */
  defaultsKey: string;
  /** The order number of each order (computed when first needed). */
  numbers?: string[];
  /** The order each row belongs to (computed when first needed). */
  orderOfRow?: Uint32Array;
}

interface ImportState {
  id: string;
  fileName: string;
  encoding: CsvEncoding;
  createdAt: number;
  table: CsvTable;
  mapping: ColumnMapping;
  mappingSource: MappingSource;
  /** Courier and product for the whole file (the import step). */
  options: ImportOptions;
  /** The platform export recognised when the file was imported, and the lines its reading left out. */
  profile: { id: string; name: string } | null;
  skipped: { before: number; after: number };
  excluded: Set<string>;
  /** Null when read back from the database: the next preview builds the orders. */
  built: Built | null;
  /** The mapping changed, or a fix changed an order number: the next preview rebuilds the orders. */
  stale: boolean;
  /** The newest run started from this import: while it runs or is paused, the import is not removed. */
  lastRunId: string | null;
  /** Calls on one import run one after another (a fix may wait for a rebuild in the worker). */
  queue: Promise<unknown>;
  /** Calls queued or running: a busy import stays in memory. */
  busy: number;
  /** Bumped when the order numbers may have changed (new mapping, a fix in the order-number column). */
  numbersVersion: number;
  /** Station mode's index: row indexes by order number, for the numbers version it was built at. */
  byOrder?: { version: number; index: Map<string, number[]> };
}

const orderCount = (built: Built) => built.orders.starts.length - 1;

/** The file's order numbers (trimmed, non-empty, each once): what station mode looks a scan up in. */
function orderNumberSet(table: CsvTable, mapping: ColumnMapping): Set<string> {
  const column = mapping.orderNumber ? table.headers.indexOf(mapping.orderNumber) : -1;
  const numbers = new Set<string>();
  if (column < 0) return numbers;
  for (let r = 0; r < rowCount(table); r++) {
    const key = tableCell(table, r, column).trim();
    if (key) numbers.add(key);
  }
  return numbers;
}

/**
 * The mapping the orders are built with: the operator's, without the courier and product
 * columns when the import step says its courier and product are for the whole file.
 */
function effectiveMapping(state: ImportState): ColumnMapping {
  const { options } = state;
  if (!options.overrideFile) return state.mapping;
  return {
    ...state.mapping,
    ...(options.courier ? { courier: null } : {}),
    ...(options.productCode ? { productCode: null } : {}),
  };
}
const rowsOfOrder = (built: Built, order: number) =>
  built.orders.rowIndexes.subarray(built.orders.starts[order], built.orders.starts[order + 1]);

/**
 * Rows grouped by (trimmed) order number, built once per file and rebuilt only after a new
 * mapping or a fix in the order-number column: each station-mode scan is a map lookup.
 */
function orderIndex(state: ImportState): Map<string, number[]> {
  const header = state.mapping.orderNumber;
  if (!header) return new Map();
  if (state.byOrder?.version !== state.numbersVersion) {
    const column = state.table.headers.indexOf(header);
    const index = new Map<string, number[]>();
    for (let r = 0; r < rowCount(state.table); r++) {
      const key = tableCell(state.table, r, column).trim();
      if (!key) continue;
      const rows = index.get(key);
      if (rows) rows.push(r);
      else index.set(key, [r]);
    }
    state.byOrder = { version: state.numbersVersion, index };
  }
  return state.byOrder.index;
}

/** The order number of each built order, as `buildOrders` grouped them (trimmed; blank when the file has none). */
function orderNumbers(state: ImportState): string[] {
  const built = state.built!;
  if (!built.numbers) {
    const header = state.mapping.orderNumber;
    const column = header ? state.table.headers.indexOf(header) : -1;
    built.numbers = Array.from({ length: orderCount(built) }, (_, i) =>
      column < 0 ? '' : tableCell(state.table, built.orders.rowIndexes[built.orders.starts[i]!]!, column).trim(),
    );
  }
  return built.numbers;
}

function orderOfRow(state: ImportState, rowIndex: number): number {
  const built = state.built!;
  if (!built.orderOfRow) {
    built.orderOfRow = new Uint32Array(rowCount(state.table));
    for (let i = 0; i < orderCount(built); i++) for (const r of rowsOfOrder(built, i)) built.orderOfRow[r] = i;
  }
  return built.orderOfRow[rowIndex]!;
}

export interface BatchServiceDeps {
  store: BatchStore;
  /** Where imports are kept (the station's database). */
  importStore: ImportStore;
  labelService: LabelService;
  labelStore: LabelStore;
  settings: SettingsService;
  logger: Logger;
  emit: (progress: ProgressEvent) => void;
  chooseSavePath: (defaultName: string) => Promise<string | null>;
  /** Prints created labels of a finished run as one job, in file order ("print all when done"). */
  printAll: (labelIds: string[]) => Promise<string>;
  /** Where decoding, parsing and building run: a worker thread per job unless given (the benchmark compares). */
  importJobs?: ImportJobRunner;
  /** Imports kept in memory (MAX_IMPORTS unless given). */
  maxImports?: number;
  /** Imports kept in the database (MAX_KEPT_IMPORTS unless given). */
  maxKeptImports?: number;
  now?: () => number;
  /** The product catalogue by SKU: fills items by SKU; a change to it builds the orders again (its version is in the defaults' JSON). */
  skuCatalogue?: { snapshot(): Promise<SkuCatalogueSnapshot> };
  /** Senders, presets and saved mappings: the workgroup's in a workgroup (electron/core/workgroup/shared-lists.ts). Absent: the settings file's. */
  lists?: Pick<SharedLists, 'senders' | 'presets' | 'mappings'>;
  /**
   * Whether the station hears the workgroup's live updates now (LiveUpdates.listening): only then
   * is station mode's count of loaded orders kept between scans, until `forgetImports()` (a live
   * 'imports' notification) or a change made here. Absent: read each time.
   */
  listening?: () => boolean;
}

/**
 * The import store with every write made through it forgetting what `cache` keeps (an own
 * import, removal or fix counts at once; its live notification comes later).
 */
function forgettingWrites(store: ImportStore, cache: ReturnType<typeof createListCache>): ImportStore {
  const w = cache.writing;
  return {
    insert: w((imp) => store.insert(imp)),
    get: (id) => store.get(id),
    has: (id) => store.has(id),
    setMapping: w((id, mapping, source) => store.setMapping(id, mapping, source)),
    setOrderNumbers: w((id, numbers) => store.setOrderNumbers(id, numbers)),
    addFix: w((id, fix) => store.addFix(id, fix)),
    setOptions: w((id, options) => store.setOptions(id, options)),
    setExcluded: w((id, excluded) => store.setExcluded(id, excluded)),
    setCounts: w((id, orders, ready) => store.setCounts(id, orders, ready)),
    setLastRun: w((id, runId) => store.setLastRun(id, runId)),
    remove: w((id) => store.remove(id)),
    list: (environment) => store.list(environment),
    ids: () => store.ids(),
    holding: (orderNumber) => store.holding(orderNumber),
    distinctOrders: () => store.distinctOrders(),
  };
}

/**
 * Batch labels from a CSV: import (decode, parse, map, validate every row before anything is
 * sent), preview with fixes and exclusions, then a run through the batch runner, where every
 * order goes through the label service's outbox under its order number. Decoding, parsing and
 * building a whole file run in a worker thread (import-thread.ts); an import keeps its rows
 * packed (csv-table.ts) and the orders without their drafts, and the preview answers one page.
 *
 * One import serves Batch and station mode: every import is kept in the database
 * (import-store.ts) with its mapping, fixes, exclusions and whole-file options, so it survives
 * leaving the screen and a restart; station mode scans the orders of every listed import (an
 * order number in several: the newest import's rows). Only the `maxImports` most recently used
 * tables stay in memory; the others are read back when a preview or a scan needs them.
 */
export function createBatchService(deps: BatchServiceDeps) {
  const imports = new Map<string, ImportState>();
  const expired = new Set<string>();
  const maxImports = deps.maxImports ?? MAX_IMPORTS;
  const maxKept = deps.maxKeptImports ?? MAX_KEPT_IMPORTS;
  const now = deps.now ?? Date.now;
  // Station mode reads the loaded orders after every scan: in a workgroup two queries of the
  // shared database each time unless kept while live updates would tell of a change.
  const loadedCache = createListCache(deps.listening ?? (() => false));
  const kept = forgettingWrites(deps.importStore, loadedCache);
  const loadedNow = loadedCache.value(async () => {
    const [orders, ids] = await Promise.all([kept.distinctOrders(), kept.ids()]);
    return { orders, files: ids.map((i) => i.file_name) };
  });
  const jobs = deps.importJobs ?? createImportThreads({ logger: deps.logger });
  const printMessages = new Map<string, string>();
  const runner = createBatchRunner({
    store: deps.store,
    create: (draft, options) => deps.labelService.create(draft, options),
    onProgress: (p) => deps.emit({ ...p, etaMs: p.etaMs === null ? null : Math.max(0, Math.round(p.etaMs)) }),
  });

  const lists = deps.lists ?? {
    senders: promised(settingsList(deps.settings, 'senders')),
    presets: promised(settingsList(deps.settings, 'packagePresets')),
    mappings: promised(settingsList(deps.settings, 'batchMappings')),
  };
  const defaults = async (): Promise<BatchDefaults> => {
    const s = deps.settings.view();
    const [sender, preset, skuCatalogue] = await Promise.all([
      s.defaults.senderId ? lists.senders.get(s.defaults.senderId) : null,
      s.defaults.packagePresetId ? lists.presets.get(s.defaults.packagePresetId) : null,
      deps.skuCatalogue?.snapshot() ?? null,
    ]);
    return {
      courier: s.defaults.courier,
      productCode: s.defaults.productCode,
      labelFormat: s.defaults.labelFormat,
      units: s.defaults.units,
      sender,
      preset,
      skuCatalogue,
    };
  };

  /** The station's defaults with the import's own courier and product for the whole file. */
  const defaultsFor = async (state: ImportState): Promise<BatchDefaults> => {
    const d = await defaults();
    return { ...d, courier: state.options.courier ?? d.courier, productCode: state.options.productCode ?? d.productCode };
  };
  const buildKey = (state: ImportState, d: BatchDefaults) => JSON.stringify([d, state.options]);

  const removed = (importId: string) => {
    expired.add(importId);
    for (const id of expired) {
      if (expired.size <= MAX_EXPIRED_IDS) break;
      expired.delete(id);
    }
  };

  /** A stored import as the service works on it: the operator's fixes applied again, the orders built at the next preview. */
  function hydrate(stored: StoredImport): ImportState {
    let table = stored.table;
    for (const fix of stored.fixes) {
      try {
        table = withCell(table, fix.row, fix.column, fix.value).table;
      } catch (error) {
        deps.logger.error('batch.import_fix_skipped', { importId: stored.id, row: fix.row, error });
      }
    }
    return {
      id: stored.id,
      fileName: stored.fileName,
      encoding: stored.encoding,
      createdAt: stored.createdAt,
      table,
      mapping: stored.mapping ? fitMapping(stored.mapping, table.headers) : suggestMapping(table.headers),
      mappingSource: stored.mappingSource,
      options: stored.options,
      profile: stored.reading.profile,
      skipped: stored.reading.skipped,
      excluded: new Set(stored.excluded),
      built: null,
      stale: true,
      lastRunId: stored.lastRunId,
      queue: Promise.resolve(),
      busy: 0,
      numbersVersion: 0,
    };
  }

  /** Keeps the state among the most recently used ones in memory. */
  function remember(state: ImportState) {
    imports.delete(state.id);
    imports.set(state.id, state);
    evict();
  }

  /** Imports being read back from the store: two calls at once get one state (so their work stays serial). */
  const reading = new Map<string, Promise<ImportState>>();
  const importOf = async (importId: string): Promise<ImportState> => {
    const cached = imports.get(importId);
    if (cached) {
      remember(cached);
      return cached;
    }
    let read = reading.get(importId);
    if (!read) {
      read = (async () => {
        const stored = await kept.get(importId);
        if (stored) {
          const state = hydrate(stored);
          remember(state);
          return state;
        }
        if (expired.has(importId)) throw new StationError('import_expired', t('batch:errors.importExpired'));
        throw new StationError('import_not_found', t('batch:errors.importNotFound'));
      })().finally(() => reading.delete(importId));
      reading.set(importId, read);
    }
    return read;
  };

  /** One call at a time per import, in the order they came. */
  function serial<T>(state: ImportState, work: () => Promise<T> | T): Promise<T> {
    state.busy += 1;
    const next = state.queue.then(work).finally(() => (state.busy -= 1));
    state.queue = next.catch(() => undefined);
    return next;
  }

  const runGoing = (runId: string | null) => {
    const run = runId ? deps.store.getRun(runId) : null;
    return run?.state === 'running' || run?.state === 'paused';
  };

  /** Drops the least recently used tables beyond `maxImports` from memory (not from the database); a busy one stays. */
  function evict(keep = maxImports) {
    let excess = imports.size - keep;
    for (const state of imports.values()) {
      if (excess <= 0) break;
      if (state.busy > 0) continue;
      imports.delete(state.id);
      excess -= 1;
    }
  }

  /** Removes the oldest imports beyond the newest `maxKept` from the database, except those a going run came from. */
  async function trimKept() {
    const all = await kept.ids();
    let excess = all.length - maxKept;
    for (const { id, file_name } of all.reverse()) {
      if (excess <= 0) break;
      const stored = imports.get(id)?.lastRunId ?? (await kept.get(id))?.lastRunId ?? null;
      if (runGoing(stored)) continue;
      await kept.remove(id);
      imports.delete(id);
      removed(id);
      excess -= 1;
      deps.logger.info('batch.import_removed', { fileName: file_name, why: 'over the number of imports kept' });
    }
  }

  /** The orders as built for the current mapping, options and defaults: rebuilt in the worker when one changed. */
  async function current(state: ImportState): Promise<{ built: Built; defaults: BatchDefaults }> {
    const d = await defaultsFor(state);
    const defaultsKey = buildKey(state, d);
    if (state.stale || !state.built || state.built.defaultsKey !== defaultsKey) {
      const { orders } = await jobs.run({ kind: 'build', table: state.table, mapping: effectiveMapping(state), defaults: d });
      state.built = { orders, defaultsKey };
      state.stale = false;
    }
    return { built: state.built, defaults: d };
  }

  /** After a fix outside the order-number column: only the order of that row is built again (in this thread: one order). */
  async function rebuildOrderOf(state: ImportState, rowIndex: number) {
    const d = await defaultsFor(state);
    if (state.stale || !state.built || state.built.defaultsKey !== buildKey(state, d)) return; // the next preview rebuilds everything
    const order = orderOfRow(state, rowIndex);
    const [rebuilt] = buildOrders(tableRows(state.table, rowsOfOrder(state.built, order)), effectiveMapping(state), d);
    if (rebuilt?.issues.length) state.built.orders.issues.set(order, rebuilt.issues);
    else state.built.orders.issues.delete(order);
  }

  async function preview(state: ImportState, page: BatchPageRequest = {}): Promise<BatchPreview> {
    const { built, defaults: d } = await current(state);
    const missing = missingRequired(effectiveMapping(state), d);
    const settings = deps.settings.view();
    const numbers = orderNumbers(state);
    const { issues } = built.orders;
    const labelled = await deps.labelStore.createdForOrders(settings.activeEnvironment, [...new Set(numbers.filter(Boolean))]);

    const counts = { orders: numbers.length, ready: 0, withIssues: 0, issues: 0, excluded: 0, alreadyLabelled: 0 };
    numbers.forEach((number, i) => {
      if (state.excluded.has(number)) return void (counts.excluded += 1);
      const orderIssues = issues.get(i);
      if (orderIssues) {
        counts.withIssues += 1;
        counts.issues += orderIssues.length;
      } else counts.ready += 1;
      if (labelled.has(number)) counts.alreadyLabelled += 1;
    });

    const filter = page.filter ?? 'all';
    const limit = page.limit ?? DEFAULT_BATCH_PAGE;
    const listed = filter === 'issues' ? [...issues.keys()].sort((a, b) => a - b) : null;
    const total = listed ? listed.length : numbers.length;
    // Past the end (the last issue was just fixed, say): the last page.
    const offset = Math.min(page.offset ?? 0, Math.max(0, Math.floor((total - 1) / limit) * limit));
    const orders = [];
    for (let k = offset; k < Math.min(total, offset + limit); k++) {
      const i = listed ? listed[k]! : k;
      const orderIssues = issues.get(i) ?? [];
      orders.push({
        orderNumber: numbers[i]!,
        rows: Array.from(rowsOfOrder(built, i), (r) => state.table.rowNumbers[r]!),
        valid: orderIssues.length === 0,
        issues: orderIssues.slice(0, MAX_ISSUES_PER_ORDER),
        issueCount: orderIssues.length,
        excluded: state.excluded.has(numbers[i]!),
        alreadyLabelled: labelled.has(numbers[i]!),
      });
    }
    await kept.setCounts(state.id, counts.orders, counts.ready);
    return {
      importId: state.id,
      fileName: state.fileName,
      createdAt: state.createdAt,
      options: state.options,
      mappingSource: state.mappingSource,
      // Runs are this station's (its own SQLite): in a workgroup the import's last run may be another station's.
      lastRunId: state.lastRunId !== null && deps.store.getRun(state.lastRunId) ? state.lastRunId : null,
      encoding: state.encoding,
      rowCount: rowCount(state.table),
      headers: state.table.headers,
      mapping: state.mapping,
      profile: state.profile,
      skipped: state.skipped,
      missing,
      missingText: missing.length ? describeMissing(missing) : null,
      orders,
      page: { offset, limit, total, filter },
      counts,
      savedMappings: await lists.mappings.list(),
    };
  }

  function runView(runId: string): BatchRunView {
    const run = deps.store.getRun(runId);
    if (!run) throw new StationError('batch_not_found', t('batch:errors.runNotFound'));
    const items = [];
    let after: number | undefined;
    for (;;) {
      const page = deps.store.itemsPage(runId, { afterPosition: after, limit: 500 });
      items.push(
        ...page.items.map(({ position, orderNumber, state, labelId, trackingNumber, message }) => ({
          position,
          orderNumber,
          state,
          labelId,
          trackingNumber,
          message,
        })),
      );
      if (page.nextAfter === null) break;
      after = page.nextAfter;
    }
    return { runId, state: run.state, summary: deps.store.summary(runId), items, printMessage: printMessages.get(runId) ?? null };
  }

  /** Follows a run's pass to its end; then prints all created labels in order when asked. */
  function follow(runId: string, pass: Promise<unknown>, printWhenDone: boolean) {
    void pass
      .then(async () => {
        const run = deps.store.getRun(runId);
        if (!printWhenDone || run?.state !== 'done') return;
        const ids = runView(runId)
          .items.filter((i) => i.state === 'created' && i.labelId)
          .map((i) => i.labelId!);
        if (ids.length) printMessages.set(runId, await deps.printAll(ids));
      })
      .catch((error) => deps.logger.error('batch.pass_failed', { runId, error }))
      // A finished run no longer holds its import in memory.
      .finally(() => evict());
  }

  return {
    async saveSample() {
      const path = await deps.chooseSavePath('flexforward-batch-sample.csv');
      if (!path) return { saved: false, path: null };
      // A byte order mark, so Excel reads the notes in Japanese or Chinese as UTF-8 (the importer drops it).
      await writeFile(path, `\uFEFF${sampleCsv()}`);
      return { saved: true, path };
    },

    /**
     * Decodes, parses and builds the file in the worker (`bytes` move there: the caller's view is
     * empty afterwards) with the saved mapping for its headers when there is one, keeps it in
     * the database (removing the oldest beyond MAX_KEPT_IMPORTS) and answers the first page.
     */
    async import(
      fileName: string,
      bytes: Uint8Array,
      encoding?: CsvEncodingChoice,
      options: { page?: BatchPageRequest } = {},
    ): Promise<BatchPreview> {
      const d = await defaults();
      const started = performance.now();
      const savedMappings = await lists.mappings.list();
      const result = await jobs.run({ kind: 'import', bytes, encoding, defaults: d, savedMappings });
      const saved = savedMappings.find((m) => m.id === result.savedMappingId);
      const state: ImportState = {
        id: randomUUID(),
        fileName,
        encoding: result.encoding,
        createdAt: now(),
        table: result.table,
        mapping: result.mapping,
        mappingSource: saved ? { id: saved.id, name: saved.name, savedAt: saved.savedAt ?? null } : null,
        options: NO_IMPORT_OPTIONS,
        profile: result.profile,
        skipped: result.skipped,
        excluded: new Set(),
        built: null,
        stale: false,
        lastRunId: null,
        queue: Promise.resolve(),
        busy: 0,
        numbersVersion: 0,
      };
      state.built = { orders: result.orders, defaultsKey: buildKey(state, d) };
      await kept.insert({
        ...state,
        reading: { profile: state.profile, skipped: state.skipped },
        orderNumbers: orderNumberSet(state.table, state.mapping),
      });
      remember(state);
      await trimKept();
      deps.logger.info('batch.imported', {
        fileName,
        rows: rowCount(state.table),
        encoding: state.encoding,
        ms: Math.round(performance.now() - started),
        savedMapping: saved?.name ?? null,
      });
      return serial(state, () => preview(state, options.page));
    },

    /** The imports kept, newest first, with their counts (labelled: in the active environment). */
    list(): Promise<ImportListItem[]> {
      return kept.list(deps.settings.view().activeEnvironment);
    },

    /** Takes an import off the list: station mode no longer scans its orders. Runs started from it are not touched. */
    async removeImport(importId: string): Promise<ImportListItem[]> {
      await importOf(importId);
      await kept.remove(importId);
      imports.delete(importId);
      removed(importId);
      return this.list();
    },

    /**
     * A page of the preview, after re-mapping columns, fixing one cell, excluding an order or
     * choosing courier and product for the whole file when asked; each change is kept in the database.
     */
    async update(
      input: BatchPageRequest & {
        importId: string;
        mapping?: ColumnMapping;
        options?: ImportOptions;
        fix?: { row: number; column: string; value: string };
        exclude?: { orderNumber: string; excluded: boolean };
      },
    ): Promise<BatchPreview> {
      const state = await importOf(input.importId);
      return serial(state, async () => {
        let numbersChanged = false;
        if (input.mapping) {
          state.mapping = fitMapping(input.mapping, state.table.headers);
          // Changed by hand: no longer "your saved mapping" (saving it again makes it one).
          state.mappingSource = null;
          state.stale = true;
          state.numbersVersion += 1;
          numbersChanged = true;
          await kept.setMapping(state.id, state.mapping, null);
        }
        if (input.options) {
          state.options = input.options;
          await kept.setOptions(state.id, state.options);
        }
        if (input.fix) {
          const { table, rowIndex } = withCell(state.table, input.fix.row, input.fix.column, input.fix.value);
          state.table = table;
          await kept.addFix(state.id, input.fix);
          if (input.fix.column === state.mapping.orderNumber) {
            // The row may join another order: group the file again.
            state.stale = true;
            state.numbersVersion += 1;
            numbersChanged = true;
          } else await rebuildOrderOf(state, rowIndex);
        }
        if (numbersChanged) await kept.setOrderNumbers(state.id, orderNumberSet(state.table, state.mapping));
        if (input.exclude) {
          if (input.exclude.excluded) state.excluded.add(input.exclude.orderNumber);
          else state.excluded.delete(input.exclude.orderNumber);
          await kept.setExcluded(state.id, state.excluded);
        }
        return preview(state, input);
      });
    },

    /** Saves the import's mapping under a name, with its headers: a file with the same headers gets it by itself. */
    async saveMapping(importId: string, name: string, page?: BatchPageRequest): Promise<BatchPreview> {
      const state = await importOf(importId);
      return serial(state, async () => {
        const savedAt = now();
        const headers = headerSet(state.table.headers);
        // The one of that name is replaced (keeping its id), else it is a new one.
        const id = (await lists.mappings.list()).find((m) => m.name === name)?.id ?? randomUUID();
        await lists.mappings.save({ id, name, mapping: state.mapping, headers, savedAt });
        state.mappingSource = { id, name, savedAt };
        await kept.setMapping(state.id, state.mapping, state.mappingSource);
        return preview(state, page);
      });
    },

    /** Starts a run of the valid, included orders (already-labelled ones are skipped unless asked); their drafts are built in the worker. */
    async start(importId: string, options: { includeAlreadyLabelled?: boolean; printWhenDone?: boolean }): Promise<BatchRunView> {
      const state = await importOf(importId);
      return serial(state, async () => {
        const d = await defaultsFor(state);
        const mapping = effectiveMapping(state);
        const missing = missingRequired(mapping, d);
        if (missing.length)
          throw new StationError('batch_mapping_incomplete', t('batch:errors.mappingIncomplete', { fields: describeMissing(missing) }));
        const { drafts } = await jobs.run({
          kind: 'drafts',
          table: state.table,
          mapping,
          defaults: d,
          excluded: [...state.excluded],
        });
        if (drafts.length === 0) throw new StationError('batch_nothing_to_send', t('batch:errors.nothingToSend'));
        const run = runner.createRun(drafts, { includeAlreadyLabelled: options.includeAlreadyLabelled ?? false });
        state.lastRunId = run.id;
        await kept.setLastRun(state.id, run.id);
        follow(run.id, runner.start(run.id), options.printWhenDone ?? false);
        return runView(run.id);
      });
    },

    async control(runId: string, action: 'pause' | 'resume' | 'cancel'): Promise<BatchRunView> {
      if (action === 'resume') follow(runId, runner.resume(runId), false);
      else await runner[action](runId);
      return runView(runId);
    },

    run: runView,

    async exportResults(runId: string) {
      const view = runView(runId);
      const csv = Papa.unparse(
        {
          // Read in a spreadsheet, not imported again: the headings and outcomes in the operator's language.
          fields: [
            t('batch:results.order'),
            t('batch:results.outcome'),
            t('batch:results.labelId'),
            t('batch:results.tracking'),
            t('batch:results.reason'),
          ],
          data: view.items.map((i) => [
            i.orderNumber ?? '',
            t(`batch:run.item.${i.state}`),
            i.labelId ?? '',
            i.trackingNumber ?? '',
            i.message ?? '',
          ]),
        },
        { escapeFormulae: CSV_FORMULA_START },
      );
      const path = await deps.chooseSavePath(`batch-results-${runId.slice(0, 8)}.csv`);
      if (!path) return { saved: false, path: null };
      await writeFile(path, `\uFEFF${csv}`);
      return { saved: true, path };
    },

    /**
     * Station mode: an order of the listed imports by its number, built exactly as the Batch
     * preview builds it (the import's mapping, fixes and whole-file courier and product). When
     * several imports hold the number (in any letter case: they count as one order), the newest
     * import wins; within it, the exact letter case first. `weight` fills the parcel weight the file and the package preset leave out (a
     * weight in the file always wins). Only the order's own rows are rebuilt, so a scan costs
     * the same in a 20 MB file as in a small one; the database says which imports to look in.
     */
    async findOrder(orderNumber: string, weight?: number): Promise<{ order: BatchOrder; fileName: string } | null> {
      const wanted = orderNumber.trim();
      if (!wanted) return null;
      const lower = wanted.toLowerCase();
      const states: ImportState[] = [];
      for (const id of await kept.holding(wanted)) {
        try {
          states.push(await importOf(id));
        } catch (error) {
          deps.logger.error('batch.import_unreadable', { importId: id, error });
        }
      }
      const exact = (state: ImportState) => orderIndex(state).get(wanted);
      const anyCase = (state: ImportState) => [...orderIndex(state)].find(([key]) => key.toLowerCase() === lower)?.[1];
      for (const state of states) {
        for (const rowsOf of [exact, anyCase]) {
          const rows = rowsOf(state);
          if (!rows) continue;
          const d = await defaultsFor(state);
          const preset =
            weight === undefined
              ? d.preset
              : { id: 'station-weight', name: t('batch:stationWeightPreset'), ...d.preset, weight: d.preset?.weight ?? weight };
          const [order] = buildOrders(tableRows(state.table, rows), effectiveMapping(state), { ...d, preset });
          if (order) return { order, fileName: state.fileName };
        }
      }
      return null;
    },

    /**
     * Station mode: how many different orders the listed imports hold (an order number in two
     * imports, in any letter case, counts once), and their file names, newest first.
     */
    async loaded(): Promise<{ orders: number; files: string[] }> {
      const { orders, files } = await loadedNow();
      return { orders, files: [...files] };
    },

    /**
     * The store behind the imports changed (the station joined or left a workgroup: its imports
     * are now the workgroup's, or its own again): the tables held in memory are let go.
     */
    forgetImports() {
      loadedCache.forget();
      for (const state of [...imports.values()]) if (state.busy === 0) imports.delete(state.id);
    },

    /** Station mode's session was reset: the imports stay listed, and the tables held in memory for its scans are let go. */
    releaseStationImports() {
      evict(0);
    },

    /** On start-up (after in-doubt labels were resolved): continues runs a crash or a quit interrupted. */
    resumeUnfinished() {
      for (const { runId, finished } of runner.resumeUnfinished()) follow(runId, finished, false);
    },

    /** Stops import jobs still running in worker threads (station shutdown). */
    close: () => jobs.close(),
  };
}
export type BatchService = ReturnType<typeof createBatchService>;
