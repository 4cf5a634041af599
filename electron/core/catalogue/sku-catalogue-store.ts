import type { SQLInputValue, StatementSync } from 'node:sqlite';
import {
  DEFAULT_CATALOGUE_PAGE,
  MAX_CATALOGUE_PAGE,
  normaliseSku,
  type SkuCatalogueEntry,
  type SkuCataloguePage,
  type SkuCataloguePageRequest,
  type SkuCatalogueSnapshot,
} from '../../../shared/domain/sku-catalogue';
import type { StationDatabase } from '../db/database';
import { storageFailure } from '../db/storage-error';
import { promised, type Synchronous } from '../storage/promised';

/** An entry as saved: validated (SkuCatalogueEntryInput's output), without its time stamp. */
export type SkuCatalogueRecord = Omit<SkuCatalogueEntry, 'updatedAt'>;

/**
 * The product catalogue by SKU: the station database's (migration 5, table sku_catalogue), or in
 * a workgroup the shared PostgreSQL's (pg-sku-catalogue-store.ts), routed by
 * electron/core/workgroup/shared-lists.ts.
 */
export interface SkuCatalogueStore {
  page(request?: SkuCataloguePageRequest): Promise<SkuCataloguePage>;
  get(sku: string): Promise<SkuCatalogueEntry | null>;
  /** Entries of these SKUs that exist (normalised), in one query. */
  many(skus: readonly string[]): Promise<SkuCatalogueEntry[]>;
  /** Inserts or replaces each entry by SKU, all in one transaction; answers how many were new. */
  upsert(entries: readonly SkuCatalogueRecord[], now: number): Promise<{ added: number; updated: number }>;
  remove(sku: string): Promise<boolean>;
  /** Every entry, by SKU (the CSV export). */
  all(): Promise<SkuCatalogueEntry[]>;
  /** The whole catalogue for building imports; the same object until the catalogue changes. */
  snapshot(): Promise<SkuCatalogueSnapshot>;
}

export interface SkuCatalogueRow {
  sku: string;
  description_en: string;
  description_local: string | null;
  hs_code: string | null;
  origin_country: string | null;
  unit_weight: number | null;
  declared_value: number | null;
  currency: string | null;
  updated_at: number;
}

export const toEntry = (row: SkuCatalogueRow): SkuCatalogueEntry => {
  const entry: SkuCatalogueEntry = { sku: row.sku, descriptionEn: row.description_en, updatedAt: new Date(row.updated_at).toISOString() };
  if (row.description_local !== null) entry.descriptionLocal = row.description_local;
  if (row.hs_code !== null) entry.hsCode = row.hs_code;
  if (row.origin_country !== null) entry.originCountry = row.origin_country as SkuCatalogueEntry['originCountry'];
  if (row.unit_weight !== null) entry.unitWeight = row.unit_weight;
  if (row.declared_value !== null) entry.declaredValue = row.declared_value;
  if (row.currency !== null) entry.currency = row.currency as SkuCatalogueEntry['currency'];
  return entry;
};

/** `%` and `_` typed in the search box are themselves, not wildcards. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The snapshot hides its entries from JSON.stringify: the batch import compares the JSON of its
 * defaults to decide whether orders must be built again, and a catalogue of thousands of SKUs
 * would be stringified on every preview page. The version says everything that comparison needs.
 * A worker thread receives the snapshot by structured clone, which copies the entries (own
 * properties) and drops this prototype method.
 */
export class Snapshot implements SkuCatalogueSnapshot {
  constructor(
    readonly version: number,
    readonly entries: ReadonlyMap<string, SkuCatalogueEntry>,
    /** Whose catalogue: this station's or its workgroup's (their versions count apart). */
    readonly source: 'station' | 'workgroup' = 'station',
  ) {}
  toJSON() {
    return { skuCatalogueVersion: this.version, source: this.source };
  }
}

/** The station database's catalogue as the services see it (async, each call one SQLite step). */
export const createSkuCatalogueStore = (database: StationDatabase): SkuCatalogueStore => promised(createSqliteSkuCatalogueStore(database));

/** The station database's catalogue, synchronous (node:sqlite): also what a station copies up when it joins a workgroup. */
export function createSqliteSkuCatalogueStore(database: StationDatabase): Synchronous<SkuCatalogueStore> {
  const { db } = database;
  const prepare = (sql: string): StatementSync => db.prepare(sql);
  const upsertRow = prepare(`
    INSERT INTO sku_catalogue (sku, description_en, description_local, hs_code, origin_country, unit_weight, declared_value, currency, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (sku) DO UPDATE SET
      description_en = excluded.description_en, description_local = excluded.description_local, hs_code = excluded.hs_code,
      origin_country = excluded.origin_country, unit_weight = excluded.unit_weight, declared_value = excluded.declared_value,
      currency = excluded.currency, updated_at = excluded.updated_at`);
  const exists = prepare('SELECT 1 AS found FROM sku_catalogue WHERE sku = ?');
  const bySku = prepare('SELECT * FROM sku_catalogue WHERE sku = ?');
  const deleteRow = prepare('DELETE FROM sku_catalogue WHERE sku = ?');
  const allRows = prepare('SELECT * FROM sku_catalogue ORDER BY sku');
  const search = `sku LIKE ? ESCAPE '\\' OR description_en LIKE ? ESCAPE '\\' OR description_local LIKE ? ESCAPE '\\'`;
  const pageAll = prepare('SELECT * FROM sku_catalogue ORDER BY sku LIMIT ? OFFSET ?');
  const countAll = prepare('SELECT count(*) AS n FROM sku_catalogue');
  const pageSearch = prepare(`SELECT * FROM sku_catalogue WHERE ${search} ORDER BY sku LIMIT ? OFFSET ?`);
  const countSearch = prepare(`SELECT count(*) AS n FROM sku_catalogue WHERE ${search}`);

  let version = 1;
  let cached: Snapshot | null = null;
  const changed = () => {
    version += 1;
    cached = null;
  };

  const write = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      throw storageFailure(error) ?? error;
    }
  };

  return {
    page(request = {}) {
      const limit = Math.min(request.limit ?? DEFAULT_CATALOGUE_PAGE, MAX_CATALOGUE_PAGE);
      const offset = request.offset ?? 0;
      const query = request.query?.trim() ?? '';
      let rows: SkuCatalogueRow[];
      let total: number;
      if (query) {
        // The SKU is stored normalised: "ab-1" finds "AB-1" (LIKE folds ASCII case anyway; NFKC folds full width).
        const patterns: SQLInputValue[] = [likePattern(normaliseSku(query)), likePattern(query), likePattern(query)];
        rows = pageSearch.all(...patterns, limit, offset) as unknown as SkuCatalogueRow[];
        total = (countSearch.get(...patterns) as { n: number }).n;
      } else {
        rows = pageAll.all(limit, offset) as unknown as SkuCatalogueRow[];
        total = (countAll.get() as { n: number }).n;
      }
      return { entries: rows.map(toEntry), total, offset, limit };
    },
    get(sku) {
      const row = bySku.get(normaliseSku(sku)) as SkuCatalogueRow | undefined;
      return row ? toEntry(row) : null;
    },
    many(skus) {
      const wanted = [...new Set(skus.map(normaliseSku).filter(Boolean))];
      return wanted.flatMap((sku) => {
        const row = bySku.get(sku) as SkuCatalogueRow | undefined;
        return row ? [toEntry(row)] : [];
      });
    },
    upsert(entries, now) {
      if (entries.length === 0) return { added: 0, updated: 0 };
      return write(() => {
        let added = 0;
        db.exec('BEGIN IMMEDIATE');
        try {
          for (const e of entries) {
            const sku = normaliseSku(e.sku);
            if (!exists.get(sku)) added += 1;
            upsertRow.run(
              sku,
              e.descriptionEn,
              e.descriptionLocal ?? null,
              e.hsCode ?? null,
              e.originCountry ?? null,
              e.unitWeight ?? null,
              e.declaredValue ?? null,
              e.currency ?? null,
              now,
            );
          }
          db.exec('COMMIT');
        } catch (error) {
          if (db.isTransaction) db.exec('ROLLBACK');
          throw error;
        }
        changed();
        return { added, updated: entries.length - added };
      });
    },
    remove(sku) {
      const removed = write(() => Number(deleteRow.run(normaliseSku(sku)).changes) > 0);
      if (removed) changed();
      return removed;
    },
    all: () => (allRows.all() as unknown as SkuCatalogueRow[]).map(toEntry),
    snapshot() {
      cached ??= new Snapshot(version, new Map((allRows.all() as unknown as SkuCatalogueRow[]).map((row) => [row.sku, toEntry(row)])));
      return cached;
    },
  };
}
