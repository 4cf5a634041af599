// Today benchmark: builds N labels (bench/history/data.ts, two years of history), then measures
// today:summary (electron/core/today/today-summary.ts) as the screen asks for it.
// Usage: tsx bench/today/run.ts [--labels 1000000] [--queries 100] [--keep]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { EnvironmentId } from '../../shared/domain/environment';
import { timeFormat } from '../../shared/domain/time-format';
import { openDatabase } from '../../electron/core/db/database';
import { createSqliteLabelStore as createLabelStore } from '../../electron/core/labels/label-store';
import { createTodaySummary, sqliteTodayTally } from '../../electron/core/today/today-summary';
import { labels } from '../history/data';

const TARGET_MS = 100;

const { values: args } = parseArgs({
  options: {
    labels: { type: 'string', default: '1000000' },
    queries: { type: 'string', default: '100' },
    keep: { type: 'boolean', default: false },
  },
});
const count = Number(args.labels);
const queries = Number(args.queries);
const dir = mkdtempSync(join(tmpdir(), 'ffs-today-bench-'));
const file = join(dir, 'station.sqlite');
const log = (line: string) => process.stdout.write(`${line}\n`);

log(`building ${count.toLocaleString('en')} labels in ${file}`);
let database = openDatabase(file);
const store = createLabelStore(database);
const end = Date.now();
const buildStart = performance.now();
let inserted = 0;
// A print job for about two labels in three (a quarter of them failed), so the print-state join has work.
const job = database.db.prepare("INSERT INTO print_jobs (id, printer, state, created_at) VALUES (?, 'bench', ?, ?)");
const state = database.db.prepare('INSERT INTO label_print_state (label_id, job_seq, state, updated_at) VALUES (?, ?, ?, ?)');
database.db.exec('BEGIN');
for (const label of labels(count, end)) {
  store.save(label);
  if (label.status === 'created' && inserted % 3 !== 0) {
    const failed = inserted % 4 === 0;
    const seq = Number(job.run(`job-${inserted}`, failed ? 'failed' : 'sent', label.createdAt).lastInsertRowid);
    state.run(label.id, seq, failed ? 'failed' : 'printed', label.createdAt);
  }
  if (++inserted % 10_000 === 0) {
    database.db.exec('COMMIT');
    if (inserted % 200_000 === 0) log(`  ${inserted.toLocaleString('en')} labels`);
    database.db.exec('BEGIN');
  }
}
database.db.exec('COMMIT');
log(`built in ${((performance.now() - buildStart) / 1000).toFixed(1)} s`);
database.close();

// As the app runs it: one long-lived connection, the station's clock, every environment in turn.
database = openDatabase(file);
const today = createTodaySummary({
  tally: sqliteTodayTally(database),
  times: timeFormat({ timeZone: 'Asia/Tokyo', locale: 'en-GB' }),
  now: () => end,
});
const times: number[] = [];
let created = 0;
for (let i = 0; i < queries; i++) {
  const environment = EnvironmentId.options[i % EnvironmentId.options.length]!;
  const started = performance.now();
  const summary = await today.summary(environment);
  times.push(performance.now() - started);
  created += summary.windowBreakdown.created;
}
times.sort((a, b) => a - b);
const p = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
const p95 = p(0.95);
log(
  `today:summary over ${count.toLocaleString('en')} labels (${Math.round(created / queries).toLocaleString('en')} created labels in the 14 days of an environment on average)`,
);
log(
  `  p50 ${p(0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms (target p95 < ${TARGET_MS} ms): ${p95 < TARGET_MS ? 'ok' : 'TOO SLOW'}`,
);
database.close();
if (args.keep) log(`kept ${file}`);
else rmSync(dir, { recursive: true, force: true });
if (p95 >= TARGET_MS) process.exitCode = 1;
