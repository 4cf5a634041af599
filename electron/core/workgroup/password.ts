import type { Logger } from '../logger';
import type { SecretStore } from '../secret-store';

/** The keychain account of the workgroup database password (the API tokens use the environment ids). */
export const WORKGROUP_PASSWORD_ACCOUNT = 'workgroup-database';

export interface WorkgroupPassword {
  /** The saved password, for connecting. Never for IPC, the settings file or the log. */
  read(): Promise<string | null>;
  saved(): Promise<boolean>;
  save(password: string): Promise<void>;
  clear(): Promise<void>;
}

/**
 * The workgroup database password in the OS keychain, as the API tokens are (token-vault.ts):
 * the renderer sends it once, on save or test, and learns only whether one is saved. Every
 * password read or saved is added to the logger's secrets, so no log line can carry it.
 */
export function createWorkgroupPassword(secrets: SecretStore, logger: Logger): WorkgroupPassword {
  const read = async () => {
    const password = await secrets.get(WORKGROUP_PASSWORD_ACCOUNT);
    if (password) logger.addSecret(password);
    return password || null;
  };
  return {
    read,
    saved: async () => (await read()) !== null,
    async save(password) {
      logger.addSecret(password);
      await secrets.set(WORKGROUP_PASSWORD_ACCOUNT, password);
      logger.info('workgroup.password_saved', {});
    },
    async clear() {
      if (await secrets.delete(WORKGROUP_PASSWORD_ACCOUNT)) logger.info('workgroup.password_removed', {});
    },
  };
}
