import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncomingHttpHeaders } from 'node:http';
import { startSimulator, type Simulator } from '../../electron/simulator';
import { labelDraft } from '../fixtures/label-drafts';
import { stationCsv } from '../fixtures/station-orders';
import { listenOnLoopback } from '../support/loopback-server';
import { createTestStation, settingsFor, type TestStationOptions } from '../support/test-station';
import { createMemorySecretStore } from '../../electron/core/secret-store';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A compromised renderer can call every contract channel with any input it likes. These tests
// play that renderer through the typed client (the same one the preload builds) and check that
// the stored token never reaches any origin but the one it was verified against.

const TOKEN = 'ff_live_T0ken-Origin-Binding-Secret-9f3a';
const ACCOUNT = '3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ tokens: [{ token: TOKEN, accounts: [ACCOUNT] }] });
});
afterAll(() => sim.close());

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** An attacker's HTTP server on loopback that answers like the API and records everything it is sent. */
async function attackerServer() {
  const seen: Seen[] = [];
  const { origin } = await listenOnLoopback((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url?.startsWith('/couriers') ? JSON.stringify([{ code: 'yunexpress', name: 'YunExpress' }]) : '{}');
    });
  });
  const leaked = () => seen.filter((r) => JSON.stringify(r).includes(TOKEN) || r.headers.authorization !== undefined);
  return { origin, seen, leaked };
}

type Env = 'development' | 'production' | 'custom';

/** A station whose `environment` points at the simulator with the token saved and one label made. */
async function stationWithToken(environment: Env, options: TestStationOptions = {}) {
  const station = createTestStation(options);
  const { client } = station;
  expect(await client.env.setBaseUrl({ environment, baseUrl: sim.url })).toMatchObject({ ok: true });
  expect(await client.token.set({ environment, token: TOKEN })).toMatchObject({ ok: true, value: { verified: true } });
  await client.accounts.add({ environment, id: ACCOUNT, name: 'Main' });
  await client.env.switch({ environment });
  const created = await client.labels.create({ draft: labelDraft(`ORIGIN-${environment}-1`) });
  expect(created).toMatchObject({ ok: true, value: { kind: 'created' } });
  const labelId = created.ok && created.value.kind === 'created' ? created.value.label.id : '';
  return { station, client, labelId };
}

/** Every channel that can make main call the API, with the inputs a hostile page would choose. */
async function triggerEveryApiChannel(client: ReturnType<typeof createTestStation>['client'], environment: Env, labelId: string) {
  const answers: unknown[] = [];
  const call = async (p: Promise<unknown>) => answers.push(await p);
  await call(client.app.info());
  await call(client.env.switch({ environment }));
  await call(client.token.status({ environment }));
  await call(client.catalog.couriers({ refresh: true }));
  await call(client.catalog.products({ courier: 'yunexpress', refresh: true }));
  await call(client.tracking.get({ id: labelId }));
  await call(client.tracking.refreshInTransit());
  await call(client.labels.create({ draft: labelDraft(`ORIGIN-${environment}-2`) }));
  await call(client.labels.create({ draft: labelDraft(`ORIGIN-${environment}-1`), another: true }));
  await call(client.labels.create({ draft: labelDraft(null) }));
  await call(client.labels.resolve({ idempotencyKey: `ORIGIN-${environment}-2` }));
  await call(client.labels.document({ id: labelId }));
  await call(client.labels.get({ id: labelId }));
  const imported = await client.batch.import({
    fileName: 'today.csv',
    base64: Buffer.from(stationCsv([{ orderNumber: 'ST-9001' }, { orderNumber: 'ST-9002' }])).toString('base64'),
  });
  answers.push(imported);
  if (imported.ok) {
    const run = await client.batch.start({ importId: imported.value.importId });
    answers.push(run);
    if (run.ok) {
      for (let i = 0; i < 50; i++) {
        const state = await client.batch.run({ runId: run.value.runId });
        if (state.ok && ['done', 'cancelled'].includes(state.value.state)) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }
  await call(client.scan.submit({ input: 'ST-9001' }));
  await call(client.scan.submit({ input: 'ST-9002', weight: '1.2' }));
  return answers;
}

describe('a compromised renderer cannot send the token to another origin', () => {
  for (const environment of ['development', 'production', 'custom'] as const) {
    it(`${environment}: moving the address to an attacker's server (even confirmed) discards the token; nothing reaches the attacker with it`, async () => {
      const attacker = await attackerServer();
      const { station, client, labelId } = await stationWithToken(environment);
      try {
        const moved = await client.env.setBaseUrl({ environment, baseUrl: attacker.origin });
        expect(moved).toMatchObject({ ok: true });
        expect(await client.token.status({ environment })).toEqual({ ok: true, value: { set: false } });
        expect(await station.services.vault.read(environment)).toBeNull();

        await triggerEveryApiChannel(client, environment, labelId);
        // Back to the real API: the token stays gone, the operator pastes it again.
        await client.env.setBaseUrl({ environment, baseUrl: sim.url });
        expect(await client.catalog.couriers({ refresh: true })).toMatchObject({ ok: false, error: { code: 'no_token' } });
        await client.env.setBaseUrl({ environment, baseUrl: attacker.origin });
        await triggerEveryApiChannel(client, environment, labelId);

        expect(attacker.leaked()).toEqual([]);
      } finally {
        await station.close();
      }
    });
  }

  it('a token bound to one origin is not sent to another, even when the settings file was changed behind main', async () => {
    const attacker = await attackerServer();
    const { station, client, labelId } = await stationWithToken('development');
    try {
      // Something rewrote the address without going through env:setBaseUrl: the binding still holds.
      station.services.settings.update((s) => void (s.environments.development.baseUrl = attacker.origin));
      expect(await client.token.status({ environment: 'development' })).toEqual({ ok: true, value: { set: false } });
      await triggerEveryApiChannel(client, 'development', labelId);
      expect(attacker.leaked()).toEqual([]);
      expect(await station.services.vault.tokenFor('development', attacker.origin)).toBeNull();
      expect(await station.services.vault.tokenFor('development', new URL(sim.url).origin)).toBeNull();
    } finally {
      await station.close();
    }
  });
});

describe('Development and Production addresses', () => {
  it('an undocumented host is used only after the operator confirms it in main’s dialog; refusing keeps the address and the token', async () => {
    const attacker = await attackerServer();
    const asked: { environment: string; host: string }[] = [];
    let answer = true;
    const { station, client } = await stationWithToken('production', {
      confirmApiHost: async ({ environment, host }) => {
        asked.push({ environment, host });
        return answer;
      },
    });
    try {
      asked.length = 0;
      answer = false;
      const refused = await client.env.setBaseUrl({ environment: 'production', baseUrl: attacker.origin });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'base_url_not_confirmed', fields: { baseUrl: expect.stringMatching(/not a Flex Forward address/) } },
      });
      expect(asked).toEqual([{ environment: 'production', host: new URL(attacker.origin).host }]);
      const view = await client.settings.get();
      expect(view.ok && view.value.environments.find((e) => e.id === 'production')?.baseUrl).toBe(sim.url.replace(/\/$/, ''));
      // The token still works where it was verified.
      expect(await client.token.status({ environment: 'production' })).toMatchObject({ ok: true, value: { set: true, lastFour: '9f3a' } });
      expect(await client.catalog.couriers({ refresh: true })).toMatchObject({ ok: true, value: { available: true } });

      answer = true;
      expect(await client.env.setBaseUrl({ environment: 'production', baseUrl: attacker.origin })).toMatchObject({ ok: true });
      expect(await client.token.status({ environment: 'production' })).toEqual({ ok: true, value: { set: false } });
      expect(attacker.leaked()).toEqual([]);
    } finally {
      await station.close();
    }
  });

  it('documented hosts need no confirmation; without a dialog an undocumented host is refused', async () => {
    const asked: string[] = [];
    const station = createTestStation({ confirmApiHost: async ({ host }) => (asked.push(host), false) });
    const noDialog = createTestStation({ confirmApiHost: undefined });
    try {
      for (const baseUrl of ['https://api.flexforwardship.com', 'https://api.flexforward.com/']) {
        expect(await station.client.env.setBaseUrl({ environment: 'production', baseUrl })).toMatchObject({ ok: true });
      }
      expect(
        await station.client.env.setBaseUrl({ environment: 'development', baseUrl: 'https://api-staging.flexforwardship.com' }),
      ).toMatchObject({ ok: true });
      expect(asked).toEqual([]);
      // Custom stays free.
      expect(await station.client.env.setBaseUrl({ environment: 'custom', baseUrl: 'https://flexforward.example.net' })).toMatchObject({
        ok: true,
      });
      expect(asked).toEqual([]);
      expect(await noDialog.client.env.setBaseUrl({ environment: 'development', baseUrl: 'https://sandbox.example.com' })).toMatchObject({
        ok: false,
        error: { code: 'base_url_not_confirmed' },
      });
    } finally {
      await station.close();
      await noDialog.close();
    }
  });

  it('a new path on the same origin keeps the token', async () => {
    const { station, client } = await stationWithToken('custom');
    try {
      expect(await client.env.setBaseUrl({ environment: 'custom', baseUrl: `${sim.url}/` })).toMatchObject({ ok: true });
      expect(await client.token.status({ environment: 'custom' })).toMatchObject({ ok: true, value: { set: true } });
    } finally {
      await station.close();
    }
  });
});

it('a token saved before tokens were bound (settings version 1) is bound to the address it was used with', async () => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'ffs-legacy-'));
  writeFileSync(
    settingsFor(userDataDir).filePath,
    JSON.stringify({
      schemaVersion: 1,
      onboarded: true,
      activeEnvironment: 'development',
      environments: { development: { baseUrl: sim.url, accounts: [{ id: ACCOUNT, name: 'Main' }], defaultAccountId: ACCOUNT } },
    }),
  );
  const station = createTestStation({ userDataDir, secrets: createMemorySecretStore({ development: TOKEN }) });
  try {
    expect(await station.client.token.status({ environment: 'development' })).toMatchObject({ ok: true, value: { set: true } });
    expect(await station.client.catalog.couriers({ refresh: true })).toMatchObject({ ok: true, value: { available: true } });
  } finally {
    await station.close();
  }
});
