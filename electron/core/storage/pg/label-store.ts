import type pg from 'pg';
import type { EnvironmentId } from '../../../../shared/domain/environment';
import type { LabelRecord } from '../../../../shared/domain/labels';
import { LabelPrintStatus } from '../../../../shared/domain/print-state';
import { StationError } from '../../errors';
import { t } from '../../i18n';
import {
  decodeCursor,
  encodeCursor,
  labelValues,
  LABEL_ROW_COLUMNS,
  toRecord,
  type Filter,
  type LabelRow,
  type LabelStore,
  type LabelStoreOptions,
  type NewLabel,
} from '../../labels/label-store';
import { filterConditions, Params } from './history-query';
import { NOCASE } from './migrations';
import { named, pgFailure, type Queryable } from './pool';

const COLUMNS = LABEL_ROW_COLUMNS.map((c) => `l.${c}`)
  .concat(
    '(l.document_path IS NOT NULL)::int AS document_stored',
    'l.tracking_tag',
    'l.tracking_message',
    'l.tracking_updated_at',
    'l.recipient_postal_code',
  )
  .join(', ');

/** A label's print state (label_print_state p and its job j) as the JSON LabelPrintStatus reads. */
const PRINT_STATUS_JSON = `json_build_object('state', p.state, 'jobId', j.id, 'printer', j.printer, 'osJobId', j.os_job_id,
  'message', j.message, 'updatedAt', p.updated_at)`;

/** COLUMNS and the label's print state (null when never printed), for reads of a few labels. */
const WITH_PRINT = `${COLUMNS}, (SELECT ${PRINT_STATUS_JSON} FROM label_print_state AS p JOIN print_jobs AS j ON j.seq = p.job_seq
  WHERE p.label_nocase = l.id_nocase) AS print_status`;

/** SQLite's NOCASE, as the *_nocase columns fold (electron/core/storage/pg/migrations.ts). */
const nocase = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** The labels columns a new label's values fill, in labelValues' order. */
const INSERTED_COLUMNS = `id, environment, account_id, idempotency_key, status, courier, product_code, customer_order_number,
      platform_order_number, courier_order_number, tracking_number, recipient_name, recipient_country, recipient_city,
      error_code, error_message, created_at, document_url, document_format, tracking_tag, tracking_message, tracking_updated_at,
      fingerprint, recipient_postal_code, customer_order_key, platform_order_key, recipient_key, city_key, postal_key`;
/** Of those, the bigint ones (times in ms); every other one is text. */
const BIGINT_COLUMNS = new Set(['created_at', 'tracking_updated_at']);
/** Each inserted column's type, for the casts of its parameter. */
const CASTS = INSERTED_COLUMNS.split(',').map((c) => (BIGINT_COLUMNS.has(c.trim()) ? 'bigint' : 'text'));

/**
 * A statement's part that inserts a new label (existing: left as it is) only when `source`, a
 * CTE of the same statement, has a row: `INSERT … SELECT $offset+1… FROM source`. The
 * parameters are cast, since a SELECT list gives them no column type. With its values.
 */
export function insertLabelFrom(label: NewLabel, source: string, offset: number): { sql: string; values: unknown[] } {
  const values = labelValues(label);
  const params = CASTS.map((type, i) => `$${offset + i + 1}::${type}`);
  return {
    sql: `INSERT INTO labels (${INSERTED_COLUMNS}) SELECT ${params.join(', ')} FROM ${source} ON CONFLICT (id_nocase) DO NOTHING`,
    values,
  };
}

/**
 * Inserts a label, or (`replace`) updates the one with its id the way the SQLite store's
 * upsert does (electron/core/labels/label-store.ts): a replay keeps the first createdAt, the
 * stored document, and any document URL or tracking it does not carry itself. Without
 * `replace` an existing label is left as it is (the outbox's recordAnswer).
 */
export async function insertLabel(q: Queryable, label: NewLabel, replace: boolean): Promise<void> {
  const values = labelValues(label);
  const onConflict = replace
    ? `DO UPDATE SET
      environment = excluded.environment, account_id = excluded.account_id, idempotency_key = excluded.idempotency_key,
      status = excluded.status, courier = excluded.courier, product_code = excluded.product_code,
      customer_order_number = excluded.customer_order_number, platform_order_number = excluded.platform_order_number,
      courier_order_number = excluded.courier_order_number, tracking_number = excluded.tracking_number,
      recipient_name = excluded.recipient_name, recipient_country = excluded.recipient_country,
      recipient_city = excluded.recipient_city, error_code = excluded.error_code, error_message = excluded.error_message,
      document_url = coalesce(excluded.document_url, labels.document_url),
      document_format = coalesce(excluded.document_format, labels.document_format),
      tracking_message = CASE WHEN excluded.tracking_tag IS NULL THEN labels.tracking_message ELSE excluded.tracking_message END,
      tracking_updated_at = CASE WHEN excluded.tracking_tag IS NULL THEN labels.tracking_updated_at ELSE excluded.tracking_updated_at END,
      tracking_tag = coalesce(excluded.tracking_tag, labels.tracking_tag),
      fingerprint = coalesce(excluded.fingerprint, labels.fingerprint),
      recipient_postal_code = coalesce(excluded.recipient_postal_code, labels.recipient_postal_code),
      customer_order_key = excluded.customer_order_key, platform_order_key = excluded.platform_order_key,
      recipient_key = excluded.recipient_key, city_key = excluded.city_key,
      postal_key = coalesce(excluded.postal_key, labels.postal_key)`
    : 'DO NOTHING';
  await q.query(
    `INSERT INTO labels (${INSERTED_COLUMNS}) VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})
    ON CONFLICT (id_nocase) ${onConflict}`,
    values,
  );
}

/**
 * The workgroup's label history in PostgreSQL: the LabelStore the SQLite store implements,
 * with the same answers for the same labels (test/contract/storage.contract.ts). Cursors
 * are the SQLite store's ((createdAt, seq) of the last label shown): the same meaning on both.
 */
export function createPgLabelStore(pool: pg.Pool, options: Pick<LabelStoreOptions, 'now'> = {}): LabelStore {
  const now = options.now ?? Date.now;

  const rows = async (sql: string, values: unknown[]): Promise<LabelRow[]> => (await pool.query<LabelRow>(sql, values)).rows;

  /**
   * Labels read with their print state in the same statement: one round trip for the reads a scan
   * makes several times (get, forOrder, sameShipment). Pages keep `records`' second query, so the
   * state is looked up only for the rows of the page.
   */
  const printedRows = async (sql: string, values: unknown[]): Promise<LabelRecord[]> =>
    (await pool.query<LabelRow & { print_status: unknown }>(named(sql, values))).rows.map((row) => {
      const record = toRecord(row);
      return row.print_status ? { ...record, print: LabelPrintStatus.parse(row.print_status) } : record;
    });

  /** The records of these rows, each with its print state when it was ever printed (one query for all of them). */
  const records = async (found: LabelRow[]): Promise<LabelRecord[]> => {
    const list = found.map(toRecord);
    if (list.length === 0) return list;
    const states = await pool.query<{ id: string; status: unknown }>(
      `SELECT p.label_nocase AS id, ${PRINT_STATUS_JSON} AS status
      FROM label_print_state AS p JOIN print_jobs AS j ON j.seq = p.job_seq WHERE p.label_nocase = ANY($1::text[])`,
      [list.map((l) => nocase(l.id))],
    );
    if (states.rows.length === 0) return list;
    const byId = new Map(states.rows.map((row) => [row.id, row.status]));
    return list.map((l) => {
      const status = byId.get(nocase(l.id));
      return status ? { ...l, print: LabelPrintStatus.parse(status) } : l;
    });
  };

  const notFound = (id: string) => new StationError('label_not_found', t('labels:errors.labelNotInHistory', { id }));

  /** A page of matching labels newest first (after the cursor), one row more than `limit` to tell whether another follows. */
  const find = async (filter: Filter, cursor: string | null | undefined, limit: number, list: string) => {
    const q = new Params();
    const where = filterConditions(q, filter, now());
    if (!where) return { items: [] as LabelRow[], nextCursor: null };
    if (cursor) {
      const after = decodeCursor(cursor);
      where.push(`(l.created_at, l.seq) < (${q.p(after.createdAt)}, ${q.p(after.seq)})`);
    }
    const found = await rows(
      `SELECT ${list} FROM labels AS l ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY l.created_at DESC, l.seq DESC LIMIT ${q.p(limit + 1)}`,
      q.values,
    );
    const items = found.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: found.length > limit && last ? encodeCursor(last) : null };
  };

  const countOf = async (filter: Filter, cap: number): Promise<number> => {
    const q = new Params();
    const where = filterConditions(q, filter, now());
    if (!where) return 0;
    const result = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM labels AS l ${where.length ? `WHERE ${where.join(' AND ')}` : ''} LIMIT ${q.p(cap)}) AS m`,
      q.values,
    );
    return result.rows[0]!.n;
  };

  /** Writes fail as the SQLite store's do (disk_full / database_write_failed). */
  const writing = async <T>(write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      throw pgFailure(error);
    }
  };

  return {
    save: (label) => writing(() => insertLabel(pool, label, true)),

    async get(id) {
      const [found] = await printedRows(`SELECT ${WITH_PRINT} FROM labels AS l WHERE l.id_nocase = $1`, [nocase(id)]);
      return found ?? null;
    },

    sameShipment: (environment, fingerprint, since) =>
      printedRows(
        `SELECT ${WITH_PRINT} FROM labels AS l
        WHERE l.environment = $1 AND l.fingerprint = $2 AND l.fingerprint IS NOT NULL AND l.created_at >= $3 AND l.status = 'created'
        ORDER BY l.created_at DESC, l.seq DESC LIMIT 20`,
        [environment, fingerprint, since],
      ),

    forOrder: (environment, orderNumber) =>
      printedRows(
        `SELECT ${WITH_PRINT} FROM labels AS l
        WHERE l.environment = $1 AND (l.customer_order_nocase = $2 OR l.platform_order_nocase = $2)
        ORDER BY l.created_at DESC, l.seq DESC`,
        [environment, nocase(orderNumber)],
      ),

    async createdForOrders(environment: EnvironmentId, orderNumbers: readonly string[]) {
      if (orderNumbers.length === 0) return new Set<string>();
      const found = await pool.query<{ n: string }>(
        `SELECT n FROM unnest($1::text[]) AS n
        WHERE EXISTS (SELECT 1 FROM labels AS l WHERE l.customer_order_nocase = ${NOCASE_N} AND l.environment = $2 AND l.status = 'created')
           OR EXISTS (SELECT 1 FROM labels AS l WHERE l.platform_order_nocase = ${NOCASE_N} AND l.environment = $2 AND l.status = 'created')`,
        [orderNumbers, environment],
      );
      return new Set(found.rows.map((row) => row.n));
    },

    setDocument: (id, doc) =>
      writing(async () => {
        const result = await pool.query(
          named('UPDATE labels SET document_url = $1, document_format = $2, document_path = $3 WHERE id_nocase = $4', [
            doc.url,
            doc.format,
            doc.path,
            nocase(id),
          ]),
        );
        if (result.rowCount === 0) throw notFound(id);
      }),

    async documentPath(id) {
      const result = await pool.query<{ document_path: string | null }>('SELECT document_path FROM labels WHERE id_nocase = $1', [
        nocase(id),
      ]);
      return result.rows[0]?.document_path ?? null;
    },

    setTracking: (id, tracking) =>
      writing(async () => {
        const result = await pool.query(
          'UPDATE labels SET tracking_tag = $1, tracking_message = $2, tracking_updated_at = $3 WHERE id_nocase = $4',
          [tracking.tag, tracking.message, tracking.updatedAt, nocase(id)],
        );
        if (result.rowCount === 0) throw notFound(id);
      }),

    async page(query) {
      const { items, nextCursor } = await find(query, query.cursor, query.limit, COLUMNS);
      return { items: await records(items), nextCursor };
    },

    async ids(filter, cap, countCap) {
      const { items, nextCursor } = await find(filter, null, cap, 'l.seq, l.id, l.created_at');
      const capped = nextCursor !== null;
      const total = capped ? await countOf(filter, countCap + 1) : items.length;
      return { ids: items.map((row) => row.id), total: Math.min(total, countCap), capped, moreThanTotal: total > countCap };
    },

    async exportPage(filter, cursor, limit) {
      const { items, nextCursor } = await find(filter, cursor, limit, COLUMNS);
      const list = await records(items);
      return { items: list.map((record, i) => ({ ...record, recipientPostalCode: items[i]!.recipient_postal_code })), nextCursor };
    },

    async inTransit(environment, limit = 500) {
      const found = await rows(
        `SELECT ${COLUMNS} FROM labels AS l
        WHERE l.environment = $1 AND l.status = 'created' AND (l.tracking_tag IS NULL OR l.tracking_tag NOT IN ('Delivered', 'Cancelled'))
        ORDER BY l.created_at DESC, l.seq DESC LIMIT $2`,
        [environment, limit],
      );
      return found.map(toRecord);
    },

    async count() {
      return (await pool.query<{ n: number }>('SELECT count(*) AS n FROM labels')).rows[0]!.n;
    },
  };
}

/** An order number of the list, folded as the *_nocase columns are. */
const NOCASE_N = NOCASE('n');
