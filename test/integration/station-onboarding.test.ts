import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, startSimulator, type Simulator } from '../../electron/simulator';
import { createTestStation } from '../support/test-station';

const TOKEN = 'ff_dev_Qm9vdHN0cmFwVG9rZW4_a1b2';
const ACCOUNT_A = '11111111-2222-4333-8444-555555555555';
const ACCOUNT_B = '99999999-8888-4777-8666-555555555555';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ tokens: [{ token: TOKEN, accounts: [ACCOUNT_A] }] });
});
afterAll(() => sim.close());

/** A station whose Development environment points at the simulator. */
async function devStation() {
  const station = createTestStation();
  const set = await station.client.env.setBaseUrl({ environment: 'development', baseUrl: sim.url });
  expect(set.ok).toBe(true);
  return station;
}

describe('first start', () => {
  it('Demo mode needs no token: it starts the simulator and offers the demo shipper accounts', async () => {
    const station = createTestStation();
    const info = await station.client.env.switch({ environment: 'demo' });
    expect(info).toMatchObject({
      ok: true,
      value: {
        onboarded: true,
        environment: { id: 'demo', label: 'Demo' },
        account: { id: DEMO_ACCOUNTS[0]!.id },
        accounts: DEMO_ACCOUNTS,
      },
    });
    const couriers = await station.client.catalog.couriers({});
    expect(couriers).toMatchObject({ ok: true, value: { available: true } });
    await station.close();
  });

  it('a token is verified against the API, stored, and reported only by its last four characters', async () => {
    const station = await devStation();
    const saved = await station.client.token.set({ environment: 'development', token: TOKEN });
    expect(saved).toMatchObject({
      ok: true,
      value: { verified: true, status: { set: true, lastFour: 'a1b2', verifiedAt: expect.any(String) } },
    });
    expect(JSON.stringify(saved)).not.toContain('Qm9vdHN0');
    expect(await station.services.vault.read('development')).toBe(TOKEN);
    const info = await station.client.env.switch({ environment: 'development' });
    expect(info).toMatchObject({ ok: true, value: { onboarded: true, token: { set: true, lastFour: 'a1b2' } } });
  });

  it('a wrong token is refused with a plain sentence and nothing is stored', async () => {
    const station = await devStation();
    const refused = await station.client.token.set({ environment: 'development', token: 'ff_dev_wrong_token_0000' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'token_refused', message: expect.stringMatching(/refused this token for Development.*Nothing was saved/) },
    });
    expect(await station.services.vault.read('development')).toBeNull();
  });

  it('an unreachable API lets the operator keep the token marked not verified', async () => {
    const station = createTestStation();
    await station.client.env.setBaseUrl({ environment: 'development', baseUrl: 'http://127.0.0.1:9' });
    const first = await station.client.token.set({ environment: 'development', token: TOKEN });
    expect(first).toMatchObject({
      ok: false,
      error: { code: 'token_unverified', message: expect.stringMatching(/could not be checked.*not verified/) },
    });
    expect(await station.services.vault.read('development')).toBeNull();
    const kept = await station.client.token.set({ environment: 'development', token: TOKEN, allowUnverified: true });
    expect(kept).toMatchObject({ ok: true, value: { verified: false, status: { set: true, lastFour: 'a1b2', verifiedAt: null } } });
  });

  it('a token saved “not verified” becomes verified at its first successful API call', async () => {
    const flaky = await startSimulator({ tokens: [{ token: TOKEN, accounts: [ACCOUNT_A] }], faults: { error500: 1 } });
    const station = createTestStation();
    try {
      await station.client.env.setBaseUrl({ environment: 'development', baseUrl: flaky.url });
      expect(await station.client.token.set({ environment: 'development', token: TOKEN })).toMatchObject({
        ok: false,
        error: { code: 'token_unverified' },
      });
      expect(await station.client.token.set({ environment: 'development', token: TOKEN, allowUnverified: true })).toMatchObject({
        ok: true,
        value: { verified: false, status: { verifiedAt: null } },
      });
      await station.client.env.switch({ environment: 'development' });
      expect(await station.client.catalog.couriers({ refresh: true })).toMatchObject({ ok: false });
      expect(await station.client.token.status({ environment: 'development' })).toMatchObject({
        ok: true,
        value: { set: true, verifiedAt: null },
      });
      flaky.setFaults({});
      expect(await station.client.catalog.couriers({ refresh: true })).toMatchObject({ ok: true });
      expect(await station.client.token.status({ environment: 'development' })).toMatchObject({
        ok: true,
        value: { set: true, verifiedAt: expect.any(String) },
      });
    } finally {
      await station.close();
      await flaky.close();
    }
  });

  it('clearing a token removes it from the keychain', async () => {
    const station = await devStation();
    await station.client.token.set({ environment: 'development', token: TOKEN });
    expect(await station.client.token.clear({ environment: 'development' })).toEqual({ ok: true, value: { set: false } });
    expect(await station.client.token.status({ environment: 'development' })).toEqual({ ok: true, value: { set: false } });
  });
});

describe('environments', () => {
  it('accept https addresses and plain http only on loopback', async () => {
    const station = createTestStation();
    expect(
      await station.client.env.setBaseUrl({ environment: 'custom', baseUrl: 'https://api-staging.flexforwardship.com/' }),
    ).toMatchObject({ ok: true });
    expect(await station.client.env.setBaseUrl({ environment: 'custom', baseUrl: 'http://10.0.0.5:8080' })).toMatchObject({
      ok: false,
      error: { code: 'bad_base_url', fields: { baseUrl: expect.stringMatching(/https/) } },
    });
    const view = await station.client.settings.get();
    expect(view.ok && view.value.environments.find((e) => e.id === 'custom')?.baseUrl).toBe('https://api-staging.flexforwardship.com');
  });

  it('Custom without an address says so when used', async () => {
    const station = createTestStation();
    await station.client.env.switch({ environment: 'custom' });
    expect(await station.client.catalog.couriers({})).toMatchObject({
      ok: false,
      error: { code: 'no_base_url', message: /Set the API address for Custom/ },
    });
  });
});

describe('shipper accounts', () => {
  it('are validated UUIDs per environment, the first becomes the default, and the header pick is remembered', async () => {
    const station = createTestStation();
    const bad = await station.client.accounts.add({ environment: 'development', id: 'not-a-uuid', name: 'Main' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { id: expect.stringMatching(/UUID/) } } });
    await station.client.accounts.add({ environment: 'development', id: ACCOUNT_A.toUpperCase(), name: 'Main warehouse' });
    await station.client.accounts.add({ environment: 'development', id: ACCOUNT_B, name: 'Returns' });
    expect(await station.client.accounts.add({ environment: 'development', id: ACCOUNT_B, name: 'Again' })).toMatchObject({
      ok: false,
      error: { code: 'account_exists' },
    });
    const view = await station.client.settings.get();
    const dev = view.ok ? view.value.environments.find((e) => e.id === 'development') : undefined;
    expect(dev).toMatchObject({
      defaultAccountId: ACCOUNT_A,
      accounts: [
        { id: ACCOUNT_A, name: 'Main warehouse' },
        { id: ACCOUNT_B, name: 'Returns' },
      ],
    });
    // Production keeps its own list.
    expect(view.ok && view.value.environments.find((e) => e.id === 'production')?.accounts).toEqual([]);

    await station.client.accounts.rename({ environment: 'development', id: ACCOUNT_B, name: 'Returns desk' });
    const picked = await station.client.accounts.select({ id: ACCOUNT_B });
    expect(picked).toMatchObject({ ok: true, value: { account: { id: ACCOUNT_B, name: 'Returns desk' } } });
    await station.client.accounts.remove({ environment: 'development', id: ACCOUNT_A });
    const after = await station.client.app.info();
    expect(after).toMatchObject({ ok: true, value: { account: { id: ACCOUNT_B }, accounts: [{ id: ACCOUNT_B }] } });
  });

  it('a 403 names the account the token may not use', async () => {
    const station = await devStation();
    await station.client.token.set({ environment: 'development', token: TOKEN });
    await station.client.env.switch({ environment: 'development' });
    await station.client.accounts.add({ environment: 'development', id: ACCOUNT_B, name: 'Someone else’s account' });
    const couriers = await station.client.catalog.couriers({});
    expect(couriers.ok).toBe(true);
    const courier = couriers.ok && couriers.value.available ? couriers.value.items[0]!.code : 'yunexpress';
    const products = await station.client.catalog.products({ courier });
    expect(products).toMatchObject({
      ok: false,
      error: {
        code: 'forbidden',
        message: `This token may not use shipper account “Someone else’s account” (${ACCOUNT_B}). Pick another account, or ask Flex Forward to enable it for your token.`,
      },
    });
  });

  it('the picked account goes into the product list request', async () => {
    const station = await devStation();
    await station.client.token.set({ environment: 'development', token: TOKEN });
    await station.client.env.switch({ environment: 'development' });
    await station.client.accounts.add({ environment: 'development', id: ACCOUNT_A, name: 'Main' });
    await station.client.settings.setPreferences({ language: 'ja' });
    const products = await station.client.catalog.products({ courier: 'yunexpress' });
    expect(products).toMatchObject({ ok: true, value: { available: true } });
    const request = sim
      .stats()
      .requests.filter((r) => r.path.startsWith('/products'))
      .at(-1);
    expect(request?.path).toContain(`shipperAccountId=${ACCOUNT_A}`);
    expect(request?.path).toContain('locale=ja');
  });
});

describe('couriers and products', () => {
  it('are cached per environment and account until refreshed', async () => {
    const station = await devStation();
    await station.client.token.set({ environment: 'development', token: TOKEN });
    await station.client.env.switch({ environment: 'development' });
    const count = () => sim.stats().requests.filter((r) => r.path === '/couriers').length;
    const before = count();
    await station.client.catalog.couriers({});
    await station.client.catalog.couriers({});
    expect(count()).toBe(before + 1);
    await station.client.catalog.couriers({ refresh: true });
    expect(count()).toBe(before + 2);
  });
});
