import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../../electron/core/keytar-secret-store';
import { startSimulator, type Simulator } from '../../electron/simulator';
import { createTestStation } from '../support/test-station';

// Runs against the real Secret Service: `npm test` starts a D-Bus session and an unlocked
// throw-away GNOME keyring (test/run-all.sh), and sets FFS_KEYCHAIN_TESTS=1 so these tests can
// never be skipped there. A bare `npx vitest` outside that session skips them: without a
// session bus there is no Secret Service to talk to.
const required = process.env.FFS_KEYCHAIN_TESTS === '1';
const hasSessionBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);
const root = join(import.meta.dirname, '..', '..');

describe.runIf(required || hasSessionBus)('tokens in the OS keychain (real Secret Service through keytar)', () => {
  const service = `Flex Forward Station test ${randomUUID()}`;
  const TOKEN = 'ff_dev_keychain_test_token_77e1';
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ tokens: [{ token: TOKEN, accounts: [] }] });
  });
  afterAll(() => sim.close());

  it('stores, reads and deletes a token per environment', async () => {
    const store = createKeytarSecretStore(service);
    expect(await store.get('development')).toBeNull();
    await store.set('development', 'ff_dev_token_1234');
    await store.set('production', 'ff_prod_token_abcd');
    expect(await store.get('development')).toBe('ff_dev_token_1234');
    expect(await store.get('production')).toBe('ff_prod_token_abcd');
    expect(await store.delete('development')).toBe(true);
    expect(await store.get('development')).toBeNull();
    expect(await store.delete('development')).toBe(false);
    await store.delete('production');
  });

  it('token:set verifies and stores, token:status reports, token:clear removes, a wrong token is refused', async () => {
    const secrets = createKeytarSecretStore(service);
    const station = createTestStation({ secrets });
    await station.client.env.setBaseUrl({ environment: 'development', baseUrl: sim.url });

    const refused = await station.client.token.set({ environment: 'development', token: 'ff_dev_not_the_token' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'token_refused' } });
    expect(await secrets.get('development')).toBeNull();

    expect(await station.client.token.set({ environment: 'development', token: TOKEN })).toMatchObject({
      ok: true,
      value: { verified: true },
    });
    expect(await secrets.get('development')).toBe(TOKEN);
    expect(await station.client.token.status({ environment: 'development' })).toMatchObject({
      ok: true,
      value: { set: true, lastFour: '77e1' },
    });

    expect(await station.client.token.clear({ environment: 'development' })).toEqual({ ok: true, value: { set: false } });
    expect(await secrets.get('development')).toBeNull();
  });
});

describe('when no keychain can be reached', () => {
  it('a real keytar call without a Secret Service gives the clear error, never a plaintext fallback', () => {
    // A child process whose session bus does not exist: libsecret cannot reach any keyring.
    const script = `
      import { createKeytarSecretStore } from './electron/core/keytar-secret-store.ts';
      const store = createKeytarSecretStore('Flex Forward Station unreachable test');
      store.set('development', 'ff_dev_token_1234').then(
        () => console.log(JSON.stringify({ stored: true })),
        (e) => console.log(JSON.stringify({ code: e.code, message: e.message })),
      );`;
    const out = execFileSync(join(root, 'node_modules', '.bin', 'tsx'), ['--input-type=module', '-e', script], {
      cwd: root,
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/ffs-bus', DISPLAY: '' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    const result = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(result).toEqual({
      code: 'keychain_unavailable',
      message: expect.stringMatching(/keychain is not available.*Secret Service keyring \(GNOME Keyring or KWallet\)/s),
    });
  });

  it('a keychain that fails to load reports the same error', async () => {
    const store = createKeytarSecretStore('Flex Forward Station', async () => {
      throw new Error('libsecret-1.so.0: cannot open shared object file');
    });
    await expect(store.get('development')).rejects.toMatchObject({ code: 'keychain_unavailable' });
  });
});
