import type { SQLInputValue, StatementSync } from 'node:sqlite';
import type { z } from 'zod';
import type { EnvironmentId } from '../../../shared/domain/environment';
import type { HistoryFilter, HistoryIds, HistoryPage, HistoryQuery, LabelRecord } from '../../../shared/domain/labels';
import { LabelPrintStatus } from '../../../shared/domain/print-state';
import { StationError } from '../errors';
import { t } from '../i18n';
import type { StationDatabase } from '../db/database';
import { nameKey, orderKey, placeKey } from './history-keys';
import { matchGroups, type MatchGroup, type MatchSource } from './history-query';
import { promised, type Synchronous } from '../storage/promised';

/**
 * A label to save; `fingerprint` is its request's shipment fingerprint (electron/core/labels/fingerprint.ts),
 * `recipientPostalCode` its recipient's postal code (History finds labels by it).
 */
export type NewLabel = Omit<LabelRecord, 'documentStored' | 'print'> & { fingerprint?: string | null; recipientPostalCode?: string | null };
export type Query = z.output<typeof HistoryQuery>;
export type Filter = z.output<typeof HistoryFilter>;

/** A label as History exports it: its record and the recipient's postal code. */
export type HistoryRow = LabelRecord & { recipientPostalCode: string | null };

/**
 * Labels and their history (search, filters, keyset pages). Async, so that the station's
 * embedded SQLite (createLabelStore here) and a workgroup's PostgreSQL
 * (electron/core/storage/pg/label-store.ts) implement the same interface; the contract suite
 * (test/contract/storage.contract.ts) holds both to the same answers.
 */
export interface LabelStore {
  /**
   * Insert or replace by id (a replayed 200 may save the same label again: must not duplicate).
   * A replay keeps the first createdAt (its place in history), the stored document file, and
   * any document URL or tracking it does not carry itself.
   */
  save(label: NewLabel): Promise<void>;
  get(id: string): Promise<LabelRecord | null>;
  /** Labels whose customerOrderNumber (or platformOrderNumber) equals this (ASCII case-insensitive), in this environment, newest first. */
  forOrder(environment: EnvironmentId, orderNumber: string): Promise<LabelRecord[]>;
  /** Which of these order numbers have a created label in this environment (matched as `forOrder` matches), in one query. */
  createdForOrders(environment: EnvironmentId, orderNumbers: readonly string[]): Promise<Set<string>>;
  /** Created labels in this environment with this shipment fingerprint, recorded at or after `since`, newest first. */
  sameShipment(environment: EnvironmentId, fingerprint: string, since: number): Promise<LabelRecord[]>;
  setDocument(id: string, doc: { url: string; format: 'pdf' | 'png'; path: string | null }): Promise<void>;
  documentPath(id: string): Promise<string | null>;
  setTracking(id: string, t: { tag: LabelRecord['trackingTag']; message: string | null; updatedAt: number }): Promise<void>;
  /** Newest first, keyset-paginated (opaque cursor), with search and filters per HistoryQuery. */
  page(query: Query): Promise<HistoryPage>;
  /**
   * The ids of the labels matching a filter, newest first, at most `cap`, and how many match,
   * counted up to `countCap` (`moreThanTotal` when more do).
   */
  ids(filter: Filter, cap: number, countCap: number): Promise<HistoryIds>;
  /** A page of the matching labels with what the export writes (its limit is not capped at a screen's page). */
  exportPage(filter: Filter, cursor: string | null, limit: number): Promise<{ items: HistoryRow[]; nextCursor: string | null }>;
  /** Created labels in an environment whose tracking tag is not terminal (not Delivered/Cancelled), newest first, up to limit. */
  inTransit(environment: EnvironmentId, limit?: number): Promise<LabelRecord[]>;
  count(): Promise<number>;
}

/** The SQLite label store as it runs: synchronous (node:sqlite), each call one atomic step. */
export type SqliteLabelStore = Synchronous<LabelStore>;

export interface LabelRow {
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
  recipient_postal_code: string | null;
}

/** The label columns both backends read as they are (the rest differ per SQL dialect). */
export const LABEL_ROW_COLUMNS = [
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
];
const columns = (t: string) =>
  LABEL_ROW_COLUMNS.map((c) => `${t}.${c}`)
    .concat(
      `${t}.document_path IS NOT NULL AS document_stored`,
      `${t}.tracking_tag`,
      `${t}.tracking_message`,
      `${t}.tracking_updated_at`,
      `${t}.recipient_postal_code`,
    )
    .join(', ');

export const toRecord = (row: LabelRow): LabelRecord => ({
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
export const encodeCursor = (row: { created_at: number; seq: number }) => Buffer.from(`${row.created_at}:${row.seq}`).toString('base64url');
export function decodeCursor(cursor: string): { createdAt: number; seq: number } {
  const match = /^(-?\d{1,16}):(\d{1,16})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new StationError('invalid_cursor', t('history:errors.invalidCursor'));
  return { createdAt: Number(match[1]), seq: Number(match[2]) };
}

/**
 * A label's column values in the order both backends insert them (SQLite's upsert here, and
 * electron/core/storage/pg/label-store.ts): the record's fields, then its search keys.
 */
export function labelValues(label: NewLabel) {
  return [
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
    label.recipientPostalCode ?? null,
    orderKey(label.customerOrderNumber),
    orderKey(label.platformOrderNumber),
    nameKey(label.recipientName),
    placeKey(label.recipientCity),
    placeKey(label.recipientPostalCode),
  ];
}

/**
 * Labels a walk passes at most before a search whose matches bunch up in time (an order or
 * tracking number's prefix: "SO-2025-1" matches only last year's labels) gives up walking and
 * collects its candidates older than those: ~15 ms of walking at most, where walking on
 * passed every newer label (3.7 s for "SO-2025-1" at ten million labels).
 */
export const WALK_BUDGET = 10_000;

export interface LabelStoreOptions {
  /** How searches run: chosen per query by estimated cost ('auto'), or forced (tests and benchmarks compare them). */
  searchPlan?: 'auto' | 'collect' | 'walk';
  /** Labels a walk passes before a bunched search collects instead (default WALK_BUDGET; tests make it small). */
  walkBudget?: number;
  /** The station's clock (History's "not moving" counts days back from it). */
  now?: () => number;
}

/** The station's label history in its SQLite database, through the async interface the services use. */
export function createLabelStore(database: StationDatabase, options: LabelStoreOptions = {}): LabelStore {
  return promised<LabelStore>(createSqliteLabelStore(database, options));
}

/** The synchronous SQLite label store (the outbox saves a label with its answer in one transaction through it). */
export function createSqliteLabelStore(database: StationDatabase, options: LabelStoreOptions = {}): SqliteLabelStore {
  const { db } = database;
  const now = options.now ?? Date.now;

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
      fingerprint, recipient_postal_code, customer_order_key, platform_order_key, recipient_key, city_key, postal_key
    ) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
      fingerprint = coalesce(excluded.fingerprint, fingerprint),
      recipient_postal_code = coalesce(excluded.recipient_postal_code, recipient_postal_code),
      customer_order_key = excluded.customer_order_key, platform_order_key = excluded.platform_order_key,
      recipient_key = excluded.recipient_key, city_key = excluded.city_key,
      postal_key = coalesce(excluded.postal_key, postal_key)`);
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

  /** The driving group: the first whose candidates are few enough to collect (the search first), or none (walk). */
  const driverOf = (groups: MatchGroup[], limit: number): MatchGroup | null => {
    const drivable = groups.filter((g) => g.sources.length > 0);
    const strategy = options.searchPlan ?? 'auto';
    if (strategy === 'walk') return null;
    if (strategy === 'collect') return drivable[0] ?? null;
    // A search with few candidates drives; else a filter whose index lists labels newest first
    // (the one with fewest labels when there are several: its walk passes fewest); else a
    // filter with few candidates; else none.
    const search = drivable.find((g) => g.name === 'search');
    if (search && collect(search.sources, limit, groups.length > 1)) return search;
    const ordered = drivable.filter((g) => g !== search && g.sources.every((s) => s.ordered));
    if (ordered.length === 1) return ordered[0]!;
    if (ordered.length > 1) {
      const bound = 10 * (limit + 1);
      const size = (g: MatchGroup) => g.sources.reduce((n, s) => n + (statement(s.estimate).get(...s.params, bound) as { n: number }).n, 0);
      return ordered.map((g) => ({ g, n: size(g) })).reduce((a, b) => (b.n < a.n ? b : a)).g;
    }
    return drivable.find((g) => g !== search && collect(g.sources, limit, groups.length > 1)) ?? null;
  };

  /** Conditions on (created_at, seq) of the filter's dates and the cursor: they hold for index entries. */
  const timeOf = (filter: Filter, cursor: string | null | undefined) => {
    const where: ((t: string) => string)[] = [];
    const params: SQLInputValue[] = [];
    if (filter.from !== undefined) {
      where.push((t) => `${t}.created_at >= ?`);
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push((t) => `${t}.created_at <= ?`);
      params.push(filter.to);
    }
    if (cursor) {
      const after = decodeCursor(cursor);
      where.push((t) => `${t}.created_at <= ? AND (${t}.created_at < ? OR ${t}.seq < ?)`);
      params.push(after.createdAt, after.createdAt, after.seq);
    }
    return { where, params };
  };
  const whereOf = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');
  /** A group that can match nothing (a search text that is no key at all). */
  const matchesNothing = (groups: MatchGroup[]) => groups.some((g) => g.condition === '0');

  type Time = ReturnType<typeof timeOf>;
  /** Up to `n` matching labels newest first, read through the driving group's index (its candidates, then their labels). */
  const driveRows = (driver: MatchGroup, others: MatchGroup[], time: Time, n: number, list: string): LabelRow[] => {
    const rowWhere = others.map((g) => g.condition);
    const rowParams = others.flatMap((g) => g.params);
    // Each source keeps its own newest page (a top-N sort over its index entries); the
    // page is the newest of those, deduplicated; only then are its labels read.
    const perSource = driver.sources.map((source) => {
      const join = rowWhere.length ? 'CROSS JOIN labels AS l ON l.seq = t.seq' : '';
      // Unary + on the time conditions: SQLite flattens the source into this query, and must
      // keep reading it through the source's index, not switch to a created_at range; an
      // ordered source's index holds created_at after its value, so there they are its range.
      const at = source.ordered ? 't' : '+t';
      return `SELECT * FROM (SELECT t.seq, t.created_at FROM (${source.candidates}) AS t ${join}
          ${whereOf([...time.where.map((c) => c(at)), ...rowWhere])} ORDER BY t.created_at DESC, t.seq DESC LIMIT ?)`;
    });
    const sql = `WITH page(seq, created_at) AS MATERIALIZED (
          SELECT seq, created_at FROM (${perSource.join(' UNION ')}) ORDER BY created_at DESC, seq DESC LIMIT ?)
        SELECT ${list} FROM page CROSS JOIN labels AS l ON l.seq = page.seq
        ORDER BY page.created_at DESC, page.seq DESC`;
    return rows(sql, [...driver.sources.flatMap((s) => [...s.params, ...time.params, ...rowParams, n]), n]);
  };
  /** Up to `n` matching labels newest first, walking history (by created_at, or the environment's or account's index) and testing each. */
  const walkRows = (groups: MatchGroup[], time: Time, n: number, list: string): LabelRow[] => {
    const sql = `SELECT ${list} FROM labels AS l ${whereOf([...time.where.map((c) => c('l')), ...groups.map((g) => g.condition)])}
        ORDER BY l.created_at DESC, l.seq DESC LIMIT ?`;
    return rows(sql, [...time.params, ...groups.flatMap((g) => g.params), n]);
  };
  const withTime = (time: Time, condition: (t: string) => string, value: number): Time => ({
    where: [...time.where, condition],
    params: [...time.params, value],
  });
  const walkBudget = options.walkBudget ?? WALK_BUDGET;

  /**
   * A page of matching labels newest first (after the cursor), one row more than `limit` to
   * tell whether another page follows. `list` is the SQL of the columns read.
   */
  const find = (filter: Filter, cursor: string | null | undefined, limit: number, list: string) => {
    const time = timeOf(filter, cursor);
    const groups = matchGroups(filter, now());
    if (matchesNothing(groups)) return { items: [] as LabelRow[], nextCursor: null };
    const driver = driverOf(groups, limit);
    const n = limit + 1;
    let found: LabelRow[];
    const search = groups.find((g) => g.name === 'search' && g.sources.length > 0);
    if (driver)
      found = driveRows(
        driver,
        groups.filter((g) => g !== driver),
        time,
        n,
        list,
      );
    else if (search && groups.length === 1 && search.sources.some((s) => s.bunched) && (options.searchPlan ?? 'auto') === 'auto') {
      // The search alone (its candidates then come from its index without reading labels; with
      // filters each would be read, and the walk on the filters' terms stays the cheaper bet).
      // Walk the newest WALK_BUDGET labels; what is still missing comes from the search's
      // candidates older than them (a partition by created_at: none is found twice or missed).
      const edge = statement(
        `SELECT l.created_at AS at FROM labels AS l ${whereOf(time.where.map((c) => c('l')))}
          ORDER BY l.created_at DESC, l.seq DESC LIMIT 1 OFFSET ?`,
      ).get(...time.params, walkBudget - 1) as { at: number } | undefined;
      if (!edge) found = walkRows(groups, time, n, list);
      else {
        found = walkRows(
          groups,
          withTime(time, (t) => `${t}.created_at >= ?`, edge.at),
          n,
          list,
        );
        if (found.length < n)
          found = found.concat(
            driveRows(
              search,
              groups.filter((g) => g !== search),
              withTime(time, (t) => `${t}.created_at < ?`, edge.at),
              n - found.length,
              list,
            ),
          );
      }
    } else found = walkRows(groups, time, n, list);
    const items = found.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: found.length > limit && last ? encodeCursor(last) : null };
  };

  /**
   * How many labels match: counted over the candidates of the first group that has any (an
   * index of the search or of a filter), else over every label.
   */
  const countOf = (filter: Filter, cap: number): number => {
    const time = timeOf(filter, null);
    const groups = matchGroups(filter, now());
    if (matchesNothing(groups)) return 0;
    const driver = groups.find((g) => g.sources.length > 0);
    const others = groups.filter((g) => g !== driver);
    const rowWhere = others.map((g) => g.condition);
    const rowParams = others.flatMap((g) => g.params);
    if (!driver) {
      const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM labels AS l ${whereOf([...time.where.map((c) => c('l')), ...rowWhere])} LIMIT ?)`;
      return (statement(sql).get(...time.params, ...rowParams, cap) as { n: number }).n;
    }
    const candidates = driver.sources.map((s) => `SELECT seq, created_at FROM (${s.candidates})`).join(' UNION ');
    const join = rowWhere.length ? 'CROSS JOIN labels AS l ON l.seq = t.seq' : '';
    const sql = `SELECT count(*) AS n FROM (SELECT 1 FROM (${candidates}) AS t ${join} ${whereOf([...time.where.map((c) => c('+t')), ...rowWhere])} LIMIT ?)`;
    return (statement(sql).get(...driver.sources.flatMap((s) => s.params), ...time.params, ...rowParams, cap) as { n: number }).n;
  };

  return {
    save(label) {
      upsert.run(...labelValues(label));
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
      const { items, nextCursor } = find(query, query.cursor, query.limit, columns('l'));
      return { items: records(items), nextCursor };
    },

    ids(filter, cap, countCap) {
      const { items, nextCursor } = find(filter, null, cap, 'l.seq, l.id, l.created_at');
      // Counted only when more match than are returned, and only up to the count cap (a count reads each match).
      const capped = nextCursor !== null;
      const total = capped ? countOf(filter, countCap + 1) : items.length;
      return { ids: items.map((row) => row.id), total: Math.min(total, countCap), capped, moreThanTotal: total > countCap };
    },

    exportPage(filter, cursor, limit) {
      const { items, nextCursor } = find(filter, cursor, limit, columns('l'));
      const list = records(items);
      return { items: list.map((record, i) => ({ ...record, recipientPostalCode: items[i]!.recipient_postal_code })), nextCursor };
    },

    inTransit(environment, limit = 500) {
      return (moving.all(environment, limit) as unknown as LabelRow[]).map(toRecord);
    },

    count() {
      return (total.get() as { n: number }).n;
    },
  };
}
