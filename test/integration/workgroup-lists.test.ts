import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrintBackend } from '../../electron/core/printing/print-service';
import type { SettingsView } from '../../shared/ipc/contract';
import { stationCsv } from '../fixtures/station-orders';
import type { TestDatabase } from '../support/postgres';
import { useTestDatabase } from '../support/test-database';
import { createTestStation } from '../support/test-station';
import { joinWorkgroup } from '../support/workgroup-station';

// Issue 18 item 3: in a workgroup the senders, package presets, saved CSV mappings and the
// product catalogue by SKU are the workgroup's (its PostgreSQL, a real server); printer profiles
// and the default choices stay each station's own; a station on its own is unchanged.

const printBackend: PrintBackend = {
  kind: 'cups',
  listPrinters: async () => [],
  print: async (request) => ({ osJobId: `${request.printer}-1` }),
};
const party = (city: string) => ({
  contact: { firstName: 'Aiko', phone: '+81-3-1234-5678' },
  address: { streetLines: ['1-2-3 Shibuya'], city, postalCode: '150-0002', countryCode: 'JP' as const },
});
const base64 = (text: string) => Buffer.from(text).toString('base64');
const csv = stationCsv([{ orderNumber: 'WL-1001' }]);

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
function ok<T>(answer: Answer<T>): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of opened.splice(0).reverse()) await x.close().catch(() => undefined);
});
const station = () => {
  const s = createTestStation({ printBackend });
  opened.push(s);
  return s;
};
const view = async (s: ReturnType<typeof station>): Promise<SettingsView> => ok(await s.client.settings.get());

describe('shared lists in a workgroup', () => {
  let db: TestDatabase;
  let sql: pg.Pool;
  useTestDatabase((made) => ({ db, sql } = made));
  afterEach(async () => {
    await sql.query('TRUNCATE shared_senders, shared_presets, shared_mappings, sku_catalogue, shared_list_seeds');
  });

  it(
    'a sender, preset, mapping and catalogue item saved at A is seen at B, and removed at B is gone at A',
    { timeout: 60_000 },
    async () => {
      const a = station();
      const b = station();
      await joinWorkgroup(a, db, 'Bench A');
      await joinWorkgroup(b, db, 'Bench B');

      // Senders and presets: saved at A, in B's Settings.
      ok(await a.client.senders.save({ id: 'tokyo', name: 'Tokyo warehouse', party: party('Tokyo') }));
      ok(await a.client.presets.save({ id: 'small', name: 'Small box', weight: 0.5 }));
      const atB = await view(b);
      expect(atB.senders.map((s) => s.name)).toEqual(['Tokyo warehouse']);
      expect(atB.packagePresets).toEqual([{ id: 'small', name: 'Small box', weight: 0.5 }]);
      // The default sender is each station's choice: A's first save made it A's, B chose none.
      expect((await view(a)).defaults.senderId).toBe('tokyo');
      expect(atB.defaults.senderId).toBeNull();
      // Neither is in either station's settings file: the workgroup holds them.
      expect(a.services.settings.read().senders).toEqual([]);
      expect(b.services.settings.read().packagePresets).toEqual([]);

      // An edit at B is A's too.
      ok(await b.client.senders.save({ id: 'tokyo', name: 'Tokyo, bay side', party: party('Tokyo') }));
      expect((await view(a)).senders.map((s) => s.name)).toEqual(['Tokyo, bay side']);

      // The catalogue: saved at A, found at B (the New label form's lookup and Settings' list).
      ok(await a.client.skuCatalogue.save({ entry: { sku: 'mug-9', descriptionEn: 'Mug', unitWeight: 0.4 } }));
      expect(ok(await b.client.skuCatalogue.lookup({ skus: ['MUG-9'] })).map((e) => e.descriptionEn)).toEqual(['Mug']);
      expect(ok(await b.client.skuCatalogue.list({})).total).toBe(1);

      // A saved mapping: saved at A, B's import of a file with the same headers gets it by itself.
      const importedAtA = ok(await a.client.batch.import({ fileName: 'a.csv', base64: base64(csv) }));
      const savedAtA = ok(await a.client.batch.saveMapping({ importId: importedAtA.importId, name: 'Shop export' }));
      const importedAtB = ok(await b.client.batch.import({ fileName: 'b.csv', base64: base64(csv) }));
      expect(importedAtB.mappingSource).toEqual(savedAtA.mappingSource);
      expect(importedAtB.savedMappings.map((m) => m.name)).toEqual(['Shop export']);

      // Removed at B: gone at A.
      ok(await b.client.senders.remove({ id: 'tokyo' }));
      ok(await b.client.presets.remove({ id: 'small' }));
      ok(await b.client.skuCatalogue.remove({ sku: 'MUG-9' }));
      // (Saved mappings have no remove channel yet; the station's service removes it.)
      expect(await b.services.lists.mappings.remove(savedAtA.mappingSource!.id)).toBe(true);
      const atA = await view(a);
      expect(atA.senders).toEqual([]);
      expect(atA.packagePresets).toEqual([]);
      // A's default sender was that one: A is shown no default (its own choice, not another station's write).
      expect(atA.defaults.senderId).toBeNull();
      expect(ok(await a.client.skuCatalogue.lookup({ skus: ['MUG-9'] }))).toEqual([]);
      const again = ok(await a.client.batch.import({ fileName: 'c.csv', base64: base64(csv) }));
      expect(again.mappingSource).toBeNull();
      expect(again.savedMappings).toEqual([]);
    },
  );

  it(
    'joining copies a station’s own lists up when the workgroup has none; a later station’s own stay its own',
    { timeout: 60_000 },
    async () => {
      const a = station();
      const b = station();
      ok(await a.client.senders.save({ id: 'osaka', name: 'Osaka', party: party('Osaka') }));
      ok(await a.client.skuCatalogue.save({ entry: { sku: 'TS-01', descriptionEn: 'T-shirt' } }));
      ok(await b.client.senders.save({ id: 'kobe', name: 'Kobe', party: party('Kobe') }));
      ok(await b.client.presets.save({ id: 'box-b', name: 'Box B', weight: 1 }));

      await joinWorkgroup(a, db, 'Bench A');
      expect((await view(a)).senders.map((s) => s.id)).toEqual(['osaka']);
      await joinWorkgroup(b, db, 'Bench B');
      const atB = await view(b);
      // B's sender did not join A's (the workgroup had senders); its preset did (the workgroup had none).
      expect(atB.senders.map((s) => s.id)).toEqual(['osaka']);
      expect(atB.packagePresets.map((p) => p.id)).toEqual(['box-b']);
      expect(ok(await b.client.skuCatalogue.lookup({ skus: ['ts-01'] })).map((e) => e.sku)).toEqual(['TS-01']);
      // B's own settings still hold its own sender, for the day it leaves the workgroup.
      expect(b.services.settings.read().senders.map((s) => s.id)).toEqual(['kobe']);
      const rows = await sql.query<{ id: string }>('SELECT id FROM shared_senders ORDER BY seq');
      expect(rows.rows).toEqual([{ id: 'osaka' }]);
    },
  );

  it(
    'a station on its own keeps its lists in its own settings and SQLite; the workgroup sees none of them',
    { timeout: 60_000 },
    async () => {
      const member = station();
      await joinWorkgroup(member, db, 'Bench A');
      ok(await member.client.senders.save({ id: 'tokyo', name: 'Tokyo', party: party('Tokyo') }));
      const alone = station();
      ok(await alone.client.senders.save({ id: 'nagoya', name: 'Nagoya', party: party('Nagoya') }));
      ok(await alone.client.presets.save({ id: 'own-box', name: 'Own box', weight: 2 }));
      ok(await alone.client.skuCatalogue.save({ entry: { sku: 'OWN-1', descriptionEn: 'Own item' } }));

      const own = await view(alone);
      expect(own.senders.map((s) => s.id)).toEqual(['nagoya']);
      expect(own.defaults.senderId).toBe('nagoya');
      expect(alone.services.settings.read().senders.map((s) => s.id)).toEqual(['nagoya']);
      expect(ok(await alone.client.skuCatalogue.lookup({ skus: ['own-1'] })).map((e) => e.sku)).toEqual(['OWN-1']);
      expect((await view(member)).senders.map((s) => s.id)).toEqual(['tokyo']);
      expect(ok(await member.client.skuCatalogue.lookup({ skus: ['OWN-1'] }))).toEqual([]);
      const shared = await sql.query(
        'SELECT id FROM shared_senders UNION ALL SELECT id FROM shared_presets UNION ALL SELECT sku FROM sku_catalogue',
      );
      expect(shared.rows).toEqual([{ id: 'tokyo' }]);
    },
  );

  it(
    "a station keeps the sender it read while it listens, and reads it again within a second of another station's change",
    { timeout: 60_000 },
    async () => {
      const a = station();
      const b = station();
      await joinWorkgroup(a, db, 'Bench A');
      await joinWorkgroup(b, db, 'Bench B');
      await expect.poll(() => b.services.live.listening(), { timeout: 10_000 }).toBe(true);
      ok(await a.client.senders.save({ id: 'tokyo', name: 'Tokyo warehouse', party: party('Tokyo') }));
      await expect.poll(async () => (await b.services.lists.senders.get('tokyo'))?.name, { timeout: 1_000 }).toBe('Tokyo warehouse');

      // A change behind the triggers' back (its trigger is off for it) is not seen: B answers what it kept.
      await sql.query(
        `ALTER TABLE shared_senders DISABLE TRIGGER shared_senders_live;
        UPDATE shared_senders SET document = jsonb_set(document, '{name}', '"Unheard"');
        ALTER TABLE shared_senders ENABLE TRIGGER shared_senders_live`,
      );
      expect((await b.services.lists.senders.get('tokyo'))?.name).toBe('Tokyo warehouse');
      // A screen's list reads the database each time.
      expect((await view(b)).senders.map((x) => x.name)).toEqual(['Unheard']);

      ok(await a.client.senders.save({ id: 'tokyo', name: 'Tokyo, bay side', party: party('Tokyo') }));
      const since = performance.now();
      await expect
        .poll(async () => (await b.services.lists.senders.get('tokyo'))?.name, { timeout: 1_000, interval: 20 })
        .toBe('Tokyo, bay side');
      expect(performance.now() - since).toBeLessThan(1_000);
    },
  );

  it('printer profiles stay per station', { timeout: 60_000 }, async () => {
    const a = station();
    const b = station();
    await joinWorkgroup(a, db, 'Bench A');
    await joinWorkgroup(b, db, 'Bench B');
    const savedAtA = ok(await a.client.printers.saveProfile({ name: 'Desk printer', printer: 'desk-queue', role: 'labels' }));
    expect(savedAtA.printerProfiles.map((p) => p.name)).toEqual(['Desk printer']);
    expect((await view(b)).printerProfiles).toEqual([]);
    ok(await b.client.printers.saveProfile({ name: 'Bench B zebra', printer: 'zebra-b', role: 'labels' }));
    expect((await view(a)).printerProfiles.map((p) => p.name)).toEqual(['Desk printer']);
    expect((await view(b)).printerProfiles.map((p) => p.name)).toEqual(['Bench B zebra']);
  });
});
