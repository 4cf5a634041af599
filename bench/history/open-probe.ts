// Run in a fresh process by run.ts: opens the database, runs the newest page, prints timings as JSON.
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../electron/core/db/database';
import { createSqliteLabelStore as createLabelStore } from '../../electron/core/labels/label-store';

const file = process.argv[2];
if (!file) throw new Error('usage: open-probe.ts <database file>');
const t0 = performance.now();
const database = openDatabase(file);
const openMs = performance.now() - t0;
const store = createLabelStore(database);
const t1 = performance.now();
store.page({ limit: 50 });
const firstPageMs = performance.now() - t1;
database.close();
process.stdout.write(JSON.stringify({ openMs, firstPageMs }));
