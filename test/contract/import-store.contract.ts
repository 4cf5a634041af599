import { afterEach, describe, expect, it } from 'vitest';
import type { ImportStore, NewImport } from '../../electron/core/batch/import-store';
import { packRows } from '../../electron/core/batch/csv-table';
import { suggestMapping } from '../../electron/core/batch/mapping';
import type { LabelStore } from '../../electron/core/labels/label-store';
import { NO_IMPORT_OPTIONS } from '../../shared/domain/batch-view';
import { label, NOW } from './storage.contract';

/**
 * The import store's contract (docs/architecture.md, "Storage backends"): what the kept imports
 * answer, whichever backend keeps them. test/contract/import-store-sqlite.test.ts and
 * test/contract/import-store-postgres.test.ts run these same tests against the station's SQLite
 * (createImportStore) and a workgroup's PostgreSQL (createPgImportStore).
 */
export interface ImportStoreBackend {
  /** A fresh, empty store for one test, with the label history beside it (the list counts its labels). */
  open(): Promise<OpenedImportStore>;
}

export interface OpenedImportStore {
  store: ImportStore;
  labels: LabelStore;
  /** Writes a column of an import as text, as a newer station might have written it. */
  writeRaw(id: string, column: 'encoding' | 'mapping' | 'mapping_source' | 'options' | 'reading' | 'excluded', text: string): Promise<void>;
  close(): Promise<void>;
}

const HEADERS = ['Order number', 'First name', 'Postal code', 'Weight'];

/** An import of one row per order number (spreadsheet rows from 2), with every optional part set. */
function newImport(id: string, orderNumbers: string[], overrides: Partial<NewImport> = {}): NewImport {
  const table = packRows(
    HEADERS,
    orderNumbers.map((n, i) => ({
      row: i + 2,
      values: { 'Order number': n, 'First name': `Dana ${i}`, 'Postal code': '10118', Weight: '0,8' },
    })),
  );
  return {
    id,
    fileName: `${id}.csv`,
    encoding: 'shift_jis',
    createdAt: NOW,
    table,
    mapping: suggestMapping(HEADERS),
    mappingSource: { id: 'saved-1', name: 'Shop export', savedAt: NOW - 1000 },
    options: { courier: 'dhl', productCode: 'P-EXP', overrideFile: true },
    reading: { profile: { id: 'shopify', name: 'Shopify orders export' }, skipped: { before: 2, after: 1 } },
    orderNumbers: orderNumbers.map((n) => n.trim()).filter(Boolean),
    ...overrides,
  };
}

export function importStoreContract(name: string, backend: ImportStoreBackend) {
  describe(`import store contract: ${name}`, () => {
    const opened: OpenedImportStore[] = [];
    afterEach(async () => {
      for (const o of opened.splice(0)) await o.close();
    });
    const open = async () => {
      const o = await backend.open();
      opened.push(o);
      return o;
    };

    it('keeps an import and reads it back as it was: table bytes, mapping, source, options, how the file was read', async () => {
      const { store } = await open();
      // Cell text with non-ASCII, and offsets past 65,535 (all four bytes of a uint32 matter).
      const long = 'あ'.repeat(70_000);
      const imp = newImport('imp-1', ['SO-1', 'SO-2', long.slice(0, 10)]);
      imp.table = packRows(HEADERS, [
        { row: 2, values: { 'Order number': 'SO-1', 'First name': long, 'Postal code': '10118', Weight: '0,8' } },
        { row: 7, values: { 'Order number': 'SO-2', 'First name': 'Zoë', 'Postal code': '', Weight: '1' } },
      ]);
      expect(imp.table.offsets[imp.table.offsets.length - 1]).toBeGreaterThan(65_535);
      await store.insert(imp);

      expect(await store.has('imp-1')).toBe(true);
      expect(await store.has('imp-2')).toBe(false);
      expect(await store.get('imp-2')).toBeNull();
      const back = await store.get('imp-1');
      expect(back).toEqual({
        id: 'imp-1',
        fileName: 'imp-1.csv',
        encoding: 'shift_jis',
        createdAt: NOW,
        table: imp.table,
        mapping: imp.mapping,
        mappingSource: imp.mappingSource,
        options: imp.options,
        reading: imp.reading,
        excluded: [],
        fixes: [],
        lastRunId: null,
      });
      expect(back!.table.offsets).toBeInstanceOf(Uint32Array);
      expect([...back!.table.offsets]).toEqual([...imp.table.offsets]);
      expect([...back!.table.rowNumbers]).toEqual([2, 7]);

      // Without a saved mapping: the source stays null.
      await store.insert(newImport('imp-2', ['SO-9'], { mappingSource: null }));
      expect((await store.get('imp-2'))!.mappingSource).toBeNull();
    });

    it('an id kept twice is refused, and the first import is left as it was', async () => {
      const { store } = await open();
      await store.insert(newImport('imp-1', ['SO-1']));
      await expect(store.insert(newImport('imp-1', ['SO-2']))).rejects.toThrow();
      expect(await store.holding('SO-2')).toEqual([]);
      expect(await store.holding('SO-1')).toEqual(['imp-1']);
      expect(await store.distinctOrders()).toBe(1);
    });

    it('keeps each change: mapping and its source, options, exclusions, fixes in the order made, the last run', async () => {
      const { store } = await open();
      await store.insert(newImport('imp-1', ['SO-1', 'SO-2']));
      const mapping = { ...suggestMapping(HEADERS), firstName: null };
      await store.setMapping('imp-1', mapping, null);
      await store.setOptions('imp-1', { courier: null, productCode: null, overrideFile: false });
      await store.setExcluded('imp-1', new Set(['SO-2', 'SO-1']));
      await store.addFix('imp-1', { row: 3, column: 'Postal code', value: '10001' });
      await store.addFix('imp-1', { row: 2, column: 'Weight', value: '1.5' });
      await store.addFix('imp-1', { row: 3, column: 'Postal code', value: '10002' });
      await store.setLastRun('imp-1', 'run-7');
      // Changes to an import that is not there change nothing (and do not fail).
      await store.addFix('gone', { row: 2, column: 'Weight', value: '9' });
      await store.setOrderNumbers('gone', ['X-1']);
      await store.setOptions('gone', NO_IMPORT_OPTIONS);
      expect(await store.holding('X-1')).toEqual([]);

      const back = (await store.get('imp-1'))!;
      expect(back.mapping).toEqual(mapping);
      expect(back.mappingSource).toBeNull();
      expect(back.options).toEqual(NO_IMPORT_OPTIONS);
      expect(back.excluded).toEqual(['SO-2', 'SO-1']);
      expect(back.fixes).toEqual([
        { row: 3, column: 'Postal code', value: '10001' },
        { row: 2, column: 'Weight', value: '1.5' },
        { row: 3, column: 'Postal code', value: '10002' },
      ]);
      expect(back.lastRunId).toBe('run-7');

      const source = { id: 'saved-2', name: 'Mine', savedAt: null };
      await store.setMapping('imp-1', mapping, source);
      expect((await store.get('imp-1'))!.mappingSource).toEqual(source);

      await store.setCounts('imp-1', 2, 1);
      await store.setCounts('imp-1', 2, 1);
      expect((await store.list('production'))[0]).toMatchObject({ orders: 2, ready: 1, lastRunId: 'run-7' });
      await store.setCounts('imp-1', 5, 0);
      expect((await store.list('production'))[0]).toMatchObject({ orders: 5, ready: 0 });
    });

    it('new order numbers replace the old ones: a scan finds the new, not the old', async () => {
      const { store } = await open();
      await store.insert(newImport('imp-1', ['SO-1', 'SO-2']));
      await store.setOrderNumbers('imp-1', ['SO-2', 'SO-3', 'so-3']);
      expect(await store.holding('SO-1')).toEqual([]);
      expect(await store.holding('so-2')).toEqual(['imp-1']);
      expect(await store.holding('SO-3')).toEqual(['imp-1']);
      expect(await store.distinctOrders()).toBe(2);
    });

    it('lists newest first with rows, counts, last run and how many orders have a created label in the environment', async () => {
      const { store, labels } = await open();
      await store.insert(newImport('old', ['A-1', 'A-2', 'A-3'], { createdAt: NOW - 60_000 }));
      await store.insert(newImport('same-time-1', ['B-1'], { createdAt: NOW }));
      await store.insert(newImport('same-time-2', ['B-1', 'B-2'], { createdAt: NOW }));
      // customer order number in another letter case; A-2: a platform order number;
      // only a failed label and one in another environment; B-2: created in demo only.
      await labels.save(label({ customerOrderNumber: 'a-1', environment: 'production' }));
      await labels.save(label({ customerOrderNumber: null, platformOrderNumber: 'A-2', environment: 'production' }));
      await labels.save(label({ customerOrderNumber: 'A-3', status: 'failed', environment: 'production' }));
      await labels.save(label({ customerOrderNumber: 'A-3', environment: 'demo' }));
      await labels.save(label({ customerOrderNumber: 'B-2', environment: 'demo' }));
      await labels.save(label({ customerOrderNumber: 'b-1', environment: 'production' }));

      const production = await store.list('production');
      expect(production).toEqual([
        {
          importId: 'same-time-2',
          fileName: 'same-time-2.csv',
          createdAt: NOW,
          rowCount: 2,
          orders: 0,
          ready: 0,
          labelled: 1,
          lastRunId: null,
        },
        {
          importId: 'same-time-1',
          fileName: 'same-time-1.csv',
          createdAt: NOW,
          rowCount: 1,
          orders: 0,
          ready: 0,
          labelled: 1,
          lastRunId: null,
        },
        { importId: 'old', fileName: 'old.csv', createdAt: NOW - 60_000, rowCount: 3, orders: 0, ready: 0, labelled: 2, lastRunId: null },
      ]);
      expect((await store.list('demo')).map((i) => [i.importId, i.labelled])).toEqual([
        ['same-time-2', 1],
        ['same-time-1', 0],
        ['old', 1],
      ]);
      expect(await store.ids()).toEqual([
        { id: 'same-time-2', file_name: 'same-time-2.csv' },
        { id: 'same-time-1', file_name: 'same-time-1.csv' },
        { id: 'old', file_name: 'old.csv' },
      ]);
    });

    it('finds the imports holding an order in any letter case (ASCII, as SQLite folds it), newest first; distinct orders count once', async () => {
      const { store } = await open();
      await store.insert(newImport('old', ['ORD-1', 'ord-1', 'Ärger-1', 'X'], { createdAt: NOW - 1000 }));
      await store.insert(newImport('new', ['Ord-1', 'Y'], { createdAt: NOW }));
      expect(await store.holding('ord-1')).toEqual(['new', 'old']);
      expect(await store.holding('ORD-1')).toEqual(['new', 'old']);
      expect(await store.holding('ärger-1')).toEqual([]);
      expect(await store.holding('ÄRGER-1')).toEqual(['old']);
      expect(await store.holding('Ärger-1')).toEqual(['old']);
      expect(await store.holding('ORD')).toEqual([]);
      // ORD-1 (three spellings in two files), Ärger-1, X, Y.
      expect(await store.distinctOrders()).toBe(4);
    });

    it('keeps the order numbers of a large file (20,000) and finds any of them', async () => {
      const { store } = await open();
      const numbers = Array.from({ length: 20_000 }, (_, i) => `BIG-${i}`);
      await store.insert(newImport('big', numbers));
      expect(await store.distinctOrders()).toBe(20_000);
      expect(await store.holding('big-19999')).toEqual(['big']);
      expect((await store.list('production'))[0]!.rowCount).toBe(20_000);
    });

    it('removes an import with its orders and fixes; removing it again says so', async () => {
      const { store } = await open();
      await store.insert(newImport('imp-1', ['SO-1']));
      await store.insert(newImport('imp-2', ['SO-1', 'SO-2']));
      await store.addFix('imp-1', { row: 2, column: 'Weight', value: '1' });
      expect(await store.remove('imp-1')).toBe(true);
      expect(await store.remove('imp-1')).toBe(false);
      expect(await store.get('imp-1')).toBeNull();
      expect(await store.has('imp-1')).toBe(false);
      expect(await store.holding('SO-1')).toEqual(['imp-2']);
      expect(await store.distinctOrders()).toBe(2);
      expect(await store.remove('imp-2')).toBe(true);
      expect(await store.distinctOrders()).toBe(0);
      expect(await store.list('production')).toEqual([]);
    });

    it('reads a shape it does not know leniently: the mapping matched again, the rest as for an import without them', async () => {
      const { store, writeRaw } = await open();
      await store.insert(newImport('imp-1', ['SO-1']));
      await store.setExcluded('imp-1', ['SO-1']);
      await writeRaw('imp-1', 'encoding', 'utf-99');
      await writeRaw('imp-1', 'mapping', '{"orderNumber": 42, "newField": "x"');
      await writeRaw('imp-1', 'mapping_source', '"not a source"');
      await writeRaw('imp-1', 'options', '{"courier": "dhl", "fromTheFuture": true}');
      await writeRaw('imp-1', 'reading', '{"profile": 7}');
      await writeRaw('imp-1', 'excluded', '{"SO-1": true}');
      const back = (await store.get('imp-1'))!;
      expect(back).toMatchObject({
        encoding: 'utf-8',
        mapping: null,
        mappingSource: null,
        options: NO_IMPORT_OPTIONS,
        reading: { profile: null, skipped: { before: 0, after: 0 } },
        excluded: [],
      });
      // The table itself is untouched.
      expect(back.table.headers).toEqual(HEADERS);
    });
  });
}
