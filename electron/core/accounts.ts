import { ShipperAccount } from '../../shared/domain/settings';
import type { EnvironmentId } from '../../shared/domain/environment';
import { StationError } from './errors';
import { t } from './i18n';
import type { SettingsService } from './settings-store';

/** Shipper accounts per environment: a named list of shipperAccountId UUIDs, one default, one picked. */
export function createAccounts(settings: SettingsService) {
  const find = (environment: EnvironmentId, id: string) => {
    const account = settings.view().environments[environment].accounts.find((a) => a.id === id.toLowerCase());
    if (!account) throw new StationError('account_not_found', t('settings:accounts.notFound'));
    return account;
  };
  return {
    add(environment: EnvironmentId, input: { id: string; name: string }) {
      const account = ShipperAccount.parse(input);
      return settings.update((s) => {
        const env = s.environments[environment];
        if (env.accounts.some((a) => a.id === account.id)) {
          throw new StationError('account_exists', t('settings:accounts.exists'), { id: t('settings:accounts.existsField') });
        }
        env.accounts.push(account);
        env.defaultAccountId ??= account.id;
      });
    },
    rename(environment: EnvironmentId, id: string, name: string) {
      find(environment, id);
      const { name: clean } = ShipperAccount.pick({ name: true }).parse({ name });
      return settings.update((s) => {
        const account = s.environments[environment].accounts.find((a) => a.id === id.toLowerCase());
        if (account) account.name = clean;
      });
    },
    remove(environment: EnvironmentId, id: string) {
      find(environment, id);
      return settings.update((s) => {
        const env = s.environments[environment];
        env.accounts = env.accounts.filter((a) => a.id !== id.toLowerCase());
        if (env.defaultAccountId === id.toLowerCase()) env.defaultAccountId = env.accounts[0]?.id ?? null;
        if (env.selectedAccountId === id.toLowerCase()) env.selectedAccountId = null;
      });
    },
    setDefault(environment: EnvironmentId, id: string) {
      find(environment, id);
      return settings.update((s) => {
        s.environments[environment].defaultAccountId = id.toLowerCase();
      });
    },
    /** Picks the account used for labels and product lists in the active environment. */
    select(id: string | null) {
      const environment = settings.view().activeEnvironment;
      if (id !== null) find(environment, id);
      return settings.update((s) => {
        s.environments[environment].selectedAccountId = id?.toLowerCase() ?? null;
      });
    },
    /** The picked account of an environment, else its default, else none. */
    current(environment: EnvironmentId = settings.view().activeEnvironment): ShipperAccount | null {
      const env = settings.view().environments[environment];
      const id = env.selectedAccountId ?? env.defaultAccountId;
      return env.accounts.find((a) => a.id === id) ?? null;
    },
  };
}
export type Accounts = ReturnType<typeof createAccounts>;
