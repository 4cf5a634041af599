import { describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../shared/ipc/channels';
import { contract } from '../../shared/ipc/contract';
import { createClient } from '../../shared/ipc/client';
import { StationError } from '../../electron/core/errors';
import { createDispatch, type Handlers } from '../../electron/core/ipc-dispatch';
import { silentLogger } from '../../electron/core/logger';
import { createMemorySecretStore } from '../../electron/core/secret-store';
import { createTestStation } from '../support/test-station';

function station(secrets = createMemorySecretStore()) {
  const openExternal = vi.fn(async () => undefined);
  return {
    openExternal,
    ...createTestStation({
      version: '1.2.3',
      secrets,
      logger: silentLogger,
      openExternal,
      clock: { timeZone: 'Europe/Berlin', locale: 'de-DE' },
    }),
  };
}

describe('the IPC contract', () => {
  it('declares a schema for exactly the channels the preload exposes', () => {
    expect(Object.keys(contract).sort()).toEqual([...channelNames].sort());
  });
});

describe('dispatch', () => {
  it('answers app:info with the version, the active environment and "no token set"', async () => {
    const result = await station().dispatch('app:info', undefined);
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Flex Forward Station',
        version: '1.2.3',
        onboarded: false,
        environment: { id: 'development', label: 'Development', production: false },
        token: { set: false },
        account: null,
        accounts: [],
        notice: null,
        // The station's clock, which every screen formats times with: English (the station has
        // no German) in the German computer's regional format.
        clock: { timeZone: 'Europe/Berlin', locale: 'en-DE' },
        language: 'en',
        languageChosen: false,
      },
    });
  });

  it('reports only the last four characters of a stored token', async () => {
    const s = station(createMemorySecretStore({ development: 'ff_dev_secret_9f3a' }));
    const result = await s.dispatch('app:info', undefined);
    expect(result.ok && result.value).toMatchObject({ token: { set: true, lastFour: '9f3a', verifiedAt: null } });
    expect(JSON.stringify(result)).not.toContain('ff_dev_secret');
  });

  it('parses input strictly and names the offending field', async () => {
    const s = station();
    expect(await s.dispatch('app:info', { extra: true })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const bad = await s.dispatch('app:openExternal', { url: 'https://openapidocs.flexforwardship.com', more: 1 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { '(input)': expect.any(String) } } });
    const http = await s.dispatch('app:openExternal', { url: 'http://openapidocs.flexforwardship.com' });
    expect(http).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { url: expect.any(String) } } });
    expect(s.openExternal).not.toHaveBeenCalled();
  });

  it('opens only allowlisted https links', async () => {
    const s = station();
    expect(await s.dispatch('app:openExternal', { url: 'https://openapidocs.flexforwardship.com/en' })).toEqual({
      ok: true,
      value: { opened: true },
    });
    expect(await s.dispatch('app:openExternal', { url: 'https://evil.example/' })).toEqual({ ok: true, value: { opened: false } });
    expect(s.openExternal).toHaveBeenCalledTimes(1);
  });

  it('refuses unknown channels', async () => {
    expect(await station().dispatch('token:export', undefined)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('turns thrown StationErrors into values and hides unexpected errors behind a plain sentence', async () => {
    const logger = { ...silentLogger, error: vi.fn() };
    const handlers = {
      'app:info': async () => {
        throw new StationError('keychain_unavailable', 'The system keychain is not available.');
      },
      'app:openExternal': async () => {
        throw new Error('ECONNRESET at internal detail');
      },
    } as unknown as Handlers;
    const dispatch = createDispatch(handlers, logger);
    expect(await dispatch('app:info', undefined)).toEqual({
      ok: false,
      error: { code: 'keychain_unavailable', message: 'The system keychain is not available.' },
    });
    const hidden = await dispatch('app:openExternal', { url: 'https://flexforward.com' });
    expect(hidden).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(hidden)).not.toContain('ECONNRESET');
    expect(logger.error).toHaveBeenCalled();
  });

  it('strips fields the output schema does not name, so nothing extra reaches the renderer', async () => {
    const handlers = {
      'app:info': async () => ({
        name: 'x',
        version: '1',
        environment: { id: 'demo', label: 'Demo', production: false, baseUrl: 'http://127.0.0.1:1' },
        token: { set: false },
        secretToken: 'leak-me',
      }),
      'app:openExternal': async () => ({ opened: false }),
    } as unknown as Handlers;
    const result = await createDispatch(handlers, silentLogger)('app:info', undefined);
    expect(JSON.stringify(result)).not.toContain('leak-me');
    expect(JSON.stringify(result)).not.toContain('baseUrl');
  });
});

describe('createClient', () => {
  it('maps namespaced channels to methods that call invoke', async () => {
    const invoke = vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } }));
    const client = createClient(invoke, () => () => undefined);
    expect(await client.app.info()).toEqual({ ok: true, value: { channel: 'app:info', input: undefined } });
    await client.app.openExternal({ url: 'https://flexforward.com' });
    expect(invoke).toHaveBeenLastCalledWith('app:openExternal', { url: 'https://flexforward.com' });
  });
});
