import type pg from 'pg';
import { DEFAULT_CATALOGUE_PAGE, MAX_CATALOGUE_PAGE, normaliseSku, type SkuCatalogueEntry } from '../../../shared/domain/sku-catalogue';
import { inTransaction, pgFailure } from '../storage/pg/pool';
import {
  likePattern,
  Snapshot,
  toEntry,
  type SkuCatalogueRecord,
  type SkuCatalogueRow,
  type SkuCatalogueStore,
} from './sku-catalogue-store';

/** The columns of an entry as jsonb_to_recordset reads them (the order of the INSERTs below). */
const RECORD = `x(sku text, description_en text, description_local text, hs_code text, origin_country text,
  unit_weight double precision, declared_value double precision, currency text, updated_at bigint)`;

/** Entries as the JSON array jsonb_to_recordset reads: SKUs normalised, an SKU given twice kept once (the last). */
export function catalogueRows(entries: readonly SkuCatalogueRecord[], now: number | ((e: SkuCatalogueRecord) => number)): string {
  const bySku = new Map<string, Record<string, unknown>>();
  for (const e of entries) {
    const sku = normaliseSku(e.sku);
    bySku.set(sku, {
      sku,
      description_en: e.descriptionEn,
      description_local: e.descriptionLocal ?? null,
      hs_code: e.hsCode ?? null,
      origin_country: e.originCountry ?? null,
      unit_weight: e.unitWeight ?? null,
      declared_value: e.declaredValue ?? null,
      currency: e.currency ?? null,
      updated_at: typeof now === 'number' ? now : now(e),
    });
  }
  return JSON.stringify([...bySku.values()]);
}

/** The INSERT of catalogueRows' JSON ($1): every column of sku_catalogue, in SQLite's order. */
export const INSERT_CATALOGUE_ROWS = `INSERT INTO sku_catalogue (sku, description_en, description_local, hs_code, origin_country, unit_weight, declared_value, currency, updated_at)
  SELECT sku, description_en, description_local, hs_code, origin_country, unit_weight, declared_value, currency, updated_at
  FROM jsonb_to_recordset($1::jsonb) AS ${RECORD}`;

/**
 * The product catalogue of a workgroup, in its PostgreSQL (migration 7, sku_catalogue): the same
 * answers as the station's SQLite store (electron/core/catalogue/sku-catalogue-store.ts). The
 * search is ILIKE on "C"-collated text, which folds ASCII case only, as SQLite's LIKE does. Every
 * change bumps `sku_catalogue_version` in its transaction, so a snapshot is read again only when
 * some station changed the catalogue.
 */
export function createPgSkuCatalogueStore(pool: pg.Pool): SkuCatalogueStore {
  let cached: Snapshot | null = null;
  const rows = async (sql: string, params: unknown[] = []) => (await pool.query<SkuCatalogueRow>(sql, params)).rows;
  const bump = (client: pg.PoolClient) => client.query('UPDATE sku_catalogue_version SET version = version + 1');
  const write = async <T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
    try {
      return await inTransaction(pool, work);
    } catch (error) {
      throw pgFailure(error);
    }
  };
  const search = `sku ILIKE $1 ESCAPE '\\' OR description_en ILIKE $2 ESCAPE '\\' OR description_local ILIKE $3 ESCAPE '\\'`;

  return {
    async page(request = {}) {
      const limit = Math.min(request.limit ?? DEFAULT_CATALOGUE_PAGE, MAX_CATALOGUE_PAGE);
      const offset = request.offset ?? 0;
      const query = request.query?.trim() ?? '';
      if (!query) {
        const found = await rows('SELECT * FROM sku_catalogue ORDER BY sku LIMIT $1 OFFSET $2', [limit, offset]);
        return { entries: found.map(toEntry), total: await count(''), offset, limit };
      }
      const patterns = [likePattern(normaliseSku(query)), likePattern(query), likePattern(query)];
      const found = await rows(`SELECT * FROM sku_catalogue WHERE ${search} ORDER BY sku LIMIT $4 OFFSET $5`, [...patterns, limit, offset]);
      return { entries: found.map(toEntry), total: await count(search, patterns), offset, limit };
    },
    async get(sku) {
      const [row] = await rows('SELECT * FROM sku_catalogue WHERE sku = $1', [normaliseSku(sku)]);
      return row ? toEntry(row) : null;
    },
    async many(skus) {
      const wanted = [...new Set(skus.map(normaliseSku).filter(Boolean))];
      if (wanted.length === 0) return [];
      const found = new Map((await rows('SELECT * FROM sku_catalogue WHERE sku = ANY($1::text[])', [wanted])).map((r) => [r.sku, r]));
      // In the order asked, as the SQLite store answers.
      return wanted.flatMap((sku) => (found.has(sku) ? [toEntry(found.get(sku)!)] : []));
    },
    async upsert(entries, now) {
      if (entries.length === 0) return { added: 0, updated: 0 };
      const added = await write(async (client) => {
        // xmax = 0: the row was inserted by this statement, not updated.
        const result = await client.query<{ inserted: boolean }>(
          `${INSERT_CATALOGUE_ROWS}
          ON CONFLICT (sku) DO UPDATE SET
            description_en = excluded.description_en, description_local = excluded.description_local, hs_code = excluded.hs_code,
            origin_country = excluded.origin_country, unit_weight = excluded.unit_weight, declared_value = excluded.declared_value,
            currency = excluded.currency, updated_at = excluded.updated_at
          RETURNING (xmax = 0) AS inserted`,
          [catalogueRows(entries, now)],
        );
        await bump(client);
        return result.rows.filter((r) => r.inserted).length;
      });
      return { added, updated: entries.length - added };
    },
    async remove(sku) {
      return write(async (client) => {
        const removed = (await client.query('DELETE FROM sku_catalogue WHERE sku = $1', [normaliseSku(sku)])).rowCount! > 0;
        if (removed) await bump(client);
        return removed;
      });
    },
    all: async () => (await rows('SELECT * FROM sku_catalogue ORDER BY sku')).map(toEntry),
    async snapshot() {
      const [{ version } = { version: 0 }] = (await pool.query<{ version: number }>('SELECT version FROM sku_catalogue_version')).rows;
      if (cached?.version === version) return cached;
      const entries = (await rows('SELECT * FROM sku_catalogue ORDER BY sku')).map((row): [string, SkuCatalogueEntry] => [
        row.sku,
        toEntry(row),
      ]);
      // Read after the version: a change in between bumps it again, so the next snapshot reads once more.
      cached = new Snapshot(version, new Map(entries), 'workgroup');
      return cached;
    },
  };

  async function count(where: string, params: unknown[] = []): Promise<number> {
    const sql = `SELECT count(*) AS n FROM sku_catalogue${where ? ` WHERE ${where}` : ''}`;
    return (await pool.query<{ n: number }>(sql, params)).rows[0]!.n;
  }
}
