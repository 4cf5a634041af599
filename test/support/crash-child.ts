// Child process for the crash test: a station in Demo mode on the parent's simulator starts
// creating one label and is killed by the parent (SIGKILL) while the request is unresolved.
// Usage: tsx test/support/crash-child.ts <userDataDir> <simulatorUrl> <orderNumber>
import { DEMO_ACCOUNTS, DEMO_TOKEN } from '../../electron/simulator';
import { labelDraft } from '../fixtures/label-drafts';
import { createTestStation } from './test-station';

const [userDataDir, url, orderNumber] = process.argv.slice(2) as [string, string, string];
const station = createTestStation({
  userDataDir,
  startDemo: async () => ({ url, token: DEMO_TOKEN, accounts: DEMO_ACCOUNTS, close: async () => undefined }),
  // A long first backoff: the parent kills this process while it waits to retry.
  clientOptions: { retryDelaysMs: [60_000], connectTimeoutMs: 2_000, responseTimeoutMs: 5_000 },
});
await station.client.env.switch({ environment: 'demo' });
console.log('creating');
await station.client.labels.create({ draft: labelDraft(orderNumber) });
console.log('finished (the parent should have killed this process)');
