import type {
  BatchDefaults,
  BatchIssue,
  BatchOrder,
  ColumnMapping,
  CsvEncoding,
  CsvEncodingChoice,
  SavedMapping,
} from '../../../shared/domain/batch';
import type { LabelDraft } from '../../../shared/domain/label-draft';
import { StationError } from '../errors';
import { t } from '../i18n';
import { buildOrders } from './build-orders';
import { decodeCsv } from './csv-decode';
import { parseCsv } from './csv-parse';
import { packRows, rowIndexOf, tableRows, type CsvTable } from './csv-table';
import { fitMapping, suggestMapping } from './mapping';
import { recogniseProfile } from './profiles/registry';
import type { ErrorCode } from '../../../shared/ipc/error-codes';
import type { Language } from '../../../shared/i18n/languages';

/**
 * The orders of a file as an import keeps them: which rows make each order, and the issues of
 * those that have any (an order is ready exactly when it has none). The drafts are not kept:
 * they are rebuilt from the rows when a run starts, as before.
 */
export interface BuiltOrders {
  /** Order `i` is made of the rows at `rowIndexes[starts[i]]` … `rowIndexes[starts[i + 1] - 1]` (indexes into the table). */
  starts: Uint32Array;
  rowIndexes: Uint32Array;
  /** Issues by order index, only for orders that have some. */
  issues: Map<number, BatchIssue[]>;
}

/**
 * The heavy steps of an import, as messages a worker thread answers (`import-worker.ts`) or
 * the calling thread runs itself (`runImportJob`): decode + parse + build a file, rebuild its
 * orders after a new mapping or a change of defaults, and build the drafts a run sends.
 */
export type ImportJob =
  | { kind: 'import'; bytes: Uint8Array; encoding?: CsvEncodingChoice; defaults: BatchDefaults; savedMappings?: readonly SavedMapping[] }
  | { kind: 'build'; table: CsvTable; mapping: ColumnMapping; defaults: BatchDefaults }
  | { kind: 'drafts'; table: CsvTable; mapping: ColumnMapping; defaults: BatchDefaults; excluded: string[] };
/** A job as it is posted to a worker thread: with the operator's language, which the issues' sentences are written in. */
export type ImportJobMessage = ImportJob & { language?: Language };

export interface ImportJobResults {
  import: {
    encoding: CsvEncoding;
    table: CsvTable;
    mapping: ColumnMapping;
    /** The saved mapping taken because the file's headers matched it (null: the profile's or matched anew). */
    savedMappingId: string | null;
    orders: BuiltOrders;
    /** The platform export recognised from the headers (its mapping is `mapping` unless a saved one matched), or null. */
    profile: { id: string; name: string } | null;
    skipped: { before: number; after: number };
  };
  build: { orders: BuiltOrders };
  drafts: { drafts: LabelDraft[] };
}
export type ImportJobResult<J extends ImportJob> = ImportJobResults[J['kind']];

/** Runs a job where it is called; the worker runs exactly this. */
export function runImportJob<J extends ImportJob>(job: J): ImportJobResult<J>;
export function runImportJob(job: ImportJob): ImportJobResults[ImportJob['kind']] {
  switch (job.kind) {
    case 'import': {
      const decoded = decodeCsv(job.bytes, job.encoding);
      const parsed = parseCsv(decoded.text);
      // The operator's saved mapping for these headers wins; else a known platform export gets its
      // profile's mapping, and any other file today's column matching.
      const saved = savedMappingFor(parsed.headers, job.savedMappings ?? []);
      const recognised = recogniseProfile(parsed.headers);
      const mapping = saved ? fitMapping(saved.mapping, parsed.headers) : (recognised?.mapping ?? suggestMapping(parsed.headers));
      const table = packRows(parsed.headers, parsed.rows);
      return {
        encoding: decoded.encoding,
        table,
        mapping,
        savedMappingId: saved?.id ?? null,
        orders: summarise(table, buildOrders(parsed.rows, mapping, job.defaults)),
        profile: recognised ? { id: recognised.profile.id, name: profileName(recognised.profile) } : null,
        skipped: parsed.skipped,
      };
    }
    case 'build':
      return { orders: summarise(job.table, buildOrders(tableRows(job.table), job.mapping, job.defaults)) };
    case 'drafts': {
      const excluded = new Set(job.excluded);
      const drafts = buildOrders(tableRows(job.table), job.mapping, job.defaults)
        .filter((o) => o.draft && !excluded.has(o.orderNumber))
        .map((o) => o.draft!);
      return { drafts };
    }
  }
}

/** A platform export's name as the preview says it, in the operator's language (the profile's own, English, when the catalogue lacks it). */
function profileName(profile: { id: string; name: string }): string {
  const key = `batch:profiles.${profile.id}`;
  const text = t(key as 'batch:profiles.shopify');
  return text === key || text === `profiles.${profile.id}` ? profile.name : text;
}

/** A file's set of headers as saved mappings remember it: trimmed, sorted (the order of the columns does not matter). */
export const headerSet = (headers: readonly string[]) => [...new Set(headers.map((h) => h.trim()))].sort();

/**
 * The saved mapping for a file with exactly these headers (the same set, in any order); the
 * newest saved when several match. Mappings saved without their headers never match.
 */
export function savedMappingFor(headers: readonly string[], saved: readonly SavedMapping[]): SavedMapping | null {
  const key = JSON.stringify(headerSet(headers));
  let best: SavedMapping | null = null;
  for (const m of saved) {
    if (!m.headers || JSON.stringify(headerSet(m.headers)) !== key) continue;
    if (!best || (m.savedAt ?? 0) >= (best.savedAt ?? 0)) best = m;
  }
  return best;
}

/** Built orders → the compact form (drafts dropped). */
export function summarise(table: CsvTable, orders: readonly BatchOrder[]): BuiltOrders {
  const starts = new Uint32Array(orders.length + 1);
  const rowIndexes = new Uint32Array(orders.reduce((n, o) => n + o.rows.length, 0));
  const issues = new Map<number, BatchIssue[]>();
  let at = 0;
  orders.forEach((order, i) => {
    starts[i] = at;
    for (const row of order.rows) rowIndexes[at++] = rowIndexOf(table, row);
    if (order.issues.length) issues.set(i, order.issues);
  });
  starts[orders.length] = at;
  return { starts, rowIndexes, issues };
}

/** What crosses back from the worker when a job fails: a StationError keeps its code, message and fields. */
export type JobFailure =
  | { station: true; code: ErrorCode; message: string; fields?: Record<string, string> }
  | { station: false; message: string; stack?: string };

export function toFailure(error: unknown): JobFailure {
  if (error instanceof StationError)
    return { station: true, code: error.code, message: error.message, ...(error.fields ? { fields: error.fields } : {}) };
  return error instanceof Error
    ? { station: false, message: error.message, stack: error.stack }
    : { station: false, message: String(error) };
}
