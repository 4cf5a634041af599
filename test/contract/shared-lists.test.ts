import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteSkuCatalogueStore } from '../../electron/core/catalogue/sku-catalogue-store';
import { openDatabase } from '../../electron/core/db/database';
import { silentLogger } from '../../electron/core/logger';
import { settingsLists, type ListStore, type SharedLists } from '../../electron/core/settings/list-store';
import { openSettings } from '../../electron/core/settings-store';
import { openMigratedPool } from '../../electron/core/storage/pg';
import { createPgLists, seedSharedLists, type OwnLists } from '../../electron/core/workgroup/shared-lists';
import type { SavedMapping } from '../../shared/domain/batch-mapping';
import type { PackagePreset, SenderAddress } from '../../shared/domain/settings';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { settingsFor } from '../support/test-station';

// The shared lists of issue 18 item 3 (senders, package presets, saved CSV mappings, the product
// catalogue by SKU): one contract, run against a station's own settings file and SQLite and
// against a workgroup's PostgreSQL (a real server), then PostgreSQL's own rules (reading
// documents back through their schemas, seeding a workgroup from a station once).

const party = {
  contact: { firstName: 'Aiko', phone: '+81-3-1234-5678' },
  address: { streetLines: ['1-2-3 Shibuya'], city: 'Tokyo', postalCode: '150-0002', countryCode: 'JP' as const },
};
const sender = (id: string, name: string): SenderAddress => ({ id, name, party });
const preset = (id: string, name: string, weight = 0.5): PackagePreset => ({ id, name, weight });
const mapping = (id: string, name: string, orderNumber = 'Order'): SavedMapping => ({
  id,
  name,
  mapping: { orderNumber },
  headers: [orderNumber, 'Name'],
  savedAt: 1_760_000_000_000,
});
const entry = (sku: string, descriptionEn: string, extra: Record<string, unknown> = {}) => ({ sku, descriptionEn, ...extra });

type Open = () => Promise<{ lists: SharedLists; close(): Promise<void> }>;

function listContract<T extends { id: string; name: string }>(
  kind: 'senders' | 'presets' | 'mappings',
  make: (id: string, name: string) => T,
  open: Open,
) {
  describe(kind, () => {
    let lists: SharedLists;
    let close: () => Promise<void>;
    afterEach(async () => close?.());
    const store = async () => {
      ({ lists, close } = await open());
      return lists[kind] as unknown as ListStore<T>;
    };

    it('keeps items in the order first saved; saving an id again replaces it in its place', async () => {
      const s = await store();
      expect(await s.list()).toEqual([]);
      await s.save(make('a', 'First'));
      await s.save(make('b', 'Second'));
      await s.save(make('c', 'Third'));
      await s.save(make('a', 'First, renamed'));
      expect((await s.list()).map((x) => [x.id, x.name])).toEqual([
        ['a', 'First, renamed'],
        ['b', 'Second'],
        ['c', 'Third'],
      ]);
      expect(await s.get('a')).toEqual(make('a', 'First, renamed'));
      expect(await s.get('nope')).toBeNull();
    });

    it('removes by id, saying whether there was one', async () => {
      const s = await store();
      await s.save(make('a', 'First'));
      await s.save(make('b', 'Second'));
      expect(await s.remove('a')).toBe(true);
      expect(await s.remove('a')).toBe(false);
      expect(await s.list()).toEqual([make('b', 'Second')]);
      expect(await s.get('a')).toBeNull();
    });

    it('refuses an item its schema refuses, and keeps the list as it was', async () => {
      const s = await store();
      await s.save(make('a', 'First'));
      await expect(s.save({ ...make('b', 'Second'), name: '' })).rejects.toThrow();
      expect((await s.list()).map((x) => x.id)).toEqual(['a']);
    });
  });
}

function catalogueContract(open: Open) {
  describe('the product catalogue', () => {
    let lists: SharedLists;
    let close: () => Promise<void>;
    afterEach(async () => close?.());
    const store = async () => {
      ({ lists, close } = await open());
      return lists.catalogue;
    };

    it('upserts by normalised SKU in one step, counting new and replaced ones, and reads them back as saved', async () => {
      const c = await store();
      expect(
        await c.upsert([entry('ts-01', 'T-shirt', { unitWeight: 0.2, declaredValue: 12, currency: 'USD' }), entry('MUG-9', 'Mug')], 1000),
      ).toEqual({
        added: 2,
        updated: 0,
      });
      expect(
        await c.upsert([entry('TS-01', 'T-shirt, cotton', { hsCode: '610910', originCountry: 'JP' }), entry('NB-A5', 'Notebook')], 2000),
      ).toEqual({
        added: 1,
        updated: 1,
      });
      expect(await c.get(' ts-01 ')).toEqual({
        sku: 'TS-01',
        descriptionEn: 'T-shirt, cotton',
        hsCode: '610910',
        originCountry: 'JP',
        updatedAt: new Date(2000).toISOString(),
      });
      expect(await c.get('none')).toBeNull();
      expect((await c.all()).map((e) => e.sku)).toEqual(['MUG-9', 'NB-A5', 'TS-01']);
      expect((await c.many(['nb-a5', 'none', 'MUG-9', 'NB-A5'])).map((e) => e.sku)).toEqual(['NB-A5', 'MUG-9']);
      expect(await c.upsert([], 3000)).toEqual({ added: 0, updated: 0 });
    });

    it('pages and searches SKUs and descriptions without ASCII case, "%" and "_" as themselves', async () => {
      const c = await store();
      await c.upsert(
        [
          entry('A-1', 'Red mug'),
          entry('A-2', 'Blue MUG'),
          entry('B-1', '100% cotton'),
          entry('B_2', 'Tee', { descriptionLocal: 'Tシャツ' }),
        ],
        1000,
      );
      const page = await c.page({ limit: 2, offset: 1 });
      expect(page).toMatchObject({ total: 4, offset: 1, limit: 2 });
      expect(page.entries.map((e) => e.sku)).toEqual(['A-2', 'B-1']);
      expect((await c.page({ query: 'mug' })).entries.map((e) => e.sku)).toEqual(['A-1', 'A-2']);
      expect((await c.page({ query: 'a-' })).total).toBe(2);
      expect((await c.page({ query: '%' })).entries.map((e) => e.sku)).toEqual(['B-1']);
      expect((await c.page({ query: '_' })).entries.map((e) => e.sku)).toEqual(['B_2']);
      expect((await c.page({ query: 'シャツ' })).entries.map((e) => e.sku)).toEqual(['B_2']);
      expect(await c.page({ query: 'nothing' })).toMatchObject({ entries: [], total: 0 });
    });

    it('removes by SKU, and its snapshot is the same object until the catalogue changes', async () => {
      const c = await store();
      await c.upsert([entry('A-1', 'Red mug'), entry('A-2', 'Blue mug')], 1000);
      const first = await c.snapshot();
      expect([...first.entries.keys()]).toEqual(['A-1', 'A-2']);
      expect(await c.snapshot()).toBe(first);
      expect(await c.remove('a-1')).toBe(true);
      expect(await c.remove('a-1')).toBe(false);
      const second = await c.snapshot();
      expect(second).not.toBe(first);
      expect(second.version).not.toBe(first.version);
      expect([...second.entries.keys()]).toEqual(['A-2']);
      // Only the version goes into the batch build's key, never the entries.
      expect(JSON.stringify(second)).not.toContain('A-2');
      await c.upsert([entry('A-3', 'Green mug')], 2000);
      expect([...(await c.snapshot()).entries.keys()]).toEqual(['A-2', 'A-3']);
    });
  });
}

function sharedListsContract(name: string, open: Open) {
  describe(name, () => {
    listContract('senders', sender, open);
    listContract('presets', (id, n) => preset(id, n), open);
    listContract('mappings', (id, n) => mapping(id, n), open);
    catalogueContract(open);
  });
}

// A station on its own: its settings file and its SQLite.
sharedListsContract('settings file and SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ffs-lists-'));
  const settings = openSettings({ ...settingsFor(dir), logger: silentLogger });
  const database = openDatabase(join(dir, 'station.sqlite'));
  return { lists: settingsLists(settings, createSqliteSkuCatalogueStore(database)), close: async () => database.close() };
});

// A workgroup: its PostgreSQL (one database for this file, emptied before each test).
let db: TestDatabase;
let pool: pg.Pool;
beforeAll(async () => {
  db = await createTestDatabase();
  pool = await openMigratedPool(db.connection, () => undefined);
});
afterAll(async () => {
  await pool?.end();
  await db?.drop();
});
const emptyLists = () =>
  pool.query('TRUNCATE shared_senders, shared_presets, shared_mappings, sku_catalogue, shared_list_seeds RESTART IDENTITY');

sharedListsContract('PostgreSQL', async () => {
  await emptyLists();
  return { lists: createPgLists(pool, { logger: silentLogger }), close: async () => undefined };
});

describe('PostgreSQL only', () => {
  const own = (over: Partial<OwnLists> = {}): OwnLists => ({
    senders: [],
    presets: [],
    mappings: [],
    catalogue: { all: () => [] },
    ...over,
  });
  const catalogueOf = (...skus: string[]) => ({
    all: () => skus.map((sku) => ({ sku, descriptionEn: `Item ${sku}`, updatedAt: new Date(5000).toISOString() })),
  });

  it('a document its schema no longer accepts is left out when read, the others still read', async () => {
    await emptyLists();
    const lists = createPgLists(pool, { logger: silentLogger });
    await lists.senders.save(sender('good', 'Tokyo'));
    await pool.query(`INSERT INTO shared_senders (id, document, updated_at) VALUES ('bad', '{"id":"bad","name":""}', 1)`);
    expect(await lists.senders.list()).toEqual([sender('good', 'Tokyo')]);
    expect(await lists.senders.get('bad')).toBeNull();
  });

  it('a workgroup without lists gets the first station’s own, once; a second station’s are not added, nor the first’s again', async () => {
    await emptyLists();
    const lists = createPgLists(pool, { logger: silentLogger });
    const a = own({
      senders: [sender('s-a1', 'Tokyo'), sender('s-a2', 'Osaka')],
      presets: [preset('p-a', 'Small box')],
      mappings: [mapping('m-a', 'Shopify')],
      catalogue: catalogueOf('TS-01', 'MUG-9'),
    });
    expect(await seedSharedLists(pool, a, 'station-a')).toEqual(['senders', 'presets', 'mappings', 'catalogue']);
    expect(await seedSharedLists(pool, a, 'station-a')).toEqual([]);
    expect(await seedSharedLists(pool, own({ senders: [sender('s-b', 'Kobe')], catalogue: catalogueOf('NB-A5') }), 'station-b')).toEqual(
      [],
    );
    expect((await lists.senders.list()).map((s) => s.id)).toEqual(['s-a1', 's-a2']);
    expect(await lists.presets.list()).toEqual([preset('p-a', 'Small box')]);
    expect(await lists.mappings.list()).toEqual([mapping('m-a', 'Shopify')]);
    expect((await lists.catalogue.all()).map((e) => [e.sku, e.updatedAt])).toEqual([
      ['MUG-9', new Date(5000).toISOString()],
      ['TS-01', new Date(5000).toISOString()],
    ]);
  });

  it('two stations seeding at once: one station’s lists, each item once', async () => {
    await emptyLists();
    const lists = createPgLists(pool, { logger: silentLogger });
    const a = own({ senders: [sender('s-a', 'Tokyo'), sender('shared-id', 'Tokyo 2')], catalogue: catalogueOf('TS-01') });
    const b = own({ senders: [sender('s-b', 'Kobe'), sender('shared-id', 'Kobe 2')], catalogue: catalogueOf('NB-A5') });
    const [ofA, ofB] = await Promise.all([seedSharedLists(pool, a, 'station-a'), seedSharedLists(pool, b, 'station-b')]);
    expect([...ofA, ...ofB].sort()).toEqual(['catalogue', 'senders']);
    const ids = (await lists.senders.list()).map((s) => s.id);
    expect([
      ['s-a', 'shared-id'],
      ['s-b', 'shared-id'],
    ]).toContainEqual(ids);
    expect((await lists.catalogue.all()).length).toBe(1);
    const seeds = await pool.query<{ kind: string; n: number }>(
      'SELECT kind, count(*)::int AS n FROM shared_list_seeds GROUP BY kind ORDER BY kind',
    );
    expect(seeds.rows).toEqual([
      { kind: 'catalogue', n: 1 },
      { kind: 'senders', n: 1 },
    ]);
  });

  it('a kind a station had none of is left for the next station; a kind the workgroup already filled is never seeded, and one emptied stays empty', async () => {
    await emptyLists();
    const lists = createPgLists(pool, { logger: silentLogger });
    // A station with no presets claims nothing of that kind.
    expect(await seedSharedLists(pool, own({ senders: [sender('s-a', 'Tokyo')] }), 'station-a')).toEqual(['senders']);
    // The workgroup saves a preset before any station brought one: a station with presets adds none.
    await lists.presets.save(preset('p-wg', 'Workgroup box'));
    expect(await seedSharedLists(pool, own({ presets: [preset('p-b', 'Kobe box')] }), 'station-b')).toEqual([]);
    expect(await lists.presets.list()).toEqual([preset('p-wg', 'Workgroup box')]);
    // Every sender removed: a station that connects again does not bring its own back.
    await lists.senders.remove('s-a');
    expect(await seedSharedLists(pool, own({ senders: [sender('s-a', 'Tokyo')] }), 'station-a')).toEqual([]);
    expect(await lists.senders.list()).toEqual([]);
    // Mappings: none brought yet, so the first station with some brings them.
    expect(await seedSharedLists(pool, own({ mappings: [mapping('m-c', 'Rakuten')] }), 'station-c')).toEqual(['mappings']);
    expect(await lists.mappings.list()).toEqual([mapping('m-c', 'Rakuten')]);
  });

  it('seeding changes the catalogue’s version, so a snapshot read before is read again', async () => {
    await emptyLists();
    const lists = createPgLists(pool, { logger: silentLogger });
    const before = await lists.catalogue.snapshot();
    expect(before.entries.size).toBe(0);
    await seedSharedLists(pool, own({ catalogue: catalogueOf('TS-01') }), 'station-a');
    expect([...(await lists.catalogue.snapshot()).entries.keys()]).toEqual(['TS-01']);
  });
});
