import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../electron/core/logger';
import { createScanClaims } from '../../electron/core/scan/scan-claims';
import { createOrderClaims } from '../../electron/core/workgroup/claims';
import type { PrintBackend, PrintRequest } from '../../electron/core/printing/print-service';
import type { Simulator } from '../../electron/simulator';
import type { AuditEntry } from '../../shared/domain/operators';
import type { ScanResult } from '../../shared/domain/scan';
import { controlledDemo } from '../fixtures/label-drafts';
import { stationCsv, type StationOrder } from '../fixtures/station-orders';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { createTestStation } from '../support/test-station';
import { passwordOf, startServer, stopServer, workgroupOf, type PgCluster } from '../support/workgroup-pg';
import { useOwnCluster } from '../support/test-database';
import { joinWorkgroup } from '../support/workgroup-station';

/**
 * Order claims at scan (issue 18 item 4) with real stations on a real PostgreSQL and the
 * simulator as the API: every station loads the same order file in station mode and scans
 * through its IPC dispatch, as the renderer does, so the operators' gate is the real one.
 */

/** Orders without a weight wait at the station for one: the order stays claimed while it waits. */
const ORDERS: StationOrder[] = [
  { orderNumber: 'CL-1', weight: '' },
  { orderNumber: 'CL-2', weight: '' },
  { orderNumber: 'CL-3', weight: '' },
  { orderNumber: 'CL-4' },
  { orderNumber: 'CL-5', weight: '' },
  { orderNumber: 'CL-6' },
];

let db: TestDatabase;
let sql: pg.Pool;
const opened: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
  sql = new pg.Pool({ connectionString: db.url, max: 2 });
  sql.on('error', () => undefined);
});
afterAll(async () => {
  await sql.end();
  await db.drop();
}, 120_000);
afterEach(async () => {
  for (const x of opened.splice(0).reverse()) await x.close().catch(() => undefined);
  // Every test starts from a workgroup without operators, claims or labels (the schema stays).
  await sql.query('TRUNCATE operators, audit_log, order_claims').catch(() => undefined);
});

const value = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

/** The simulator the stations share (as they share the real API), and a print backend recording each station's jobs. */
async function api() {
  const { sim, startDemo } = await controlledDemo();
  opened.push(sim);
  return { sim, startDemo };
}
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

/** A station in Demo mode with a label printer and today's orders loaded; in the workgroup as `name` unless null. */
async function scanStation(startDemo: Awaited<ReturnType<typeof api>>['startDemo'], name: string | null) {
  const printing = recordingBackend();
  const station = createTestStation({ startDemo, printBackend: printing.backend });
  opened.push(station);
  value(await station.client.env.switch({ environment: 'demo' }));
  value(await station.client.printers.saveProfile({ name: 'Desk printer', printer: 'desk-queue', role: 'labels' }));
  if (name) await joinWorkgroup(station, db, name);
  value(await station.client.batch.import({ fileName: 'today.csv', base64: Buffer.from(stationCsv(ORDERS)).toString('base64') }));
  const scan = async (input: string, weight?: string): Promise<ScanResult> =>
    value(await station.client.scan.submit({ input, weight })).result;
  return { station, printing, scan };
}

/** The claims in the shared table, as any station would read them. */
async function claimRows() {
  const { rows } = await sql.query<{ order_number: string; station_name: string; operator: string }>(
    'SELECT order_number, station_name, operator FROM order_claims ORDER BY order_key',
  );
  return rows;
}
/** Makes a claim look older than it is (the server's clock decides expiry). */
const age = (order: string, minutes: number) =>
  sql.query(
    `UPDATE order_claims SET renewed_at = now() - $2 * interval '1 minute', claimed_at = LEAST(claimed_at, now() - $2 * interval '1 minute') WHERE order_key = $1`,
    [order.toLowerCase(), minutes],
  );
const posts = (sim: Simulator) => sim.stats().requests.filter((r) => r.method === 'POST' && r.path === '/labels').length;

describe('order claims at scan (real PostgreSQL, two stations)', () => {
  it('the order scanned is claimed for its station; another station is told who packs it since when; once labelled it reprints there', async () => {
    const { sim, startDemo } = await api();
    const a = await scanStation(startDemo, 'Bench A');
    const b = await scanStation(startDemo, 'Bench B');

    // A scans CL-1: it waits for its weight, claimed for Bench A (no operators: the station's name says who).
    expect(await a.scan('CL-1')).toMatchObject({ status: 'needs_weight', orderNumber: 'CL-1' });
    expect(await claimRows()).toEqual([{ order_number: 'CL-1', station_name: 'Bench A', operator: 'Bench A' }]);

    // B scans it (written differently): held elsewhere, nothing bought, nothing printed, not a failure.
    const held = await b.scan(' cl-1 ');
    expect(held).toMatchObject({
      status: 'held_elsewhere',
      orderNumber: 'cl-1',
      title: 'Order cl-1 is taken',
      heldBy: { order: 'CL-1', station: 'Bench A', operator: 'Bench A', since: expect.any(String) },
      trackingNumber: null,
      labelId: null,
    });
    const since = new Date(held.heldBy!.since);
    expect(Math.abs(Date.now() - since.getTime())).toBeLessThan(60_000);
    expect(held.message).toMatch(
      /^Order CL-1 is being packed at Bench A since [^.]*\d{1,2}:\d{2}[^.]*\. Pack another order, or ask a supervisor to release this one\.$/,
    );
    const bSession = value(await b.station.client.scan.session());
    expect(bSession).toMatchObject({ pending: null, failures: 0, labelsMade: 0 });
    expect(b.printing.jobs).toHaveLength(0);
    // B asking again does not take it either (and does not wait for a weight for it).
    expect(await b.scan('CL-1', '1.5')).toMatchObject({ status: 'held_elsewhere' });
    expect(posts(sim)).toBe(0);

    // A weighs it: the label is made and printed, the claim given back.
    expect(await a.scan('CL-1', '1.2')).toMatchObject({ status: 'printed', orderNumber: 'CL-1', weight: '1.2 kg' });
    expect(await claimRows()).toEqual([]);

    // B scans it now: the order has a label (in the shared history), so B reprints it; nothing is bought again.
    const reprinted = await b.scan('CL-1');
    expect(reprinted).toMatchObject({ status: 'reprinted', orderNumber: 'CL-1', weight: '1.2 kg' });
    expect(reprinted.message).toMatch(/already had a label.*no new label was bought/);
    expect(b.printing.jobs).toHaveLength(1);
    expect(await claimRows()).toEqual([]);
    expect(sim.stats().labelsByKey).toEqual({ 'CL-1': 1 });
  });

  it('an order labelled at A between B’s first look at the history and B’s claim is reprinted at B, never bought twice', async () => {
    const { sim, startDemo } = await api();
    const a = await scanStation(startDemo, 'Bench A');
    const b = await scanStation(startDemo, 'Bench B');
    // B's claim of CL-6 is held up in the server for 1.5 s (a trigger before its INSERT, before
    // the conflict check): B has looked at the history (no label yet) and claims only after A is done.
    await sql.query(`
      CREATE FUNCTION test_slow_claim() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.station_name = 'Bench B' AND NEW.order_key = 'cl-6' THEN PERFORM pg_sleep(1.5); END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER test_slow_claim BEFORE INSERT ON order_claims FOR EACH ROW EXECUTE FUNCTION test_slow_claim();`);
    try {
      const atB = b.scan('CL-6');
      await vi.waitFor(async () => {
        const { rows } = await sql.query("SELECT 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep'");
        expect(rows).toHaveLength(1);
      });
      const printed = await a.scan('CL-6');
      expect(printed).toMatchObject({ status: 'printed', orderNumber: 'CL-6' });
      expect(await claimRows()).toEqual([]);
      // B claims it now and finds A's request done in the shared outbox: A's label, printed again.
      expect(await atB).toMatchObject({ status: 'reprinted', orderNumber: 'CL-6', labelId: printed.labelId });
      expect(b.printing.jobs).toHaveLength(1);
      expect(sim.stats().labelsByKey).toEqual({ 'CL-6': 1 });
      expect(posts(sim)).toBe(1);
      expect(await claimRows()).toEqual([]);
    } finally {
      await sql.query('DROP TRIGGER test_slow_claim ON order_claims; DROP FUNCTION test_slow_claim()');
    }
  });

  it('moving on gives the order back; a claim that is not renewed expires, and then another station takes it', async () => {
    const { sim, startDemo } = await api();
    const a = await scanStation(startDemo, 'Bench A');
    const b = await scanStation(startDemo, 'Bench B');

    // A holds one order at a time: scanning the next gives the last one back; so does Cancel.
    await a.scan('CL-2');
    await a.scan('CL-3');
    expect((await claimRows()).map((r) => r.order_number)).toEqual(['CL-3']);
    value(await a.station.client.scan.command({ command: 'cancel' }));
    expect(await claimRows()).toEqual([]);

    // A takes CL-2 and goes quiet (a crash, a switched-off bench): nothing renews it for 16 minutes.
    await a.scan('CL-2');
    expect(await b.scan('CL-2')).toMatchObject({ status: 'held_elsewhere', heldBy: { station: 'Bench A' } });
    await age('CL-2', 14);
    expect(await b.scan('CL-2')).toMatchObject({ status: 'held_elsewhere', heldBy: { station: 'Bench A' } });
    await age('CL-2', 16);
    expect(await b.scan('CL-2')).toMatchObject({ status: 'needs_weight', orderNumber: 'CL-2' });
    expect(await claimRows()).toEqual([{ order_number: 'CL-2', station_name: 'Bench B', operator: 'Bench B' }]);

    // A comes back and types the weight for the order it was waiting on: it is Bench B's now, so nothing is bought at A.
    const late = await a.scan('CL-2', '2');
    expect(late).toMatchObject({ status: 'held_elsewhere', heldBy: { station: 'Bench B' } });
    expect(value(await a.station.client.scan.session()).pending).toBeNull();
    expect(posts(sim)).toBe(0);
    expect(await b.scan('CL-2', '2')).toMatchObject({ status: 'printed' });
    expect(sim.stats().labelsByKey).toEqual({ 'CL-2': 1 });

    // Leaving station mode, and a new session, give the held order back too.
    await b.scan('CL-3');
    value(await b.station.client.scan.command({ command: 'leave' }));
    expect(await claimRows()).toEqual([]);
    await b.scan('CL-3');
    value(await b.station.client.scan.reset());
    expect(await claimRows()).toEqual([]);
    // A closed station gives back what it held.
    await b.scan('CL-5');
    await b.station.close();
    opened.splice(opened.indexOf(b.station), 1);
    expect(await claimRows()).toEqual([]);
  });

  it('an order with its weight in the file is claimed only while it is made: the claim is gone once it is printed', async () => {
    const { sim, startDemo } = await api();
    const a = await scanStation(startDemo, 'Bench A');
    const b = await scanStation(startDemo, 'Bench B');
    // Both stations scan the same order at once: one label, the other station reprints or is told it is taken.
    const [x, y] = await Promise.all([a.scan('CL-4'), b.scan('CL-4')]);
    const statuses = [x.status, y.status];
    expect(statuses.filter((s) => s === 'printed')).toHaveLength(1);
    expect(['reprinted', 'held_elsewhere']).toContain(statuses.find((s) => s !== 'printed'));
    expect(await claimRows()).toEqual([]);
    expect(sim.stats().labelsByKey).toEqual({ 'CL-4': 1 });
  });
});

describe('several stations scanning one order list at once (real PostgreSQL)', () => {
  it('every order is labelled exactly once; each other scan reprints it or is told who packs it', async () => {
    const { sim, startDemo } = await api();
    const many: StationOrder[] = Array.from({ length: 8 }, (_, i) => ({ orderNumber: `MANY-${i + 1}` }));
    const stations = await Promise.all(
      ['Bench 1', 'Bench 2', 'Bench 3'].map(async (name) => {
        const s = await scanStation(startDemo, name);
        value(await s.station.client.batch.import({ fileName: 'many.csv', base64: Buffer.from(stationCsv(many)).toString('base64') }));
        return s;
      }),
    );
    // Each station scans the whole list, each in its own order, all at the same time.
    const results = await Promise.all(
      stations.map(async (s, n) => {
        const order = many.map((o) => o.orderNumber).sort((x, y) => ((x.charCodeAt(5) * (n + 3)) % 7) - ((y.charCodeAt(5) * (n + 3)) % 7));
        const out: ScanResult[] = [];
        for (const number of order) out.push(await s.scan(number));
        return out;
      }),
    );
    const all = results.flat();
    expect(all).toHaveLength(3 * many.length);
    expect(all.filter((r) => !['printed', 'reprinted', 'held_elsewhere'].includes(r.status))).toEqual([]);
    console.log(
      all
        .map((r) => r.status)
        .sort()
        .join(' '),
    );
    for (const { orderNumber } of many) {
      expect(
        all.filter((r) => r.orderNumber === orderNumber && r.status === 'printed'),
        orderNumber,
      ).toHaveLength(1);
    }
    expect(sim.stats().labelsByKey).toEqual(Object.fromEntries(many.map((o) => [o.orderNumber, 1])));
    // Nothing is left claimed once every scan has ended.
    expect(await claimRows()).toEqual([]);
  }, 60_000);
});

describe('station mode renews the order it holds (real PostgreSQL, a short expiry)', () => {
  it('the held order is renewed while it stays open, so it outlives its TTL; a claim released by a supervisor is noticed as lost', async () => {
    const { startDemo } = await api();
    const a = await scanStation(startDemo, 'Bench A');
    const { settings, shared } = a.station.services;
    const logFile = join(a.station.userDataDir, 'logs', 'short-claims.log');
    const ttlMs = 1_500;
    const short = createScanClaims({
      settings,
      shared,
      operator: () => 'Aiko',
      logger: createLogger({ file: logFile }),
      ttlMs,
      renewEveryMs: 200,
    });
    opened.push(short);
    const claims = createOrderClaims({ pool: await shared.pool(), ttlMs });
    const other = { id: 'another-station', name: 'Bench Z' };

    expect(await short.take('CL-9')).toBeNull();
    expect(short.held()).toBe('CL-9');
    // Three TTLs later it is still this station's: the timer renewed it.
    await new Promise((r) => setTimeout(r, 3 * ttlMs));
    expect(await claims.holder('CL-9')).toMatchObject({ station: 'Bench A', operator: 'Aiko' });
    expect(await claims.claim({ order: 'CL-9', station: other, operator: 'Zed' })).toMatchObject({ kind: 'heldBy' });

    // A supervisor frees it elsewhere and another station takes it: the next renewal finds it lost, and this station lets it be.
    await claims.supervisorRelease({ order: 'CL-9' });
    expect(await claims.claim({ order: 'CL-9', station: other, operator: 'Zed' })).toMatchObject({ kind: 'claimed' });
    await vi.waitFor(() => expect(short.held()).toBeNull(), { timeout: 5_000, interval: 50 });
    expect(readFileSync(logFile, 'utf8')).toContain('station.claim_lost');
    // Closing gives back nothing it no longer holds: the other station keeps it.
    await short.close();
    expect(await claims.holder('CL-9')).toMatchObject({ station: 'Bench Z' });

    // Not renewed (the holder gone without a word): it expires after its TTL.
    await new Promise((r) => setTimeout(r, ttlMs + 500));
    expect(await claims.holder('CL-9')).toBeNull();
  });
});

describe('a supervisor releases a claim (real PostgreSQL, operators)', () => {
  it('a packer is refused with a stable code; a supervisor releases it, the audit trail says who; then another station packs it', async () => {
    const { sim, startDemo } = await api();
    const a = await scanStation(startDemo, 'Bench A');
    const b = await scanStation(startDemo, 'Bench B');
    const c = await scanStation(startDemo, 'Bench C');
    // Sam (the first operator, a supervisor) is signed in at A; Pia packs at B, Kai at C.
    value(await a.station.client.operators.add({ name: 'Sam', role: 'supervisor', pin: '2468' }));
    value(await a.station.client.operators.add({ name: 'Pia', role: 'packer', pin: '1357' }));
    value(await a.station.client.operators.add({ name: 'Kai', role: 'packer', pin: '9753' }));
    value(await b.station.client.operators.signIn({ name: 'Pia', pin: '1357' }));
    value(await c.station.client.operators.signIn({ name: 'Kai', pin: '9753' }));

    // Pia scans CL-3 at B: the other stations are told who packs it.
    expect(await b.scan('CL-3')).toMatchObject({ status: 'needs_weight' });
    expect(await claimRows()).toEqual([{ order_number: 'CL-3', station_name: 'Bench B', operator: 'Pia' }]);
    const held = await c.scan('CL-3');
    expect(held).toMatchObject({ status: 'held_elsewhere', heldBy: { station: 'Bench B', operator: 'Pia' } });
    expect(held.message).toMatch(/^Order CL-3 is being packed at Bench B by Pia since /);

    // Kai (a packer) cannot release it: refused by the gate, the claim stays, nothing audited.
    const refused = await c.station.client.claims.release({ order: 'CL-3' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'operator_supervisor_required', message: expect.stringMatching(/supervisor/i) },
    });
    expect(await claimRows()).toHaveLength(1);

    // Sam (a supervisor) releases it at A: the answer says whose it was; the audit trail says who released which order where.
    const released = value(await a.station.client.claims.release({ order: 'cl-3' }));
    expect(released).toEqual({ released: { order: 'CL-3', station: 'Bench B', operator: 'Pia', since: expect.any(String) } });
    expect(await claimRows()).toEqual([]);
    const audit = value(await a.station.client.audit.search({ action: 'claim_released' })).entries;
    expect(audit).toEqual([
      expect.objectContaining<Partial<AuditEntry>>({
        action: 'claim_released',
        operator: 'Sam',
        orderNumber: expect.stringMatching(/^cl-3$/i),
        station: 'Bench A',
      }),
    ]);

    // Now Kai packs it at C; Pia, coming back to it at B with a weight, is told it is C's, and nothing is bought twice.
    expect(await c.scan('CL-3')).toMatchObject({ status: 'needs_weight' });
    expect(await claimRows()).toEqual([{ order_number: 'CL-3', station_name: 'Bench C', operator: 'Kai' }]);
    expect(await b.scan('CL-3', '1')).toMatchObject({ status: 'held_elsewhere', heldBy: { station: 'Bench C', operator: 'Kai' } });
    expect(await c.scan('CL-3', '1')).toMatchObject({ status: 'printed' });
    expect(sim.stats().labelsByKey).toEqual({ 'CL-3': 1 });
    // Who claimed the order where, once per claim (Kai's weight scan renewed his claim: no second line).
    const claims = value(await a.station.client.audit.search({ action: 'order_claimed' })).entries;
    expect(claims.map((e) => [e.operator, e.station, e.orderNumber]).sort()).toEqual([
      ['Kai', 'Bench C', 'CL-3'],
      ['Pia', 'Bench B', 'CL-3'],
    ]);
  });
});

describe('the shared database goes away and comes back (a server of this test’s own)', () => {
  let cluster: PgCluster;
  useOwnCluster((made) => (cluster = made));

  it('while it is down nothing is bought at either station; the claim outlives the restart, and its holder finishes the order', async () => {
    const { sim, startDemo } = await api();
    const join = async (name: string) => {
      const s = await scanStation(startDemo, null);
      value(
        await s.station.client.workgroup.save({ settings: { ...workgroupOf(cluster), stationName: name }, password: passwordOf(cluster) }),
      );
      await s.station.services.shared.pool();
      // In a workgroup the orders loaded are the workgroup's (shared imports): the file loaded on its own stays local.
      value(await s.station.client.batch.import({ fileName: 'today.csv', base64: Buffer.from(stationCsv(ORDERS)).toString('base64') }));
      return s;
    };
    const a = await join('Bench A');
    const b = await join('Bench B');
    expect(await a.scan('CL-1')).toMatchObject({ status: 'needs_weight' });

    stopServer(cluster);
    // Neither station can know who packs what: no label is bought, and each says why.
    const atB = await b.station.client.scan.submit({ input: 'CL-1' });
    const atA = await a.station.client.scan.submit({ input: 'CL-1', weight: '1' });
    for (const answer of [atA, atB]) {
      expect(value(answer).result).toMatchObject({
        status: 'error',
        orderNumber: 'CL-1',
        labelId: null,
        title: 'Not created',
        message: expect.stringMatching(/^The workgroup database cannot be reached \(.+\)\. .*reconnects by itself/),
      });
    }
    // A still waits for CL-1's weight (typing it again tries again); both scans count as failures.
    expect(value(atA).session).toMatchObject({ pending: { orderNumber: 'CL-1' }, failures: 1 });
    expect(value(atB).session).toMatchObject({ pending: null, failures: 1 });
    expect(posts(sim)).toBe(0);

    startServer(cluster);
    // The claim is still Bench A's after the restart: B is told so; A (reconnected) makes the label.
    await vi.waitFor(async () => expect(await b.scan('CL-1')).toMatchObject({ status: 'held_elsewhere', heldBy: { station: 'Bench A' } }), {
      timeout: 30_000,
      interval: 200,
    });
    await vi.waitFor(async () => expect(await a.scan('CL-1', '1')).toMatchObject({ status: 'printed' }), {
      timeout: 30_000,
      interval: 200,
    });
    expect(await b.scan('CL-1')).toMatchObject({ status: 'reprinted' });
    expect(sim.stats().labelsByKey).toEqual({ 'CL-1': 1 });
  }, 90_000);
});

describe('a station on its own', () => {
  it('scans with no claims at all: nothing is claimed, and releasing a claim says the station is not in a workgroup', async () => {
    const { sim, startDemo } = await api();
    const alone = await scanStation(startDemo, null);
    expect(await alone.scan('CL-1')).toMatchObject({ status: 'needs_weight' });
    expect(await alone.scan('CL-1', '1')).toMatchObject({ status: 'printed' });
    expect(await alone.scan('CL-4')).toMatchObject({ status: 'printed' });
    expect(await alone.scan('CL-4')).toMatchObject({ status: 'reprinted' });
    expect(await claimRows()).toEqual([]);
    expect(await alone.station.client.claims.release({ order: 'CL-1' })).toMatchObject({
      ok: false,
      error: { code: 'workgroup_not_joined' },
    });
    expect(sim.stats().labelsByKey).toEqual({ 'CL-1': 1, 'CL-4': 1 });
  });
});
