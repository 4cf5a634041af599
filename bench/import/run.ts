// Import benchmark: a generated CSV of about 20 MB imported through the real batch service,
// with decoding, parsing and building in a worker thread (as the station does) and, in the same
// run, on the main thread (as it did before); prints main's event-loop delay during each import
// and the memory each import adds. Nothing here is asserted: it reports.
// Usage: node --expose-gc --import tsx bench/import/run.ts [--mb 20] [--imports 4] [--modes worker,in-thread] [--out results.json]
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createBatchService } from '../../electron/core/batch/batch-service';
import { createImportStore } from '../../electron/core/batch/import-store';
import { createBatchStore } from '../../electron/core/batch/batch-store';
import { inThreadImportJobs } from '../../electron/core/batch/import-thread';
import { createLogger } from '../../electron/core/logger';
import { largeOrdersCsv } from '../../test/fixtures/large-csv';
import { createTestStation } from '../../test/support/test-station';

const { values: args } = parseArgs({
  options: {
    mb: { type: 'string', default: '20' },
    imports: { type: 'string', default: '4' },
    modes: { type: 'string', default: 'worker,in-thread' },
    out: { type: 'string', default: 'results.json' },
  },
});
const targetMb = Number(args.mb);
const importsPerMode = Number(args.imports);
const modes = args.modes.split(',').map((m) => m.trim());
if (modes.some((m) => m !== 'worker' && m !== 'in-thread')) throw new Error('--modes takes worker and/or in-thread');
const here = dirname(fileURLToPath(import.meta.url));
const log = (line: string) => process.stdout.write(`${line}\n`);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const ms = (n: number) => Math.round(n * 10) / 10;
const gc = (globalThis as { gc?: () => void }).gc;
const sleep = (time: number) => new Promise((r) => setTimeout(r, time));

interface ImportSample {
  seconds: number;
  /** Main's event-loop delay while the import ran (ms): what an IPC call, a scan or a progress event waited at worst. */
  lag: { p50: number; p99: number; max: number };
  /** Growth over the import, after a forced GC when --expose-gc is on. */
  rssGrowthMb: number;
  heapGrowthMb: number;
  externalGrowthMb: number;
  peakRssMb: number;
}

interface ModeResult {
  mode: string;
  imports: ImportSample[];
  /** After all the imports, with all of them still open, against before the first (after the warm-up). */
  retained: { rssMb: number; heapMb: number };
  /** One page flip (orders 101–200) and one fix on the newest import. */
  pageMs: number;
  fixMs: number;
  pageLag: { p99: number; max: number };
}

/** Event-loop delay over `work`; the monitor runs before and after it, so a stall at either end is recorded. */
async function measured<T>(work: () => Promise<T>) {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  // The monitor's first tick must come before the work (a stall before it is not recorded; reset() has the same effect).
  await sleep(30);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const value = await work();
  const elapsed = performance.now() - started;
  await sleep(30);
  clearInterval(sampler);
  histogram.disable();
  const lag = { p50: ms(histogram.percentile(50) / 1e6), p99: ms(histogram.percentile(99) / 1e6), max: ms(histogram.max / 1e6) };
  return { value, elapsed, lag, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
}

async function runMode(mode: string, base64: string): Promise<ModeResult> {
  const station = createTestStation();
  const { labelService, labelStore, settings, database } = station.services;
  const logger = createLogger({ console: false });
  const batches = createBatchService({
    store: createBatchStore(database),
    importStore: createImportStore(database),
    labelService,
    labelStore,
    settings,
    logger,
    emit: () => undefined,
    chooseSavePath: async () => null,
    printAll: async () => '',
    importJobs: mode === 'worker' ? undefined : inThreadImportJobs,
    // Keep every import open: the growth per import is what an open import costs.
    maxImports: importsPerMode + 1,
  });
  try {
    // A warm-up import (small), so the first measured import does not pay for loading code.
    await batches.import('warm-up.csv', Buffer.from(largeOrdersCsv({ rows: 200 }).csv));
    gc?.();
    const first = process.memoryUsage();
    const samples: ImportSample[] = [];
    let importId = '';
    for (let i = 0; i < importsPerMode; i++) {
      gc?.();
      const before = process.memoryUsage();
      // As the IPC handler does: the page's base64 decoded on main, then the service.
      const run = await measured(() => batches.import(`orders-${i + 1}.csv`, Buffer.from(base64, 'base64')));
      importId = run.value.importId;
      gc?.();
      const after = process.memoryUsage();
      samples.push({
        seconds: Math.round(run.elapsed / 10) / 100,
        lag: run.lag,
        rssGrowthMb: mb(after.rss - before.rss),
        heapGrowthMb: mb(after.heapUsed - before.heapUsed),
        externalGrowthMb: mb(after.external - before.external),
        peakRssMb: mb(run.peakRss),
      });
      log(
        `  ${mode} import ${i + 1}: ${samples.at(-1)!.seconds} s, lag p99 ${run.lag.p99} ms, max ${run.lag.max} ms, rss ${signed(samples.at(-1)!.rssGrowthMb)} MB, heap ${signed(samples.at(-1)!.heapGrowthMb)} MB`,
      );
    }
    gc?.();
    const last = process.memoryUsage();
    const page = await measured(() => batches.update({ importId, offset: 100, limit: 100 }));
    const preview = page.value;
    const issue = (await batches.update({ importId, filter: 'issues', limit: 1 })).orders[0]?.issues[0];
    const fix = issue
      ? await measured(() => batches.update({ importId, fix: { row: issue.row, column: issue.column, value: '10118' } }))
      : null;
    if (preview.orders[0]?.rows[0] === undefined) throw new Error('the page came back empty');
    return {
      mode,
      imports: samples,
      retained: { rssMb: mb(last.rss - first.rss), heapMb: mb(last.heapUsed - first.heapUsed) },
      pageMs: ms(page.elapsed),
      fixMs: fix ? ms(fix.elapsed) : 0,
      pageLag: { p99: page.lag.p99, max: page.lag.max },
    };
  } finally {
    await batches.close();
    await station.close();
    rmSync(station.userDataDir, { recursive: true, force: true });
  }
}

const signed = (n: number) => `${n >= 0 ? '+' : ''}${n}`;

const file = largeOrdersCsv({ bytes: targetMb * 1024 * 1024 - 4096, issueEvery: 50 });
const bytes = Buffer.from(file.csv);
const base64 = bytes.toString('base64');
log(
  `import benchmark: ${mb(bytes.length)} MB, ${file.rows.toLocaleString('en-US')} rows, ${file.orders.toLocaleString('en-US')} orders (${file.ordersWithIssues} with an issue), ${importsPerMode} imports per mode${gc ? '' : ' (run with --expose-gc for heap figures without garbage)'}`,
);
file.csv = '';

const results: ModeResult[] = [];
for (const mode of modes) results.push(await runMode(mode, base64));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
log('');
log(
  'mode       import s (median)  lag p99 ms  lag max ms  rss 1st import MB  rss/import after MB  heap/import MB  rss all imports MB  page ms  fix ms',
);
for (const r of results) {
  const later = r.imports.slice(1);
  const cells = [
    r.mode.padEnd(10),
    String(median(r.imports.map((s) => s.seconds))).padStart(17),
    String(Math.max(...r.imports.map((s) => s.lag.p99))).padStart(11),
    String(Math.max(...r.imports.map((s) => s.lag.max))).padStart(11),
    signed(r.imports[0]!.rssGrowthMb).padStart(18),
    (later.length ? signed(median(later.map((s) => s.rssGrowthMb))) : '—').padStart(20),
    signed(median(r.imports.map((s) => s.heapGrowthMb))).padStart(15),
    signed(r.retained.rssMb).padStart(19),
    String(r.pageMs).padStart(8),
    String(r.fixMs).padStart(7),
  ];
  log(cells.join(' '));
}
const out = resolve(here, args.out);
writeFileSync(
  out,
  JSON.stringify({ file: { mb: mb(bytes.length), rows: file.rows, orders: file.orders }, gc: gc !== undefined, results }, null, 2),
);
log(`\nwrote ${out}`);
