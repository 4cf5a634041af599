import { environmentLabelKeys, originOf, type EnvironmentId } from '../../shared/domain/environment';
import { isWellFormedToken, type TokenStatus } from '../../shared/domain/token';
import { StationError } from './errors';
import { t } from './i18n';
import type { Logger } from './logger';
import type { SecretStore } from './secret-store';
import type { SettingsService } from './settings-store';

/** How a candidate token fared against the API. */
export type TokenVerdict = { kind: 'accepted' } | { kind: 'refused' } | { kind: 'unreachable'; reason: string };
/** The verdict, and the API origin the token was checked against. */
export type TokenCheck = TokenVerdict & { origin: string };

export interface TokenVault {
  /** Set only when a token is stored AND bound to the environment's current API origin. */
  status(environment: EnvironmentId): Promise<TokenStatus>;
  /**
   * Verifies the token with a cheap authenticated call, then stores it in the keychain, bound
   * to the origin it was verified against. Refused → nothing stored. Unreachable → stored only
   * with `allowUnverified`, marked not verified.
   */
  set(
    environment: EnvironmentId,
    token: string,
    options?: { allowUnverified?: boolean },
  ): Promise<{ status: TokenStatus; verified: boolean }>;
  clear(environment: EnvironmentId): Promise<TokenStatus>;
  /** The stored token, whatever it is bound to (tests and the status view). Never for IPC. */
  read(environment: EnvironmentId): Promise<string | null>;
  /**
   * The token for a request to `origin`: only when it is bound to exactly that origin
   * (scheme, host, port); null otherwise. The API client gets its token only through this.
   */
  tokenFor(environment: EnvironmentId, origin: string): Promise<string | null>;
  /**
   * The environment's API address moves to another origin: the token is unbound at once (in
   * the same settings write as the new address, see settings/environments.ts) and removed from the keychain.
   */
  discard(environment: EnvironmentId): Promise<void>;
  /** Records that the API accepted the stored token (first successful call after an unverified save, or after a refusal). */
  markVerified(environment: EnvironmentId): void;
  /**
   * Records that the API answered 401 to the stored token (`tokenRefusedAt`), which every
   * token status then shows until a new token is verified (or the API accepts this one again).
   */
  markRefused(environment: EnvironmentId): void;
}

export interface TokenVaultDeps {
  secrets: SecretStore;
  settings: SettingsService;
  logger: Logger;
  check: (environment: EnvironmentId, token: string) => Promise<TokenCheck>;
  now?: () => Date;
}

/**
 * One token per environment in the OS keychain (account = environment id), bound to the API
 * origin it was verified against (settings `environments.<id>.tokenOrigin`, written only by
 * main). Demo needs none.
 */
export function createTokenVault({ secrets, settings, logger, check, now = () => new Date() }: TokenVaultDeps): TokenVault {
  const refuseDemo = (environment: EnvironmentId) => {
    if (environment === 'demo') throw new StationError('demo_needs_no_token', t('settings:token.demoNeedsNone'));
  };
  const bind = (environment: EnvironmentId, origin: string | null, verifiedAt: string | null) =>
    settings.update((s) => {
      verified.delete(environment);
      s.environments[environment].tokenOrigin = origin;
      s.environments[environment].tokenVerifiedAt = verifiedAt;
      s.environments[environment].tokenRefusedAt = null;
    });
  /** The origin the token is bound to, if that is still the environment's configured origin. */
  const boundOrigin = (environment: EnvironmentId): string | null => {
    const env = settings.read().environments[environment];
    return env.tokenOrigin !== null && env.tokenOrigin === originOf(env.baseUrl) ? env.tokenOrigin : null;
  };

  /** Environments whose token is known verified (markVerified runs after every successful call: one settings read at most). */
  const verified = new Set<EnvironmentId>();

  const status = async (environment: EnvironmentId): Promise<TokenStatus> => {
    if (environment === 'demo') return { set: false };
    const token = await secrets.get(environment);
    if (!token || boundOrigin(environment) === null) return { set: false };
    const env = settings.read().environments[environment];
    return { set: true, lastFour: token.slice(-4), verifiedAt: env.tokenVerifiedAt, refusedAt: env.tokenRefusedAt };
  };

  return {
    status,
    read: (environment) => (environment === 'demo' ? Promise.resolve(null) : secrets.get(environment)),
    async tokenFor(environment, origin) {
      if (environment === 'demo') return null;
      const bound = boundOrigin(environment);
      if (bound === null || bound !== origin) {
        logger.warn('token.not_sent', {
          environment,
          origin,
          reason: bound === null ? 'not bound to the configured address' : 'bound to another address',
        });
        return null;
      }
      return secrets.get(environment);
    },
    async set(environment, rawToken, options = {}) {
      refuseDemo(environment);
      const token = rawToken.trim();
      if (!token) throw new StationError('token_empty', t('settings:token.empty'), { token: t('settings:token.empty') });
      if (/\s/.test(token)) {
        throw new StationError('token_malformed', t('settings:token.spaces'), { token: t('settings:token.spacesField') });
      }
      if (!isWellFormedToken(token)) {
        throw new StationError('token_malformed', t('settings:token.plain'), { token: t('settings:token.plainField') });
      }
      logger.addSecret(token);
      const label = t(environmentLabelKeys[environment]);
      const result = await check(environment, token);
      if (result.kind === 'refused') {
        logger.warn('token.refused', { environment });
        throw new StationError('token_refused', t('settings:token.refused', { environment: label }), {
          token: t('settings:token.refusedField', { environment: label }),
        });
      }
      if (result.kind === 'unreachable' && !options.allowUnverified) {
        throw new StationError('token_unverified', t('settings:token.unverified', { reason: result.reason }));
      }
      // The address may have changed while the check ran: bind to the origin actually checked,
      // and refuse when that is no longer the configured one (the token would not be sent).
      if (originOf(settings.read().environments[environment].baseUrl) !== result.origin) {
        throw new StationError('base_url_changed', t('settings:token.addressChanged', { environment: label }));
      }
      await secrets.set(environment, token);
      const verified = result.kind === 'accepted';
      bind(environment, result.origin, verified ? now().toISOString() : null);
      logger.info('token.saved', { environment, verified, origin: result.origin });
      return { status: await status(environment), verified };
    },
    async clear(environment) {
      refuseDemo(environment);
      bind(environment, null, null);
      await secrets.delete(environment);
      logger.info('token.cleared', { environment });
      return { set: false };
    },
    async discard(environment) {
      if (environment === 'demo') return;
      verified.delete(environment);
      try {
        if (await secrets.delete(environment))
          logger.info('token.discarded', { environment, reason: 'the API address moved to another origin' });
      } catch (error) {
        // The token is already unbound (tokenOrigin null), so it is never sent; only the keychain copy remains.
        logger.warn('token.discard_failed', { environment, error });
      }
    },
    markVerified(environment) {
      if (environment === 'demo' || verified.has(environment)) return;
      const env = settings.read().environments[environment];
      if (env.tokenOrigin !== null && (env.tokenVerifiedAt === null || env.tokenRefusedAt !== null)) {
        settings.update((s) => {
          s.environments[environment].tokenVerifiedAt = now().toISOString();
          s.environments[environment].tokenRefusedAt = null;
        });
        logger.info('token.verified', { environment });
      }
      verified.add(environment);
    },
    markRefused(environment) {
      if (environment === 'demo') return;
      // The next accepted call checks the settings again (and clears the refusal).
      verified.delete(environment);
      const env = settings.read().environments[environment];
      // Only the first 401 is recorded: "refused at" says since when the token has not worked.
      if (env.tokenOrigin === null || env.tokenRefusedAt !== null) return;
      settings.update((s) => void (s.environments[environment].tokenRefusedAt = now().toISOString()));
      logger.warn('token.refused_by_api', { environment });
    },
  };
}
