import { isAllowedExternalLink } from '../../../shared/security/csp';
import type { ConnectionMonitor } from '../connection-status';
import type { Handlers } from '../ipc-dispatch';
import type { Logger } from '../logger';
import type { Environments } from '../settings/environments';
import type { Views } from '../settings/views';

export interface AppHandlersDeps {
  views: Views;
  environments: Environments;
  logger: Logger;
  /** Opens an https URL in the system browser (Electron's shell.openExternal in the app). */
  openExternal: (url: string) => Promise<void>;
  /** Puts text on the system clipboard; absent, nothing is copied. */
  copyText?: (text: string) => void;
  connection: Pick<ConnectionMonitor, 'current'>;
}

/** What every screen needs from the app: its info, the environment switch, external links, the clipboard. */
export function appHandlers({ views, environments, logger, openExternal, copyText, connection }: AppHandlersDeps) {
  return {
    'app:info': views.appInfo,
    'app:connection': async () => connection.current(),
    'app:openExternal': async ({ url }) => {
      // Only the links of the allowlist leave the app (shared/security/csp.ts).
      if (!isAllowedExternalLink(url)) {
        logger.warn('external_link.refused', { url });
        return { opened: false };
      }
      await openExternal(url);
      return { opened: true };
    },
    'app:copyText': async ({ text }) => {
      if (!copyText) return { copied: false };
      copyText(text);
      return { copied: true };
    },
    'env:switch': async ({ environment }) => {
      await environments.switch(environment);
      return views.appInfo();
    },
  } satisfies Partial<Handlers>;
}
