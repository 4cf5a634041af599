// Batch benchmark: N orders through the batch runner against the simulator with a fixed latency,
// at concurrency 1 and at the default side by side, plus a memory pass.
// Usage: tsx bench/batch/run.ts [--orders 1000] [--memory-orders 5000] [--latency 50] [--rate-limit 10] [--idle 20] [--out results.json]
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getHeapSpaceStatistics } from 'node:v8';
import { DEFAULT_BATCH_CONCURRENCY } from '../../electron/core/batch/batch-runner';
import { DEMO_ACCOUNTS, DEMO_TOKEN } from '../../electron/simulator';
import type { SimulatorStats } from '../../electron/simulator';
import { labelDraft } from '../../test/fixtures/label-drafts';
import { batchRunnerFor } from '../../test/support/batch-station';
import { createTestStation } from '../../test/support/test-station';
import { startSimulatorProcess } from '../support/simulator-process';

const { values: args } = parseArgs({
  options: {
    orders: { type: 'string', default: '1000' },
    'memory-orders': { type: 'string', default: '5000' },
    latency: { type: 'string', default: '50' },
    'rate-limit': { type: 'string', default: '10' },
    idle: { type: 'string', default: '20' },
    out: { type: 'string', default: 'results.json' },
  },
});
const orders = Number(args.orders);
const memoryOrders = Number(args['memory-orders']);
const latencyMs = Number(args.latency);
const rateLimit = Number(args['rate-limit']);
const idleSeconds = Number(args.idle);
const TARGET_RATIO = 1.2;
const TARGET_MEMORY_MB = 100;
const here = dirname(fileURLToPath(import.meta.url));
const log = (line: string) => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const gc = (globalThis as { gc?: () => void }).gc;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One reading of the process's memory, split so a reader sees what grows. */
interface MemorySample {
  rssMb: number;
  /** Live JS objects (after a forced GC when --expose-gc is on). */
  heapUsedMb: number;
  /** V8's heap capacity: what it has reserved, used or not. */
  heapTotalMb: number;
  /** The young generation's capacity (both semi-spaces): V8 doubles it, up to its limit, as objects survive scavenges. */
  newSpaceMb: number;
  oldSpaceMb: number;
  /** Memory V8 is told about but does not hold (Buffers, ArrayBuffers, native wrappers). */
  externalMb: number;
  arrayBuffersMb: number;
  /** Linux: resident pages of the memory-mapped database file (SQLite mmap_size); null elsewhere. */
  databaseMappedMb: number | null;
}

function sample(databaseFile: string): MemorySample {
  const m = process.memoryUsage();
  const space = (name: string) => getHeapSpaceStatistics().find((s) => s.space_name === name)?.space_size ?? 0;
  return {
    rssMb: mb(m.rss),
    heapUsedMb: mb(m.heapUsed),
    heapTotalMb: mb(m.heapTotal),
    newSpaceMb: mb(space('new_space')),
    oldSpaceMb: mb(space('old_space')),
    externalMb: mb(m.external),
    arrayBuffersMb: mb(m.arrayBuffers),
    databaseMappedMb: mappedRss(databaseFile),
  };
}

/** Resident size of the mappings of `file` (and its -wal/-shm), from /proc/self/smaps; null when unavailable. */
function mappedRss(file: string): number | null {
  let text: string;
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return null;
  }
  let kb = 0;
  let inFile = false;
  for (const line of text.split('\n')) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ /.test(line);
    if (mapping) inFile = line.includes(file);
    else if (inFile && line.startsWith('Rss:')) kb += Number(/(\d+)/.exec(line)?.[1] ?? 0);
  }
  return mb(kb * 1024);
}

const diff = (after: number, before: number) => Math.round((after - before) * 10) / 10;
const signed = (n: number) => `${n >= 0 ? '+' : ''}${n}`;

interface Pass {
  orders: number;
  concurrency: number;
  seconds: number;
  created: number;
  requestsPerLabel: { postLabels: number; getLabel: number; document: number; other: number } | null;
  memory: {
    before: MemorySample;
    /** Right after the run (after a forced GC when available). */
    after: MemorySample;
    /** After the station has sat idle for `idleSeconds` (V8 gives back unused heap capacity when allocation stops). */
    afterIdle: MemorySample | null;
    idleSeconds: number;
    peakRssMb: number;
    databaseMb: number;
    rssEvery5sMb: number[];
    heapTotalEvery5sMb: number[];
    gc: boolean;
  };
}

async function pass(n: number, concurrency: number, memoryPass = false): Promise<Pass> {
  const sim = await startSimulatorProcess({ latencyMs });
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
    const databaseFile = join(station.userDataDir, 'station.sqlite');
    gc?.();
    const before = sample(databaseFile);
    const run = store.createRun({ drafts, concurrency }, Date.now());
    drafts.length = 0;
    const started = performance.now();
    // RSS over the run: a plateau (caches filling) reads differently from a steady climb (a leak).
    const rssEvery5sMb: number[] = [];
    const heapTotalEvery5sMb: number[] = [];
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      rssEvery5sMb.push(mb(m.rss));
      heapTotalEvery5sMb.push(mb(m.heapTotal));
    }, 5_000);
    const summary = await runner.start(run.id);
    clearInterval(sampler);
    const seconds = (performance.now() - started) / 1000;
    gc?.();
    const after = sample(databaseFile);
    let afterIdle: MemorySample | null = null;
    if (idleSeconds > 0 && memoryPass) {
      // The station open and doing nothing, as after a real batch: V8's memory reducer shrinks the heap once allocation stops.
      await sleep(idleSeconds * 1000);
      gc?.();
      afterIdle = sample(databaseFile);
    }
    const stats = await sim.stats();
    // The simulator keeps the newest 10,000 requests: count per label only when all are there.
    const complete = stats.requests.length < 10_000;
    const count = (test: (r: SimulatorStats['requests'][number]) => boolean) =>
      Math.round((stats.requests.filter(test).length / summary.created) * 100) / 100;
    const requestsPerLabel = complete
      ? {
          postLabels: count((r) => r.method === 'POST' && r.path.startsWith('/labels')),
          getLabel: count((r) => r.method === 'GET' && r.path.startsWith('/labels/')),
          // Document requests carry no token, so the simulator's per-token stats leave them out:
          // count the documents the station downloaded and stored instead (each fetched once).
          document:
            Math.round(
              (readdirSync(join(station.userDataDir, 'labels'), { recursive: true }).filter((f) => /\.(pdf|png)$/.test(String(f))).length /
                summary.created) *
                100,
            ) / 100,
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
        before,
        after,
        afterIdle,
        idleSeconds: afterIdle ? idleSeconds : 0,
        peakRssMb: Math.max(after.rssMb, ...rssEvery5sMb),
        // SQLite maps the database file (mmap_size) and caches pages (cache_size): touched pages count as rss.
        databaseMb: mb(statSync(databaseFile).size),
        rssEvery5sMb,
        heapTotalEvery5sMb,
        gc: gc !== undefined,
      },
    };
  } finally {
    await station.close();
    sim.close();
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
    return {
      seconds: Math.round(Math.max(latencyBound, rateBound) * 100) / 100,
      latencyBound: Math.round(latencyBound * 100) / 100,
      rateBound: Math.round(rateBound * 100) / 100,
      binding: latencyBound >= rateBound ? 'latency' : 'rate limit',
    };
  };
  const asSpecified = bound(all, all);
  const strict = bound(api, api);
  return {
    asSpecified,
    strict,
    ratioAsSpecified: Math.round((p.seconds / asSpecified.seconds) * 100) / 100,
    ratioStrict: Math.round((p.seconds / strict.seconds) * 100) / 100,
  };
}

log(
  `batch bench: ${orders} orders, latency ${latencyMs} ms, client rate limit ${rateLimit}/s, memory pass ${memoryOrders} orders${gc ? '' : ' (run with --expose-gc for exact heap figures)'}`,
);
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

/** Growth from `before` to `to`, field by field. */
function growthOf(before: MemorySample, to: MemorySample) {
  return {
    rssMb: diff(to.rssMb, before.rssMb),
    heapUsedMb: diff(to.heapUsedMb, before.heapUsedMb),
    heapTotalMb: diff(to.heapTotalMb, before.heapTotalMb),
    newSpaceMb: diff(to.newSpaceMb, before.newSpaceMb),
    oldSpaceMb: diff(to.oldSpaceMb, before.oldSpaceMb),
    externalMb: diff(to.externalMb, before.externalMb),
    databaseMappedMb:
      to.databaseMappedMb === null || before.databaseMappedMb === null ? null : diff(to.databaseMappedMb, before.databaseMappedMb),
  };
}
type Growth = ReturnType<typeof growthOf>;
/** rss growth, then what it is made of: live objects, V8's spare capacity, external memory, the mapped database; the rest is native (SQLite's page cache, sockets, allocator). */
const describeGrowth = (g: Growth) =>
  `rss ${signed(g.rssMb)} MB (heap used ${signed(g.heapUsedMb)}, heap total ${signed(g.heapTotalMb)} of which new space ${signed(g.newSpaceMb)} and old space ${signed(g.oldSpaceMb)}, ` +
  `external ${signed(g.externalMb)}${g.databaseMappedMb === null ? '' : `, mapped database ${signed(g.databaseMappedMb)}`})`;
const verdict = (rssMb: number) => (rssMb < TARGET_MEMORY_MB ? 'met' : 'missed');

if (memoryOrders > 0) {
  const memory = await pass(memoryOrders, DEFAULT_BATCH_CONCURRENCY, true);
  const m = memory.memory;
  const growth = growthOf(m.before, m.after);
  const growthAfterIdle = m.afterIdle ? growthOf(m.before, m.afterIdle) : null;
  const peakGrowthMb = diff(m.peakRssMb, m.before.rssMb);
  results.memory = {
    ...memory,
    growth,
    growthAfterIdle,
    peakGrowthMb,
    targetMb: TARGET_MEMORY_MB,
    // The target is checked on the figure at the end of the run, before any idle time.
    withinTarget: growth.rssMb < TARGET_MEMORY_MB,
    withinTargetAfterIdle: growthAfterIdle ? growthAfterIdle.rssMb < TARGET_MEMORY_MB : null,
  };
  log(
    `memory pass: ${memoryOrders} orders in ${memory.seconds} s; rss ${m.before.rssMb} → ${m.after.rssMb} MB (peak ${m.peakRssMb}), heap used ${m.before.heapUsedMb} → ${m.after.heapUsedMb} MB, ` +
      `heap total ${m.before.heapTotalMb} → ${m.after.heapTotalMb} MB (new space ${m.before.newSpaceMb} → ${m.after.newSpaceMb}, old space ${m.before.oldSpaceMb} → ${m.after.oldSpaceMb}), ` +
      `external ${m.before.externalMb} → ${m.after.externalMb} MB (array buffers ${m.before.arrayBuffersMb} → ${m.after.arrayBuffersMb}), database file ${m.databaseMb} MB` +
      `${m.after.databaseMappedMb === null ? '' : ` (${m.after.databaseMappedMb} MB of it mapped in rss)`}`,
  );
  log(`  rss every 5 s: ${m.rssEvery5sMb.join(' ')}`);
  log(`  heap total every 5 s: ${m.heapTotalEvery5sMb.join(' ')}`);
  log(`  growth at the end of the run: ${describeGrowth(growth)} → target < ${TARGET_MEMORY_MB} MB ${verdict(growth.rssMb)}`);
  if (growthAfterIdle)
    log(
      `  growth after ${m.idleSeconds} s idle: ${describeGrowth(growthAfterIdle)} → target < ${TARGET_MEMORY_MB} MB ${verdict(growthAfterIdle.rssMb)}`,
    );
}

function memorySummary(r: { growth: Growth; growthAfterIdle: Growth | null; peakGrowthMb: number; memory: { idleSeconds: number } }) {
  const idle = r.growthAfterIdle
    ? `, ${signed(r.growthAfterIdle.rssMb)} MB after ${r.memory.idleSeconds} s idle (${verdict(r.growthAfterIdle.rssMb)})`
    : '';
  return (
    `memory for ${memoryOrders} orders: rss ${signed(r.growth.rssMb)} MB at the end of the run (target < ${TARGET_MEMORY_MB} MB: ${verdict(r.growth.rssMb)}; heap total ${signed(r.growth.heapTotalMb)}, heap used ${signed(r.growth.heapUsedMb)}), ` +
    `peak ${signed(r.peakGrowthMb)} MB${idle}`
  );
}

const def = passes.find((p) => p.concurrency === DEFAULT_BATCH_CONCURRENCY);
const one = passes.find((p) => p.concurrency === 1);
const summary = [
  def?.bounds
    ? `default (c=${DEFAULT_BATCH_CONCURRENCY}) ${def.seconds} s = ${def.bounds.ratioStrict}× strict bound, ${def.bounds.ratioAsSpecified}× bound as specified (target ≤ ${TARGET_RATIO}×: ${def.bounds.ratioStrict <= TARGET_RATIO ? 'met' : 'missed'})`
    : null,
  one ? `c=1 ${one.seconds} s` : null,
  results.memory
    ? memorySummary(
        results.memory as { growth: Growth; growthAfterIdle: Growth | null; peakGrowthMb: number; memory: { idleSeconds: number } },
      )
    : null,
]
  .filter(Boolean)
  .join('; ');
results.summary = summary;
// A relative --out is taken from bench/batch/; an absolute one is used as given.
writeFileSync(resolve(here, args.out), `${JSON.stringify(results, null, 2)}\n`);
log(`summary: ${summary}`);
