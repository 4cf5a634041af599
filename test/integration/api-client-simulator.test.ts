import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiClient, serializeCreateLabel, type ApiClientOptions } from '../../electron/core/api';
import {
  DEMO_ACCOUNTS,
  DEMO_TOKEN,
  TRACKING_SETTLED_AFTER_MS,
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../electron/simulator';
import { TRACKING_TAGS, type CreateLabelRequest } from '../../shared/flexforward/schemas';
import * as examples from '../fixtures/flexforward-examples';

/**
 * The API client against the real simulator over loopback HTTP: the same bytes, headers and
 * retry behaviour the station uses against Flex Forward.
 */

let sim: Simulator;
const started: Simulator[] = [];
async function simulator(options: SimulatorOptions = {}) {
  const s = await startSimulator({ seed: 7, ...options });
  started.push(s);
  return s;
}
beforeEach(async () => {
  sim = await simulator();
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((s) => s.close()));
});

const ACCOUNT = DEMO_ACCOUNTS[0]!.id;
let keySeq = 0;

/** A valid request for the demo token; postal code 90001 drives the "Delivered" scenario. */
function labelRequest(
  changes: { firstName?: string; productCode?: string; shipperAccountId?: string; orderNumber?: string } = {},
): CreateLabelRequest {
  const request = structuredClone(examples.createLabelUnitedStates) as CreateLabelRequest;
  request.idempotencyKey = `it-${process.pid}-${++keySeq}`;
  request.service = { productCode: changes.productCode ?? 'HKMUZXR', shipperAccountId: changes.shipperAccountId ?? ACCOUNT };
  request.shipment.shipTo.address.postalCode = '90001';
  if (changes.firstName) request.shipment.shipTo.contact.firstName = changes.firstName;
  request.order = { customerOrderNumber: changes.orderNumber ?? `ORDER-${request.idempotencyKey}` };
  return request;
}

/** Client with instant, recorded backoff sleeps (the simulator itself runs in real time). */
function client(target: Simulator = sim, overrides: Partial<ApiClientOptions> = {}) {
  const sleeps: number[] = [];
  const api = createApiClient({
    baseUrl: target.url,
    getToken: async () => DEMO_TOKEN,
    retryDelaysMs: [1000, 2000, 4000, 8000],
    random: () => 0,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    connectTimeoutMs: 3000,
    responseTimeoutMs: 5000,
    ...overrides,
  });
  return { api, sleeps };
}

const postsTo = (s: Simulator, path: string) => s.stats().requests.filter((r) => r.method === 'POST' && r.path === path);

describe('creating labels exactly once', () => {
  it('creates a label (201) and replays it (200) for the same key, storing one label', async () => {
    const { api } = client();
    const request = labelRequest();

    const first = await api.createLabel(request);
    const again = await api.createLabel(request);

    expect(first).toMatchObject({ ok: true, created: true, replayed: false, status: 201, value: { status: 'created' } });
    expect(again).toMatchObject({ ok: true, created: false, replayed: true, status: 200 });
    expect(again.ok && first.ok && again.value.id).toBe(first.ok && first.value.id);
    expect(sim.stats().labelsByKey[request.idempotencyKey]).toBe(1);
  });

  it('ends with exactly one label when the connection drops after the label was created', async () => {
    sim.setFaults({ dropAfterCreate: 1 });
    const { api, sleeps } = client();
    const request = labelRequest();

    const result = await api.createLabel(request);

    expect(result).toMatchObject({ ok: true, replayed: true, attempts: 2 });
    expect(sleeps).toEqual([1000]);
    expect(sim.stats().labelsByKey[request.idempotencyKey]).toBe(1);
    expect(sim.stats().labelsCreated).toBe(1);
    expect(postsTo(sim, '/labels')).toHaveLength(2);
  });

  it('recovers from a 500 by resending the same key', async () => {
    const request = labelRequest();
    sim.setFaults({ error500: 1 });
    // The fault clears while the client waits, like a server that comes back.
    const { api } = client(sim, { sleep: async () => sim.setFaults({}) });
    expect(await api.createLabel(request)).toMatchObject({ ok: true, created: true, attempts: 2 });
    expect(sim.stats().labelsByKey[request.idempotencyKey]).toBe(1);
  });

  it('gives up on a hung request and resends the same key', async () => {
    const request = labelRequest();
    sim.setFaults({ hang: 1 });
    const { api } = client(sim, { connectTimeoutMs: 500, sleep: async () => sim.setFaults({}) });
    const result = await api.createLabel(request);
    // Exactly how many attempts a loaded machine needs is not the point; one label is.
    expect(result).toMatchObject({ ok: true });
    expect(result.attempts).toBeGreaterThanOrEqual(2);
    expect(sim.stats().labelsByKey[request.idempotencyKey]).toBe(1);
  });

  it('reports an unreadable 2xx as in doubt; resending the stored bytes finds the one label', async () => {
    const request = labelRequest();
    const stored = serializeCreateLabel(request);
    if (!stored.ok) throw new Error('fixture must be valid');
    const { api } = client();

    sim.setFaults({ malformedJson: 1 });
    const doubtful = await api.createLabel(stored.value);
    expect(doubtful).toMatchObject({ ok: false, inDoubt: true, error: { code: 'bad_response' } });

    sim.setFaults({});
    const resolved = await api.createLabel(stored.value);
    expect(resolved).toMatchObject({ ok: true, replayed: true });
    expect(sim.stats().labelsByKey[request.idempotencyKey]).toBe(1);
  });

  it('stops after the schedule when the API keeps failing, marking the outcome in doubt', async () => {
    sim.setFaults({ badGateway: 1 });
    const { api, sleeps } = client();
    const result = await api.createLabel(labelRequest());
    expect(result).toMatchObject({ ok: false, inDoubt: true, attempts: 5, error: { code: 'server', status: 502 } });
    expect(sleeps).toEqual([1000, 2000, 4000, 8000]);
    expect(sim.stats().labelsCreated).toBe(0);
  });
});

describe('courier rejections', () => {
  it('reports a 502 rejection as terminal and replays the stored failure for the same key', async () => {
    const { api } = client();
    const request = labelRequest({ firstName: 'REJECT' });

    const first = await api.createLabel(request);
    const replay = await api.createLabel(request);

    expect(first).toMatchObject({
      ok: false,
      inDoubt: false,
      attempts: 1,
      error: {
        code: 'courier_rejected',
        status: 502,
        retryable: false,
        courier: { courier: 'yunexpress', code: 'COURIER_ERROR' },
        label: { status: 'failed' },
      },
    });
    expect(replay).toMatchObject({ ok: false, error: { code: 'courier_rejected', status: 200 } });
    expect(sim.stats().labelsByKey[request.idempotencyKey]).toBe(1);
  });

  it('treats a 201 with status failed as a rejection too', async () => {
    const strict = await simulator({ rejectionStatus: 201 });
    const result = await client(strict).api.createLabel(labelRequest({ firstName: 'REJECT' }));
    expect(result).toMatchObject({ ok: false, inDoubt: false, error: { code: 'courier_rejected', status: 201 } });
  });
});

describe('refusals', () => {
  it('maps a wrong token to unauthorized, without retrying', async () => {
    const { api } = client(sim, { getToken: async () => 'not-the-demo-token' });
    expect(await api.listCouriers()).toMatchObject({ ok: false, attempts: 1, error: { code: 'unauthorized', status: 401 } });
  });

  it('maps a shipper account the token may not use to forbidden', async () => {
    const result = await client().api.createLabel(labelRequest({ shipperAccountId: '3fa85f64-5717-4562-b3fc-2c963f66afa6' }));
    expect(result).toMatchObject({ ok: false, inDoubt: false, error: { code: 'forbidden', status: 403 } });
  });

  it('maps an unknown label to not_found', async () => {
    const { api } = client();
    expect(await api.getTracking('no-such-label')).toMatchObject({ ok: false, error: { code: 'not_found', status: 404 } });
    expect(await api.getLabelDocument('no-such-label')).toMatchObject({ ok: false, error: { code: 'not_found', status: 404 } });
  });

  it('maps the simulator’s 400 details onto fields', async () => {
    const result = await client().api.createLabel(labelRequest({ productCode: 'NOPE' }));
    expect(result).toMatchObject({ ok: false, inDoubt: false, error: { code: 'validation', status: 400 } });
    expect(!result.ok && Object.keys(result.error.fields ?? {})).toEqual(['service.productCode']);
  });

  it('sends the bearer token on every request and nothing to anyone else', async () => {
    const { api } = client();
    await api.listCouriers();
    await api.createLabel(labelRequest());
    const requests = sim.stats().requests;
    expect(requests.length).toBe(2);
    for (const r of requests) expect(r.headers.authorization).toBe(`Bearer ${DEMO_TOKEN}`);
  });
});

describe('documents, tracking and catalog', () => {
  it('fetches documents one by one and in a batch, reporting the identifiers not found', async () => {
    const { api } = client();
    const a = await api.createLabel(labelRequest());
    const b = await api.createLabel(labelRequest({ orderNumber: 'ORDER-B-1' }));
    const failed = await api.createLabel(labelRequest({ firstName: 'REJECT' }));
    if (!a.ok || !b.ok || failed.ok) throw new Error('setup failed');
    const failedId = failed.error.label?.id ?? '';

    const one = await api.getLabelDocument(a.value.id);
    expect(one).toMatchObject({ ok: true, value: { id: a.value.id, labelFormat: 'pdf' } });
    expect(one.ok && one.value.url.startsWith(sim.url)).toBe(true);

    const batch = await api.getLabelDocuments([a.value.id, 'ORDER-B-1', failedId, 'missing-order']);
    expect(batch).toMatchObject({ ok: true, value: { missing: [failedId, 'missing-order'] } });
    expect(batch.ok && batch.value.labels.map((l) => l.id)).toEqual([a.value.id, b.value.id]);
  });

  it('reads tracking by label id and by customer order number until it settles', async () => {
    const { api } = client();
    const created = await api.createLabel(labelRequest({ orderNumber: 'ORDER-TRACK-1' }));
    if (!created.ok) throw new Error('setup failed');

    const early = await api.getTracking(created.value.id);
    expect(early).toMatchObject({ ok: true, value: { id: created.value.id } });
    expect(early.ok && TRACKING_TAGS).toContain(early.ok && early.value.tag);

    sim.advanceTime(TRACKING_SETTLED_AFTER_MS + 1);
    const settled = await api.getTracking('ORDER-TRACK-1');
    expect(settled).toMatchObject({ ok: true, value: { id: created.value.id, tag: 'Delivered' } });
    expect(settled.ok && settled.value.checkpoints.length).toBeGreaterThan(0);
  });

  it('lists couriers and the products of a courier', async () => {
    const { api } = client();
    const couriers = await api.listCouriers();
    expect(couriers.ok && couriers.value.map((c) => c.code)).toContain('yunexpress');
    const products = await api.listProducts({ courier: 'yunexpress', shipperAccountId: ACCOUNT, locale: 'ja' });
    expect(products.ok && products.value.map((p) => p.code)).toEqual(expect.arrayContaining(['JPTHZXR', 'HKMUZXR', 'YEXP01']));
  });
});

describe('rate limits', () => {
  it('stays under a server limit above its own, so the server never answers 429', async () => {
    const limited = await simulator({ rateLimit: { perSecond: 4 } });
    // Real sleeps here: the simulator's limiter runs on its own clock.
    const { api } = client(limited, { rateLimitPerSecond: 2, sleep: (ms) => new Promise((r) => setTimeout(r, ms)) });
    const results = await Promise.all(Array.from({ length: 5 }, () => api.listCouriers()));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(limited.stats().requests.filter((r) => r.status === 429)).toEqual([]);
  });

  it('waits out the Retry-After of a 429 and then succeeds', async () => {
    const limited = await simulator({ rateLimit: { perSecond: 1 } });
    const waits: number[] = [];
    const { api } = client(limited, {
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((r) => setTimeout(r, ms));
      },
    });
    const results = await Promise.all([api.listCouriers(), api.listCouriers()]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(limited.stats().requests.some((r) => r.status === 429)).toBe(true);
    expect(waits[0]).toBe(1000);
  });
});
