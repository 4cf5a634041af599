import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../electron/simulator';
import type { EventName } from '../../shared/ipc/contract';
import { timeFormat } from '../../shared/domain/time-format';
import { createTestStation } from '../support/test-station';

const OLD_TOKEN = 'ff_dev_UmVmdXNlZFRva2VuT2xk_a1b2';
const NEW_TOKEN = 'ff_dev_UmVmdXNlZFRva2VuTmV3_c3d4';
const ACCOUNT = '11111111-2222-4333-8444-555555555555';
/** 2026-12-01T20:33Z: 05:33 on 2 December at a desk in Tokyo. */
const REFUSED_AT = new Date(Date.UTC(2026, 11, 1, 20, 33, 0));
const CLOCK = { timeZone: 'Asia/Tokyo', locale: 'en-GB' };

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    tokens: [
      { token: OLD_TOKEN, accounts: [ACCOUNT] },
      { token: NEW_TOKEN, accounts: [ACCOUNT] },
    ],
  });
});
afterAll(() => sim.close());

describe('a token the API refuses', () => {
  it('is marked "refused at <time>" in app:info and the settings view as soon as any call gets a 401, and cleared by a new verified token', async () => {
    const events: EventName[] = [];
    let now = new Date(REFUSED_AT.getTime() - 3_600_000);
    const station = createTestStation({ emit: (event) => void events.push(event), clock: CLOCK, now: () => now });
    const { client } = station;
    expect((await client.env.setBaseUrl({ environment: 'development', baseUrl: sim.url })).ok).toBe(true);
    expect((await client.token.set({ environment: 'development', token: OLD_TOKEN })).ok).toBe(true);
    expect((await client.env.switch({ environment: 'development' })).ok).toBe(true);
    const before = await client.app.info();
    expect(before).toMatchObject({ ok: true, value: { token: { set: true, lastFour: 'a1b2', refusedAt: null }, clock: CLOCK } });

    // The token is withdrawn at the API; the next call (any call) is answered 401.
    sim.revokeToken(OLD_TOKEN);
    now = REFUSED_AT;
    events.length = 0;
    const couriers = await client.catalog.couriers({ refresh: true });
    expect(couriers).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    // The screens are told (settings:changed) and read it again.
    expect(events).toContain('settings:changed');

    const info = await client.app.info();
    expect(info).toMatchObject({ ok: true, value: { token: { set: true, refusedAt: REFUSED_AT.toISOString() } } });
    const settings = await client.settings.get();
    const development = settings.ok ? settings.value.environments.find((e) => e.id === 'development') : undefined;
    expect(development?.token).toMatchObject({ set: true, refusedAt: REFUSED_AT.toISOString() });
    // What Status and Settings print with it: the station's local time, not UTC.
    if (info.ok && info.value.token.set)
      expect(timeFormat(info.value.clock).dateTime(info.value.token.refusedAt!)).toBe('2 Dec 2026, 05:33');

    // A second 401 keeps the first time: "refused at" says since when the token has not worked.
    now = new Date(REFUSED_AT.getTime() + 60_000);
    await client.tracking.get({ id: '00000000-0000-4000-8000-000000000000' });
    expect(await client.token.status({ environment: 'development' })).toMatchObject({
      ok: true,
      value: { refusedAt: REFUSED_AT.toISOString() },
    });

    // A new token that the API accepts clears it.
    expect((await client.token.set({ environment: 'development', token: NEW_TOKEN })).ok).toBe(true);
    expect(await client.token.status({ environment: 'development' })).toMatchObject({
      ok: true,
      value: { set: true, lastFour: 'c3d4', refusedAt: null },
    });
    await station.close();
  });
});
