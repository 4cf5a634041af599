import type pg from 'pg';
import {
  AUDIT_PAGE_SIZE,
  AuditDetail,
  type AuditAction,
  type AuditEntry,
  type AuditPage,
  type AuditQuery,
} from '../../../shared/domain/operators';
import { named } from '../storage/pg/pool';
import { nameKey } from './operator-store';

/** One line of the audit trail as it is written: who, what, which order or label, where (the station). */
export interface AuditRecord {
  operator: { id: string; name: string } | null;
  action: AuditAction;
  station: { id: string; name: string };
  orderNumber?: string | null;
  labelId?: string | null;
  /** Data (a printer, a courier and tracking number). */
  details?: string | null;
  /** Words the screen chooses (AuditDetail); stored in the same column, as JSON. */
  detail?: AuditDetail | null;
}

/** The details column: a detail as JSON, else the plain text (or null). */
const detailsColumn = (r: AuditRecord): string | null => (r.detail ? JSON.stringify(r.detail) : (r.details ?? null));
/** The details column read back: a detail this station knows, else plain text (a line of an older or newer station). */
function fromDetailsColumn(text: string | null): Pick<AuditEntry, 'details' | 'detail'> {
  if (text?.startsWith('{"key":')) {
    try {
      const detail = AuditDetail.safeParse(JSON.parse(text));
      if (detail.success) return { details: null, detail: detail.data };
    } catch {
      // Not JSON after all: shown as written.
    }
  }
  return { details: text, detail: null };
}

export interface AuditStore {
  record(records: readonly AuditRecord[]): Promise<void>;
  /** Newest first, `limit` at a time; `nextCursor` continues after the last one (null: no more). */
  search(query: AuditQuery): Promise<AuditPage>;
  /** Of these labels, the ones printed before (by anyone, at any station of the workgroup): printing them again is a reprint. */
  printedBefore(labelIds: readonly string[]): Promise<Set<string>>;
}

interface AuditRow {
  seq: number;
  at: Date;
  operator_name: string | null;
  action: AuditAction;
  station_name: string;
  order_number: string | null;
  label_id: string | null;
  details: string | null;
}

/** LIKE's own characters in a search text are matched as themselves. */
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The audit trail on the workgroup's PostgreSQL (table audit_log, PostgreSQL migration 21). */
export function createAuditStore(pool: pg.Pool): AuditStore {
  return {
    async record(records) {
      if (records.length === 0) return;
      const values: unknown[] = [];
      const rows = records.map((r) => {
        values.push(
          r.operator?.id ?? null,
          r.operator?.name ?? null,
          r.operator ? nameKey(r.operator.name) : null,
          r.action,
          r.station.id,
          r.station.name,
          r.orderNumber ?? null,
          r.labelId ?? null,
          detailsColumn(r),
        );
        const base = values.length - 9;
        return `(${Array.from({ length: 9 }, (_, i) => `$${base + i + 1}`).join(', ')})`;
      });
      await pool.query(
        named(
          `INSERT INTO audit_log (operator_id, operator_name, operator_key, action, station_id, station_name, order_number, label_id, details)
         VALUES ${rows.join(', ')}`,
          values,
        ),
      );
    },
    async search(query) {
      const limit = query.limit ?? AUDIT_PAGE_SIZE;
      const where: string[] = [];
      const values: unknown[] = [];
      const param = (value: unknown) => (values.push(value), `$${values.length}`);
      if (query.cursor !== undefined) where.push(`seq < ${param(query.cursor)}`);
      if (query.operator) where.push(`operator_key = ${param(nameKey(query.operator))}`);
      if (query.action) where.push(`action = ${param(query.action)}`);
      if (query.text) {
        const like = param(`%${likeEscape(query.text.toLowerCase())}%`);
        where.push(`(lower(order_number) LIKE ${like} OR lower(label_id) LIKE ${like})`);
      }
      if (query.from !== undefined) where.push(`at >= to_timestamp(${param(query.from)}::double precision / 1000)`);
      if (query.to !== undefined) where.push(`at < to_timestamp(${param(query.to)}::double precision / 1000)`);
      const { rows } = await pool.query<AuditRow>(
        `SELECT seq, at, operator_name, action, station_name, order_number, label_id, details FROM audit_log
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY seq DESC LIMIT ${param(limit + 1)}`,
        values,
      );
      const page = rows.slice(0, limit).map((row): AuditEntry => ({
        seq: row.seq,
        at: row.at.getTime(),
        operator: row.operator_name,
        action: row.action,
        station: row.station_name,
        orderNumber: row.order_number,
        labelId: row.label_id,
        ...fromDetailsColumn(row.details),
      }));
      return { entries: page, nextCursor: rows.length > limit ? page[page.length - 1]!.seq : null };
    },
    async printedBefore(labelIds) {
      if (labelIds.length === 0) return new Set();
      const { rows } = await pool.query<{ label_id: string }>(
        `SELECT DISTINCT label_id FROM audit_log WHERE label_id = ANY($1) AND action IN ('label_printed', 'label_reprinted')`,
        [labelIds],
      );
      return new Set(rows.map((r) => r.label_id));
    },
  };
}
