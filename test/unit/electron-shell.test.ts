import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames, EVENT_CHANNEL } from '../../shared/ipc/channels';
import { contentSecurityPolicy } from '../../shared/security/csp';

// A recording stand-in for the `electron` module (the real one cannot load without its binary).
const electron = vi.hoisted(() => {
  type Listener = (...args: unknown[]) => unknown;
  const makeEmitter = () => {
    const listeners = new Map<string, Listener[]>();
    return {
      listeners,
      on: vi.fn((name: string, fn: Listener) => void listeners.set(name, [...(listeners.get(name) ?? []), fn])),
      once: vi.fn((name: string, fn: Listener) => void listeners.set(name, [...(listeners.get(name) ?? []), fn])),
      emit: (name: string, ...args: unknown[]) => (listeners.get(name) ?? []).map((fn) => fn(...args)),
    };
  };
  const app = {
    ...makeEmitter(),
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    whenReady: vi.fn(() => Promise.resolve()),
    getPath: vi.fn(() => mkdtempSync(join(tmpdir(), 'ffs-user-data-'))),
    getAppPath: vi.fn(() => '/opt/station'),
    getName: vi.fn(() => 'Flex Forward Station'),
    getVersion: vi.fn(() => '0.1.0'),
    getLocale: vi.fn(() => 'en-GB'),
    getPreferredSystemLanguages: vi.fn(() => ['en-GB']),
  };
  const windows: { options: unknown; url?: string; webContents: object }[] = [];
  class BrowserWindow {
    webContents = { id: windows.length + 1 };
    private emitter = makeEmitter();
    on = this.emitter.on;
    once = this.emitter.once;
    constructor(public options: unknown) {
      windows.push(this as never);
    }
    loadURL = vi.fn(async (url: string) => void ((this as unknown as { url: string }).url = url));
    show = vi.fn();
    isMinimized = () => false;
    restore = vi.fn();
    focus = vi.fn();
  }
  const session = {
    defaultSession: {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
      webRequest: { onHeadersReceived: vi.fn() },
    },
  };
  return {
    app,
    BrowserWindow,
    windows,
    session,
    shell: { openExternal: vi.fn(async () => undefined) },
    clipboard: { writeText: vi.fn() },
    dialog: {
      showSaveDialog: vi.fn(async () => ({ canceled: true })),
      showMessageBox: vi.fn(async () => ({ response: 0 })),
      showMessageBoxSync: vi.fn(() => 1),
      showErrorBox: vi.fn(),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    ipcMain: { handle: vi.fn() },
    ipcRenderer: { invoke: vi.fn(async () => ({ ok: true, value: 'pong' })), on: vi.fn(), removeListener: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn() },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((template: unknown[]) => ({ template })) },
  };
});

vi.mock('electron', () => ({ ...electron, default: electron }));
vi.mock('electron-store', () => ({
  default: class {
    store: Record<string, unknown> = {};
    set(key: string, value: unknown) {
      this.store[key] = value;
    }
  },
}));

beforeEach(() => {
  vi.clearAllMocks();
  electron.windows.length = 0;
  electron.app.listeners.clear();
});

describe('the main window', () => {
  it('runs the renderer isolated, sandboxed, without Node and with web security', async () => {
    const { mainWindowOptions } = await import('../../electron/window');
    const prefs = mainWindowOptions('/app/dist/preload/preload.cjs').webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('denies every permission request and check', async () => {
    const { hardenSession } = await import('../../electron/window');
    const s = electron.session.defaultSession;
    hardenSession(s as never);
    const callback = vi.fn();
    const onRequest = s.setPermissionRequestHandler.mock.calls[0]![0] as (...a: unknown[]) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])
      onRequest({}, permission, callback);
    expect(callback.mock.calls).toEqual(Array(5).fill([false]));
    const onCheck = s.setPermissionCheckHandler.mock.calls[0]![0] as () => boolean;
    expect(onCheck()).toBe(false);
    const onDevice = s.setDevicePermissionHandler.mock.calls[0]![0] as () => boolean;
    expect(onDevice()).toBe(false);
  });

  it('adds the CSP header to every response', async () => {
    const { hardenSession } = await import('../../electron/window');
    const s = electron.session.defaultSession;
    hardenSession(s as never);
    const onHeaders = s.webRequest.onHeadersReceived.mock.calls[0]![0] as (d: unknown, cb: (r: unknown) => void) => void;
    const cb = vi.fn();
    onHeaders({ responseHeaders: { 'content-type': ['text/html'] } }, cb);
    expect(cb).toHaveBeenCalledWith({
      responseHeaders: { 'content-type': ['text/html'], 'Content-Security-Policy': [contentSecurityPolicy] },
    });
    expect(contentSecurityPolicy).toContain("default-src 'self'");
    expect(contentSecurityPolicy).toContain("connect-src 'none'");
    expect(contentSecurityPolicy).toContain("object-src 'none'");
    expect(contentSecurityPolicy).toContain("frame-ancestors 'none'");
    expect(contentSecurityPolicy).toContain("img-src 'self' data: blob:");
  });

  it('blocks navigation away from the app and denies new windows, sending allowlisted https links to the browser', async () => {
    const { hardenWebContents } = await import('../../electron/window');
    const handlers = new Map<string, (...a: unknown[]) => void>();
    let openHandler: (d: { url: string }) => { action: string } = () => ({ action: 'allow' });
    const contents = {
      on: (name: string, fn: (...a: unknown[]) => void) => handlers.set(name, fn),
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
    };
    hardenWebContents(contents as never);

    const navigate = (event: string, url: string) => {
      const e = { preventDefault: vi.fn() };
      handlers.get(event)!(e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', 'app://station/index.html')).toBe(false);
    expect(navigate('will-redirect', 'http://127.0.0.1:1/')).toBe(true);
    // User info is refused, whether the host is the app's or not.
    expect(navigate('will-navigate', 'app://evil@station/index.html')).toBe(true);
    expect(navigate('will-navigate', 'app://a:b@station/')).toBe(true);
    expect(navigate('will-navigate', 'app://station@evil/')).toBe(true);
    const webview = { preventDefault: vi.fn() };
    handlers.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();

    expect(openHandler({ url: 'https://openapidocs.flexforwardship.com/guide' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://openapidocs.flexforwardship.com/guide');
    electron.shell.openExternal.mockClear();
    expect(openHandler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'http://openapidocs.flexforwardship.com/' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('the app:// protocol', () => {
  const root = mkdtempSync(join(tmpdir(), 'ffs-renderer-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><p>station</p>');

  it('serves the renderer with the CSP header', async () => {
    const { rendererResponse } = await import('../../electron/protocol');
    const res = await rendererResponse(root, 'app://station/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('station');
  });

  it('refuses paths outside the renderer folder and other hosts', async () => {
    const { rendererResponse } = await import('../../electron/protocol');
    expect((await rendererResponse(root, 'app://station/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    expect((await rendererResponse(root, 'app://station/..%2f..%2fetc%2fpasswd')).status).toBe(404);
    expect((await rendererResponse(root, 'app://other/index.html')).status).toBe(404);
    expect((await rendererResponse(root, 'app://station/missing.js')).status).toBe(404);
  });

  it('answers 404 to bad percent-encoding instead of throwing', async () => {
    const { rendererResponse } = await import('../../electron/protocol');
    for (const url of ['app://station/%', 'app://station/%E0%A4%A', 'app://station/index%2.html', 'app://station/%C0%AF']) {
      expect((await rendererResponse(root, url)).status).toBe(404);
    }
    expect((await rendererResponse(root, 'app://station/%69ndex.html')).status).toBe(200);
  });

  it('registers app: as a standard, secure scheme', async () => {
    const { registerAppScheme } = await import('../../electron/protocol');
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true } },
    ]);
  });
});

describe('IPC registration', () => {
  const trustedEvent = (overrides: Record<string, unknown> = {}) => ({
    sender: { id: 1 },
    senderFrame: { parent: null, url: 'app://station/index.html' },
    ...overrides,
  });

  it('registers one handler per contract channel that drops untrusted senders', async () => {
    const { registerIpc } = await import('../../electron/ipc-register');
    const dispatch = vi.fn(async () => ({ ok: true as const, value: 'answer' }));
    registerIpc(dispatch, (event) => (event as unknown as { trusted: boolean }).trusted);
    const registered = electron.ipcMain.handle.mock.calls.map((c) => c[0]);
    expect(registered).toEqual([...channelNames]);

    const handler = electron.ipcMain.handle.mock.calls[0]![1] as (e: unknown, raw: unknown) => Promise<unknown>;
    expect(await handler({ trusted: false }, undefined)).toEqual({
      ok: false,
      error: { code: 'untrusted_sender', message: 'Request refused.' },
    });
    expect(dispatch).not.toHaveBeenCalled();
    expect(await handler({ trusted: true }, undefined)).toEqual({ ok: true, value: 'answer' });
    expect(dispatch).toHaveBeenCalledWith(channelNames[0], undefined);
  });

  it('trusts only the top frame of the app’s own windows showing the app origin', async () => {
    const { createSenderCheck } = await import('../../electron/ipc-register');
    const check = createSenderCheck((contents) => (contents as { id: number }).id === 1);
    expect(check(trustedEvent() as never)).toBe(true);
    expect(check(trustedEvent({ sender: { id: 2 } }) as never)).toBe(false);
    expect(check(trustedEvent({ senderFrame: { parent: {}, url: 'app://station/index.html' } }) as never)).toBe(false);
    expect(check(trustedEvent({ senderFrame: { parent: null, url: 'https://evil.example/' } }) as never)).toBe(false);
    expect(check(trustedEvent({ senderFrame: null }) as never)).toBe(false);
  });

  it('validates events against the contract before sending them', async () => {
    const { emitEvent } = await import('../../electron/ipc-register');
    const contents = { isDestroyed: () => false, send: vi.fn() };
    emitEvent(contents as never, 'progress', { task: 'batch:1', done: 1, failed: 0, total: 3 });
    expect(contents.send).toHaveBeenCalledWith(EVENT_CHANNEL, {
      event: 'progress',
      payload: { task: 'batch:1', done: 1, failed: 0, total: 3 },
    });
    expect(() => emitEvent(contents as never, 'progress', { task: '', done: -1 } as never)).toThrow();
  });
});

describe('main.ts', () => {
  it('quits when another station already holds the single-instance lock', async () => {
    vi.resetModules();
    electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    await import('../../electron/main');
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
  });

  it('hardens the session, serves the renderer, registers every channel and opens one hardened window', async () => {
    vi.resetModules();
    await import('../../electron/main');
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(electron.app.listeners.has('web-contents-created')).toBe(true);
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.ipcMain.handle.mock.calls.map((c) => c[0])).toEqual([...channelNames]);
    const win = electron.windows[0] as unknown as {
      options: { webPreferences: Record<string, unknown> };
      loadURL: ReturnType<typeof vi.fn>;
    };
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(win.options.webPreferences.preload)).toBe(join('/opt/station', 'dist', 'preload', 'preload.cjs'));
    expect(win.loadURL).toHaveBeenCalledWith('app://station/index.html');
    // No default menu on Windows and Linux: Alt and F10 stay with the page (shortcuts, station mode), no Ctrl+R reload.
    if (process.platform !== 'darwin') expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
  });

  it('asks in Electron’s own dialog (not the page) before Development or Production use an undocumented API host', async () => {
    vi.resetModules();
    await import('../../electron/main');
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const handler = electron.ipcMain.handle.mock.calls.find((c) => c[0] === 'env:setBaseUrl')![1] as (
      event: unknown,
      input: unknown,
    ) => Promise<unknown>;
    const win = electron.windows[0]!;
    const event = { sender: win.webContents, senderFrame: { url: 'app://station/index.html', parent: null } };
    const input = { environment: 'production', baseUrl: 'https://collector.example.net' };

    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 });
    expect(await handler(event, input)).toMatchObject({ ok: false, error: { code: 'base_url_not_confirmed' } });
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(
      win,
      expect.objectContaining({
        type: 'warning',
        defaultId: 0,
        cancelId: 0,
        message: expect.stringContaining('collector.example.net'),
        detail: expect.stringMatching(/token will be removed/),
      }),
    );

    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    expect(await handler(event, input)).toMatchObject({ ok: true });
    // A documented host is not asked about.
    electron.dialog.showMessageBox.mockClear();
    expect(await handler(event, { environment: 'production', baseUrl: 'https://api.flexforwardship.com' })).toMatchObject({ ok: true });
    expect(electron.dialog.showMessageBox).not.toHaveBeenCalled();
  });

  it('speaks the operating system’s language in its own dialogs (a Japanese computer: the API host question in Japanese)', async () => {
    electron.app.getPreferredSystemLanguages.mockReturnValueOnce(['ja-JP']);
    vi.resetModules();
    await import('../../electron/main');
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    const handler = electron.ipcMain.handle.mock.calls.find((c) => c[0] === 'env:setBaseUrl')![1] as (
      event: unknown,
      input: unknown,
    ) => Promise<unknown>;
    const win = electron.windows[0]!;
    const event = { sender: win.webContents, senderFrame: { url: 'app://station/index.html', parent: null } };
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 });
    await handler(event, { environment: 'production', baseUrl: 'https://collector.example.net' });
    expect(electron.dialog.showMessageBox).toHaveBeenCalledWith(
      win,
      expect.objectContaining({
        title: 'Flex Forward のアドレスではありません',
        message: '本番環境で collector.example.net を使いますか？',
        buttons: ['キャンセル', 'collector.example.net を使う'],
      }),
    );
  });

  /** A userData folder whose station.sqlite is text, not a database, handed to main as app.getPath('userData'). */
  const corruptUserData = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ffs-user-data-'));
    writeFileSync(join(dir, 'station.sqlite'), 'not a database '.repeat(500));
    electron.app.getPath.mockImplementationOnce(() => dir);
    return dir;
  };

  it('a label database that cannot be used: Electron’s message box names the file; "Move it aside and start fresh" keeps it and opens the window', async () => {
    vi.resetModules();
    const dir = corruptUserData();
    electron.dialog.showMessageBoxSync.mockReturnValueOnce(0);
    await import('../../electron/main');
    await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
    expect(electron.dialog.showMessageBoxSync).toHaveBeenCalledTimes(1);
    const [options] = electron.dialog.showMessageBoxSync.mock.calls[0] as unknown as [
      { detail: string; buttons: string[]; cancelId: number },
    ];
    expect(options.buttons).toEqual(['Move it aside and start fresh', 'Quit']);
    expect(options.cancelId).toBe(1);
    expect(options.detail).toContain(join(dir, 'station.sqlite'));
    expect(options.detail).toMatch(/is not a database/);
    const [aside] = readdirSync(dir).filter((f) => f.startsWith('station.sqlite.corrupt-'));
    expect(readFileSync(join(dir, aside!), 'utf8')).toBe('not a database '.repeat(500));
    expect(electron.app.quit).not.toHaveBeenCalled();
  });

  it('a label database that cannot be used: "Quit" quits without a window and leaves the file as it was', async () => {
    vi.resetModules();
    const dir = corruptUserData();
    electron.dialog.showMessageBoxSync.mockReturnValueOnce(1);
    await import('../../electron/main');
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
    expect(electron.dialog.showMessageBoxSync).toHaveBeenCalledTimes(1);
    expect(electron.windows).toHaveLength(0);
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(readFileSync(join(dir, 'station.sqlite'), 'utf8')).toBe('not a database '.repeat(500));
    expect(readdirSync(dir).filter((f) => f.startsWith('station.sqlite.corrupt-'))).toEqual([]);
    expect(existsSync(join(dir, 'station.sqlite'))).toBe(true);
  });

  it('the application menu: none on Windows and Linux; app, Edit and Window menus on macOS', async () => {
    const { applicationMenu } = await import('../../electron/window');
    expect(applicationMenu('linux')).toBeNull();
    expect(applicationMenu('win32')).toBeNull();
    expect(applicationMenu('darwin')).toEqual([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]);
  });
});

describe('preload', () => {
  it('exposes only window.station, whose calls go through ipcRenderer.invoke', async () => {
    vi.resetModules();
    await import('../../electron/preload');
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [key, api] = electron.contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [
      string,
      Record<string, Record<string, (i?: unknown) => Promise<unknown>>>,
    ];
    expect(key).toBe('station');
    expect(Object.keys(api).sort()).toEqual([...new Set(channelNames.map((c) => c.split(':')[0]!)), 'on'].sort());
    expect(await api.app!.info!()).toEqual({ ok: true, value: 'pong' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('app:info', undefined);

    const listener = vi.fn();
    const off = (api.on as unknown as (e: string, l: (p: unknown) => void) => () => void)('progress', listener);
    const onCall = electron.ipcRenderer.on.mock.calls[0] as unknown as [string, (e: unknown, m: unknown) => void];
    expect(onCall[0]).toBe(EVENT_CHANNEL);
    onCall[1]({}, { event: 'progress', payload: { task: 't', done: 1, failed: 0, total: 2 } });
    onCall[1]({}, { event: 'other', payload: {} });
    expect(listener).toHaveBeenCalledTimes(1);
    off();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(EVENT_CHANNEL, onCall[1]);
    expect(() => (api.on as unknown as (e: string, l: () => void) => void)('not-an-event', () => {})).toThrow();
  });
});
