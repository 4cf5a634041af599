import { Defaults, Preferences } from '../../shared/domain/settings';
import type { AppInfo, SettingsView } from '../../shared/ipc/contract';

/** A settings view as main answers it, with the parts a test cares about overridden. */
export function settingsView(overrides: Partial<SettingsView> = {}): SettingsView {
  return {
    activeEnvironment: 'demo',
    environments: [
      {
        id: 'demo',
        label: 'Demo',
        production: false,
        baseUrl: 'http://127.0.0.1:9',
        alternatives: [],
        token: { set: false },
        accounts: [],
        defaultAccountId: null,
      },
    ],
    defaults: Defaults.parse({}),
    senders: [],
    packagePresets: [],
    preferences: Preferences.parse({}),
    printerProfiles: [],
    defaultLabelProfileId: null,
    ...overrides,
  };
}

export function appInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    name: 'Flex Forward Station',
    version: '0.1.0',
    onboarded: true,
    environment: { id: 'demo', label: 'Demo', production: false },
    token: { set: false },
    account: null,
    accounts: [],
    notice: null,
    clock: { timeZone: 'Asia/Tokyo', locale: 'en-GB' },
    language: 'en',
    languageChosen: false,
    ...overrides,
  };
}
