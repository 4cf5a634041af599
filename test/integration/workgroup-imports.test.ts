import type pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrintBackend, PrintRequest } from '../../electron/core/printing/print-service';
import type { ScanResult } from '../../shared/domain/scan';
import { controlledDemo } from '../fixtures/label-drafts';
import { stationCsv } from '../fixtures/station-orders';
import type { TestDatabase } from '../support/postgres';
import { useTestDatabase } from '../support/test-database';
import { createTestStation } from '../support/test-station';
import { joinWorkgroup } from '../support/workgroup-station';

// Issue 18 item 3: imported order lists in a workgroup are loaded once, by anyone, and seen by
// all (the shared PostgreSQL's imports, electron/core/batch/pg-import-store.ts); a station on
// its own keeps its imports in its SQLite as before.

const opened: { close(): Promise<void> | void }[] = [];
afterEach(async () => {
  for (const x of opened.splice(0).reverse()) await x.close();
});

function ok<T>(answer: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}
const base64 = (csv: string) => Buffer.from(csv).toString('base64');

/** A print backend that records each job (no CUPS needed for these scans). */
function recordingBackend() {
  const jobs: PrintRequest[] = [];
  const backend: PrintBackend = {
    kind: 'cups',
    listPrinters: async () => [],
    print: async (request) => {
      jobs.push(request);
      return { osJobId: `${request.printer}-${jobs.length}` };
    },
  };
  return { backend, jobs };
}

/** A station in Demo mode on the test's simulator, with a label printer for station mode. */
async function station(startDemo: unknown) {
  const printing = recordingBackend();
  const s = createTestStation({ startDemo: startDemo as never, printBackend: printing.backend });
  opened.push(s);
  ok(await s.client.env.switch({ environment: 'demo' }));
  ok(await s.client.printers.saveProfile({ name: 'Desk printer', printer: 'desk-queue', role: 'labels' }));
  return { ...s, printing };
}

async function scanAt(s: Awaited<ReturnType<typeof station>>, input: string): Promise<ScanResult> {
  return ok(await s.client.scan.submit({ input })).result;
}

describe('imported order lists in a workgroup', () => {
  let db: TestDatabase;
  let sql: pg.Pool;
  useTestDatabase((made) => ({ db, sql } = made));

  /** Bench A and Bench B in the workgroup, on one simulator. */
  async function twoStations() {
    const { sim, startDemo } = await controlledDemo();
    opened.push(sim);
    const a = await station(startDemo);
    const b = await station(startDemo);
    await joinWorkgroup(a, db, 'Bench A');
    await joinWorkgroup(b, db, 'Bench B');
    return { sim, a, b };
  }

  it('a file imported at A is listed and opened at B, and station mode at B finds and labels its orders', async () => {
    const { sim, a, b } = await twoStations();

    const orders = [{ orderNumber: 'WGI-1001' }, { orderNumber: 'WGI-1002' }, { orderNumber: 'WGI-BAD', postalCode: '' }];
    const imported = ok(await a.client.batch.import({ fileName: 'morning.csv', base64: base64(stationCsv(orders)) }));
    expect(imported.counts).toMatchObject({ orders: 3, ready: 2, withIssues: 1 });

    // B lists it (with the counts A's preview kept) and opens it: the same orders, the same issues.
    const listed = ok(await b.client.batch.imports());
    expect(listed).toEqual([
      expect.objectContaining({ importId: imported.importId, fileName: 'morning.csv', rowCount: 3, orders: 3, ready: 2, labelled: 0 }),
    ]);
    const atB = ok(await b.client.batch.preview({ importId: imported.importId }));
    expect(atB.orders).toEqual(imported.orders);
    expect(atB.counts).toEqual(imported.counts);
    expect(atB.mapping).toEqual(imported.mapping);
    // Loaded once: one import in the shared database, none in either station's own.
    expect((await sql.query('SELECT count(*)::int AS n FROM imports')).rows[0].n).toBe(1);
    for (const s of [a, b]) {
      expect(s.services.database.db.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 0 });
    }

    // Station mode at B scans an order of A's file (in another letter case) and prints its label.
    const session = ok(await b.client.scan.session());
    expect(session).toMatchObject({ ordersLoaded: 3, files: ['morning.csv'] });
    expect(await scanAt(b, 'wgi-1002')).toMatchObject({ status: 'printed' });
    expect(b.printing.jobs).toHaveLength(1);
    expect(await scanAt(b, 'WGI-BAD')).toMatchObject({ status: 'validation', title: 'Order WGI-BAD cannot be sent' });
    expect(sim.stats().labelsByKey).toEqual({ 'WGI-1002': 1 });

    // A sees the label B made against the import it loaded.
    expect(ok(await a.client.batch.imports())).toEqual([expect.objectContaining({ importId: imported.importId, labelled: 1 })]);

    // Taken off the list at B: gone at A too, and no longer scanned.
    expect(ok(await b.client.batch.removeImport({ importId: imported.importId }))).toEqual([]);
    expect(ok(await a.client.batch.imports())).toEqual([]);
    expect(await scanAt(a, 'WGI-1001')).toMatchObject({ status: 'unknown_order' });
    expect(sim.stats().labelsByKey).toEqual({ 'WGI-1002': 1 });
  });

  it('a batch run is the station’s that started it: another station opening the import sees no run of it', async () => {
    const { sim, a, b } = await twoStations();
    const imported = ok(await a.client.batch.import({ fileName: 'runs.csv', base64: base64(stationCsv([{ orderNumber: 'RUN-1' }])) }));
    const run = ok(await a.client.batch.start({ importId: imported.importId }));
    await expect.poll(async () => ok(await a.client.batch.run({ runId: run.runId })).state, { timeout: 10_000 }).toBe('done');
    expect(ok(await a.client.batch.preview({ importId: imported.importId })).lastRunId).toBe(run.runId);
    // B's runs are in B's own database: the import's last run (A's) is not offered to B's screen.
    expect(ok(await b.client.batch.preview({ importId: imported.importId })).lastRunId).toBeNull();
    expect(await b.client.batch.run({ runId: run.runId })).toMatchObject({ ok: false, error: { code: 'batch_not_found' } });
    expect(sim.stats().labelsByKey).toEqual({ 'RUN-1': 1 });
  });

  it('a station on its own keeps its imports to itself; joining shows the workgroup’s, leaving its own again', async () => {
    const { sim, startDemo } = await controlledDemo();
    opened.push(sim);
    const alone = await station(startDemo);
    const mine = ok(await alone.client.batch.import({ fileName: 'mine.csv', base64: base64(stationCsv([{ orderNumber: 'OWN-1' }])) }));
    const other = await station(startDemo);
    await joinWorkgroup(other, db, 'Bench C');
    const theirs = ok(
      await other.client.batch.import({ fileName: 'theirs.csv', base64: base64(stationCsv([{ orderNumber: 'SHARED-1' }])) }),
    );

    // On its own: its file only, in its SQLite; the workgroup's import is not scanned.
    expect(ok(await alone.client.batch.imports()).map((i) => i.importId)).toEqual([mine.importId]);
    expect(alone.services.database.db.prepare('SELECT id FROM imports').all()).toEqual([{ id: mine.importId }]);
    expect(await scanAt(alone, 'SHARED-1')).toMatchObject({ status: 'unknown_order' });
    const shared = await sql.query<{ id: string }>('SELECT id FROM imports');
    expect(shared.rows.map((r) => r.id)).not.toContain(mine.importId);

    // Joined: the workgroup's imports (its own stay in its SQLite, not copied up).
    await joinWorkgroup(alone, db, 'Bench D');
    expect(ok(await alone.client.batch.imports()).map((i) => i.importId)).toContain(theirs.importId);
    expect(ok(await alone.client.batch.imports()).map((i) => i.importId)).not.toContain(mine.importId);
    expect(await scanAt(alone, 'OWN-1')).toMatchObject({ status: 'unknown_order' });

    // Left: its own again, and they scan as before.
    ok(await alone.client.workgroup.leave());
    expect(ok(await alone.client.batch.imports()).map((i) => i.importId)).toEqual([mine.importId]);
    expect(await scanAt(alone, 'OWN-1')).toMatchObject({ status: 'printed', orderNumber: 'OWN-1' });
    expect(sim.stats().labelsByKey).toEqual({ 'OWN-1': 1 });
  });

  it('station mode’s count of loaded orders is kept between scans while live updates are heard, and read again at a change', async () => {
    const { a, b } = await twoStations();
    await expect.poll(() => b.services.live.listening(), { timeout: 10_000 }).toBe(true);
    // The earlier tests' imports are in the shared database too: counted from what is there now.
    const before = ok(await b.client.scan.session());
    const loaded = async () => ok(await b.client.scan.session()).ordersLoaded - before.ordersLoaded;

    ok(await a.client.batch.import({ fileName: 'one.csv', base64: base64(stationCsv([{ orderNumber: 'K-1' }, { orderNumber: 'K-2' }])) }));
    await expect.poll(loaded, { timeout: 2_000 }).toBe(2);

    // A row gone behind the stations' backs (no station does this; it sends no notification):
    // B answers what it kept, so a scan costs no reading of the imports.
    await sql.query("DELETE FROM import_orders WHERE order_nocase = 'k-2'");
    expect(await loaded()).toBe(2);
    expect(await scanAt(b, 'K-1')).toMatchObject({ status: 'printed' });
    expect(await loaded()).toBe(2);
    // Any notification of the imports (here one by hand) makes B read them again within a second.
    await sql.query(`SELECT pg_notify('ffs_live', '{"kind":"imports"}')`);
    await expect.poll(loaded, { timeout: 2_000 }).toBe(1);

    // Another station's import is counted within a second; one made here at once.
    ok(await a.client.batch.import({ fileName: 'two.csv', base64: base64(stationCsv([{ orderNumber: 'K-3' }])) }));
    await expect.poll(loaded, { timeout: 2_000 }).toBe(2);
    ok(await b.client.batch.import({ fileName: 'three.csv', base64: base64(stationCsv([{ orderNumber: 'K-4' }])) }));
    expect(ok(await b.client.scan.session())).toMatchObject({
      ordersLoaded: before.ordersLoaded + 3,
      files: ['three.csv', 'two.csv', 'one.csv', ...before.files],
    });

    // Left: its own imports (none), not what it kept from the workgroup.
    ok(await b.client.workgroup.leave());
    expect(ok(await b.client.scan.session())).toMatchObject({ ordersLoaded: 0, files: [] });
  });
});
