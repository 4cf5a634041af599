// The Electron main process: create the services, wire them, register IPC, open the window.
// Behaviour lives in electron/core/; this file stays thin.
import { join } from 'node:path';
import { app, clipboard, dialog, session, shell, type BrowserWindow } from 'electron';
import Store from 'electron-store';
import { startDemoServer } from './core/demo-server';
import { createKeytarSecretStore } from './core/keytar-secret-store';
import { printBackendForPlatform } from './core/printing/platform';
import { createLogger } from './core/logger';
import { StationError } from './core/errors';
import { createStation } from './core/station';
import { t } from './core/i18n';
import { showNotification } from './notify';
import { createSenderCheck, emitEvent, registerIpc } from './ipc-register';
import { APP_URL, registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow, hardenSession, hardenWebContents, installApplicationMenu } from './window';

registerAppScheme();
app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

if (!app.requestSingleInstanceLock()) {
  // Another station is already running on this desktop: it gets focus, this one leaves.
  app.quit();
} else {
  // The app root holds package.json and dist/ (in development and inside the asar archive alike).
  const distDir = join(app.getAppPath(), 'dist');
  const windows = new Set<BrowserWindow>();
  const openWindow = () => {
    const win = createMainWindow(join(distDir, 'preload', 'preload.cjs'), APP_URL);
    windows.add(win);
    win.on('closed', () => windows.delete(win));
    return win;
  };

  app.on('second-instance', () => {
    const [win] = windows;
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession);
      installApplicationMenu();
      serveRenderer(join(distDir, 'renderer'));
      const userData = app.getPath('userData');
      const logger = createLogger({ file: join(userData, 'logs', 'station.log') });
      const station = createStation({
        name: app.getName(),
        version: app.getVersion(),
        // The language until the operator picks one, and the regional format (e.g. ja-JP, zh-TW, en-GB).
        systemLocale: app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
        // clearInvalidConfig stays off: the station moves a corrupt file aside and tells the operator.
        settings: { filePath: join(userData, 'settings.json'), open: () => new Store({ name: 'settings', clearInvalidConfig: false }) },
        secrets: createKeytarSecretStore(),
        logger,
        openExternal: (url) => shell.openExternal(url),
        startDemo: ({ clock }) => startDemoServer({ clock }),
        onDatabaseProblem: askAboutDatabase,
        dataDir: userData,
        emit: (event, payload) => {
          for (const win of windows) emitEvent(win.webContents, event, payload);
        },
        chooseSavePath: async (defaultName) => {
          const result = await dialog.showSaveDialog({ defaultPath: join(app.getPath('documents'), defaultName) });
          return result.canceled || !result.filePath ? null : result.filePath;
        },
        chooseOpenPath: async ({ filters }) => {
          const result = await dialog.showOpenDialog({ properties: ['openFile'], filters });
          return result.canceled ? null : (result.filePaths[0] ?? null);
        },
        copyText: (text) => clipboard.writeText(text),
        notify: showNotification,
        trackingSchedule: {},
        confirmApiHost: async ({ environment, host }) => {
          const label = environment === 'production' ? t('errors:dialogs.production') : t('errors:dialogs.development');
          const [win] = windows;
          const options = {
            type: 'warning' as const,
            buttons: [t('errors:dialogs.cancel'), t('errors:dialogs.useHost', { host })],
            defaultId: 0,
            cancelId: 0,
            noLink: true,
            title: t('errors:dialogs.unknownHostTitle'),
            message: t('errors:dialogs.unknownHostQuestion', { host, environment: label }),
            detail: t('errors:dialogs.unknownHostDetail', { host, environment: label }),
          };
          const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
          return response === 1;
        },
        printBackend: await printBackendForPlatform(),
      });
      app.on('will-quit', () => void station.close());
      registerIpc(
        station.dispatch,
        createSenderCheck((contents) => [...windows].some((win) => win.webContents === contents)),
      );
      openWindow();
      app.on('activate', () => {
        if (windows.size === 0) openWindow();
      });
    })
    .catch(failedToStart);
}

/** The label history cannot be used: Electron's own message box (before any window), naming the file. */
function askAboutDatabase(problem: { file: string; message: string }): 'fresh' | 'quit' {
  const response = dialog.showMessageBoxSync({
    type: 'error',
    title: 'Flex Forward Station',
    message: t('errors:dialogs.databaseUnusable'),
    detail: t('errors:dialogs.databaseDetail', { problem: problem.message, file: problem.file }),
    buttons: [t('errors:dialogs.moveAside'), t('errors:dialogs.quit')],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  });
  return response === 0 ? 'fresh' : 'quit';
}

/** The operator chose Quit in that dialog, or the start cannot go on (a file that cannot be moved aside, …): say why, then quit. */
function failedToStart(error: unknown) {
  const chosen = error instanceof StationError && error.code === 'database_corrupt';
  console.error('Flex Forward Station could not start:', chosen ? error.message : error);
  if (!chosen) {
    dialog.showErrorBox(t('errors:dialogs.couldNotStart'), error instanceof Error ? error.message : String(error));
  }
  app.quit();
}
