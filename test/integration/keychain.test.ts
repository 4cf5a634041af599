import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../../electron/core/keytar-secret-store';

// Runs against the real Secret Service: `npm test` starts a D-Bus session and an unlocked
// throw-away GNOME keyring (test/run-all.sh), and sets FFS_KEYCHAIN_TESTS=1 so these tests can
// never be skipped there. A bare `npx vitest` outside that session skips them: without a
// session bus there is no Secret Service to talk to.
const required = process.env.FFS_KEYCHAIN_TESTS === '1';
const hasSessionBus = Boolean(process.env.DBUS_SESSION_BUS_ADDRESS);

describe.runIf(required || hasSessionBus)('the OS keychain through keytar (real Secret Service)', () => {
  const service = `Flex Forward Station test ${randomUUID()}`;

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
});

describe('when no keychain can be reached', () => {
  it('says what to enable instead of falling back to a plaintext file', async () => {
    const store = createKeytarSecretStore('Flex Forward Station', async () => {
      throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
    });
    await expect(store.set('development', 'ff_dev_token_1234')).rejects.toMatchObject({
      code: 'keychain_unavailable',
      message: expect.stringMatching(/keychain is not available.*Secret Service/s),
    });
  });
});
