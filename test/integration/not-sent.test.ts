import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../electron/core/api';
import { httpFetch, neverSent } from '../../electron/core/api/http-fetch';
import { startSimulator, type Simulator } from '../../electron/simulator';
import type { CreateLabelRequest } from '../../shared/flexforward/schemas';
import { labelDraft } from '../fixtures/label-drafts';
import { validBody } from './simulator-test-helpers';
import { listenOnLoopback } from '../support/loopback-server';
import { createTestStation } from '../support/test-station';
import { closedPort } from '../support/closed-port';

// A request that never reached the server (no connection could be made) is a definite
// "nothing was sent", answered after one attempt; only one that may have reached it is in doubt.

const TOKEN = 'ff_dev_not_sent_token_4c1d';
const ACCOUNT = '0d6f7a3e-5b1c-4c8e-9a2d-6e4f1b3c5a7d';
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((f) => f()));
});

describe('a request that never reached the server', () => {
  it('is marked by httpFetch when the connection is refused, and not when the server took the request and hung up', async () => {
    const port = await closedPort();
    const refused = await httpFetch(new URL(`http://127.0.0.1:${port}/labels`), { method: 'POST', body: '{}' }).catch((e: unknown) => e);
    expect(neverSent(refused)).toBe(true);

    const { origin } = await listenOnLoopback((req) => req.on('data', () => req.socket.destroy()));
    const reset = await httpFetch(new URL(`${origin}/labels`), { method: 'POST', body: '{"a":1}' }).catch((e: unknown) => e);
    expect(reset).toBeInstanceOf(Error);
    expect(neverSent(reset)).toBe(false);
  });

  it('gets one attempt and a definite answer from the client; a dropped answer after sending stays in doubt and is retried', async () => {
    const port = await closedPort();
    const client = createApiClient({
      baseUrl: `http://127.0.0.1:${port}`,
      getToken: async () => TOKEN,
      retryDelaysMs: [5, 5, 5],
      sleep: async () => undefined,
    });
    const couriers = await client.listCouriers();
    expect(couriers).toMatchObject({
      ok: false,
      attempts: 1,
      error: { code: 'network', notSent: true, message: expect.stringMatching(/^Nothing was sent: .*connection was refused/) },
    });
    const created = await client.createLabel(validBody({ key: 'NS-KEY-1' }) as CreateLabelRequest);
    expect(created).toMatchObject({ ok: false, attempts: 1, inDoubt: false, error: { code: 'network', notSent: true } });

    const { origin } = await listenOnLoopback((req) => req.on('data', () => req.socket.destroy()));
    const dropped = createApiClient({ baseUrl: origin, getToken: async () => TOKEN, retryDelaysMs: [5, 5], sleep: async () => undefined });
    const doubt = await dropped.createLabel(validBody({ key: 'NS-KEY-2' }) as CreateLabelRequest);
    expect(doubt).toMatchObject({ ok: false, attempts: 3, inDoubt: true, error: { code: 'network' } });
    expect(doubt.ok || doubt.error.notSent).toBeFalsy();
  });

  it('at the station: "nothing was sent", nothing left in doubt, and Create again later buys exactly one label under the same key', async () => {
    const port = await closedPort();
    const station = createTestStation({
      clientOptions: { retryDelaysMs: [1_000, 2_000, 4_000, 8_000], connectTimeoutMs: 5_000, responseTimeoutMs: 10_000 },
    });
    cleanup.push(() => station.close());
    const { client } = station;
    await client.env.setBaseUrl({ environment: 'development', baseUrl: `http://127.0.0.1:${port}` });
    expect(await client.token.set({ environment: 'development', token: TOKEN, allowUnverified: true })).toMatchObject({
      ok: true,
      value: { verified: false },
    });
    await client.accounts.add({ environment: 'development', id: ACCOUNT, name: 'Main' });
    await client.env.switch({ environment: 'development' });

    const refused = await client.labels.create({ draft: labelDraft('NS-1001') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'network', message: expect.stringMatching(/^Nothing was sent/) } });
    expect(await client.labels.unresolved()).toEqual({ ok: true, value: [] });
    expect(await station.services.labelStore.forOrder('development', 'NS-1001')).toEqual([]);

    // The API comes back on the same address: the same order is sent under the same key, once.
    const sim: Simulator = await startSimulator({ port, tokens: [{ token: TOKEN, accounts: [ACCOUNT] }] });
    cleanup.push(() => sim.close());
    const created = await client.labels.create({ draft: labelDraft('NS-1001') });
    expect(created).toMatchObject({ ok: true, value: { kind: 'created', replayed: false } });
    expect(sim.stats().labelsByKey).toEqual({ 'NS-1001': 1 });
  });

  it('makes the station offline at once; a light probe clears it when the API is back', async () => {
    const port = await closedPort();
    const events: { online: boolean; reason: string | null }[] = [];
    const station = createTestStation({
      connectionProbeEveryMs: 50,
      emit: (event, payload) => {
        if (event === 'connection:changed')
          events.push({ online: (payload as { online: boolean }).online, reason: (payload as { reason: string | null }).reason });
      },
    });
    cleanup.push(() => station.close());
    const { client } = station;
    await client.env.setBaseUrl({ environment: 'development', baseUrl: `http://127.0.0.1:${port}` });
    await client.token.set({ environment: 'development', token: TOKEN, allowUnverified: true });
    await client.env.switch({ environment: 'development' });
    expect(await client.app.connection()).toMatchObject({ ok: true, value: { online: true } });

    expect(await client.catalog.couriers({ refresh: true })).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(await client.app.connection()).toMatchObject({ ok: true, value: { online: false, reason: 'the connection was refused' } });
    expect(events).toEqual([{ online: false, reason: 'the connection was refused' }]);

    const sim: Simulator = await startSimulator({ port, tokens: [{ token: TOKEN, accounts: [ACCOUNT] }] });
    cleanup.push(() => sim.close());
    for (let i = 0; i < 100 && events.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events).toEqual([
      { online: false, reason: 'the connection was refused' },
      { online: true, reason: null },
    ]);
    expect(await client.app.connection()).toMatchObject({ ok: true, value: { online: true } });
    // The probe made no request of the API: it only opened a connection.
    expect(sim.stats().requests).toEqual([]);
  });
});
