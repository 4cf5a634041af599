import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { EventName } from '../../shared/ipc/channels';
import { events, type EventPayload } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/result';
import { createTestStation, type TestStationOptions } from '../support/test-station';
import { serveRenderer } from './static-server';

export const repoRoot = join(import.meta.dirname, '..', '..');
const distDir = join(repoRoot, 'dist');

/** Station options: an in-memory secret store unless `secrets` is given (keychain tests pass keytar's). */
export type HarnessOptions = TestStationOptions;

export interface IpcRecord {
  channel: string;
  input: unknown;
  output: IpcResult<unknown>;
}

export interface Harness {
  page: Page;
  url: string;
  station: ReturnType<typeof createTestStation>;
  userDataDir: string;
  logFile: string;
  /** Every IPC call the page made and what the core answered. */
  ipcLog: IpcRecord[];
  /** Every event pushed to the page. */
  eventLog: { event: EventName; payload: unknown }[];
  consoleMessages: string[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): Promise<void>;
  close(): Promise<void>;
}

/**
 * The browser harness: the real core in this process, the built renderer served on
 * 127.0.0.1 with the production CSP, and `window.station` installed by running the real
 * built preload against a stand-in `electron` module whose ipcRenderer is a Playwright
 * binding to the core's dispatch. No HTTP endpoint exposes the core.
 */
export async function attachHarness(page: Page, options: HarnessOptions = {}): Promise<Harness> {
  const preloadFile = join(distDir, 'preload', 'preload.cjs');
  const rendererDir = join(distDir, 'renderer');
  if (!existsSync(preloadFile) || !existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('The browser harness needs the built app: run `npm run build` first.');
  }
  const eventLog: Harness['eventLog'] = [];
  // Events from the core go to the page the way webContents.send would deliver them.
  const emit = async <E extends EventName>(event: E, payload: EventPayload<E>) => {
    const parsed = events[event].parse(payload);
    eventLog.push({ event, payload: parsed });
    await page
      .evaluate((message) => (window as unknown as { __ffsEmit(m: unknown): void }).__ffsEmit(message), { event, payload: parsed })
      .catch(() => undefined);
  };
  const station = createTestStation({
    version: (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version,
    emit: (event, payload) => void emit(event, payload),
    ...options,
  });
  const server = await serveRenderer(rendererDir);

  const ipcLog: IpcRecord[] = [];
  const consoleMessages: string[] = [];
  page.on('console', (message) => consoleMessages.push(message.text()));
  page.on('pageerror', (error) => consoleMessages.push(`pageerror: ${error.message}`));

  // The harness's stand-in for the sender check: only the top frame of this page, on the served origin.
  await page.exposeBinding('__ffsInvoke', async (source, channel: string, input: unknown) => {
    if (source.frame !== page.mainFrame() || !source.frame.url().startsWith(server.url)) {
      return { ok: false, error: { code: 'untrusted_sender', message: 'Request refused.' } };
    }
    const output = await station.dispatch(channel, input);
    ipcLog.push({ channel, input, output });
    return output;
  });
  await page.addInitScript({ content: preloadShim(readFileSync(preloadFile, 'utf8')) });
  await page.goto(server.url);

  return {
    page,
    url: server.url,
    station,
    userDataDir: station.userDataDir,
    logFile: station.logFile,
    ipcLog,
    eventLog,
    consoleMessages,
    emit,
    close: async () => {
      await server.close();
      await station.close();
    },
  };
}

/**
 * Wraps the built preload (a CommonJS file whose only import is `electron`) so it runs in
 * the page with a stand-in `electron`: contextBridge defines a read-only window.station,
 * ipcRenderer.invoke goes to the binding, and events arrive through __ffsEmit. Injected as
 * a literal script, because the CSP forbids eval.
 */
function preloadShim(preloadSource: string): string {
  return `(() => {
  const listeners = new Set();
  const electron = {
    ipcRenderer: {
      invoke: (channel, input) => window.__ffsInvoke(channel, input),
      on: (_channel, handler) => void listeners.add(handler),
      removeListener: (_channel, handler) => void listeners.delete(handler),
    },
    contextBridge: {
      exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: Object.freeze(api), enumerable: true }),
    },
  };
  Object.defineProperty(window, '__ffsEmit', { value: (message) => { for (const handler of listeners) handler({}, message); } });
  const require = (name) => {
    if (name !== 'electron') throw new Error('The preload may require only electron, not ' + name);
    return electron;
  };
  const module = { exports: {} };
  (function (require, module, exports) {
${preloadSource}
  })(require, module, module.exports);
})();`;
}
