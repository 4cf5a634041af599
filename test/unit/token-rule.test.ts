import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/logger';
import { createMemorySecretStore } from '../../electron/core/secret-store';
import { startSimulator, type Simulator } from '../../electron/simulator';
import { isWellFormedToken } from '../../shared/domain/token';
import { createTestStation } from '../support/test-station';

/**
 * One rule for what a token may contain (shared/domain/token.ts): token:set refuses what the
 * API client would refuse to send, so a token the station accepted can always be sent.
 */

const TOKEN = 'ff_custom_token_rule_test_9c2d';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((x) => x.close()));
});

/** A station whose Custom environment points at a simulator that accepts TOKEN. */
async function stationWithApi() {
  const sim: Simulator = await startSimulator({ tokens: [{ token: TOKEN, accounts: [] }] });
  const secrets = createMemorySecretStore();
  const station = createTestStation({ secrets, logger: silentLogger });
  opened.push(station, sim);
  expect(await station.client.env.setBaseUrl({ environment: 'custom', baseUrl: sim.url })).toMatchObject({ ok: true });
  sim.resetStats();
  return { station, sim, secrets };
}

const MALFORMED = [
  'ff_dev_tökén_1234', // accented letters
  'ｆｆ_dev_token_1234', // full-width letters
  'ff_dev_token_🔑', // emoji
  'ff_dev_token\u0007', // a control character (bell)
  'ff_dev_\u0000token', // NUL
  'ff_dev_token\u007f', // DEL
  'ff_dev_\u200btoken', // zero-width space (not whitespace to /\s/)
  'ff_dev_\u00adtoken', // soft hyphen
];

describe('token:set and the token character rule', () => {
  it('refuses a token with a non-ASCII or control character as token_malformed with a field message, storing and sending nothing', async () => {
    const { station, sim, secrets } = await stationWithApi();
    for (const token of MALFORMED) {
      const result = await station.client.token.set({ environment: 'custom', token });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'token_malformed', fields: { token: expect.stringMatching(/plain letters, digits and punctuation/) } },
      });
      expect(JSON.stringify(result)).not.toContain(token);
    }
    expect(await secrets.get('custom')).toBeNull();
    expect(sim.stats().requests).toHaveLength(0);
  });

  it('still refuses spaces and line breaks with their own sentence, and saves a well-formed token after checking it', async () => {
    const { station, secrets } = await stationWithApi();
    expect(await station.client.token.set({ environment: 'custom', token: 'ff_dev token' })).toMatchObject({
      ok: false,
      error: { code: 'token_malformed', fields: { token: 'A token has no spaces or line breaks.' } },
    });
    expect(await station.client.token.set({ environment: 'custom', token: `  ${TOKEN}\n` })).toMatchObject({
      ok: true,
      value: { verified: true },
    });
    expect(await secrets.get('custom')).toBe(TOKEN);
  });

  it('is the rule the API client applies when sending: printable ASCII from ! to ~', () => {
    for (const token of MALFORMED) expect(isWellFormedToken(token)).toBe(false);
    for (const token of ['ff dev', 'ff\tdev', '', 'ff\ndev']) expect(isWellFormedToken(token)).toBe(false);
    const printable = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i)).join('');
    expect(isWellFormedToken(printable)).toBe(true);
    expect(isWellFormedToken(TOKEN)).toBe(true);
  });
});
