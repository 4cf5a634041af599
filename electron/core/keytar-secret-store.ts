import type * as KeytarModule from 'keytar';
import { StationError } from './errors';
import { t } from './i18n';
import { KEYCHAIN_SERVICE, type SecretStore } from './secret-store';

type Keytar = typeof KeytarModule;

/**
 * The OS keychain through keytar (macOS Keychain, Windows Credential Vault, Secret Service
 * on Linux). keytar is archived upstream, so it stays behind `SecretStore` in this one file.
 * Keychain failures become a `keychain_unavailable` error that says what to enable; there
 * is deliberately no plaintext fallback.
 */
export function createKeytarSecretStore(service = KEYCHAIN_SERVICE, load: () => Promise<Keytar> = loadKeytar): SecretStore {
  const call = async <T>(op: (k: Keytar) => Promise<T>): Promise<T> => {
    let keytar: Keytar;
    try {
      keytar = await load();
    } catch (error) {
      throw keychainUnavailable(error);
    }
    try {
      return await op(keytar);
    } catch (error) {
      throw keychainUnavailable(error);
    }
  };
  return {
    get: (account) => call((k) => k.getPassword(service, account)),
    set: (account, secret) => call((k) => k.setPassword(service, account, secret)),
    delete: (account) => call((k) => k.deletePassword(service, account)),
  };
}

async function loadKeytar(): Promise<Keytar> {
  const mod = (await import('keytar')) as Keytar & { default?: Keytar };
  return mod.default ?? mod;
}

function keychainUnavailable(cause: unknown): StationError {
  const how =
    process.platform === 'linux'
      ? t('settings:keychain.linux')
      : process.platform === 'darwin'
        ? t('settings:keychain.mac')
        : t('settings:keychain.windows');
  const error = new StationError('keychain_unavailable', t('settings:keychain.unavailable', { how }));
  (error as Error & { cause?: unknown }).cause = cause;
  return error;
}
