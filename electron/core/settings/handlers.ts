import type { Accounts } from '../accounts';
import type { Handlers } from '../ipc-dispatch';
import type { SettingsService } from '../settings-store';
import type { TokenVault } from '../token-vault';
import type { Environments } from './environments';
import type { Presets } from './presets';
import type { Senders } from './senders';
import type { Views } from './views';

export interface SettingsHandlersDeps {
  settings: SettingsService;
  views: Views;
  environments: Environments;
  vault: TokenVault;
  accounts: Accounts;
  senders: Senders;
  presets: Presets;
}

/** The Settings screen's channels: defaults, preferences, API addresses, tokens, shipper accounts, senders, presets. */
export function settingsHandlers({ settings, views, environments, vault, accounts, senders, presets }: SettingsHandlersDeps) {
  const { saving } = views;
  return {
    'settings:get': views.settingsView,
    'settings:setDefaults': (patch) => saving(() => settings.update((s) => void Object.assign(s.defaults, patch))),
    'settings:setPreferences': (patch) => saving(() => settings.update((s) => void Object.assign(s.preferences, patch))),
    'env:setBaseUrl': ({ environment, baseUrl }) => saving(() => environments.setBaseUrl(environment, baseUrl)),

    'token:set': ({ environment, token, allowUnverified }) => vault.set(environment, token, { allowUnverified }),
    'token:status': ({ environment }) => vault.status(environment),
    'token:clear': ({ environment }) => vault.clear(environment),

    'accounts:add': ({ environment, id, name }) => saving(() => accounts.add(environment, { id, name })),
    'accounts:rename': ({ environment, id, name }) => saving(() => accounts.rename(environment, id, name)),
    'accounts:remove': ({ environment, id }) => saving(() => accounts.remove(environment, id)),
    'accounts:setDefault': ({ environment, id }) => saving(() => accounts.setDefault(environment, id)),
    'accounts:select': async ({ id }) => {
      accounts.select(id);
      return views.appInfo();
    },

    'senders:save': (sender) => saving(() => senders.save(sender)),
    'senders:remove': ({ id }) => saving(() => senders.remove(id)),
    'presets:save': (preset) => saving(() => presets.save(preset)),
    'presets:remove': ({ id }) => saving(() => presets.remove(id)),
  } satisfies Partial<Handlers>;
}
