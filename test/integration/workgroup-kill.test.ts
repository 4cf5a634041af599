import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { migratePg } from '../../electron/core/storage/pg/migrations';
import { createPrng } from '../../electron/simulator/faults';
import { startSimulator, type Simulator } from '../../electron/simulator';
import { stationCsv } from '../fixtures/station-orders';
import type { WorkgroupStationConfig } from '../support/workgroup-station-process';
import { passwordOf, startCluster, startServer, stopCluster, stopServer, type PgCluster } from '../support/workgroup-pg';

// Issue 18, "Tests", first bullet: stations as separate processes on one PostgreSQL and the
// simulator, scanning the same order list concurrently in station mode, with random SIGKILLs of
// stations and one PostgreSQL restart. Every order is labelled exactly once (the simulator's
// count), no claim is ever held by two stations (a trigger logs every change of order_claims),
// and every station reads the same history. Random in timing only; the seed is logged:
// WORKGROUP_KILL_SEED=<seed> replays the same kill points.

const root = join(import.meta.dirname, '..', '..');
const STATIONS = 4;
const ORDERS = Array.from({ length: 40 }, (_, i) => `WGK-${String(i + 1).padStart(3, '0')}`);
const KILLS = 4;

interface Child {
  name: string;
  dataDir: string;
  process: ChildProcessWithoutNullStreams;
  output: string;
  ready: boolean;
  done: boolean;
  lines: ((line: string) => void)[];
  exited: Promise<unknown>;
}

let cluster: PgCluster;
let sim: Simulator;
let sql: pg.Pool;
const children: Child[] = [];
/** Each station's workgroup id (its READY line), by name: the same after a restart. */
const stationIds = new Map<string, string>();
/** How long each station process took from its start to READY (ms). */
const readyAfter: number[] = [];
const folders: string[] = [];
beforeAll(() => {
  // A cluster of this test's own: it is restarted mid-run.
  cluster = startCluster();
}, 60_000);
afterAll(async () => {
  for (const child of children) child.process.kill('SIGKILL');
  await Promise.all(children.map((c) => c.exited));
  await sql?.end().catch(() => undefined);
  await sim?.close();
  if (cluster) stopCluster(cluster);
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it(
  'four station processes, random SIGKILLs and a PostgreSQL restart: one label per order, claims never shared, one history',
  { timeout: 120_000 },
  async () => {
    const seed = Number(process.env.WORKGROUP_KILL_SEED ?? Date.now() % 1_000_000);
    const random = createPrng(seed);
    // Kill points by progress (labels created so far), so they fall inside the run however fast
    // the machine is; the PostgreSQL restart between the second and third kill.
    const killAt = Array.from({ length: KILLS }, () => 2 + Math.floor(random() * (ORDERS.length - 8))).sort((a, b) => a - b);
    const restartPgAt = Math.max(killAt[1]!, Math.min(killAt[2]!, 12 + Math.floor(random() * 10)));
    console.log(`workgroup kill: seed ${seed}; kills after ${killAt.join(', ')} labels; PostgreSQL restart after ${restartPgAt}`);

    sim = await startSimulator({ latencyMs: 30, jitterMs: 30, seed });
    const pgUrl = new URL(cluster.url);
    pgUrl.password = '';
    sql = new pg.Pool({ connectionString: cluster.url, max: 2 });
    sql.on('error', () => undefined);

    // The shared schema first (as the first station's join would), then a log of every claim change.
    const client = await sql.connect();
    try {
      await migratePg(client);
      await client.query(`
      CREATE TABLE claim_log (seq bigserial PRIMARY KEY, op text NOT NULL, order_key text NOT NULL,
        station_id text, old_station_id text, at timestamptz NOT NULL DEFAULT clock_timestamp());
      CREATE FUNCTION log_claim() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          INSERT INTO claim_log (op, order_key, old_station_id) VALUES ('DELETE', OLD.order_key, OLD.station_id);
          RETURN OLD;
        ELSIF TG_OP = 'UPDATE' THEN
          INSERT INTO claim_log (op, order_key, station_id, old_station_id) VALUES ('UPDATE', NEW.order_key, NEW.station_id, OLD.station_id);
        ELSE
          INSERT INTO claim_log (op, order_key, station_id) VALUES ('INSERT', NEW.order_key, NEW.station_id);
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER order_claims_log AFTER INSERT OR UPDATE OR DELETE ON order_claims FOR EACH ROW EXECUTE FUNCTION log_claim();
    `);
    } finally {
      client.release();
    }

    const csvDir = mkdtempSync(join(tmpdir(), 'ffs-wg-kill-'));
    folders.push(csvDir);
    const csvFile = join(csvDir, 'orders.csv');
    writeFileSync(csvFile, stationCsv(ORDERS.map((orderNumber) => ({ orderNumber }))));

    const start = (name: string, dataDir: string, stationSeed: number): Child => {
      const config: WorkgroupStationConfig = {
        dataDir,
        simulatorUrl: sim.url,
        pgUrl: pgUrl.toString(),
        stationName: name,
        csvFile,
        load: ORDERS.length,
        seed: stationSeed,
        quickHealth: true,
        orders: ORDERS,
      };
      // node with tsx's loader in one process (the tsx wrapper would survive SIGKILL's target).
      const spawned = Date.now();
      const proc = spawn(process.execPath, ['--import', 'tsx', 'test/support/workgroup-station-process.ts', JSON.stringify(config)], {
        cwd: root,
        env: { ...process.env, FFS_WG_PASSWORD: passwordOf(cluster) },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const child: Child = {
        name,
        dataDir,
        process: proc,
        output: '',
        ready: false,
        done: false,
        lines: [],
        exited: new Promise((r) => proc.once('exit', r)),
      };
      let partial = '';
      proc.stdout.on('data', (d) => {
        partial += String(d);
        const lines = partial.split('\n');
        partial = lines.pop()!;
        for (const line of lines) {
          child.output += `${line}\n`;
          if (line.startsWith('READY')) {
            child.ready = true;
            readyAfter.push(Date.now() - spawned);
            stationIds.set(name, line.split(' ')[1]!);
          }
          if (line.startsWith('DONE')) child.done = true;
          for (const listener of child.lines) listener(line);
        }
      });
      proc.stderr.on('data', (d) => (child.output += String(d)));
      return child;
    };

    const stations = Array.from({ length: STATIONS }, (_, i) => {
      const dataDir = mkdtempSync(join(tmpdir(), `ffs-wg-kill-${i + 1}-`));
      folders.push(dataDir);
      const child = start(`Bench ${i + 1}`, dataDir, seed + i + 1);
      children.push(child);
      return child;
    });
    const current = new Map(stations.map((c) => [c.name, c]));
    const labels = () => sim.stats().labelsCreated;

    let kills = 0;
    let pgRestarted = false;
    const log: string[] = [];
    const everyDone = () => [...current.values()].every((c) => c.done);
    const started = Date.now();
    while (!everyDone()) {
      for (const c of current.values()) {
        if (c.process.exitCode !== null && !c.done) throw new Error(`${c.name} exited by itself (${c.process.exitCode}):\n${c.output}`);
      }
      if (Date.now() - started > 90_000) throw new Error(`not finished after 90 s: ${labels()} labels\n${log.join('\n')}`);
      if (kills < KILLS && labels() >= killAt[kills]!) {
        // A random station still scanning, at a random moment just after the kill point.
        await sleep(Math.floor(random() * 150));
        const running = [...current.values()].filter((c) => !c.done);
        if (running.length === 0) break;
        const victim = running[Math.floor(random() * running.length)]!;
        victim.process.kill('SIGKILL');
        await victim.exited;
        kills += 1;
        log.push(`${((Date.now() - started) / 1000).toFixed(1)} s: killed ${victim.name} at ${labels()} labels`);
        // Started again over the same folder (settings, station id, imports, documents).
        const again = start(victim.name, victim.dataDir, seed + 100 * kills + Number(victim.name.slice(-1)));
        children.push(again);
        current.set(victim.name, again);
        continue;
      }
      if (!pgRestarted && labels() >= restartPgAt) {
        pgRestarted = true;
        stopServer(cluster);
        log.push(`${((Date.now() - started) / 1000).toFixed(1)} s: PostgreSQL stopped at ${labels()} labels`);
        await sleep(300 + Math.floor(random() * 700));
        startServer(cluster);
        log.push(`${((Date.now() - started) / 1000).toFixed(1)} s: PostgreSQL started again`);
        continue;
      }
      await sleep(10);
    }
    log.push(`${((Date.now() - started) / 1000).toFixed(1)} s: every station scanned every order`);
    console.log(`workgroup kill:\n  ${log.join('\n  ')}\n  station processes ready after ${readyAfter.join(', ')} ms`);
    // The run reached every kill point and the restart (a run that ends before them tests less: fail loudly).
    expect(kills).toBe(KILLS);
    expect(pgRestarted).toBe(true);

    // Every order labelled exactly once: one created label per order, under the order's own key.
    const stats = sim.stats();
    expect(stats.labelsCreated).toBe(ORDERS.length);
    expect(Object.keys(stats.labelsByKey).sort()).toEqual(ORDERS);
    expect(Object.values(stats.labelsByKey).every((n) => n === 1)).toBe(true);
    const retried = Object.entries(stats.attemptsByKey).filter(([, n]) => n > 1);
    console.log(
      `workgroup kill: ${retried.length} orders were sent more than once with their key (${retried.map(([k, n]) => `${k}×${n}`).join(' ')})`,
    );

    // The shared outbox is settled: one request per order, done.
    const outbox = await sql.query<{ order_number: string; state: string }>('SELECT order_number, state FROM outbox ORDER BY order_number');
    expect(outbox.rows).toEqual(ORDERS.map((order_number) => ({ order_number, state: 'done' })));

    // No claim was ever held by two stations: a claim passes to another station only after its
    // holder let it go (a delete), never by an update while held (nothing expires in this run).
    const changes = await sql.query<{ op: string; order_key: string; station_id: string | null; old_station_id: string | null }>(
      'SELECT op, order_key, station_id, old_station_id FROM claim_log ORDER BY seq',
    );
    const holders = new Map<string, string>();
    const violations: string[] = [];
    const stationsClaiming = new Set<string>();
    for (const c of changes.rows) {
      if (c.op === 'INSERT') {
        if (holders.has(c.order_key)) violations.push(`${c.order_key}: ${c.station_id} while ${holders.get(c.order_key)} held it`);
        holders.set(c.order_key, c.station_id!);
        stationsClaiming.add(c.station_id!);
      } else if (c.op === 'UPDATE') {
        if (c.station_id !== c.old_station_id) violations.push(`${c.order_key}: taken by ${c.station_id} from ${c.old_station_id}`);
        holders.set(c.order_key, c.station_id!);
      } else holders.delete(c.order_key);
    }
    expect(violations).toEqual([]);
    expect(stationsClaiming.size).toBeGreaterThan(1);
    // Every order was claimed. A station lets go of its order once the label exists, and a
    // release the database refused while it was down is made again at the station's next claim
    // or release. A claim is left only by a killed process: the order it held (killed after its
    // label was made, before it let go) and one it could not release during the outage, at most
    // two per kill. Such a claim expires by its TTL; its station renews it if it scans the order again.
    expect(new Set(changes.rows.map((c) => c.order_key)).size).toBe(ORDERS.length);
    const left = await sql.query<{ order_key: string; station_id: string }>('SELECT order_key, station_id FROM order_claims');
    console.log(`workgroup kill: claims left ${left.rows.map((c) => c.order_key).join(' ') || 'none'}`);
    expect(left.rows.length).toBeLessThanOrEqual(2 * KILLS);
    const ids = new Set(stationIds.values());
    expect(left.rows.filter((c) => !ids.has(c.station_id))).toEqual([]);

    // The history every station reads (its label store over the shared database) is the same.
    const histories = await Promise.all(
      [...current.values()].map(
        (c) =>
          new Promise<unknown[]>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`${c.name} gave no history:\n${c.output}`)), 20_000);
            c.lines.push((line) => {
              if (line.startsWith('HISTORY ')) {
                clearTimeout(timer);
                resolve(JSON.parse(line.slice('HISTORY '.length)) as unknown[]);
              }
              if (line.startsWith('ERROR history')) reject(new Error(line));
            });
            c.process.stdin.write('history\n');
          }),
      ),
    );
    const [first, ...others] = histories as { customerOrderNumber: string; status: string; idempotencyKey: string }[][];
    expect(first!.map((l) => l.customerOrderNumber).sort()).toEqual(ORDERS);
    expect(first!.every((l) => l.status === 'created' && l.idempotencyKey === l.customerOrderNumber)).toBe(true);
    for (const other of others) expect(other).toEqual(first);
  },
);
