import { randomUUID } from 'node:crypto';
import { alternativeBaseUrls, environmentLabels, type EnvironmentId } from '../../shared/domain/environment';
import type { TokenStatus } from '../../shared/domain/token';
import type { AppInfo, SettingsView } from '../../shared/ipc/contract';
import { isAllowedExternalLink } from '../../shared/security/csp';
import { createAccounts } from './accounts';
import { parseBaseUrl } from './api/base-url';
import type { ApiClientOptions } from './api';
import { createCatalog } from './catalog';
import { createConnections, type DemoServer } from './connections';
import { StationError } from './errors';
import { createDispatch, type Dispatch, type Handlers } from './ipc-dispatch';
import type { Logger } from './logger';
import type { SecretStore } from './secret-store';
import { openSettings, type ConfLike } from './settings-store';
import { createTokenVault } from './token-vault';

export interface StationDeps {
  name: string;
  version: string;
  /** The settings file: where it is, and how to open it (electron-store in the app, Conf in tests). */
  settings: { filePath: string; open: () => ConfLike };
  secrets: SecretStore;
  logger: Logger;
  /** Opens an https URL in the system browser (Electron's shell.openExternal in the app). */
  openExternal: (url: string) => Promise<void>;
  /** Starts the embedded simulator for Demo mode. */
  startDemo: () => Promise<DemoServer>;
  /** Passed to every API client (tests shorten retries and timeouts). */
  clientOptions?: Partial<ApiClientOptions>;
  now?: () => Date;
}

/** Replaces the item with the same id, or appends it with a new id; returns the id. */
function upsert<T extends { id: string }>(list: T[], item: Omit<T, 'id'> & { id?: string }): string {
  const saved = { ...item, id: item.id ?? randomUUID() } as T;
  const index = list.findIndex((x) => x.id === saved.id);
  if (index >= 0) list[index] = saved;
  else list.push(saved);
  return saved.id;
}

const ENVIRONMENT_ORDER: EnvironmentId[] = ['development', 'production', 'custom', 'demo'];

/** Wires the Electron-free services and their IPC handlers. main.ts and the browser harness both call this. */
export function createStation(deps: StationDeps) {
  const { logger } = deps;
  const settings = openSettings({ ...deps.settings, logger, now: deps.now });
  const connections = createConnections({
    settings,
    readToken: (environment) => deps.secrets.get(environment),
    startDemo: deps.startDemo,
    logger,
    clientOptions: deps.clientOptions,
  });
  const vault = createTokenVault({ secrets: deps.secrets, settings, logger, check: connections.checkToken, now: deps.now });
  const accounts = createAccounts(settings);
  const catalog = createCatalog({ connections, settings, accounts, now: deps.now });

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
      name: deps.name,
      version: deps.version,
      onboarded,
      environment: { id: environment, label: environmentLabels[environment], production: environment === 'production' },
      token: status,
      account: accounts.current(environment),
      accounts: env.accounts,
      notice: settings.takeNotice() ?? problem,
    };
  };

  const settingsView = async (): Promise<SettingsView> => {
    const s = settings.read();
    const environments = await Promise.all(
      ENVIRONMENT_ORDER.map(async (id) => {
        const env = s.environments[id];
        return {
          id,
          label: environmentLabels[id],
          production: id === 'production',
          baseUrl: env.baseUrl,
          alternatives: id === 'development' || id === 'production' ? [...alternativeBaseUrls[id]] : [],
          token: (await safeStatus(id)).status,
          accounts: env.accounts,
          defaultAccountId: env.defaultAccountId,
        };
      }),
    );
    return { activeEnvironment: s.activeEnvironment, environments, defaults: s.defaults, senders: s.senders, packagePresets: s.packagePresets, preferences: s.preferences };
  };

  const saving = <T>(change: () => T) => {
    change();
    return settingsView();
  };

  const handlers: Handlers = {
    'app:info': appInfo,
    'app:openExternal': async ({ url }) => {
      if (!isAllowedExternalLink(url)) {
        logger.warn('external_link.refused', { url });
        return { opened: false };
      }
      await deps.openExternal(url);
      return { opened: true };
    },

    'settings:get': settingsView,
    'settings:setDefaults': (patch) => saving(() => settings.update((s) => void Object.assign(s.defaults, patch))),
    'settings:setPreferences': (patch) => saving(() => settings.update((s) => void Object.assign(s.preferences, patch))),

    'env:switch': async ({ environment }) => {
      if (environment === 'demo') await connections.ensureDemo();
      settings.update((s) => {
        s.activeEnvironment = environment;
        s.onboarded = true;
      });
      logger.info('environment.switched', { environment });
      return appInfo();
    },
    'env:setBaseUrl': ({ environment, baseUrl }) =>
      saving(() => {
        let normalised: string;
        try {
          normalised = parseBaseUrl(baseUrl).href.replace(/\/$/, '');
        } catch (error) {
          throw new StationError('bad_base_url', (error as Error).message, { baseUrl: (error as Error).message });
        }
        settings.update((s) => {
          s.environments[environment].baseUrl = normalised;
        });
      }),

    'token:set': ({ environment, token, allowUnverified }) => vault.set(environment, token, { allowUnverified }),
    'token:status': ({ environment }) => vault.status(environment),
    'token:clear': ({ environment }) => vault.clear(environment),

    'accounts:add': ({ environment, id, name }) => saving(() => accounts.add(environment, { id, name })),
    'accounts:rename': ({ environment, id, name }) => saving(() => accounts.rename(environment, id, name)),
    'accounts:remove': ({ environment, id }) => saving(() => accounts.remove(environment, id)),
    'accounts:setDefault': ({ environment, id }) => saving(() => accounts.setDefault(environment, id)),
    'accounts:select': async ({ id }) => {
      accounts.select(id);
      return appInfo();
    },

    'catalog:couriers': ({ refresh }) => catalog.couriers(refresh),
    'catalog:products': ({ courier, refresh }) => catalog.products(courier, refresh),

    'senders:save': (sender) =>
      saving(() =>
        settings.update((s) => {
          s.defaults.senderId ??= upsert(s.senders, sender);
        }),
      ),
    'senders:remove': ({ id }) =>
      saving(() =>
        settings.update((s) => {
          s.senders = s.senders.filter((x) => x.id !== id);
          if (s.defaults.senderId === id) s.defaults.senderId = s.senders[0]?.id ?? null;
        }),
      ),
    'presets:save': (preset) => saving(() => settings.update((s) => void upsert(s.packagePresets, preset))),
    'presets:remove': ({ id }) =>
      saving(() =>
        settings.update((s) => {
          s.packagePresets = s.packagePresets.filter((x) => x.id !== id);
          if (s.defaults.packagePresetId === id) s.defaults.packagePresetId = null;
        }),
      ),
  };

  const dispatch: Dispatch = createDispatch(handlers, logger);
  return {
    handlers,
    dispatch,
    services: { settings, vault, connections, accounts, catalog },
    close: () => connections.close(),
  };
}
export type Station = ReturnType<typeof createStation>;
