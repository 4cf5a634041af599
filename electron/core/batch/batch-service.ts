import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import Papa from 'papaparse';
import type { BatchDefaults, BatchOrder, ColumnMapping, CsvEncoding, CsvEncodingChoice } from '../../../shared/domain/batch';
import {
  DEFAULT_BATCH_PAGE,
  MAX_ISSUES_PER_ORDER,
  type BatchPageRequest,
  type BatchPreview,
  type BatchRunView,
} from '../../../shared/domain/batch-view';
import type { ProgressEvent } from '../../../shared/ipc/contract';
import type { LabelStore } from '../labels/label-store';
import { StationError } from '../errors';
import type { LabelService } from '../labels/label-service';
import type { Logger } from '../logger';
import type { SettingsService } from '../settings-store';
import { createBatchRunner } from './batch-runner';
import type { BatchStore } from './batch-store';
import { buildOrders } from './build-orders';
import { rowCount, tableCell, tableRows, withCell, type CsvTable } from './csv-table';
import type { BuiltOrders } from './import-jobs';
import { createImportThreads, type ImportJobRunner } from './import-thread';
import { describeMissing, fitMapping, missingRequired } from './mapping';
import { sampleCsv } from './sample-csv';

/** Imports kept in memory; older ones are closed (unless in use) when a newer one arrives. */
export const MAX_IMPORTS = 5;
/** Ids of closed imports remembered, so a call naming one says it was closed rather than unknown. */
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
  table: CsvTable;
  mapping: ColumnMapping;
  /** The platform export recognised when the file was imported, and the lines its reading left out. */
  profile: { id: string; name: string } | null;
  skipped: { before: number; after: number };
  excluded: Set<string>;
  built: Built;
  /** The mapping changed, or a fix changed an order number: the next preview rebuilds the orders. */
  stale: boolean;
  /** Station mode's loaded orders: kept until station mode's session is reset. */
  station: boolean;
  /** Runs started from this import: it stays while one of them is running or paused. */
  runs: Set<string>;
  /** Calls on one import run one after another (a fix may wait for a rebuild in the worker). */
  queue: Promise<unknown>;
  /** Bumped when the order numbers may have changed (new mapping, a fix in the order-number column). */
  numbersVersion: number;
  /** Station mode's index: row indexes by order number, for the numbers version it was built at. */
  byOrder?: { version: number; index: Map<string, number[]> };
}

const orderCount = (built: Built) => built.orders.starts.length - 1;
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
  const built = state.built;
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
  const built = state.built;
  if (!built.orderOfRow) {
    built.orderOfRow = new Uint32Array(rowCount(state.table));
    for (let i = 0; i < orderCount(built); i++) for (const r of rowsOfOrder(built, i)) built.orderOfRow[r] = i;
  }
  return built.orderOfRow[rowIndex]!;
}

export interface BatchServiceDeps {
  store: BatchStore;
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
}

/**
 * Batch labels from a CSV: import (decode, parse, map, validate every row before anything is
 * sent), preview with fixes and exclusions, then a run through the batch runner, where every
 * order goes through the label service's outbox under its order number. Decoding, parsing and
 * building a whole file run in a worker thread (import-thread.ts); an import keeps its rows
 * packed (csv-table.ts) and the orders without their drafts, and the preview answers one page.
 */
export function createBatchService(deps: BatchServiceDeps) {
  const imports = new Map<string, ImportState>();
  const expired = new Set<string>();
  const maxImports = deps.maxImports ?? MAX_IMPORTS;
  const jobs = deps.importJobs ?? createImportThreads({ logger: deps.logger });
  const printMessages = new Map<string, string>();
  const runner = createBatchRunner({
    store: deps.store,
    create: (draft, options) => deps.labelService.create(draft, options),
    onProgress: (p) => deps.emit({ ...p, etaMs: p.etaMs === null ? null : Math.max(0, Math.round(p.etaMs)) }),
  });

  const defaults = (): BatchDefaults => {
    const s = deps.settings.read();
    return {
      courier: s.defaults.courier,
      productCode: s.defaults.productCode,
      labelFormat: s.defaults.labelFormat,
      units: s.defaults.units,
      sender: s.senders.find((x) => x.id === s.defaults.senderId) ?? null,
      preset: s.packagePresets.find((x) => x.id === s.defaults.packagePresetId) ?? null,
    };
  };

  const importOf = (importId: string) => {
    const state = imports.get(importId);
    if (state) return state;
    if (expired.has(importId)) throw new StationError('import_expired', 'This file was closed to save memory; import it again.');
    throw new StationError('import_not_found', 'That file is no longer open. Import it again.');
  };

  /** One call at a time per import, in the order they came. */
  function serial<T>(state: ImportState, work: () => Promise<T> | T): Promise<T> {
    const next = state.queue.then(work);
    state.queue = next.catch(() => undefined);
    return next;
  }

  const inUse = (state: ImportState) =>
    state.station ||
    [...state.runs].some((runId) => {
      const run = deps.store.getRun(runId);
      return run?.state === 'running' || run?.state === 'paused';
    });

  /** Closes the oldest imports beyond the newest `maxImports`, skipping those in use (they go once they are not). */
  function evict() {
    let excess = imports.size - maxImports;
    for (const state of imports.values()) {
      if (excess <= 0) break;
      if (inUse(state)) continue;
      imports.delete(state.id);
      expired.add(state.id);
      excess -= 1;
      deps.logger.info('batch.import_closed', { fileName: state.fileName, rows: rowCount(state.table) });
    }
    for (const id of expired) {
      if (expired.size <= MAX_EXPIRED_IDS) break;
      expired.delete(id);
    }
  }

  /** The orders as built for the current mapping and defaults: rebuilt in the worker when either changed. */
  async function current(state: ImportState): Promise<{ built: Built; defaults: BatchDefaults }> {
    const d = defaults();
    const defaultsKey = JSON.stringify(d);
    if (state.stale || state.built.defaultsKey !== defaultsKey) {
      const { orders } = await jobs.run({ kind: 'build', table: state.table, mapping: state.mapping, defaults: d });
      state.built = { orders, defaultsKey };
      state.stale = false;
    }
    return { built: state.built, defaults: d };
  }

  /** After a fix outside the order-number column: only the order of that row is built again (in this thread: one order). */
  function rebuildOrderOf(state: ImportState, rowIndex: number) {
    const d = defaults();
    if (state.stale || state.built.defaultsKey !== JSON.stringify(d)) return; // the next preview rebuilds everything
    const order = orderOfRow(state, rowIndex);
    const [rebuilt] = buildOrders(tableRows(state.table, rowsOfOrder(state.built, order)), state.mapping, d);
    if (rebuilt?.issues.length) state.built.orders.issues.set(order, rebuilt.issues);
    else state.built.orders.issues.delete(order);
  }

  async function preview(state: ImportState, page: BatchPageRequest = {}): Promise<BatchPreview> {
    const { built, defaults: d } = await current(state);
    const missing = missingRequired(state.mapping, { courier: d.courier, productCode: d.productCode, preset: d.preset });
    const settings = deps.settings.read();
    const numbers = orderNumbers(state);
    const { issues } = built.orders;
    const labelled = deps.labelStore.createdForOrders(settings.activeEnvironment, [...new Set(numbers.filter(Boolean))]);

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
    return {
      importId: state.id,
      fileName: state.fileName,
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
      savedMappings: settings.batchMappings,
    };
  }

  function runView(runId: string): BatchRunView {
    const run = deps.store.getRun(runId);
    if (!run) throw new StationError('batch_not_found', 'That batch run is not in this station’s history.');
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
      .finally(evict);
  }

  return {
    async saveSample() {
      const path = await deps.chooseSavePath('flexforward-batch-sample.csv');
      if (!path) return { saved: false, path: null };
      await writeFile(path, sampleCsv());
      return { saved: true, path };
    },

    /**
     * Decodes, parses and builds the file in the worker (`bytes` move there: the caller's view is
     * empty afterwards), keeps it (closing the oldest beyond MAX_IMPORTS) and answers the first page.
     */
    async import(
      fileName: string,
      bytes: Uint8Array,
      encoding?: CsvEncodingChoice,
      options: { purpose?: 'batch' | 'station'; page?: BatchPageRequest } = {},
    ): Promise<BatchPreview> {
      const d = defaults();
      const started = performance.now();
      const result = await jobs.run({ kind: 'import', bytes, encoding, defaults: d });
      const state: ImportState = {
        id: randomUUID(),
        fileName,
        encoding: result.encoding,
        table: result.table,
        mapping: result.mapping,
        profile: result.profile,
        skipped: result.skipped,
        excluded: new Set(),
        built: { orders: result.orders, defaultsKey: JSON.stringify(d) },
        stale: false,
        station: options.purpose === 'station',
        runs: new Set(),
        queue: Promise.resolve(),
        numbersVersion: 0,
      };
      imports.set(state.id, state);
      evict();
      deps.logger.info('batch.imported', {
        fileName,
        rows: rowCount(state.table),
        encoding: state.encoding,
        ms: Math.round(performance.now() - started),
      });
      return serial(state, () => preview(state, options.page));
    },

    /** A page of the preview, after re-mapping columns, fixing one cell or excluding an order when asked. */
    update(
      input: BatchPageRequest & {
        importId: string;
        mapping?: ColumnMapping;
        fix?: { row: number; column: string; value: string };
        exclude?: { orderNumber: string; excluded: boolean };
      },
    ): Promise<BatchPreview> {
      const state = importOf(input.importId);
      return serial(state, () => {
        if (input.mapping) {
          state.mapping = fitMapping(input.mapping, state.table.headers);
          state.stale = true;
          state.numbersVersion += 1;
        }
        if (input.fix) {
          const { table, rowIndex } = withCell(state.table, input.fix.row, input.fix.column, input.fix.value);
          state.table = table;
          if (input.fix.column === state.mapping.orderNumber) {
            // The row may join another order: group the file again.
            state.stale = true;
            state.numbersVersion += 1;
          } else rebuildOrderOf(state, rowIndex);
        }
        if (input.exclude) {
          if (input.exclude.excluded) state.excluded.add(input.exclude.orderNumber);
          else state.excluded.delete(input.exclude.orderNumber);
        }
        return preview(state, input);
      });
    },

    saveMapping(importId: string, name: string, page?: BatchPageRequest): Promise<BatchPreview> {
      const state = importOf(importId);
      return serial(state, () => {
        deps.settings.update((s) => {
          const existing = s.batchMappings.find((m) => m.name === name);
          if (existing) existing.mapping = state.mapping;
          else s.batchMappings.push({ id: randomUUID(), name, mapping: state.mapping });
        });
        return preview(state, page);
      });
    },

    /** Starts a run of the valid, included orders (already-labelled ones are skipped unless asked); their drafts are built in the worker. */
    start(importId: string, options: { includeAlreadyLabelled?: boolean; printWhenDone?: boolean }): Promise<BatchRunView> {
      const state = importOf(importId);
      return serial(state, async () => {
        const d = defaults();
        const missing = missingRequired(state.mapping, { courier: d.courier, productCode: d.productCode, preset: d.preset });
        if (missing.length) throw new StationError('batch_mapping_incomplete', `Map a column for ${describeMissing(missing)} first.`);
        const { drafts } = await jobs.run({
          kind: 'drafts',
          table: state.table,
          mapping: state.mapping,
          defaults: d,
          excluded: [...state.excluded],
        });
        if (drafts.length === 0)
          throw new StationError('batch_nothing_to_send', 'No order is ready to send: fix the rows with issues or include some orders.');
        const run = runner.createRun(drafts, { includeAlreadyLabelled: options.includeAlreadyLabelled ?? false });
        state.runs.add(run.id);
        follow(run.id, runner.start(run.id), options.printWhenDone ?? false);
        return runView(run.id);
      });
    },

    async control(runId: string, action: 'pause' | 'resume' | 'cancel'): Promise<BatchRunView> {
      if (action === 'resume') follow(runId, runner.resume(runId), false);
      else await runner[action](runId);
      if (action === 'cancel') evict();
      return runView(runId);
    },

    run: runView,

    async exportResults(runId: string) {
      const view = runView(runId);
      const csv = Papa.unparse(
        {
          fields: ['Order number', 'Outcome', 'Label ID', 'Tracking number', 'Reason'],
          data: view.items.map((i) => [i.orderNumber ?? '', i.state, i.labelId ?? '', i.trackingNumber ?? '', i.message ?? '']),
        },
        { escapeFormulae: CSV_FORMULA_START },
      );
      const path = await deps.chooseSavePath(`batch-results-${runId.slice(0, 8)}.csv`);
      if (!path) return { saved: false, path: null };
      await writeFile(path, `\uFEFF${csv}`);
      return { saved: true, path };
    },

    /**
     * Station mode: an imported order by its number, newest import first (exact match, then
     * ignoring case), built with the station's defaults. `weight` fills the parcel weight the
     * file and the package preset leave out (a weight in the file always wins). Only the
     * order's own rows are rebuilt, so a scan costs the same in a 20 MB file as in a small one.
     */
    findOrder(orderNumber: string, weight?: number): { order: BatchOrder; fileName: string } | null {
      const wanted = orderNumber.trim();
      const lower = wanted.toLowerCase();
      const states = [...imports.values()].reverse();
      const exact = (state: ImportState) => orderIndex(state).get(wanted);
      const anyCase = (state: ImportState) => [...orderIndex(state)].find(([key]) => key.toLowerCase() === lower)?.[1];
      for (const rowsOf of [exact, anyCase]) {
        for (const state of states) {
          const rows = rowsOf(state);
          if (!rows) continue;
          const d = defaults();
          const preset =
            weight === undefined
              ? d.preset
              : { id: 'station-weight', name: 'Weighed at the station', ...d.preset, weight: d.preset?.weight ?? weight };
          const [order] = buildOrders(tableRows(state.table, rows), state.mapping, { ...d, preset });
          if (order) return { order, fileName: state.fileName };
        }
      }
      return null;
    },

    /** Station mode: how many orders the imported files hold, and their names. */
    loaded(): { orders: number; files: string[] } {
      const states = [...imports.values()];
      return { orders: states.reduce((n, state) => n + orderIndex(state).size, 0), files: states.map((state) => state.fileName) };
    },

    /** Station mode's session was reset: its files stay loaded, but may now be closed like any other import. */
    releaseStationImports() {
      for (const state of imports.values()) state.station = false;
      evict();
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
