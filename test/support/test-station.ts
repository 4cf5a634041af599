import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { startDemoServer } from '../../electron/core/demo-server';
import { createLogger, type Logger } from '../../electron/core/logger';
import { createCupsBackend } from '../../electron/core/printing/cups';
import { createMemorySecretStore, type SecretStore } from '../../electron/core/secret-store';
import { createStation, type StationDeps } from '../../electron/core/station';
import { createClient } from '../../shared/ipc/client';

export interface TestStationOptions extends Partial<Omit<StationDeps, 'settings' | 'logger' | 'dataDir'>> {
  secrets?: SecretStore;
  /** Reuse a folder (to restart a station over the same files). */
  userDataDir?: string;
  logger?: Logger;
}

/** The settings file of a station rooted at `userDataDir`, opened the way main opens electron-store. */
export function settingsFor(userDataDir: string) {
  return {
    filePath: join(userDataDir, 'settings.json'),
    open: () =>
      new Conf<Record<string, unknown>>({
        cwd: userDataDir,
        configName: 'settings',
        projectName: 'flexforward-station',
        clearInvalidConfig: false,
      }),
  };
}

/**
 * A real station over a temporary userData folder: Conf for settings, an in-memory secret
 * store unless one is given, a log file, and Demo mode on the real simulator. Short retry
 * delays keep fault tests quick.
 */
export function createTestStation(options: TestStationOptions = {}) {
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'ffs-station-'));
  mkdirSync(join(userDataDir, 'logs'), { recursive: true });
  mkdirSync(join(userDataDir, 'saved'), { recursive: true });
  const logFile = join(userDataDir, 'logs', 'station.log');
  const station = createStation({
    name: 'Flex Forward Station',
    version: '0.1.0',
    openExternal: async () => undefined,
    startDemo: ({ clock }) => startDemoServer({ clock }),
    clientOptions: { retryDelaysMs: [10, 20], connectTimeoutMs: 5_000, responseTimeoutMs: 10_000 },
    chooseSavePath: async (name) => join(userDataDir, 'saved', name),
    // The real CUPS backend: `npm test` starts cupsd with a CUPS-PDF printer (test/services/start-cups.sh).
    printBackend: createCupsBackend(),
    // The operator confirms an undocumented API host (tests point Development at the simulator
    // on loopback); tests about the confirmation pass their own answer.
    confirmApiHost: async () => true,
    // Tests do not follow this machine's locale: English unless a test asks for another.
    systemLocale: 'en-US',
    ...options,
    dataDir: userDataDir,
    secrets: options.secrets ?? createMemorySecretStore(),
    logger: options.logger ?? createLogger({ file: logFile }),
    settings: settingsFor(userDataDir),
  });
  // The same typed client the preload builds, over the core's dispatch (no Electron, no page).
  const client = createClient(
    (channel, input) => station.dispatch(channel, input),
    () => () => undefined,
  );
  return { ...station, client, userDataDir, logFile };
}
