// Batch benchmark: N orders through the batch runner against the simulator with a fixed latency,
// at concurrency 1 and at the default side by side, plus a memory pass.
// Usage: tsx bench/batch/run.ts [--orders 1000] [--memory-orders 5000] [--latency 50] [--rate-limit 10] [--out results.json]
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_BATCH_CONCURRENCY } from '../../electron/core/batch/batch-runner';
import { DEMO_ACCOUNTS, DEMO_TOKEN } from '../../electron/simulator';
import type { SimulatorStats } from '../../electron/simulator';
import { labelDraft } from '../../test/fixtures/label-drafts';
import { batchRunnerFor } from '../../test/support/batch-station';
import { createTestStation } from '../../test/support/test-station';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000' },
    'memory-orders': { type: 'string', default: '5000' },
    latency: { type: 'string', default: '50' },
    'rate-limit': { type: 'string', default: '10' },
    out: { type: 'string', default: 'results.json' },
  },
});
const orders = Number(args.orders);
const memoryOrders = Number(args['memory-orders']);
const latencyMs = Number(args.latency);
const rateLimit = Number(args['rate-limit']);
const TARGET_RATIO = 1.2;
const TARGET_MEMORY_MB = 100;
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const log = (line: string) => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const gc = (globalThis as { gc?: () => void }).gc;

/** The simulator in its own process, so its in-memory labels and rendered documents do not count as the station's memory. */
async function startSimulatorProcess(): Promise<{ url: string; child: ChildProcess; stats: () => Promise<SimulatorStats> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/simulator/cli.ts', '--port', '0', '--latency-ms', String(latencyMs)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code}): ${out}`)));
  });
  const stats = async () => (await (await fetch(`${url}/__simulator/stats`, { headers: { Authorization: `Bearer ${DEMO_TOKEN}` } })).json()) as SimulatorStats;
  return { url, child, stats };
}

interface Pass {
  orders: number;
  concurrency: number;
  seconds: number;
  created: number;
  requestsPerLabel: { postLabels: number; getLabel: number; document: number; other: number } | null;
  memory: { rssBeforeMb: number; rssAfterMb: number; heapBeforeMb: number; heapAfterMb: number; heapTotalAfterMb: number; externalBeforeMb: number; externalAfterMb: number; databaseMb: number; rssEvery5sMb: number[]; gc: boolean };
}

async function pass(n: number, concurrency: number): Promise<Pass> {
  const sim = await startSimulatorProcess();
  const station = createTestStation({
    startDemo: async () => ({ url: sim.url, token: DEMO_TOKEN, accounts: DEMO_ACCOUNTS, close: async () => undefined }),
    // The client's own pacing (default 10 requests per second per token) is what a real run gets.
    clientOptions: { rateLimitPerSecond: rateLimit },
  });
  try {
    await station.client.env.switch({ environment: 'demo' });
    const { store, runner } = batchRunnerFor(station, { concurrency });
    const tag = `C${concurrency}-${n}-${Date.now()}`;
    const drafts = Array.from({ length: n }, (_, i) => labelDraft(`BENCH-${tag}-${i + 1}`));
    gc?.();
    const before = process.memoryUsage();
    const run = store.createRun({ drafts, concurrency }, Date.now());
    drafts.length = 0;
    const started = performance.now();
    // RSS over the run: a plateau (caches filling) reads differently from a steady climb (a leak).
    const rssEvery5sMb: number[] = [];
    const sampler = setInterval(() => rssEvery5sMb.push(mb(process.memoryUsage().rss)), 5_000);
    const summary = await runner.start(run.id);
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    gc?.();
    const after = process.memoryUsage();
    const stats = await sim.stats();
    // The simulator keeps the newest 10,000 requests: count per label only when all are there.
    const complete = stats.requests.length < 10_000;
    const count = (test: (r: SimulatorStats['requests'][number]) => boolean) => Math.round((stats.requests.filter(test).length / summary.created) * 100) / 100;
    const requestsPerLabel = complete
      ? {
          postLabels: count((r) => r.method === 'POST' && r.path.startsWith('/labels')),
          getLabel: count((r) => r.method === 'GET' && r.path.startsWith('/labels/')),
          // Document requests carry no token, so the simulator's per-token stats leave them out:
          // count the documents the station downloaded and stored instead (each fetched once).
          document: Math.round((readdirSync(join(station.userDataDir, 'labels'), { recursive: true }).filter((f) => /\.(pdf|png)$/.test(String(f))).length / summary.created) * 100) / 100,
          other: count((r) => !r.path.startsWith('/labels') && !r.path.startsWith('/documents/')),
        }
      : null;
    return {
      orders: n,
      concurrency,
      seconds: Math.round(seconds * 100) / 100,
      created: summary.created,
      requestsPerLabel,
      memory: {
        rssBeforeMb: mb(before.rss),
        rssAfterMb: mb(after.rss),
        heapBeforeMb: mb(before.heapUsed),
        heapAfterMb: mb(after.heapUsed),
        heapTotalAfterMb: mb(after.heapTotal),
        externalBeforeMb: mb(before.external),
        externalAfterMb: mb(after.external),
        // SQLite maps the database file (mmap_size) and caches pages (cache_size): touched pages count as rss.
        databaseMb: mb(statSync(join(station.userDataDir, 'station.sqlite')).size),
        rssEvery5sMb,
        gc: gc !== undefined,
      },
    };
  } finally {
    await station.close();
    sim.child.kill('SIGTERM');
    rmSync(station.userDataDir, { recursive: true, force: true });
  }
}

/**
 * The lower bound of a run: latency-bound (each label's requests in sequence, `concurrency`
 * labels at once) or rate-bound (every rate-limited request through one token's limit).
 * "as specified" counts every request (documents included) in both terms; "strict" counts in
 * each term only the requests that term applies to here: the simulator's latency and the
 * client's rate limit apply to API requests, not to the document download.
 */
function bounds(p: Pass, perLabel: NonNullable<Pass['requestsPerLabel']>) {
  const all = perLabel.postLabels + perLabel.getLabel + perLabel.document + perLabel.other;
  const api = perLabel.postLabels + perLabel.getLabel + perLabel.other;
  const bound = (latencyRequests: number, rateRequests: number) => {
    const latencyBound = (p.orders * latencyRequests * latencyMs) / 1000 / p.concurrency;
    const rateBound = (p.orders * rateRequests) / rateLimit;
    return { seconds: Math.round(Math.max(latencyBound, rateBound) * 100) / 100, latencyBound: Math.round(latencyBound * 100) / 100, rateBound: Math.round(rateBound * 100) / 100, binding: latencyBound >= rateBound ? 'latency' : 'rate limit' };
  };
  const asSpecified = bound(all, all);
  const strict = bound(api, api);
  return { asSpecified, strict, ratioAsSpecified: Math.round((p.seconds / asSpecified.seconds) * 100) / 100, ratioStrict: Math.round((p.seconds / strict.seconds) * 100) / 100 };
}

log(`batch bench: ${orders} orders, latency ${latencyMs} ms, client rate limit ${rateLimit}/s, memory pass ${memoryOrders} orders${gc ? '' : ' (run with --expose-gc for exact heap figures)'}`);
const results: Record<string, unknown> = { orders, latencyMs, rateLimit, memoryOrders, at: new Date().toISOString() };
const passes: (Pass & { bounds: ReturnType<typeof bounds> | null })[] = [];
let perLabel: Pass['requestsPerLabel'] = null;
if (orders > 0) {
  for (const concurrency of [1, DEFAULT_BATCH_CONCURRENCY]) {
    const p = await pass(orders, concurrency);
    perLabel ??= p.requestsPerLabel;
    const b = perLabel ? bounds(p, perLabel) : null;
    passes.push({ ...p, bounds: b });
    log(
      `concurrency ${concurrency}: ${p.seconds} s for ${p.created} labels; requests per label ${JSON.stringify(p.requestsPerLabel)}; ` +
        (b
          ? `bound as specified ${b.asSpecified.seconds} s (${b.asSpecified.binding}) → ${b.ratioAsSpecified}×; strict bound ${b.strict.seconds} s (${b.strict.binding}) → ${b.ratioStrict}×`
          : 'bound: no request counts'),
    );
  }
}
results.passes = passes;

if (memoryOrders > 0) {
  const memory = await pass(memoryOrders, DEFAULT_BATCH_CONCURRENCY);
  const growth = { rssMb: mb((memory.memory.rssAfterMb - memory.memory.rssBeforeMb) * 1024 * 1024), heapMb: mb((memory.memory.heapAfterMb - memory.memory.heapBeforeMb) * 1024 * 1024) };
  results.memory = { ...memory, growth, targetMb: TARGET_MEMORY_MB, withinTarget: growth.rssMb < TARGET_MEMORY_MB };
  log(
    `memory pass: ${memoryOrders} orders in ${memory.seconds} s; rss ${memory.memory.rssBeforeMb} → ${memory.memory.rssAfterMb} MB (+${growth.rssMb}), heap ${memory.memory.heapBeforeMb} → ${memory.memory.heapAfterMb} MB (+${growth.heapMb}), ` +
      `heap total after ${memory.memory.heapTotalAfterMb} MB, external ${memory.memory.externalBeforeMb} → ${memory.memory.externalAfterMb} MB, database file ${memory.memory.databaseMb} MB; rss every 5 s: ${memory.memory.rssEvery5sMb.join(' ')}`,
  );
}

const def = passes.find((p) => p.concurrency === DEFAULT_BATCH_CONCURRENCY);
const one = passes.find((p) => p.concurrency === 1);
const summary = [
  def?.bounds ? `default (c=${DEFAULT_BATCH_CONCURRENCY}) ${def.seconds} s = ${def.bounds.ratioStrict}× strict bound, ${def.bounds.ratioAsSpecified}× bound as specified (target ≤ ${TARGET_RATIO}×: ${def.bounds.ratioStrict <= TARGET_RATIO ? 'met' : 'missed'})` : null,
  one ? `c=1 ${one.seconds} s` : null,
  results.memory ? `memory +${(results.memory as { growth: { rssMb: number } }).growth.rssMb} MB rss for ${memoryOrders} orders (target < ${TARGET_MEMORY_MB} MB)` : null,
]
  .filter(Boolean)
  .join('; ');
results.summary = summary;
writeFileSync(join(here, args.out), `${JSON.stringify(results, null, 2)}\n`);
log(`summary: ${summary}`);
