// Child process for the batch crash test: a station in Demo mode on the parent's simulator
// runs a batch of orders; the parent kills it (SIGKILL) part-way through.
// Usage: node --import tsx test/support/batch-child.ts <userDataDir> <simulatorUrl> <orders>
import { DEMO_ACCOUNTS, DEMO_TOKEN } from '../../electron/simulator';
import { labelDraft } from '../fixtures/label-drafts';
import { batchRunnerFor } from './batch-station';
import { createTestStation } from './test-station';

const [userDataDir, url, count] = process.argv.slice(2) as [string, string, string];
const station = createTestStation({
  userDataDir,
  startDemo: async () => ({ url, token: DEMO_TOKEN, accounts: DEMO_ACCOUNTS, close: async () => undefined }),
  clientOptions: { retryDelaysMs: [10, 20], rateLimitPerSecond: 1_000, connectTimeoutMs: 5_000, responseTimeoutMs: 10_000 },
});
await station.client.env.switch({ environment: 'demo' });
// The station's own start-up resumption has run (nothing to resume here) before this run exists.
await station.services.labelService.resolveUnresolved();
const { store, runner } = batchRunnerFor(station);
const drafts = Array.from({ length: Number(count) }, (_, i) => labelDraft(`CRASH-BATCH-${String(i + 1).padStart(3, '0')}`));
const run = store.createRun({ drafts, concurrency: 4 }, Date.now());
console.log(`started ${run.id}`);
await runner.start(run.id);
console.log('finished (the parent should have killed this process)');
