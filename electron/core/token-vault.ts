import { environmentLabels, type EnvironmentId } from '../../shared/domain/environment';
import { isWellFormedToken, type TokenStatus } from '../../shared/domain/token';
import { StationError } from './errors';
import type { Logger } from './logger';
import type { SecretStore } from './secret-store';
import type { SettingsService } from './settings-store';

/** How a candidate token fared against the API. */
export type TokenCheck = { kind: 'accepted' } | { kind: 'refused' } | { kind: 'unreachable'; reason: string };

export interface TokenVault {
  status(environment: EnvironmentId): Promise<TokenStatus>;
  /**
   * Verifies the token with a cheap authenticated call, then stores it in the keychain.
   * Refused → nothing stored. Unreachable → stored only with `allowUnverified`, marked not verified.
   */
  set(environment: EnvironmentId, token: string, options?: { allowUnverified?: boolean }): Promise<{ status: TokenStatus; verified: boolean }>;
  clear(environment: EnvironmentId): Promise<TokenStatus>;
  /** The token itself, for the API client only. Never for IPC. */
  read(environment: EnvironmentId): Promise<string | null>;
  /** Records that the API accepted the stored token (first successful call after an unverified save). */
  markVerified(environment: EnvironmentId): void;
}

export interface TokenVaultDeps {
  secrets: SecretStore;
  settings: SettingsService;
  logger: Logger;
  check: (environment: EnvironmentId, token: string) => Promise<TokenCheck>;
  now?: () => Date;
}

/** One token per environment in the OS keychain (account = environment id). Demo needs none. */
export function createTokenVault({ secrets, settings, logger, check, now = () => new Date() }: TokenVaultDeps): TokenVault {
  const refuseDemo = (environment: EnvironmentId) => {
    if (environment === 'demo') throw new StationError('demo_needs_no_token', 'Demo mode uses the built-in simulator and needs no token.');
  };
  const setVerifiedAt = (environment: EnvironmentId, at: string | null) =>
    settings.update((s) => {
      s.environments[environment].tokenVerifiedAt = at;
    });

  const status = async (environment: EnvironmentId): Promise<TokenStatus> => {
    if (environment === 'demo') return { set: false };
    const token = await secrets.get(environment);
    if (!token) return { set: false };
    return { set: true, lastFour: token.slice(-4), verifiedAt: settings.read().environments[environment].tokenVerifiedAt };
  };

  return {
    status,
    read: (environment) => (environment === 'demo' ? Promise.resolve(null) : secrets.get(environment)),
    async set(environment, rawToken, options = {}) {
      refuseDemo(environment);
      const token = rawToken.trim();
      if (!token) throw new StationError('token_empty', 'Paste the API token first.', { token: 'Paste the API token first.' });
      if (/\s/.test(token)) {
        throw new StationError('token_malformed', 'A token has no spaces or line breaks. Copy it again from your onboarding email.', {
          token: 'A token has no spaces or line breaks.',
        });
      }
      if (!isWellFormedToken(token)) {
        throw new StationError(
          'token_malformed',
          'A token has only plain letters, digits and punctuation: no accented letters, symbols or invisible characters. Copy it again from your onboarding email.',
          { token: 'A token has only plain letters, digits and punctuation.' },
        );
      }
      logger.addSecret(token);
      const label = environmentLabels[environment];
      const result = await check(environment, token);
      if (result.kind === 'refused') {
        logger.warn('token.refused', { environment });
        throw new StationError(
          'token_refused',
          `Flex Forward refused this token for ${label}. Check that you copied all of it and that it is the ${label} token. Nothing was saved.`,
          { token: `Flex Forward refused this token for ${label}.` },
        );
      }
      if (result.kind === 'unreachable' && !options.allowUnverified) {
        throw new StationError(
          'token_unverified',
          `The token could not be checked: ${result.reason} You can save it marked “not verified”; the station will check it on first use.`,
        );
      }
      await secrets.set(environment, token);
      const verified = result.kind === 'accepted';
      setVerifiedAt(environment, verified ? now().toISOString() : null);
      logger.info('token.saved', { environment, verified });
      return { status: await status(environment), verified };
    },
    async clear(environment) {
      refuseDemo(environment);
      await secrets.delete(environment);
      setVerifiedAt(environment, null);
      logger.info('token.cleared', { environment });
      return { set: false };
    },
    markVerified(environment) {
      if (environment !== 'demo' && settings.read().environments[environment].tokenVerifiedAt === null) setVerifiedAt(environment, now().toISOString());
    },
  };
}
