import { cupsSkipReason } from '../support/cups';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCupsBackend, runCommand, type RunCommand } from '../../electron/core/printing/cups';
import type { EventPayload } from '../../shared/ipc/contract';
import type { PrintStateFilter } from '../../shared/domain/print-state';
import type { PrintJobRecord } from '../../shared/domain/printing';
import { labelDraft } from '../fixtures/label-drafts';
import { createTestStation } from '../support/test-station';

/**
 * Closed-loop printing through a real station and real CUPS (test/services/start-cups.sh and
 * start-cups-faults.sh): each job lp accepted is followed to its outcome, which History shows
 * per label and filters by, and which the print log names with order and tracking number.
 *   ffs-label-pdf  CUPS-PDF: completes → printed
 *   ffs-failing    its backend fails after CUPS accepted the job ("Out of paper") → failed
 *   ffs-paused     stopped queue: the station's look before sending fails the job, nothing sent (queue-check.ts)
 *   lp -H hold     (on ffs-label-pdf) a held job → waiting
 */

const skipReason = cupsSkipReason('print-outcomes-cups.test.ts');

/** `lp` as the station runs it, plus `-H hold` while `hold.on` (a job CUPS keeps in the queue). */
const hold = { on: false };
const holdingRun: RunCommand = (program, args, options) =>
  runCommand(program, program === 'lp' && hold.on ? ['-H', 'hold', ...args] : args, options);

let station: ReturnType<typeof createTestStation>;
const events: EventPayload<'print:job'>[] = [];
const heldJobs: string[] = [];
const profileIds: Record<string, string> = {};

beforeAll(async () => {
  if (skipReason) return;
  execFileSync('bash', [resolve('test/services/start-cups.sh')], { encoding: 'utf8', timeout: 60_000 });
  station = createTestStation({
    printBackend: createCupsBackend({ run: holdingRun }),
    // Short pauses between questions; the bound stays well above what CUPS-PDF needs.
    printFollow: { intervalMs: 200, timeoutMs: 30_000 },
    emit: (event, payload) => {
      if (event === 'print:job') events.push(payload as EventPayload<'print:job'>);
    },
  });
  const { client } = station;
  await client.env.switch({ environment: 'demo' });
  for (const [name, printer] of [
    ['Desk label printer', 'ffs-label-pdf'],
    ['Out of paper printer', 'ffs-failing'],
    ['Paused printer', 'ffs-paused'],
  ] as const) {
    // The stopped queue is only taken with the operator's confirmation (queue-check.ts).
    const saved = await client.printers.saveProfile({ name, printer, role: 'labels', confirmNotReady: printer === 'ffs-paused' });
    if (!saved.ok) throw new Error(saved.error.message);
    profileIds[printer] = saved.value.printerProfiles.find((p) => p.name === name)!.id;
  }
}, 60_000);

afterAll(async () => {
  if (skipReason) return;
  // Held and paused jobs would wait in the queues for ever.
  for (const job of heldJobs) execFileSync('cancel', [job], { stdio: 'ignore' });
  await station?.close();
});

async function createLabel(orderNumber: string) {
  const created = await station.client.labels.create({ draft: labelDraft(orderNumber) });
  if (!created.ok || created.value.kind !== 'created') throw new Error(`no label for ${orderNumber}: ${JSON.stringify(created)}`);
  return created.value.label;
}

/** Prints through the IPC channel and waits for the follow to end; the job as sent and as settled. */
async function print(labelIds: string[], queue: string, options: { printer?: string } = {}) {
  const sent = await station.client.print.labels({ labelIds, profileId: profileIds[queue], ...options });
  if (!sent.ok) throw new Error(sent.error.message);
  if (sent.value.osJobId && (queue === 'ffs-paused' || hold.on)) heldJobs.push(sent.value.osJobId);
  const settled = await station.services.printing.settled(sent.value.id);
  return { sent: sent.value, settled: settled! };
}

async function historyRow(labelId: string) {
  const page = await station.client.labels.history({ search: { kind: 'label', text: labelId } });
  if (!page.ok) throw new Error(page.error.message);
  return page.value.items.find((l) => l.id === labelId)!;
}

async function filtered(printState: PrintStateFilter) {
  const page = await station.client.labels.history({ printState, limit: 200 });
  if (!page.ok) throw new Error(page.error.message);
  return page.value.items.map((l) => l.id);
}

describe.skipIf(skipReason !== null)('closed-loop printing through CUPS', () => {
  let printed: string;
  let failed: string;
  let held: string;
  let paused: string;
  let never: string;
  let failedJob: PrintJobRecord;

  it('a job CUPS completes is "printed" in History, announced once its outcome is known', async () => {
    const label = await createLabel('LOOP-PRINTED');
    printed = label.id;
    const { sent, settled } = await print([label.id], 'ffs-label-pdf');
    // The channel answers as soon as lp accepted the job; the outcome follows.
    expect(sent).toMatchObject({ state: 'sent', osJobId: expect.stringMatching(/^ffs-label-pdf-\d+$/) });
    expect(settled).toMatchObject({ id: sent.id, state: 'printed', errorCode: null, message: null });
    expect(events.filter((e) => e.id === sent.id)).toEqual([settled]);
    expect((await historyRow(label.id)).print).toMatchObject({ state: 'printed', jobId: sent.id, printer: 'ffs-label-pdf', message: null });
  });

  it('a job that fails after CUPS accepted it is "failed" with the printer\'s reason, and stays failed', async () => {
    const label = await createLabel('LOOP-FAILED');
    failed = label.id;
    const { sent, settled } = await print([label.id], 'ffs-failing');
    failedJob = settled;
    expect(sent.state).toBe('sent');
    expect(settled).toMatchObject({ state: 'failed', errorCode: 'print_job_failed' });
    expect(settled.message).toMatch(/“ffs-failing” did not print the label.*Out of paper \(Flex Forward test backend\)/);
    const row = await historyRow(label.id);
    expect(row.print).toMatchObject({ state: 'failed', jobId: sent.id, message: settled.message });
    // Read again (as History is when the screen opens again, or after a restart): still failed.
    expect((await station.services.labelStore.get(label.id))!.print?.state).toBe('failed');
    // Never retried by itself: exactly one job for the label.
    expect(await station.services.printLog.forLabel(label.id)).toHaveLength(1);
  });

  it('a held job (lp -H hold) is "waiting", with the reason; a job for a stopped queue is not sent and is "failed"', async () => {
    const a = await createLabel('LOOP-HELD');
    held = a.id;
    hold.on = true;
    let result;
    try {
      result = await print([a.id], 'ffs-label-pdf');
    } finally {
      hold.on = false;
    }
    expect(result.settled).toMatchObject({ state: 'waiting' });
    expect(result.settled.message).toMatch(/held \(job-hold-until-specified\)/);
    expect((await historyRow(a.id)).print?.state).toBe('waiting');

    const b = await createLabel('LOOP-PAUSED');
    paused = b.id;
    // A job CUPS would only park in a paused queue (and print later, unexpected) is not sent.
    const stopped = await print([b.id], 'ffs-paused');
    expect(stopped.sent.osJobId).toBeNull();
    expect(stopped.settled).toMatchObject({ state: 'failed' });
    expect(stopped.settled.message).toMatch(
      /Nothing was sent\. The printer “ffs-paused” is stopped.*Paper out \(Flex Forward test queue\)/,
    );
    expect((await historyRow(b.id)).print?.state).toBe('failed');
  });

  it('a label never printed has no print state; History filters by each state', async () => {
    never = (await createLabel('LOOP-NEVER')).id;
    expect((await historyRow(never)).print).toBeUndefined();
    const printedIds = await filtered('printed');
    expect(printedIds).toContain(printed);
    expect(printedIds).not.toContain(failed);
    expect(new Set(await filtered('failed'))).toEqual(new Set([failed, paused]));
    expect(await filtered('waiting')).toEqual([held]);
    const neverIds = await filtered('never');
    expect(neverIds).toContain(never);
    for (const id of [printed, failed, held, paused]) expect(neverIds).not.toContain(id);
  });

  it('reprint on another printer: the failed label prints on ffs-label-pdf and becomes "printed"; the failed job stays in the log', async () => {
    const { sent, settled } = await print([failed], 'ffs-failing', { printer: 'ffs-label-pdf' });
    expect(sent).toMatchObject({ printer: 'ffs-label-pdf', profileId: profileIds['ffs-failing'] });
    expect(settled.state).toBe('printed');
    expect((await historyRow(failed)).print).toMatchObject({ state: 'printed', jobId: sent.id, printer: 'ffs-label-pdf' });
    expect(await filtered('failed')).toEqual([paused]);
    const jobs = await station.services.printLog.forLabel(failed);
    expect(jobs.map((j) => [j.printer, j.state])).toEqual([
      ['ffs-label-pdf', 'printed'],
      ['ffs-failing', 'failed'],
    ]);
    expect(jobs[1]).toEqual(failedJob);
  });

  it('the print log names the order and tracking number of each label in a job', async () => {
    const [first, second] = [await createLabel('LOOP-LOG-1'), await createLabel('LOOP-LOG-2')];
    const { sent } = await print([second.id, first.id], 'ffs-label-pdf');
    const log = await station.client.print.log({});
    if (!log.ok) throw new Error(log.error.message);
    const entry = log.value.find((j) => j.id === sent.id)!;
    expect(entry.state).toBe('printed');
    expect(entry.labels).toEqual([
      { id: second.id, orderNumber: 'LOOP-LOG-2', trackingNumber: second.trackingNumber },
      { id: first.id, orderNumber: 'LOOP-LOG-1', trackingNumber: first.trackingNumber },
    ]);
    expect(second.trackingNumber).toBeTruthy();
    const forLabel = await station.client.print.log({ labelId: failed });
    expect(forLabel.ok && forLabel.value.map((j) => [j.state, j.labels[0]?.orderNumber])).toEqual([
      ['printed', 'LOOP-FAILED'],
      ['failed', 'LOOP-FAILED'],
    ]);
  });
});
