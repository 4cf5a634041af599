import type { EnvironmentId } from '../../shared/domain/environment';
import type { TokenStatus } from '../../shared/domain/token';
import type { SecretStore } from './secret-store';

/** One token per environment, kept in a SecretStore. Only a status ever leaves this module towards the renderer. */
export interface TokenVault {
  status(environment: EnvironmentId): Promise<TokenStatus>;
}

export function createTokenVault(secrets: SecretStore): TokenVault {
  return {
    async status(environment) {
      const token = await secrets.get(environment);
      if (!token) return { set: false };
      return { set: true, lastFour: token.slice(-4), verifiedAt: null };
    },
  };
}
