import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreateOutcome } from '../../shared/domain/label-draft';
import type { Simulator } from '../../electron/simulator';
import { controlledDemo, labelDraft } from '../fixtures/label-drafts';
import type { DemoServer } from '../../electron/core/connections';
import { createTestStation, type TestStationOptions } from '../support/test-station';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((x) => x.close()));
});

/** A station in Demo mode on a simulator the test controls. */
async function demoStation(sim: Simulator, startDemo: () => Promise<DemoServer>, extra: TestStationOptions = {}) {
  const station = createTestStation({ startDemo, ...extra });
  opened.push(station, sim);
  const switched = await station.client.env.switch({ environment: 'demo' });
  expect(switched.ok).toBe(true);
  return station;
}

const created = (r: { ok: boolean; value?: CreateOutcome }) => {
  expect(r.ok).toBe(true);
  expect(r.value?.kind).toBe('created');
  return r.value as Extract<CreateOutcome, { kind: 'created' }>;
};
const postsFor = (sim: Simulator) => sim.stats().requests.filter((r) => r.method === 'POST' && r.path === '/labels').length;

describe('creating a label', () => {
  it('writes the outbox first, creates the label once, stores its document and lists it in history', async () => {
    const { sim, startDemo } = await controlledDemo();
    const station = await demoStation(sim, startDemo);
    const outcome = created(await station.client.labels.create({ draft: labelDraft('ORD-1001') }));
    expect(outcome).toMatchObject({
      replayed: false,
      documentError: null,
      label: {
        status: 'created',
        customerOrderNumber: 'ORD-1001',
        recipientName: 'Maria Garcia',
        documentStored: true,
        documentFormat: 'pdf',
      },
    });
    expect(outcome.label.trackingNumber).toBeTruthy();
    expect(sim.stats().labelsByKey).toEqual({ 'ORD-1001': 1 });

    const file = (await station.services.labelStore.documentPath(outcome.label.id))!;
    // The document is written in the background (a print reads it from memory meanwhile).
    await station.services.documents.flush();
    expect(existsSync(file)).toBe(true);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/Page size:\s+288 x 432 pts/);

    const history = await station.client.labels.history({});
    expect(history.ok && history.value.items.map((l) => l.id)).toEqual([outcome.label.id]);
    // The label answered is the label stored, field for field.
    expect(outcome.label).toEqual(await station.services.labelStore.get(outcome.label.id));
  });

  it('previews and reprints from the stored document: no POST /labels and no second GET', async () => {
    const { sim, startDemo } = await controlledDemo();
    const station = await demoStation(sim, startDemo);
    const { label } = created(await station.client.labels.create({ draft: labelDraft('ORD-1002', { format: 'PNG' }) }));
    const before = sim.stats().requests.length;
    for (let i = 0; i < 3; i++) {
      const doc = await station.client.labels.document({ id: label.id });
      expect(doc.ok && doc.value.format).toBe('png');
      expect(doc.ok && Buffer.from(doc.value.base64, 'base64').subarray(1, 4).toString()).toBe('PNG');
    }
    const saved = await station.client.labels.saveAs({ id: label.id });
    expect(saved).toMatchObject({ ok: true, value: { saved: true } });
    expect(sim.stats().requests.length).toBe(before);
  });

  it('closing the station waits for the documents still being written', async () => {
    const { sim, startDemo } = await controlledDemo();
    const station = await demoStation(sim, startDemo);
    const { label } = created(await station.client.labels.create({ draft: labelDraft('ORD-1004') }));
    const file = (await station.services.labelStore.documentPath(label.id))!;
    await station.close();
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('a document the disk refuses still prints, from memory; the log says so, and the next reprint downloads it again', async () => {
    const { sim, startDemo } = await controlledDemo();
    const station = await demoStation(sim, startDemo);
    // The documents' folder is a file: no document can be written under it (a full or broken disk).
    writeFileSync(join(station.userDataDir, 'labels'), 'not a folder');
    const downloads = (id: string) => sim.stats().requests.filter((r) => r.path.startsWith('/documents/') && r.path.includes(id)).length;

    const outcome = created(await station.client.labels.create({ draft: labelDraft('ORD-1003') }));
    expect(outcome.documentError).toBeNull();
    const id = outcome.label.id;
    expect(downloads(id)).toBe(1);
    // The print right after reads the downloaded bytes, however the write went.
    const printed = await station.client.labels.document({ id });
    expect(printed.ok && Buffer.from(printed.value.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(downloads(id)).toBe(1);

    await station.services.documents.flush();
    const logged = readFileSync(station.logFile, 'utf8')
      .split('\n')
      .filter((line) => line.includes('"document.write_failed"'));
    expect(logged.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: 'warn', labelId: id, code: 'document_save_failed' }),
    ]);
    // Nothing was kept, so a reprint downloads the document again (never POST /labels).
    const reprint = await station.client.labels.document({ id });
    expect(reprint.ok && reprint.value.format).toBe('pdf');
    expect(downloads(id)).toBe(2);
    expect(postsFor(sim)).toBe(1);
  });

  it('warns when the order already has a label, and only an explicit "create another" mints a new key', async () => {
    const { sim, startDemo } = await controlledDemo();
    const station = await demoStation(sim, startDemo);
    const first = created(await station.client.labels.create({ draft: labelDraft('ORD-2001') }));
    const again = await station.client.labels.create({ draft: labelDraft('ORD-2001') });
    expect(again).toMatchObject({
      ok: true,
      value: { kind: 'already_labelled', orderNumber: 'ORD-2001', lastRejected: false, labels: [{ id: first.label.id }] },
    });
    expect(postsFor(sim)).toBe(1);

    const another = created(await station.client.labels.create({ draft: labelDraft('ORD-2001'), another: true }));
    expect(another.label.id).not.toBe(first.label.id);
    expect(sim.stats().labelsByKey).toEqual({ 'ORD-2001': 1, 'ORD-2001#2': 1 });
  });

  it('keeps a courier refusal in history with its reason; a new request for the order needs the explicit action', async () => {
    const { sim, startDemo } = await controlledDemo();
    const station = await demoStation(sim, startDemo);
    const refused = await station.client.labels.create({ draft: labelDraft('ORD-3001', { firstName: 'REJECT' }) });
    expect(refused).toMatchObject({
      ok: true,
      value: { kind: 'rejected', label: { status: 'failed', errorCode: 'COURIER_ERROR', errorMessage: expect.stringMatching(/HTTP 400/) } },
    });
    const failed = await station.client.labels.history({ status: 'failed' });
    expect(failed.ok && failed.value.items).toHaveLength(1);

    const retry = await station.client.labels.create({ draft: labelDraft('ORD-3001') });
    expect(retry).toMatchObject({ ok: true, value: { kind: 'already_labelled', lastRejected: true } });
    created(await station.client.labels.create({ draft: labelDraft('ORD-3001'), another: true }));
    expect(sim.stats().labelsByKey).toEqual({ 'ORD-3001': 1, 'ORD-3001#2': 1 });
  });

  it('puts the API’s 400 messages on the fields they name, and reuses the key after the fix', async () => {
    const { sim, startDemo } = await controlledDemo();
    const station = await demoStation(sim, startDemo);
    // A product the courier does not offer passes the shape check but the API refuses it.
    const bad = await station.client.labels.create({ draft: labelDraft('ORD-4001', { productCode: 'NOPE' }) });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', fields: { 'service.productCode': expect.any(String) } } });
    created(await station.client.labels.create({ draft: labelDraft('ORD-4001') }));
    expect(sim.stats().labelsByKey).toEqual({ 'ORD-4001': 1 });
    expect(sim.stats().attemptsByKey['ORD-4001']).toBe(1);
  });
});

describe('exactly once under faults', () => {
  it('dropped connections after creation, 500s, 502s and hangs end with exactly one label per order, matching history', async () => {
    const { sim, startDemo } = await controlledDemo({
      seed: 7,
      faults: { dropAfterCreate: 0.25, error500: 0.15, badGateway: 0.1, hang: 0.05 },
    });
    const station = await demoStation(sim, startDemo, {
      clientOptions: { retryDelaysMs: [5, 10, 20], connectTimeoutMs: 400, responseTimeoutMs: 800 },
    });
    const orders = Array.from({ length: 24 }, (_, i) => `FAULT-${String(i).padStart(3, '0')}`);
    const outcomes = await Promise.all(orders.map((o) => station.client.labels.create({ draft: labelDraft(o) })));
    expect(outcomes.every((r) => r.ok)).toBe(true);

    // Whatever stayed in doubt is resolved by resending the same bytes and key, until nothing is left.
    sim.setFaults({});
    for (let round = 0; round < 5; round++) {
      const pending = await station.client.labels.unresolved();
      if (!pending.ok || pending.value.length === 0) break;
      await Promise.all(pending.value.map((p) => station.client.labels.resolve({ idempotencyKey: p.idempotencyKey })));
    }
    expect(await station.client.labels.unresolved()).toEqual({ ok: true, value: [] });

    const stats = sim.stats();
    expect(Object.keys(stats.labelsByKey).sort()).toEqual(orders);
    expect(Object.values(stats.labelsByKey).every((n) => n === 1)).toBe(true);
    const history = await station.client.labels.history({ limit: 200 });
    expect(history.ok && history.value.items.map((l) => l.customerOrderNumber).sort()).toEqual(orders);
    expect(history.ok && history.value.items.length).toBe(stats.labelsCreated);
    // The faults really happened: more attempts than orders.
    expect(Object.values(stats.attemptsByKey).reduce((a, b) => a + b, 0)).toBeGreaterThan(orders.length);
  });

  it('an order whose request is in doubt cannot be re-sent under a new key: it is resolved with its own bytes first', async () => {
    const { sim, startDemo } = await controlledDemo({ faults: { dropAfterCreate: 1 } });
    const station = await demoStation(sim, startDemo, {
      clientOptions: { retryDelaysMs: [], connectTimeoutMs: 400, responseTimeoutMs: 800 },
    });
    const doubt = await station.client.labels.create({ draft: labelDraft('ORD-5001') });
    expect(doubt).toMatchObject({ ok: true, value: { kind: 'in_doubt', idempotencyKey: 'ORD-5001' } });
    expect(sim.stats().labelsByKey).toEqual({ 'ORD-5001': 1 });

    sim.setFaults({});
    // The operator edits the form and presses Create again, even asking for "another": the earlier request is resolved instead.
    const resolved = created(await station.client.labels.create({ draft: labelDraft('ORD-5001', { postalCode: '90013' }), another: true }));
    expect(resolved.replayed).toBe(true);
    expect(sim.stats().labelsByKey).toEqual({ 'ORD-5001': 1 });
  });

  it('a replay refused for another reason (no token) keeps the request in doubt: only the API’s answer resolves it', async () => {
    const TOKEN = 'ff_dev_exactly_once_token_0001';
    const { sim } = await controlledDemo({ tokens: [{ token: TOKEN, accounts: [] }], faults: { dropAfterCreate: 1 } });
    const station = createTestStation({ clientOptions: { retryDelaysMs: [], connectTimeoutMs: 400, responseTimeoutMs: 800 } });
    opened.push(station, sim);
    await station.client.env.setBaseUrl({ environment: 'development', baseUrl: sim.url });
    sim.setFaults({});
    await station.client.token.set({ environment: 'development', token: TOKEN });
    await station.client.env.switch({ environment: 'development' });
    sim.setFaults({ dropAfterCreate: 1 });
    const doubt = await station.client.labels.create({ draft: labelDraft('ORD-7001') });
    expect(doubt.ok && doubt.value.kind).toBe('in_doubt');

    sim.setFaults({});
    await station.client.token.clear({ environment: 'development' });
    const refused = await station.client.labels.resolve({ idempotencyKey: 'ORD-7001' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'no_token' } });
    expect(await station.client.labels.unresolved()).toMatchObject({
      ok: true,
      value: [{ idempotencyKey: 'ORD-7001', state: 'in_doubt' }],
    });

    await station.client.token.set({ environment: 'development', token: TOKEN });
    const resolved = created(await station.client.labels.resolve({ idempotencyKey: 'ORD-7001' }));
    expect(resolved.replayed).toBe(true);
    expect(sim.stats().labelsByKey).toEqual({ 'ORD-7001': 1 });
  });

  it('requests left in doubt are resolved on the next start before anything new is sent', async () => {
    const { sim, startDemo } = await controlledDemo({ faults: { dropAfterCreate: 1 } });
    const first = await demoStation(sim, startDemo, {
      clientOptions: { retryDelaysMs: [], connectTimeoutMs: 400, responseTimeoutMs: 800 },
    });
    const doubt = await first.client.labels.create({ draft: labelDraft('ORD-6001') });
    expect(doubt.ok && doubt.value.kind).toBe('in_doubt');
    await first.close();
    opened.splice(opened.indexOf(first), 1);

    sim.setFaults({});
    const second = createTestStation({ startDemo, userDataDir: first.userDataDir });
    opened.push(second);
    const next = created(await second.client.labels.create({ draft: labelDraft('ORD-6002') }));
    expect(next.label.customerOrderNumber).toBe('ORD-6002');
    const posts = sim.stats().requests.filter((r) => r.method === 'POST' && r.path === '/labels');
    // Attempt 1 (dropped), then the start-up replay of ORD-6001, then ORD-6002.
    expect(posts.map((r) => r.status)).toEqual([0, 200, 201]);
    expect(sim.stats().labelsByKey).toEqual({ 'ORD-6001': 1, 'ORD-6002': 1 });
    const history = await second.client.labels.history({});
    expect(history.ok && history.value.items.map((l) => l.customerOrderNumber).sort()).toEqual(['ORD-6001', 'ORD-6002']);
  });
});

describe('tracking', () => {
  it('shows checkpoints newest first and stores the current tag in history', async () => {
    const { sim, startDemo } = await controlledDemo({ checkpointOrder: 'oldest-first' });
    const station = await demoStation(sim, startDemo);
    const { label } = created(await station.client.labels.create({ draft: labelDraft('TRK-1', { postalCode: '90001' }) }));
    sim.advanceTime(40 * 60_000);
    const view = await station.client.tracking.get({ id: label.id });
    expect(view.ok && view.value.tag).toBe('Delivered');
    const times = view.ok ? view.value.checkpoints.map((c) => Date.parse(c.time!)) : [];
    expect(times.length).toBeGreaterThan(2);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await station.client.labels.get({ id: label.id })).ok && (await station.client.labels.get({ id: label.id }))).toMatchObject({
      value: { trackingTag: 'Delivered' },
    });
  });

  it('refreshes every parcel in transit with progress events', async () => {
    const { sim, startDemo } = await controlledDemo();
    const progress: unknown[] = [];
    const station = await demoStation(sim, startDemo, { emit: (_e, p) => void progress.push(p) });
    for (const o of ['RT-1', 'RT-2', 'RT-3']) created(await station.client.labels.create({ draft: labelDraft(o) }));
    const result = await station.client.tracking.refreshInTransit();
    expect(result).toEqual({
      ok: true,
      value: { updated: 3, failed: 0, total: 3, summary: expect.objectContaining({ checked: 3, failed: 0 }) },
    });
    expect(progress.at(-1)).toMatchObject({ task: 'tracking:refresh', done: 3, total: 3 });
  });
});
