// A station of a workgroup in a process of its own, for the kill test (test/integration/workgroup-kill.test.ts)
// and the workgroup benchmark (bench/workgroup/run.ts): a real station (createTestStation) in Demo
// mode on the parent's simulator, joined to the parent's PostgreSQL, printing to files in its
// folder. Started again over the same folder after a SIGKILL it keeps its settings, station id,
// imports and documents; the workgroup password comes from the environment each time (an
// in-memory keychain, as test-station's), never from the command line.
//
// Usage: node --import tsx test/support/workgroup-station-process.ts '<json config>'
//   env FFS_WG_PASSWORD: the workgroup database password.
// Config: { dataDir, simulatorUrl, pgUrl (no password; null: a single station on its SQLite), stationName,
//   csvFile, load (how many orders the CSV holds), seed, orders?: string[] }
//   With `orders`, it scans them in an order shuffled by `seed` (station mode: scan → label → print)
//   until each one is printed or reprinted here, then says DONE. Without, it waits for commands.
// Lines it writes (stdout): READY <stationId> | SCAN <order> <status> <labelId|-> <ms> | DONE <scans> | HISTORY <json>
//   | CLAIMS <claimed> <heldBy> <ms> | ERROR <text>
// Lines it reads (stdin): history (the station's whole label history) | scan <order> (one scan, answered with a SCAN
//   line; the time is the station's own, around its scan handler) | claims <count> <distinct|contended> (claims and
//   releases orders through the station's shared pool, as fast as it can) | exit
import { writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import type { PrintBackend } from '../../electron/core/printing/print-service';
import { createMemorySecretStore } from '../../electron/core/secret-store';
import { createOrderClaims } from '../../electron/core/workgroup/claims';
import { WORKGROUP_PASSWORD_ACCOUNT } from '../../electron/core/workgroup/password';
import { createPrng } from '../../electron/simulator/faults';
import { DEMO_ACCOUNTS, DEMO_TOKEN } from '../../electron/simulator';
import type { LabelRecord } from '../../shared/domain/labels';
import { createTestStation } from './test-station';
import { joinWorkgroup } from './workgroup-station';

export interface WorkgroupStationConfig {
  dataDir: string;
  simulatorUrl: string;
  /** The workgroup database, without its password (FFS_WG_PASSWORD has it); null: a single station on its SQLite. */
  pgUrl: string | null;
  stationName: string;
  /** The CSV of orders each station loads when its imports do not hold them yet. */
  csvFile: string;
  /** How many orders the CSV holds: loaded again when the station's imports hold fewer. */
  load: number;
  seed: number;
  orders?: string[];
  /**
   * Check the database every 250 ms and retry after 100–500 ms (a test that restarts PostgreSQL
   * wants the station to see it gone and back at once); else the station's own schedule (15 s),
   * as the benchmark measures it.
   */
  quickHealth?: boolean;
}

const config = JSON.parse(process.argv[2] ?? '{}') as WorkgroupStationConfig;
const password = process.env.FFS_WG_PASSWORD ?? '';
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Print to files in the station's folder: the OS accepts every job at once. */
const prints = join(config.dataDir, 'prints');
mkdirSync(prints, { recursive: true });
let jobs = 0;
const printToFile: PrintBackend = {
  kind: 'cups',
  listPrinters: async () => [],
  async print(request) {
    jobs += 1;
    writeFileSync(join(prints, `job-${process.pid}-${jobs}.pdf`), request.pdf);
    return { osJobId: `file-${process.pid}-${jobs}` };
  },
};

const station = createTestStation({
  userDataDir: config.dataDir,
  secrets: createMemorySecretStore(password ? { [WORKGROUP_PASSWORD_ACCOUNT]: password } : {}),
  startDemo: async () => ({ url: config.simulatorUrl, token: DEMO_TOKEN, accounts: DEMO_ACCOUNTS, close: async () => undefined }),
  printBackend: printToFile,
  clientOptions: { retryDelaysMs: [10, 20], rateLimitPerSecond: 1_000, connectTimeoutMs: 2_000, responseTimeoutMs: 5_000 },
  // Quick to see the server gone and back (the PostgreSQL restart), when asked.
  workgroupHealth: config.quickHealth ? { everyMs: 250, firstBackoffMs: 100, maxBackoffMs: 500 } : undefined,
});
const { client } = station;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Retries a set-up step while the database or the station is not ready (a PostgreSQL restart may be under way). */
async function retrying<T>(what: string, step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= 100) throw error;
      say(`NOTE ${what} failed (${error instanceof Error ? error.message : String(error)}), again`);
      await sleep(200);
    }
  }
}
const ok = async <T>(answer: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>) => {
  const a = await answer;
  if (!a.ok) throw new Error(`${a.error.code}: ${a.error.message}`);
  return a.value;
};

async function setUp() {
  if (!config.pgUrl) {
    if (station.services.settings.read().activeEnvironment !== 'demo') await ok(client.env.switch({ environment: 'demo' }));
    if (station.services.settings.read().printerProfiles.length === 0)
      await ok(client.printers.saveProfile({ name: 'File printer', printer: 'file-printer', role: 'labels' }));
  } else if (!station.services.settings.read().workgroup) {
    // First start: Demo mode, a label printer, then the workgroup (settings before joining: in a
    // workgroup with operators they are a supervisor's).
    await ok(client.env.switch({ environment: 'demo' }));
    if (station.services.settings.read().printerProfiles.length === 0)
      await ok(client.printers.saveProfile({ name: 'File printer', printer: 'file-printer', role: 'labels' }));
    await retrying('joining', () => joinWorkgroup(station, { url: withPassword(config.pgUrl!) }, config.stationName));
  } else {
    await retrying('reconnecting', () => station.services.shared.pool());
  }
  if (config.load > 0) {
    const loaded = await retrying('reading the loaded orders', () => ok(client.scan.session()));
    if (loaded.ordersLoaded < config.load) {
      const base64 = readFileSync(config.csvFile).toString('base64');
      await retrying('loading orders', () => ok(client.batch.import({ fileName: 'workgroup-orders.csv', base64 })));
    }
  }
  say(`READY ${station.services.settings.read().workgroup?.stationId ?? '-'}`);
}

function withPassword(url: string) {
  const u = new URL(url);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** One scan through station mode, as the scanner sends it; what it ended in. */
async function scan(order: string): Promise<string> {
  const started = performance.now();
  const answer = await client.scan.submit({ input: order });
  const ms = (performance.now() - started).toFixed(2);
  const status = answer.ok ? answer.value.result.status : `error:${answer.error.code}`;
  const labelId = answer.ok ? (answer.value.result.labelId ?? '-') : '-';
  say(`SCAN ${order} ${status} ${labelId} ${ms}`);
  return status;
}

async function scanAll(orders: string[]) {
  const random = createPrng(config.seed);
  const list = [...orders];
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  let remaining = list;
  let scans = 0;
  while (remaining.length > 0) {
    const again: string[] = [];
    for (const order of remaining) {
      scans += 1;
      const status = await scan(order);
      // Printed (a new label) or reprinted (it had one, made here or at another station): done here.
      // Anything else (held at another station, in doubt, the database away) is scanned again later.
      if (status !== 'printed' && status !== 'reprinted') again.push(order);
    }
    remaining = again;
    if (remaining.length > 0) await sleep(50 + Math.floor(random() * 100));
  }
  say(`DONE ${scans}`);
}

/**
 * Claims per second from this station: `count` claims through the station's own pool, each
 * one released again when it was won. `distinct`: orders no other station asks for;
 * `contended`: the same ten orders every station asks for.
 */
async function claimRound(count: number, mode: string) {
  const workgroup = station.services.settings.read().workgroup;
  if (!workgroup) throw new Error('not in a workgroup');
  const claims = createOrderClaims({ pool: await station.services.shared.pool() });
  const me = { id: workgroup.stationId, name: workgroup.stationName };
  let claimed = 0;
  let heldBy = 0;
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const order = mode === 'contended' ? `HOT-${i % 10}` : `${workgroup.stationName.replace(/\W/g, '')}-${config.seed}-${i}`;
    const outcome = await claims.claim({ order, station: me, operator: workgroup.stationName });
    if (outcome.kind === 'claimed') {
      claimed += 1;
      await claims.release({ order, stationId: me.id });
    } else heldBy += 1;
  }
  say(`CLAIMS ${claimed} ${heldBy} ${(performance.now() - started).toFixed(1)}`);
}

/** The whole history this station reads (its label store over the shared database), newest first. */
async function history(): Promise<Omit<LabelRecord, 'documentStored'>[]> {
  const all: Omit<LabelRecord, 'documentStored'>[] = [];
  let cursor: string | undefined;
  do {
    const page = await ok(client.labels.history({ limit: 200, ...(cursor ? { cursor } : {}) }));
    // Whether the document is in this station's own cache differs by design; the rest is shared.
    for (const { documentStored: _cached, ...label } of page.items) all.push(label);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

try {
  await setUp();
  const commands = createInterface({ input: process.stdin });
  commands.on('line', (line) => {
    const [command, arg] = line.trim().split(/\s+/, 2);
    void (async () => {
      try {
        if (command === 'history') say(`HISTORY ${JSON.stringify(await history())}`);
        else if (command === 'scan' && arg) await scan(arg);
        else if (command === 'claims' && arg) await claimRound(Number(arg), line.trim().split(/\s+/)[2] ?? 'distinct');
        else if (command === 'exit') {
          await station.close();
          process.exit(0);
        }
      } catch (error) {
        say(`ERROR ${command}: ${error instanceof Error ? error.message : String(error)}`);
      }
    })();
  });
  if (config.orders) await scanAll(config.orders);
} catch (error) {
  say(`ERROR ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
}
