import { environmentLabelKeys, isDocumentedApiOrigin, originOf, type EnvironmentId } from '../../../shared/domain/environment';
import type { TokenEnvironment } from '../../../shared/ipc/contract';
import { parseBaseUrl } from '../api/base-url';
import type { Connections } from '../connections';
import { StationError } from '../errors';
import { t } from '../i18n';
import type { Logger } from '../logger';
import type { SettingsService } from '../settings-store';
import type { TokenVault } from '../token-vault';

export interface EnvironmentsDeps {
  settings: SettingsService;
  connections: Connections;
  vault: TokenVault;
  logger: Logger;
  /**
   * Main's own dialog: may the token of Development or Production go to an address that is
   * not a documented Flex Forward host? Absent: such an address is refused.
   */
  confirmApiHost?: (request: { environment: 'development' | 'production'; url: string; host: string }) => Promise<boolean>;
}

/** The active environment, and each environment's API address with the token bound to it. */
export function createEnvironments({ settings, connections, vault, logger, confirmApiHost }: EnvironmentsDeps) {
  return {
    /** Switches the active environment (starting the simulator for Demo); also completes the first-start screen. */
    async switch(environment: EnvironmentId): Promise<void> {
      if (environment === 'demo') await connections.ensureDemo();
      settings.update((s) => {
        s.activeEnvironment = environment;
        s.onboarded = true;
      });
      logger.info('environment.switched', { environment });
    },

    /**
     * Changes an environment's API address. An address that is not a documented Flex Forward
     * host of Development or Production needs main's confirmation. Another origin unbinds the
     * token in the same settings write as the new address, then removes it from the keychain.
     */
    async setBaseUrl(environment: TokenEnvironment, baseUrl: string): Promise<void> {
      let normalised: string;
      try {
        normalised = parseBaseUrl(baseUrl).href.replace(/\/$/, '');
      } catch (error) {
        throw new StationError('bad_base_url', (error as Error).message, { baseUrl: (error as Error).message });
      }
      const label = t(environmentLabelKeys[environment]);
      if ((environment === 'development' || environment === 'production') && !isDocumentedApiOrigin(environment, normalised)) {
        const host = new URL(normalised).host;
        const confirmed = await (confirmApiHost ?? (async () => false))({ environment, url: normalised, host });
        if (!confirmed) {
          logger.warn('base_url.not_confirmed', { environment, host });
          const message = t('settings:environments.notConfirmed', { host, environment: label });
          throw new StationError('base_url_not_confirmed', message, { baseUrl: message });
        }
        logger.warn('base_url.confirmed', { environment, host });
      }
      // Another origin: the token is unbound in the same write as the new address, so no
      // request can ever carry it there; then it is removed from the keychain.
      let moved = false;
      settings.update((s) => {
        const env = s.environments[environment];
        moved = originOf(env.baseUrl) !== originOf(normalised);
        env.baseUrl = normalised;
        if (moved) {
          env.tokenOrigin = null;
          env.tokenVerifiedAt = null;
          env.tokenRefusedAt = null;
        }
      });
      if (moved) await vault.discard(environment);
    },
  };
}
export type Environments = ReturnType<typeof createEnvironments>;
