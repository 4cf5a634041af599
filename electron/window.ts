import {
  BrowserWindow,
  Menu,
  shell,
  type BrowserWindowConstructorOptions,
  type MenuItemConstructorOptions,
  type Session,
  type WebContents,
} from 'electron';
import { contentSecurityPolicy, isAllowedExternalLink } from '../shared/security/csp';
import { APP_HOST, APP_SCHEME } from './protocol';

/** The window's security settings. Pinned by test/unit/electron-shell.test.ts. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Flex Forward Station',
    show: false,
    backgroundColor: '#f4f5f7',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  };
}

export function createMainWindow(preloadPath: string, url: string): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(preloadPath));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(url);
  return win;
}

/** Denies every permission request and check, and adds the CSP header to every response. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] } });
  });
}

/**
 * No in-app navigation away from the app's own origin, no new windows (allowlisted https
 * links open in the system browser), no <webview>.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

export function isAppUrl(url: string): boolean {
  try {
    // Compare scheme and host: WHATWG URL reports origin "null" for schemes it does not know.
    // User info (`app://evil@station/`) is refused: the app's own URLs never carry any.
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * The application menu. Windows and Linux get none: Electron's default menu would take Alt
 * (menu-bar focus, which steals the Alt+1–6 screen shortcuts and F10 in station mode), and its
 * Ctrl+R reload and developer tools have no place at a packing station. macOS keeps the app,
 * Edit (copy and paste need it there) and Window menus.
 */
export function applicationMenu(platform: NodeJS.Platform): MenuItemConstructorOptions[] | null {
  return platform === 'darwin' ? [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }] : null;
}

export function installApplicationMenu(platform: NodeJS.Platform = process.platform): void {
  const template = applicationMenu(platform);
  Menu.setApplicationMenu(template ? Menu.buildFromTemplate(template) : null);
}
