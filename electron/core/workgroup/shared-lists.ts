import type pg from 'pg';
import type { z } from 'zod';
import { SavedMapping } from '../../../shared/domain/batch-mapping';
import { PackagePreset, SenderAddress } from '../../../shared/domain/settings';
import { catalogueRows, createPgSkuCatalogueStore, INSERT_CATALOGUE_ROWS } from '../catalogue/pg-sku-catalogue-store';
import type { SkuCatalogueStore } from '../catalogue/sku-catalogue-store';
import type { Logger } from '../logger';
import { settingsLists, type ListStore, type SharedLists } from '../settings/list-store';
import type { SettingsService } from '../settings-store';
import { inTransaction, pgFailure, type Queryable } from '../storage/pg/pool';
import type { Synchronous } from '../storage/promised';
import type { RoutedStorage } from '../storage/routed';

/** The PostgreSQL table of each shared list (migration 7). */
export const LIST_TABLES = { senders: 'shared_senders', presets: 'shared_presets', mappings: 'shared_mappings' } as const;
type ListKind = keyof typeof LIST_TABLES;

/**
 * One shared list in the workgroup's PostgreSQL: each item its settings document (jsonb), in the
 * order first saved (seq; a replacement keeps its place). A document is validated with its zod
 * schema when read; one that does not pass (written by a newer station, say) is left out and logged.
 */
export function createPgList<T extends { id: string }>(
  pool: Queryable,
  table: (typeof LIST_TABLES)[ListKind],
  schema: z.ZodType<T>,
  options: { logger?: Logger; now?: () => number } = {},
): ListStore<T> {
  const now = options.now ?? Date.now;
  const parsed = (document: unknown): T | null => {
    const result = schema.safeParse(document);
    if (result.success) return result.data;
    options.logger?.warn('workgroup.shared_item_unreadable', { table, issue: result.error.issues[0]?.message });
    return null;
  };
  const write = async <R>(work: () => Promise<R>): Promise<R> => {
    try {
      return await work();
    } catch (error) {
      throw pgFailure(error);
    }
  };
  return {
    async list() {
      const { rows } = await pool.query<{ document: unknown }>(`SELECT document FROM ${table} ORDER BY seq`);
      return rows.flatMap((r) => parsed(r.document) ?? []);
    },
    async get(id) {
      const { rows } = await pool.query<{ document: unknown }>(`SELECT document FROM ${table} WHERE id = $1`, [id]);
      return rows[0] ? parsed(rows[0].document) : null;
    },
    async save(item) {
      const document = schema.parse(item);
      await write(() =>
        pool.query(
          `INSERT INTO ${table} (id, document, updated_at) VALUES ($1, $2::jsonb, $3)
          ON CONFLICT (id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at`,
          [document.id, JSON.stringify(document), now()],
        ),
      );
    },
    async remove(id) {
      return write(async () => ((await pool.query(`DELETE FROM ${table} WHERE id = $1`, [id])).rowCount ?? 0) > 0);
    },
  };
}

/** The workgroup's lists on its pool (migration 7). */
export function createPgLists(pool: pg.Pool, options: { logger?: Logger; now?: () => number } = {}): SharedLists {
  return {
    senders: createPgList(pool, LIST_TABLES.senders, SenderAddress, options),
    presets: createPgList(pool, LIST_TABLES.presets, PackagePreset, options),
    mappings: createPgList(pool, LIST_TABLES.mappings, SavedMapping, options),
    catalogue: createPgSkuCatalogueStore(pool),
  };
}

/** What a station brings to a workgroup the first time: its own lists. */
export interface OwnLists {
  senders: readonly SenderAddress[];
  presets: readonly PackagePreset[];
  mappings: readonly SavedMapping[];
  catalogue: Synchronous<Pick<SkuCatalogueStore, 'all'>>;
}

/**
 * Copies this station's own lists up into the workgroup, each kind only when the workgroup has
 * none of it and none was ever copied up (so a list every station emptied stays empty). Each kind
 * is one transaction that first takes that kind's row in `shared_list_seeds`: of two stations
 * seeding at once the second waits for the first to commit, then finds the row taken and copies
 * nothing. The items go in with ON CONFLICT DO NOTHING on their id, so seeding again never
 * duplicates. Answers the kinds this station copied up.
 */
export async function seedSharedLists(
  pool: pg.Pool,
  own: OwnLists,
  station: string,
  now: () => number = Date.now,
): Promise<(ListKind | 'catalogue')[]> {
  const seeded: (ListKind | 'catalogue')[] = [];
  const claim = async (client: pg.PoolClient, kind: ListKind | 'catalogue', table: string) => {
    const taken = await client.query(
      `INSERT INTO shared_list_seeds (kind, station_id, seeded_at) VALUES ($1, $2, $3) ON CONFLICT (kind) DO NOTHING RETURNING kind`,
      [kind, station, now()],
    );
    if (taken.rowCount === 0) return false;
    const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${table}) AS any`);
    return !rows[0]!.any;
  };
  try {
    for (const kind of Object.keys(LIST_TABLES) as ListKind[]) {
      const items = own[kind];
      if (items.length === 0) continue; // Nothing to bring: the next station with some may seed.
      const table = LIST_TABLES[kind];
      await inTransaction(pool, async (client) => {
        if (!(await claim(client, kind, table))) return;
        await client.query(
          `INSERT INTO ${table} (id, document, updated_at)
          SELECT x.document->>'id', x.document, $2 FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(document, n)
          ORDER BY x.n
          ON CONFLICT (id) DO NOTHING`,
          [JSON.stringify(items), now()],
        );
        seeded.push(kind);
      });
    }
    const entries = own.catalogue.all();
    if (entries.length > 0) {
      await inTransaction(pool, async (client) => {
        if (!(await claim(client, 'catalogue', 'sku_catalogue'))) return;
        const times = new Map(entries.map((e) => [e.sku, Date.parse(e.updatedAt)]));
        await client.query(`${INSERT_CATALOGUE_ROWS} ON CONFLICT (sku) DO NOTHING`, [catalogueRows(entries, (e) => times.get(e.sku)!)]);
        await client.query('UPDATE sku_catalogue_version SET version = version + 1');
        seeded.push('catalogue');
      });
    }
  } catch (error) {
    throw pgFailure(error);
  }
  return seeded;
}

export interface RoutedListsDeps {
  settings: SettingsService;
  /** This station's SQLite catalogue (synchronous): its catalogue on its own, and what it copies up. */
  catalogue: Synchronous<SkuCatalogueStore>;
  /** Routes each call to the workgroup's pool while the station is in one (createRoutedStorage). */
  route: RoutedStorage['route'];
  /**
   * Whether the station hears the workgroup's live updates now (LiveUpdates.listening): only then
   * are the shared lists it read kept, until `forget()` (a live 'lists' notification). Without it
   * every call reads the database.
   */
  listening?: () => boolean;
  logger: Logger;
  now?: () => number;
}

export interface RoutedLists extends SharedLists {
  /** Copies this station's own lists up to its workgroup if not done on this connection yet (the first use does it too). */
  seed(): Promise<void>;
  /** Some station changed a shared list (a live 'lists' notification, or listening again): what was kept is read again. */
  forget(): void;
}

/**
 * Keeps what a workgroup's lists answered while `fresh()` holds and nothing changed since: a
 * scan reads the default sender, preset and the catalogue's snapshot, three round trips to
 * PostgreSQL each time without it (issue 18's scan-to-print overhead); the batch service keeps
 * station mode's count of loaded orders the same way (`value`, its writes through `writing`). `generation` moves on at
 * `forget()` and around every write through this station; a read that began before a move is
 * answered but not kept, so a notification that arrives while a read is under way is never lost.
 */
export function createListCache(fresh: () => boolean) {
  let generation = 0;
  const kept = <V>(load: () => Promise<V>) => {
    let held: { generation: number; value: V } | null = null;
    /** Reads the database, and keeps the answer if nothing moved meanwhile. */
    const keep = async (): Promise<V> => {
      const at = generation;
      const value = await load();
      held = at === generation && fresh() ? { generation: at, value } : null;
      return value;
    };
    /** What is kept, or else a read. */
    const read = async (): Promise<V> => (held && held.generation === generation && fresh() ? held.value : keep());
    return { read, keep };
  };
  /** A write: whatever it changes is read again afterwards (its own notification comes later). */
  const writing =
    <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      generation++;
      try {
        return await write(...args);
      } finally {
        generation++;
      }
    };
  return {
    forget: () => void generation++,
    /** One value (what `load` answers), kept as the lists are: `read()` answers what is kept, or else reads. */
    value: <V>(load: () => Promise<V>) => kept(load).read,
    /** A write through this station: whatever is kept is read again afterwards. */
    writing,
    list<T extends { id: string }>(store: ListStore<T>): ListStore<T> {
      const { read, keep } = kept(() => store.list());
      // A screen's list is read from the database each time (and kept); a scan's get by id uses
      // what is kept. Copies: a caller that changes what it got does not change what is kept.
      return {
        list: async () => structuredClone(await keep()),
        get: async (id) => structuredClone((await read()).find((x) => x.id === id) ?? null),
        save: writing((item: T) => store.save(item)),
        remove: writing((id: string) => store.remove(id)),
      };
    },
    catalogue(store: SkuCatalogueStore): SkuCatalogueStore {
      const snapshot = kept(() => store.snapshot()).read;
      return {
        ...store,
        upsert: writing(store.upsert.bind(store)),
        remove: writing(store.remove.bind(store)),
        snapshot,
      };
    },
  };
}

/**
 * Senders, package presets, saved mappings and the product catalogue as the services use them
 * (docs/architecture.md, "Storage backends"): the station's settings file and SQLite on its own,
 * the workgroup's PostgreSQL while in one, routed per call like the history. The first use of a
 * workgroup's pool copies the station's own lists up (seedSharedLists) before anything else.
 */
export function createRoutedLists(deps: RoutedListsDeps): RoutedLists {
  const { settings, logger } = deps;
  const local = settingsLists(settings, deps.catalogue);
  const onPool = new WeakMap<pg.Pool, { lists: SharedLists; ready: () => Promise<void> }>();
  const cache = createListCache(deps.listening ?? (() => false));

  const ready = (pool: pg.Pool) => {
    let seeding: Promise<void> | null = null;
    return () => {
      seeding ??= (async () => {
        const s = settings.read();
        const station = s.workgroup?.stationId ?? 'unknown';
        const copied = await seedSharedLists(
          pool,
          { senders: s.senders, presets: s.packagePresets, mappings: s.batchMappings, catalogue: deps.catalogue },
          station,
          deps.now,
        );
        if (copied.length) logger.info('workgroup.lists_seeded', { kinds: copied });
      })().catch((error: unknown) => {
        seeding = null; // Tried again on the next use.
        throw error;
      });
      return seeding;
    };
  };

  /** Every method waits for the seeding of its pool first. */
  const afterSeed = <T extends object>(impl: T, seeded: () => Promise<void>): T =>
    Object.fromEntries(
      Object.entries(impl as Record<string, (...a: unknown[]) => Promise<unknown>>).map(([name, method]) => [
        name,
        async (...args: unknown[]) => {
          await seeded();
          return method(...args);
        },
      ]),
    ) as T;

  const shared = (pool: pg.Pool) => {
    let found = onPool.get(pool);
    if (!found) {
      const seeded = ready(pool);
      const lists = createPgLists(pool, { logger, now: deps.now });
      found = {
        ready: seeded,
        lists: {
          senders: cache.list(afterSeed(lists.senders, seeded)),
          presets: cache.list(afterSeed(lists.presets, seeded)),
          mappings: cache.list(afterSeed(lists.mappings, seeded)),
          catalogue: cache.catalogue(afterSeed(lists.catalogue, seeded)),
        },
      };
      onPool.set(pool, found);
    }
    return found;
  };

  const routed = {
    senders: deps.route(local.senders, (pool) => shared(pool).lists.senders),
    presets: deps.route(local.presets, (pool) => shared(pool).lists.presets),
    mappings: deps.route(local.mappings, (pool) => shared(pool).lists.mappings),
    catalogue: deps.route(local.catalogue, (pool) => shared(pool).lists.catalogue),
  };
  // seed() goes through the same route: nothing on a station on its own.
  const seeder = deps.route({ seed: async () => undefined }, (pool) => ({ seed: () => shared(pool).ready() }));
  return { ...routed, seed: () => seeder.seed(), forget: cache.forget };
}
