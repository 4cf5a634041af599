// Fault injection of the simulator: every fault a client must survive, pinned over raw HTTP.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../electron/simulator';
import { TOKEN_A, TOKEN_B, TWO_TOKENS, call, createLabel, freshKey, validBody } from './simulator-test-helpers';

const running: Simulator[] = [];
async function start(options: SimulatorOptions = {}) {
  const sim = await startSimulator({ tokens: TWO_TOKENS, ...options });
  running.push(sim);
  return sim;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

describe('error500', () => {
  it('answers 500 {"error":"Internal Server Error"} and creates nothing; setFaults turns it off', async () => {
    const sim = await start({ faults: { error500: 1 } });
    const key = freshKey('f500');
    const res = await createLabel(sim.url, TOKEN_A, validBody({ key }));
    expect(res.status).toBe(500);
    expect(res.json).toEqual({ error: 'Internal Server Error' });
    expect(sim.stats().labelsCreated).toBe(0);
    sim.setFaults({});
    expect((await createLabel(sim.url, TOKEN_A, validBody({ key }))).status).toBe(201);
  });
});

describe('badGateway', () => {
  it('answers 502 {"error":"Bad Gateway"} without a label body and creates nothing', async () => {
    const sim = await start({ faults: { badGateway: 1 } });
    const res = await createLabel(sim.url, TOKEN_A, validBody());
    expect(res.status).toBe(502);
    expect(res.json).toEqual({ error: 'Bad Gateway' });
    expect(sim.stats().labelsCreated).toBe(0);
  });
});

describe('courierDown', () => {
  it("stores the new label as failed with the courier's 503 and answers 502; a replay answers 200 with it; other faults are not moved", async () => {
    const sim = await start({ faults: { courierDown: 1 } });
    const key = freshKey('down');
    const res = await createLabel(sim.url, TOKEN_A, validBody({ key }));
    expect(res.status).toBe(502);
    expect(res.json).toMatchObject({
      status: 'failed',
      courierTrackingNumber: null,
      error: { code: 'COURIER_ERROR', message: 'YunExpress API returned HTTP 503: Service unavailable' },
    });
    sim.setFaults({});
    const replay = await createLabel(sim.url, TOKEN_A, validBody({ key }));
    expect(replay.status).toBe(200);
    expect(replay.json).toEqual(res.json);
    expect((await createLabel(sim.url, TOKEN_A, validBody({ key: freshKey('up') }))).status).toBe(201);

    // Its draw has a stream of its own: with the same seed, error500 hits the same requests with or without it.
    const hits = async (faults: SimulatorOptions['faults']) => {
      const s = await start({ seed: 7, faults });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await call(s.url, 'GET', '/couriers', { token: TOKEN_A })).status);
      return statuses;
    };
    expect(await hits({ error500: 0.5, courierDown: 0.5 })).toEqual(await hits({ error500: 0.5 }));
  });
});

describe('dropAfterCreate', () => {
  it('creates the label, then drops the connection; a retry with the same key gets 200 and that label', async () => {
    const sim = await start({ faults: { dropAfterCreate: 1 } });
    const key = freshKey('drop');
    const body = validBody({ key, orderNumber: 'N-DROP-1' });
    await expect(createLabel(sim.url, TOKEN_A, body)).rejects.toThrow();
    const stats = sim.stats();
    expect(stats.labelsCreated).toBe(1);
    expect(stats.labelsByKey[key]).toBe(1);
    expect(stats.requests.find((r) => r.method === 'POST')).toMatchObject({ path: '/labels', status: 0 });

    // Replays are not dropped: the fault hits creations only.
    const retry = await createLabel(sim.url, TOKEN_A, body);
    expect(retry.status).toBe(200);
    const doc = await call(sim.url, 'GET', '/labels/N-DROP-1', { token: TOKEN_A });
    expect(retry.json.id).toBe(doc.json.id);
    expect(sim.stats().labelsByKey[key]).toBe(1);
  });

  it('leaves reads alone', async () => {
    const sim = await start({ faults: { dropAfterCreate: 1 } });
    expect((await call(sim.url, 'GET', '/couriers', { token: TOKEN_A })).status).toBe(200);
  });
});

describe('hang', () => {
  it('never answers (the client times out), creates nothing, and close() ends the held socket', async () => {
    const sim = await start({ faults: { hang: 1 } });
    const key = freshKey('hang');
    const attempt = call(sim.url, 'POST', '/labels', { token: TOKEN_A, body: validBody({ key }), signal: AbortSignal.timeout(300) });
    await expect(attempt).rejects.toThrow(/abort|timeout/i);
    expect(sim.stats().labelsCreated).toBe(0);
    expect(sim.stats().requests).toEqual([expect.objectContaining({ method: 'POST', status: 0 })]);

    // A request still held when the simulator closes is ended by close().
    const held = call(sim.url, 'GET', '/couriers', { token: TOKEN_A });
    await waitFor(() => sim.stats().requests.length === 2);
    await sim.close();
    await expect(held).rejects.toThrow();
  });
});

describe('malformedJson', () => {
  it('answers 2xx with a body that does not parse, after doing the work', async () => {
    const sim = await start({ faults: { malformedJson: 1 } });
    const key = freshKey('malformed');
    const res = await createLabel(sim.url, TOKEN_A, validBody({ key }));
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(() => JSON.parse(res.text)).toThrow();
    expect(res.text.length).toBeGreaterThan(0);
    expect(sim.stats().labelsByKey[key]).toBe(1);
    const reads = await call(sim.url, 'GET', '/couriers', { token: TOKEN_A });
    expect(reads.status).toBe(200);
    expect(reads.json).toBeUndefined();
  });

  it('leaves error answers intact', async () => {
    const sim = await start({ faults: { malformedJson: 1 } });
    const res = await call(sim.url, 'GET', '/labels/unknown', { token: TOKEN_A });
    expect(res.status).toBe(404);
    expect(res.json).toEqual({ error: 'Not found' });
  });
});

describe('faults scope', () => {
  it('spares label documents (the courier CDN) and the stats endpoint', async () => {
    const sim = await start();
    const label = (await createLabel(sim.url, TOKEN_A, validBody())).json;
    sim.setFaults({ error500: 1, hang: 1, malformedJson: 1, dropAfterCreate: 1, badGateway: 1 });
    const doc = await fetch(`${sim.url}/documents/${label.id}.pdf`);
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-type')).toBe('application/pdf');
    const stats = await call(sim.url, 'GET', '/__simulator/stats', { token: TOKEN_A });
    expect(stats.status).toBe(200);
    expect(stats.json.labelsCreated).toBe(1);
  });

  it('draws faults from the seed: the same seed fails the same requests', async () => {
    const sequence = async (seed: number) => {
      const sim = await start({ seed, faults: { error500: 0.5 } });
      const statuses: number[] = [];
      for (let i = 0; i < 24; i++) statuses.push((await call(sim.url, 'GET', '/couriers', { token: TOKEN_A })).status);
      return statuses;
    };
    const first = await sequence(42);
    expect(first).toContain(500);
    expect(first).toContain(200);
    expect(await sequence(42)).toEqual(first);
    expect(await sequence(7)).not.toEqual(first);
  });
});

describe('rate limit', () => {
  it('answers 429 with Retry-After above the per-token rate, other tokens unaffected', async () => {
    const sim = await start({ rateLimit: { perSecond: 2 } });
    const burst = await Promise.all(Array.from({ length: 6 }, () => call(sim.url, 'GET', '/couriers', { token: TOKEN_A })));
    const limited = burst.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(burst.filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
    for (const r of limited) {
      expect(r.json).toEqual({ error: 'Too Many Requests' });
      const retryAfter = r.headers.get('retry-after');
      expect(retryAfter).toMatch(/^\d+$/);
      expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
      expect(r.headers.get('x-ratelimit-limit')).toBe('2');
    }
    expect((await call(sim.url, 'GET', '/couriers', { token: TOKEN_B })).status).toBe(200);
  });

  it('does not create a label for a limited POST', async () => {
    const sim = await start({ rateLimit: { perSecond: 1 } });
    const results = await Promise.all(Array.from({ length: 4 }, () => createLabel(sim.url, TOKEN_A, validBody())));
    const createdCount = results.filter((r) => r.status === 201).length;
    expect(results.some((r) => r.status === 429)).toBe(true);
    expect(sim.stats().labelsCreated).toBe(createdCount);
  });
});

describe('latency', () => {
  it('delays API answers by at least latencyMs', async () => {
    const sim = await start({ latencyMs: 150, jitterMs: 20 });
    const t0 = performance.now();
    const res = await call(sim.url, 'GET', '/couriers', { token: TOKEN_A });
    expect(res.status).toBe(200);
    // Lower bound only: a slow machine can only make it longer.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });
});

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}
