import { environmentLabels } from '../../shared/domain/environment';
import { isAllowedExternalLink } from '../../shared/security/csp';
import { createDispatch, type Dispatch, type Handlers } from './ipc-dispatch';
import type { Logger } from './logger';
import type { SecretStore } from './secret-store';
import { createSettings, type ConfLike } from './settings';
import { createTokenVault } from './token-vault';

export interface StationDeps {
  name: string;
  version: string;
  settingsStore: ConfLike;
  secrets: SecretStore;
  logger: Logger;
  /** Opens an https URL in the system browser (Electron's shell.openExternal in the app). */
  openExternal: (url: string) => Promise<void>;
}

export interface Station {
  handlers: Handlers;
  dispatch: Dispatch;
}

/** Wires the Electron-free services and their IPC handlers. main.ts and the browser harness both call this. */
export function createStation(deps: StationDeps): Station {
  const settings = createSettings(deps.settingsStore);
  const vault = createTokenVault(deps.secrets);

  const handlers: Handlers = {
    'app:info': async () => {
      const { activeEnvironment } = settings.read();
      return {
        name: deps.name,
        version: deps.version,
        environment: { id: activeEnvironment, label: environmentLabels[activeEnvironment], production: activeEnvironment === 'production' },
        token: await vault.status(activeEnvironment),
      };
    },
    'app:openExternal': async ({ url }) => {
      if (!isAllowedExternalLink(url)) {
        deps.logger.warn('external_link.refused', { url });
        return { opened: false };
      }
      await deps.openExternal(url);
      return { opened: true };
    },
  };
  return { handlers, dispatch: createDispatch(handlers, deps.logger) };
}
