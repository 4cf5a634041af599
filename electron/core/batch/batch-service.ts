import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import Papa from 'papaparse';
import type { BatchDefaults, BatchOrder, ColumnMapping, CsvEncodingChoice, CsvRow } from '../../../shared/domain/batch';
import type { BatchPreview, BatchRunView } from '../../../shared/domain/batch-view';
import type { LabelDraft } from '../../../shared/domain/label-draft';
import type { ProgressEvent } from '../../../shared/ipc/contract';
import type { LabelStore } from '../labels/label-store';
import { StationError } from '../errors';
import type { LabelService } from '../labels/label-service';
import type { Logger } from '../logger';
import type { SettingsService } from '../settings-store';
import { createBatchRunner } from './batch-runner';
import type { BatchStore } from './batch-store';
import { applyCellFix, buildOrders } from './build-orders';
import { decodeCsv } from './csv-decode';
import { parseCsv } from './csv-parse';
import { describeMissing, fitMapping, missingRequired, suggestMapping } from './mapping';
import { sampleCsv } from './sample-csv';

interface ImportState {
  fileName: string;
  encoding: BatchPreview['encoding'];
  headers: string[];
  rows: CsvRow[];
  mapping: ColumnMapping;
  excluded: Set<string>;
  /** Station mode's index: rows by order number, for the rows and order-number column it was built from. */
  byOrder?: { rows: CsvRow[]; header: string; index: Map<string, CsvRow[]> };
}

/**
 * Rows grouped by (trimmed) order number, built once per file and rebuilt only after a fix or
 * a new mapping (both replace `rows` or the column): each station-mode scan is a map lookup.
 */
function orderIndex(state: ImportState): Map<string, CsvRow[]> {
  const header = state.mapping.orderNumber;
  if (!header) return new Map();
  if (state.byOrder?.rows !== state.rows || state.byOrder.header !== header) {
    const index = new Map<string, CsvRow[]>();
    for (const row of state.rows) {
      const key = (row.values[header] ?? '').trim();
      if (!key) continue;
      const rows = index.get(key);
      if (rows) rows.push(row);
      else index.set(key, [row]);
    }
    state.byOrder = { rows: state.rows, header, index };
  }
  return state.byOrder.index;
}

export interface BatchServiceDeps {
  store: BatchStore;
  labels: LabelService;
  labelStore: LabelStore;
  settings: SettingsService;
  logger: Logger;
  emit: (progress: ProgressEvent) => void;
  chooseSavePath: (defaultName: string) => Promise<string | null>;
  /** Prints created labels of a finished run as one job, in file order ("print all when done"). */
  printAll: (labelIds: string[]) => Promise<string>;
}

/**
 * Batch labels from a CSV: import (decode, parse, map, validate every row before anything is
 * sent), preview with fixes and exclusions, then a run through the batch runner, where every
 * order goes through the label service's outbox under its order number.
 */
export function createBatchService(deps: BatchServiceDeps) {
  const imports = new Map<string, ImportState>();
  const printMessages = new Map<string, string>();
  const runner = createBatchRunner({
    store: deps.store,
    create: (draft, options) => deps.labels.create(draft, options),
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
    if (!state) throw new StationError('import_not_found', 'That file is no longer open. Import it again.');
    return state;
  };

  function ordersOf(state: ImportState): BatchOrder[] {
    return buildOrders(state.rows, state.mapping, defaults());
  }

  function preview(importId: string): BatchPreview {
    const state = importOf(importId);
    const d = defaults();
    const missing = missingRequired(state.mapping, { courier: d.courier, productCode: d.productCode, preset: d.preset });
    const environment = deps.settings.read().activeEnvironment;
    const orders = ordersOf(state).map((o) => ({
      orderNumber: o.orderNumber,
      rows: o.rows,
      valid: o.draft !== null,
      issues: o.issues,
      excluded: state.excluded.has(o.orderNumber),
      alreadyLabelled: o.orderNumber !== '' && deps.labelStore.forOrder(environment, o.orderNumber).some((l) => l.status === 'created'),
    }));
    const included = orders.filter((o) => !o.excluded);
    return {
      importId,
      fileName: state.fileName,
      encoding: state.encoding,
      rowCount: state.rows.length,
      headers: state.headers,
      mapping: state.mapping,
      missing,
      missingText: missing.length ? describeMissing(missing) : null,
      orders,
      counts: {
        orders: orders.length,
        ready: included.filter((o) => o.valid).length,
        withIssues: included.filter((o) => !o.valid).length,
        excluded: orders.length - included.length,
        alreadyLabelled: included.filter((o) => o.alreadyLabelled).length,
      },
      savedMappings: deps.settings.read().batchMappings,
    };
  }

  function runView(runId: string): BatchRunView {
    const run = deps.store.getRun(runId);
    if (!run) throw new StationError('batch_not_found', 'That batch run is not in this station’s history.');
    const items = [];
    let after: number | undefined;
    for (;;) {
      const page = deps.store.itemsPage(runId, { afterPosition: after, limit: 500 });
      items.push(...page.items.map(({ position, orderNumber, state, labelId, trackingNumber, message }) => ({ position, orderNumber, state, labelId, trackingNumber, message })));
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
        const ids = runView(runId).items.filter((i) => i.state === 'created' && i.labelId).map((i) => i.labelId!);
        if (ids.length) printMessages.set(runId, await deps.printAll(ids));
      })
      .catch((error) => deps.logger.error('batch.pass_failed', { runId, error }));
  }

  return {
    async saveSample() {
      const path = await deps.chooseSavePath('flexforward-batch-sample.csv');
      if (!path) return { saved: false, path: null };
      await writeFile(path, sampleCsv());
      return { saved: true, path };
    },

    import(fileName: string, bytes: Uint8Array, encoding?: CsvEncodingChoice): BatchPreview {
      const decoded = decodeCsv(bytes, encoding);
      const parsed = parseCsv(decoded.text);
      const importId = randomUUID();
      imports.set(importId, { fileName, encoding: decoded.encoding, headers: parsed.headers, rows: parsed.rows, mapping: suggestMapping(parsed.headers), excluded: new Set() });
      deps.logger.info('batch.imported', { fileName, rows: parsed.rows.length, encoding: decoded.encoding });
      return preview(importId);
    },

    update(input: { importId: string; mapping?: ColumnMapping; fix?: { row: number; column: string; value: string }; exclude?: { orderNumber: string; excluded: boolean } }): BatchPreview {
      const state = importOf(input.importId);
      if (input.mapping) state.mapping = fitMapping(input.mapping, state.headers);
      if (input.fix) state.rows = applyCellFix(state.rows, input.fix.row, input.fix.column, input.fix.value);
      if (input.exclude) {
        if (input.exclude.excluded) state.excluded.add(input.exclude.orderNumber);
        else state.excluded.delete(input.exclude.orderNumber);
      }
      return preview(input.importId);
    },

    saveMapping(importId: string, name: string): BatchPreview {
      const state = importOf(importId);
      deps.settings.update((s) => {
        const existing = s.batchMappings.find((m) => m.name === name);
        if (existing) existing.mapping = state.mapping;
        else s.batchMappings.push({ id: randomUUID(), name, mapping: state.mapping });
      });
      return preview(importId);
    },

    /** Starts a run of the valid, included orders (already-labelled ones are skipped unless asked). */
    start(importId: string, options: { includeAlreadyLabelled?: boolean; printWhenDone?: boolean }): BatchRunView {
      const state = importOf(importId);
      const d = defaults();
      const missing = missingRequired(state.mapping, { courier: d.courier, productCode: d.productCode, preset: d.preset });
      if (missing.length) throw new StationError('batch_mapping_incomplete', `Map a column for ${describeMissing(missing)} first.`);
      const drafts: LabelDraft[] = ordersOf(state)
        .filter((o) => o.draft && !state.excluded.has(o.orderNumber))
        .map((o) => o.draft!);
      if (drafts.length === 0) throw new StationError('batch_nothing_to_send', 'No order is ready to send: fix the rows with issues or include some orders.');
      const run = runner.createRun(drafts, { includeAlreadyLabelled: options.includeAlreadyLabelled ?? false });
      follow(run.id, runner.start(run.id), options.printWhenDone ?? false);
      return runView(run.id);
    },

    async control(runId: string, action: 'pause' | 'resume' | 'cancel'): Promise<BatchRunView> {
      if (action === 'resume') follow(runId, runner.resume(runId), false);
      else await runner[action](runId);
      return runView(runId);
    },

    run: runView,

    async exportResults(runId: string) {
      const view = runView(runId);
      const csv = Papa.unparse({
        fields: ['Order number', 'Outcome', 'Label ID', 'Tracking number', 'Reason'],
        data: view.items.map((i) => [i.orderNumber ?? '', i.state, i.labelId ?? '', i.trackingNumber ?? '', i.message ?? '']),
      });
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
          const preset = weight === undefined ? d.preset : { id: 'station-weight', name: 'Weighed at the station', ...d.preset, weight: d.preset?.weight ?? weight };
          const [order] = buildOrders(rows, state.mapping, { ...d, preset });
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

    /** On start-up (after in-doubt labels were resolved): continues runs a crash or a quit interrupted. */
    resumeUnfinished() {
      for (const { runId, finished } of runner.resumeUnfinished()) follow(runId, finished, false);
    },
  };
}
export type BatchService = ReturnType<typeof createBatchService>;
