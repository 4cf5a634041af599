import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, expect, it } from 'vitest';
import { controlledDemo, labelDraft } from '../fixtures/label-drafts';
import { createTestStation } from '../support/test-station';

const root = join(import.meta.dirname, '..', '..');
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanup.splice(0)) await fn();
});

const waitFor = async (what: string, check: () => boolean, ms = 20_000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

it('a station killed between the outbox write and the answer resolves the request on restart, with no duplicate', async () => {
  // The simulator creates the label and drops the connection: the killed station never learns the outcome.
  const { sim, startDemo } = await controlledDemo({ faults: { dropAfterCreate: 1 } });
  cleanup.push(() => sim.close());
  const userDataDir = mkdtempSync(join(tmpdir(), 'ffs-crash-'));

  // node with tsx's loader in one process (the tsx wrapper would survive SIGKILL's target).
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/crash-child.ts', userDataDir, sim.url, 'CRASH-1'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  cleanup.push(() => void child.kill('SIGKILL'));

  // The request reached the API and a label exists, but the child is still waiting to retry.
  await waitFor(`the label to be created (child said: ${output})`, () => sim.stats().labelsCreated === 1);
  const outbox = new DatabaseSync(join(userDataDir, 'station.sqlite'), { readOnly: true });
  const row = outbox.prepare('SELECT idempotency_key AS key, state FROM outbox').all();
  outbox.close();
  expect(row).toEqual([{ key: 'CRASH-1', state: expect.stringMatching(/^(pending|in_doubt)$/) }]);
  child.kill('SIGKILL');
  const signal = await new Promise((r) => child.once('exit', (_code, sig) => r(sig)));
  expect(signal).toBe('SIGKILL');
  expect(output).toContain('creating');
  expect(output).not.toContain('finished');

  // Restart over the same files, with the network healthy again.
  sim.setFaults({});
  const station = createTestStation({ userDataDir, startDemo });
  cleanup.push(() => station.close());
  // Anything new waits for the start-up resolution, so ask for history after a new label.
  const next = await station.client.labels.create({ draft: labelDraft('CRASH-2') });
  expect(next.ok && next.value.kind).toBe('created');

  expect(sim.stats().labelsByKey).toEqual({ 'CRASH-1': 1, 'CRASH-2': 1 });
  expect(sim.stats().attemptsByKey['CRASH-1']).toBe(2);
  const history = await station.client.labels.history({});
  expect(history.ok && history.value.items.map((l) => [l.customerOrderNumber, l.status])).toEqual([
    ['CRASH-2', 'created'],
    ['CRASH-1', 'created'],
  ]);
  expect(await station.client.labels.unresolved()).toEqual({ ok: true, value: [] });
});
