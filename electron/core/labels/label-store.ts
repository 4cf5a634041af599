import type { SQLInputValue, StatementSync } from 'node:sqlite';
import type { z } from 'zod';
import type { EnvironmentId } from '../../../shared/domain/environment';
import type { HistoryPage, HistoryQuery, LabelRecord } from '../../../shared/domain/labels';
import { LabelPrintStatus } from '../../../shared/domain/print-state';
import { StationError } from '../errors';
import { t } from '../i18n';
import type { StationDatabase } from '../db/database';

/** A label to save; `fingerprint` is its request's shipment fingerprint (electron/core/labels/fingerprint.ts). */
export type NewLabel = Omit<LabelRecord, 'documentStored' | 'print'> & { fingerprint?: string | null };
type Query = z.output<typeof HistoryQuery>;

/** Labels and their history (search, filters, keyset pages) over the station database. */
export interface LabelStore {
  /**
   * Insert or replace by id (a replayed 200 may save the same label again: must not duplicate).
   * A replay keeps the first createdAt (its place in history), the stored document file, and
   * any document URL or tracking it does not carry itself.
   */
  save(label: NewLabel): void;
  get(id: string): LabelRecord | null;
  /** Labels whose customerOrderNumber (or platformOrderNumber) equals this (ASCII case-insensitive), in this environment, newest first. */
  forOrder(environment: EnvironmentId, orderNumber: string): LabelRecord[];
  /** Which of these order numbers have a created label in this environment (matched as `forOrder` matches), in one query. */
  createdForOrders(environment: EnvironmentId, orderNumbers: readonly string[]): Set<string>;
  /** Created labels in this environment with this shipment fingerprint, recorded at or after `since`, newest first. */
  sameShipment(environment: EnvironmentId, fingerprint: string, since: number): LabelRecord[];
  setDocument(id: string, doc: { url: string; format: 'pdf' | 'png'; path: string | null }): void;
  documentPath(id: string): string | null;
  setTracking(id: string, t: { tag: LabelRecord['trackingTag']; message: string | null; updatedAt: number }): void;
  /** Newest first, keyset-paginated (opaque cursor), with search and filters per HistoryQuery. */
  page(query: Query): HistoryPage;
  /** Created labels in an environment whose tracking tag is not terminal (not Delivered/Cancelled), newest first, up to limit. */
  inTransit(environment: EnvironmentId, limit?: number): LabelRecord[];
  count(): number;
}

interface LabelRow {
  seq: number;
  id: string;
  environment: string;
  account_id: string | null;
  idempotency_key: string;
  status: string;
  courier: string;
  product_code: string | null;
  customer_order_number: string | null;
  platform_order_number: string | null;
  courier_order_number: string | null;
  tracking_number: string | null;
  recipient_name: string;
  recipient_country: string | null;
  recipient_city: string | null;
  error_code: string | null;
  error_message: string | null;
  created_at: number;
  document_url: string | null;
  document_format: string | null;
  document_stored: number;
  tracking_tag: string | null;
  tracking_message: string | null;
  tracking_updated_at: number | null;
}

const columns = (t: string) =>
  [
    'seq',
    'id',
    'environment',
    'account_id',
    'idempotency_key',
    'status',
    'courier',
    'product_code',
    'customer_order_number',
    'platform_order_number',
    'courier_order_number',
    'tracking_number',
    'recipient_name',
    'recipient_country',
    'recipient_city',
    'error_code',
    'error_message',
    'created_at',
    'document_url',
    'document_format',
  ]
    .map((c) => `${t}.${c}`)
    .concat(`${t}.document_path IS NOT NULL AS document_stored`, `${t}.tracking_tag`, `${t}.tracking_message`, `${t}.tracking_updated_at`)
    .join(', ');

const toRecord = (row: LabelRow): LabelRecord => ({
  id: row.id,
  environment: row.environment as EnvironmentId,
  accountId: row.account_id,
  idempotencyKey: row.idempotency_key,
  status: row.status as LabelRecord['status'],
  courier: row.courier,
  productCode: row.product_code,
  customerOrderNumber: row.customer_order_number,
  platformOrderNumber: row.platform_order_number,
  courierOrderNumber: row.courier_order_number,
  trackingNumber: row.tracking_number,
  recipientName: row.recipient_name,
  recipientCountry: row.recipient_country,
  recipientCity: row.recipient_city,
  errorCode: row.error_code,
  errorMessage: row.error_message,
  createdAt: row.created_at,
  documentUrl: row.document_url,
  documentFormat: row.document_format as LabelRecord['documentFormat'],
  documentStored: row.document_stored === 1,
  trackingTag: row.tracking_tag as LabelRecord['trackingTag'],
  trackingMessage: row.tracking_message,
  trackingUpdatedAt: row.tracking_updated_at,
});

/** Opaque keyset cursor: the (createdAt, seq) of the last label shown. */
const encodeCursor = (row: LabelRow) => Buffer.from(`${row.created_at}:${row.seq}`).toString('base64url');
function decodeCursor(cursor: string): { createdAt: number; seq: number } {
  const match = /^(-?\d{1,16}):(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new StationError('invalid_cursor', 'That history page is no longer available; start from the newest labels.');
  return { createdAt: Number(match[1]), seq: Number(match[2]) };
}

/** Upper bound of a prefix range: every string starting with `prefix` sorts below it (U+10FFFF is the largest code point). */
const prefixEnd = (prefix: string) => `${prefix}\u{10FFFF}`;
// eslint-disable-next-line no-control-regex
const isAscii = (text: string) => /^[\x00-\x7f]*$/.test(text);
/** An FTS5 phrase matching the text literally. */
const ftsPhrase = (text: string) => `"${text.replace(/"/g, '""')}"`;

/**
 * One way a search can match: its candidates `(seq, created_at)` through an index, how to
 * count them cheaply (`estimate`), and the same test as a row filter (`check`) for when
 * walking history newest-first is cheaper than collecting every candidate.
 */
interface MatchSource {
  candidates: string;
  estimate: string;
  check: string;
  /** Bound to `candidates` and `estimate`. */
  params: SQLInputValue[];
  /** Bound to `check`. */
  checkParams: SQLInputValue[];
  /** Whether candidates come from the index alone (cheap) or need a lookup per label. */
  indexOnly: boolean;
  /** Whether matches bunch up in time (numbers that grow: a prefix may match only old labels). */
  bunched: boolean;
}

/** `indexOnly`: the column's index also holds created_at (the id's unique index does not). */
const prefixSource = (column: string, prefix: string, { indexOnly = true, bunched = false } = {}): MatchSource => ({
  candidates: `SELECT seq, created_at FROM labels WHERE ${column} >= ? AND ${column} < ?`,
  estimate: `SELECT count(*) AS n FROM (SELECT 1 FROM labels WHERE ${column} >= ? AND ${column} < ? LIMIT ?)`,
  // Unary + keeps the column's NOCASE collation but stops the planner from using its index.
  check: `(+l.${column} >= ? AND +l.${column} < ?)`,
  params: [prefix, prefixEnd(prefix)],
  checkParams: [prefix, prefixEnd(prefix)],
  indexOnly,
  bunched,
});

const recipientSource = (text: string): MatchSource =>
  // The trigram tokenizer needs 3 characters; shorter text matches the start of the name.
  [...text].length < 3
    ? prefixSource('recipient_name', text)
    : {
        candidates: `SELECT f.rowid AS seq, c.created_at FROM labels_recipient_fts AS f
          CROSS JOIN labels AS c ON c.seq = f.rowid WHERE labels_recipient_fts MATCH ?`,
        estimate: 'SELECT count(*) AS n FROM (SELECT 1 FROM labels_recipient_fts WHERE labels_recipient_fts MATCH ? LIMIT ?)',
        // SQLite's lower() folds ASCII only, which is exact for ASCII text and avoids a call into JS per label.
        check: isAscii(text) ? 'instr(lower(l.recipient_name), ?) > 0' : 'ffs_contains(l.recipient_name, ?)',
        params: [ftsPhrase(text)],
        checkParams: [isAscii(text) ? text.toLowerCase() : text],
        indexOnly: false,
        bunched: false,
      };

function sourcesFor(search: NonNullable<Query['search']>): MatchSource[] {
  const { kind, text } = search;
  const sources: MatchSource[] = [];
  if (kind === 'order' || kind === 'any') {
    sources.push(
      prefixSource('customer_order_number', text, { bunched: true }),
      prefixSource('platform_order_number', text, { bunched: true }),
    );
  }
  if (kind === 'tracking' || kind === 'any') sources.push(prefixSource('tracking_number', text, { bunched: true }));
  if (kind === 'recipient' || kind === 'any') sources.push(recipientSource(text));
  if (kind === 'label' || kind === 'any') sources.push(prefixSource('id', text, { indexOnly: false }));
  return sources;
}

export interface LabelStoreOptions {
  /** How searches run: chosen per query by estimated cost ('auto'), or forced (tests and benchmarks compare them). */
  searchPlan?: 'auto' | 'collect' | 'walk';
}

export function createLabelStore(database: StationDatabase, options: LabelStoreOptions = {}): LabelStore {
  const { db } = database;
  // Row-filter twin of the trigram match: case-insensitive substring.
  db.function('ffs_contains', { deterministic: true }, (haystack, needle) =>
    typeof haystack === 'string' && typeof needle === 'string' && haystack.toLowerCase().includes(needle.toLowerCase()) ? 1 : 0,
  );

  const cache = new Map<string, StatementSync>();
  const statement = (sql: string) => {
    let prepared = cache.get(sql);
    if (!prepared) {
      prepared = db.prepare(sql);
      cache.set(sql, prepared);
    }
    return prepared;
  };
  const rows = (sql: string, params: SQLInputValue[]) => statement(sql).all(...params) as unknown as LabelRow[];

  // Each label's newest print job and its state (electron/core/printing/print-log.ts keeps
  // label_print_state), read for a page of labels at once.
  const printStates = db.prepare(`
    SELECT p.label_id AS id, json_object('state', p.state, 'jobId', j.id, 'printer', j.printer, 'osJobId', j.os_job_id,
      'message', j.message, 'updatedAt', p.updated_at) AS status
    FROM json_each(?) AS k CROSS JOIN label_print_state AS p ON p.label_id = k.value CROSS JOIN print_jobs AS j ON j.seq = p.job_seq`);
  /** The records of these rows, each with its print state when it was ever printed. */
  const records = (found: LabelRow[]): LabelRecord[] => {
    const list = found.map(toRecord);
    if (list.length === 0) return list;
    const states = new Map<string, string>();
    for (const row of printStates.all(JSON.stringify(list.map((l) => l.id))) as { id: string; status: string }[]) {
      states.set(row.id.toLowerCase(), row.status);
    }
    if (states.size === 0) return list;
    return list.map((l) => {
      const status = states.get(l.id.toLowerCase());
      return status ? { ...l, print: LabelPrintStatus.parse(JSON.parse(status)) } : l;
    });
  };

  const upsert = db.prepare(`
    INSERT INTO labels (
      id, environment, account_id, idempotency_key, status, courier, product_code, customer_order_number,
      platform_order_number, courier_order_number, tracking_number, recipient_name, recipient_country, recipient_city,
      error_code, error_message, created_at, document_url, document_format, tracking_tag, tracking_message, tracking_updated_at,
      fingerprint
    ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO UPDATE SET
      environment = excluded.environment, account_id = excluded.account_id, idempotency_key = excluded.idempotency_key,
      status = excluded.status, courier = excluded.courier, product_code = excluded.product_code,
      customer_order_number = excluded.customer_order_number, platform_order_number = excluded.platform_order_number,
      courier_order_number = excluded.courier_order_number, tracking_number = excluded.tracking_number,
      recipient_name = excluded.recipient_name, recipient_country = excluded.recipient_country,
      recipient_city = excluded.recipient_city, error_code = excluded.error_code, error_message = excluded.error_message,
      document_url = coalesce(excluded.document_url, document_url),
      document_format = coalesce(excluded.document_format, document_format),
      tracking_message = iif(excluded.tracking_tag IS NULL, tracking_message, excluded.tracking_message),
      tracking_updated_at = iif(excluded.tracking_tag IS NULL, tracking_updated_at, excluded.tracking_updated_at),
      tracking_tag = coalesce(excluded.tracking_tag, tracking_tag),
      fingerprint = coalesce(excluded.fingerprint, fingerprint)`);
  // The WHERE clause repeats the labels_fingerprint partial index's, so SQLite can use it.
  const byFingerprint = db.prepare(`
    SELECT ${columns('l')} FROM labels AS l
    WHERE l.environment = ? AND l.fingerprint = ? AND l.fingerprint IS NOT NULL AND l.created_at >= ? AND +l.status = 'created'
    ORDER BY l.created_at DESC, l.seq DESC LIMIT 20`);
  const byId = db.prepare(`SELECT ${columns('l')} FROM labels AS l WHERE l.id = ?`);
  const byOrder = db.prepare(`
    SELECT ${columns('l')} FROM labels AS l
    WHERE l.environment = ? AND (l.customer_order_number = ? OR l.platform_order_number = ?)
    ORDER BY l.created_at DESC, l.seq DESC`);
  // One probe of each order-number index per number: the unary + keeps the planner off the
  // status and environment indexes, which would scan every created label for each number.
  const createdFor = db.prepare(`
    SELECT j.value AS n FROM json_each(?1) AS j
    WHERE EXISTS (SELECT 1 FROM labels AS l WHERE l.customer_order_number = j.value AND +l.environment = ?2 AND +l.status = 'created')
       OR EXISTS (SELECT 1 FROM labels AS l WHERE l.platform_order_number = j.value AND +l.environment = ?2 AND +l.status = 'created')`);
  const setDoc = db.prepare('UPDATE labels SET document_url = ?, document_format = ?, document_path = ? WHERE id = ?');
  const docPath = db.prepare('SELECT document_path FROM labels WHERE id = ?');
  const setTrack = db.prepare('UPDATE labels SET tracking_tag = ?, tracking_message = ?, tracking_updated_at = ? WHERE id = ?');
  // The WHERE clause repeats the labels_in_transit partial index's, so SQLite can use it.
  const moving = db.prepare(`
    SELECT ${columns('l')} FROM labels AS l
    WHERE l.environment = ? AND l.status = 'created' AND (l.tracking_tag IS NULL OR l.tracking_tag NOT IN ('Delivered', 'Cancelled'))
    ORDER BY l.created_at DESC, l.seq DESC LIMIT ?`);
  const total = db.prepare('SELECT count(*) AS n FROM labels');
  const newestSeq = db.prepare('SELECT max(seq) AS n FROM labels');

  const notFound = (id: string) => new StationError('label_not_found', t('labels:errors.labelNotInHistory', { id }));

  /**
   * Whether collecting the candidates of a search (then keeping the newest) is cheaper than
   * walking history newest-first and testing each label. Measured on a million labels, with
   * walking one label as the unit: collecting costs ~0.25 per candidate read from an index
   * alone and ~1 per candidate that needs its label read; the walk passes about
   * limit × labels ÷ candidates labels when matches are spread over time. Order and tracking
   * numbers bunch up in time (they grow, so a prefix may match only old labels and the walk
   * would pass almost everything): for them assume the walk costs 4× more. The costs cross
   * at √(bias × limit × labels ÷ weight): count candidates up to there (counting in an index
   * is cheap) and decide. Filters are left out: the walk runs on a filter's index, so it
   * passes mostly labels that already match it.
   */
  const collect = (sources: MatchSource[], limit: number, rowFilters: boolean) => {
    const labels = (newestSeq.get() as { n: number | null }).n ?? 0;
    const weight = !rowFilters && sources.every((s) => s.indexOnly) ? 0.25 : 1;
    const bias = sources.some((s) => s.bunched) ? 4 : 1;
    const crossing = Math.max(1_000, Math.round(Math.sqrt((bias * (limit + 1) * labels) / weight)));
    let seen = 0;
    for (const source of sources) {
      seen += (statement(source.estimate).get(...source.params, crossing + 1 - seen) as { n: number }).n;
      if (seen > crossing) return false;
    }
    return true;
  };

  return {
    save(label) {
      upsert.run(
        label.id,
        label.environment,
        label.accountId,
        label.idempotencyKey,
        label.status,
        label.courier,
        label.productCode,
        label.customerOrderNumber,
        label.platformOrderNumber,
        label.courierOrderNumber,
        label.trackingNumber,
        label.recipientName,
        label.recipientCountry,
        label.recipientCity,
        label.errorCode,
        label.errorMessage,
        label.createdAt,
        label.documentUrl,
        label.documentFormat,
        label.trackingTag,
        label.trackingMessage,
        label.trackingUpdatedAt,
        label.fingerprint ?? null,
      );
    },

    get(id) {
      const row = byId.get(id) as LabelRow | undefined;
      return row ? records([row])[0]! : null;
    },

    sameShipment(environment, fingerprint, since) {
      return records(byFingerprint.all(environment, fingerprint, since) as unknown as LabelRow[]);
    },

    forOrder(environment, orderNumber) {
      return records(byOrder.all(environment, orderNumber, orderNumber) as unknown as LabelRow[]);
    },

    createdForOrders(environment, orderNumbers) {
      if (orderNumbers.length === 0) return new Set();
      const found = createdFor.all(JSON.stringify(orderNumbers), environment) as { n: string }[];
      return new Set(found.map((row) => row.n));
    },

    setDocument(id, doc) {
      if (setDoc.run(doc.url, doc.format, doc.path, id).changes === 0) throw notFound(id);
    },

    documentPath(id) {
      const row = docPath.get(id) as { document_path: string | null } | undefined;
      return row?.document_path ?? null;
    },

    setTracking(id, t) {
      if (setTrack.run(t.tag, t.message, t.updatedAt, id).changes === 0) throw notFound(id);
    },

    page(query) {
      // Conditions on (created_at, seq) hold for index entries; the others need the label.
      const timeWhere: ((t: string) => string)[] = [];
      const timeParams: SQLInputValue[] = [];
      const rowWhere: string[] = [];
      const rowParams: SQLInputValue[] = [];
      const byTime = (sql: (t: string) => string, ...values: SQLInputValue[]) => (timeWhere.push(sql), timeParams.push(...values));
      const byRow = (sql: string, ...values: SQLInputValue[]) => (rowWhere.push(sql), rowParams.push(...values));
      if (query.status) byRow('l.status = ?', query.status);
      if (query.printState === 'never') {
        byRow("l.status = 'created' AND NOT EXISTS (SELECT 1 FROM label_print_state AS p WHERE p.label_id = l.id)");
      } else if (query.printState) {
        byRow('EXISTS (SELECT 1 FROM label_print_state AS p WHERE p.label_id = l.id AND p.state = ?)', query.printState);
      }
      if (query.environment) byRow('l.environment = ?', query.environment);
      if (query.accountId !== undefined) byRow('l.account_id = ?', query.accountId);
      if (query.from !== undefined) byTime((t) => `${t}.created_at >= ?`, query.from);
      if (query.to !== undefined) byTime((t) => `${t}.created_at <= ?`, query.to);
      if (query.cursor) {
        const after = decodeCursor(query.cursor);
        byTime((t) => `${t}.created_at <= ? AND (${t}.created_at < ? OR ${t}.seq < ?)`, after.createdAt, after.createdAt, after.seq);
      }
      const whereOf = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');
      const sources = query.search ? sourcesFor(query.search) : [];
      const rowFilters = rowWhere.length > 0;

      let sql: string;
      let values: SQLInputValue[];
      const strategy = options.searchPlan ?? 'auto';
      if (sources.length > 0 && (strategy === 'auto' ? collect(sources, query.limit, rowFilters) : strategy === 'collect')) {
        // Each source keeps its own newest page (a top-N sort over its index entries); the
        // page is the newest of those, deduplicated; only then are its labels read.
        const perSource = sources.map((source) => {
          const join = rowFilters ? 'CROSS JOIN labels AS l ON l.seq = t.seq' : '';
          // Unary + on the time conditions: SQLite flattens the source into this query, and must
          // keep reading it through the search index, not switch to a created_at range.
          return `SELECT * FROM (SELECT t.seq, t.created_at FROM (${source.candidates}) AS t ${join}
            ${whereOf([...timeWhere.map((c) => c('+t')), ...rowWhere])} ORDER BY t.created_at DESC, t.seq DESC LIMIT ?)`;
        });
        sql = `WITH page(seq, created_at) AS MATERIALIZED (
            SELECT seq, created_at FROM (${perSource.join(' UNION ')}) ORDER BY created_at DESC, seq DESC LIMIT ?)
          SELECT ${columns('l')} FROM page CROSS JOIN labels AS l ON l.seq = page.seq
          ORDER BY page.created_at DESC, page.seq DESC`;
        values = [...sources.flatMap((s) => [...s.params, ...timeParams, ...rowParams, query.limit + 1]), query.limit + 1];
      } else {
        // Walk newest-first (by created_at or a filter's index) and test each label.
        const conditions = [...timeWhere.map((c) => c('l')), ...rowWhere];
        const checks = sources.length ? [`(${sources.map((s) => s.check).join(' OR ')})`] : [];
        sql = `SELECT ${columns('l')} FROM labels AS l ${whereOf([...conditions, ...checks])}
          ORDER BY l.created_at DESC, l.seq DESC LIMIT ?`;
        values = [...timeParams, ...rowParams, ...sources.flatMap((s) => s.checkParams), query.limit + 1];
      }
      const found = rows(sql, values);
      const items = found.slice(0, query.limit);
      const last = items.at(-1);
      return { items: records(items), nextCursor: found.length > query.limit && last ? encodeCursor(last) : null };
    },

    inTransit(environment, limit = 500) {
      return (moving.all(environment, limit) as unknown as LabelRow[]).map(toRecord);
    },

    count() {
      return (total.get() as { n: number }).n;
    },
  };
}
