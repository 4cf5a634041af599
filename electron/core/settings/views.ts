import type { Language } from '../../../shared/i18n/languages';
import { alternativeBaseUrls, environmentLabelKeys, type EnvironmentId } from '../../../shared/domain/environment';
import type { StationClock } from '../../../shared/domain/time-format';
import type { TokenStatus } from '../../../shared/domain/token';
import type { AppInfo, SettingsView } from '../../../shared/ipc/contract';
import type { Accounts } from '../accounts';
import type { Connections } from '../connections';
import { StationError } from '../errors';
import { t } from '../i18n';
import type { SettingsService } from '../settings-store';
import type { TokenVault } from '../token-vault';
import type { SharedLists } from './list-store';

export interface ViewsDeps {
  name: string;
  version: string;
  settings: SettingsService;
  vault: TokenVault;
  connections: Connections;
  accounts: Accounts;
  /** The station's clock, which the screens format every time with (its format follows the language). */
  clock: () => StationClock;
  /** The station's language in force. */
  language: () => Language;
  /**
   * The senders and presets shown: the workgroup's in a workgroup (electron/core/workgroup/shared-lists.ts).
   * Absent: the settings file's.
   */
  lists?: { senders: Pick<SharedLists['senders'], 'list'>; presets: Pick<SharedLists['presets'], 'list'> };
}

const ENVIRONMENT_ORDER: EnvironmentId[] = ['development', 'production', 'custom', 'demo'];

/**
 * What the renderer is shown of the settings: `app:info` (every screen: environment, token,
 * account, a one-time notice) and `settings:get` (the Settings screen), which every settings
 * edit answers through `saving`.
 */
export function createViews({ name, version, settings, vault, connections, accounts, clock, language, lists }: ViewsDeps) {
  /**
   * The last lists read, shown while the workgroup's database cannot be reached (its banner says
   * so), so that the Settings screen still opens and its other edits still answer.
   */
  const lastSeen: { senders: SettingsView['senders'] | null; packagePresets: SettingsView['packagePresets'] | null } = {
    senders: null,
    packagePresets: null,
  };
  const shown = async <K extends keyof typeof lastSeen>(
    key: K,
    read: () => Promise<NonNullable<(typeof lastSeen)[K]>>,
    own: NonNullable<(typeof lastSeen)[K]>,
  ) => {
    if (!lists) return own;
    try {
      const items = await read();
      lastSeen[key] = items;
      return items;
    } catch (error) {
      if (error instanceof StationError && error.code === 'database_unavailable') return lastSeen[key] ?? [];
      throw error;
    }
  };

  /** Token status for display; a keychain that cannot be reached reads as "not set" plus a notice. */
  const safeStatus = async (environment: EnvironmentId): Promise<{ status: TokenStatus; problem: string | null }> => {
    try {
      return { status: await vault.status(environment), problem: null };
    } catch (error) {
      if (error instanceof StationError) return { status: { set: false }, problem: error.message };
      throw error;
    }
  };

  const appInfo = async (): Promise<AppInfo> => {
    const { activeEnvironment: environment, onboarded } = settings.read();
    if (environment === 'demo') await connections.ensureDemo();
    const { status, problem } = await safeStatus(environment);
    const env = settings.read().environments[environment];
    return {
      name,
      version,
      onboarded,
      environment: { id: environment, label: t(environmentLabelKeys[environment]), production: environment === 'production' },
      token: status,
      account: accounts.current(environment),
      accounts: env.accounts,
      notice: settings.takeNotice() ?? problem,
      clock: clock(),
      language: language(),
      languageChosen: settings.read().preferences.language !== null,
    };
  };

  const settingsView = async (): Promise<SettingsView> => {
    const s = settings.read();
    const senders = await shown('senders', () => lists!.senders.list(), s.senders);
    const packagePresets = await shown('packagePresets', () => lists!.presets.list(), s.packagePresets);
    const environments = await Promise.all(
      ENVIRONMENT_ORDER.map(async (id) => {
        const env = s.environments[id];
        return {
          id,
          label: t(environmentLabelKeys[id]),
          production: id === 'production',
          baseUrl: env.baseUrl,
          alternatives: id === 'development' || id === 'production' ? [...alternativeBaseUrls[id]] : [],
          token: (await safeStatus(id)).status,
          accounts: env.accounts,
          defaultAccountId: env.defaultAccountId,
        };
      }),
    );
    return {
      activeEnvironment: s.activeEnvironment,
      environments,
      // A default another station removed from the workgroup's list is no default.
      defaults: {
        ...s.defaults,
        senderId: senders.some((x) => x.id === s.defaults.senderId) ? s.defaults.senderId : null,
        packagePresetId: packagePresets.some((x) => x.id === s.defaults.packagePresetId) ? s.defaults.packagePresetId : null,
      },
      senders,
      packagePresets,
      preferences: s.preferences,
      printerProfiles: s.printerProfiles,
      defaultLabelProfileId: s.defaultLabelProfileId,
    };
  };

  /** Runs a settings change (awaited when it is async), then answers the settings view: what every settings edit returns. */
  const saving = async <T>(change: () => T | Promise<T>) => {
    await change();
    return settingsView();
  };

  return { appInfo, settingsView, saving };
}
export type Views = ReturnType<typeof createViews>;
