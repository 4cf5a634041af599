import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type {
  WorkgroupConnection,
  WorkgroupSettings,
  WorkgroupStatus,
  WorkgroupTestResult,
  WorkgroupView,
} from '../../../shared/domain/workgroup';
import { StationError } from '../errors';
import { t } from '../i18n';
import type { Logger } from '../logger';
import type { SecretStore } from '../secret-store';
import type { SettingsService } from '../settings-store';
import type { ClaimStation } from './claims';
import { testWorkgroupConnection, workgroupPoolConfig, type WorkgroupPoolOptions } from './connection';
import { createWorkgroupHealth, type WorkgroupHealthOptions } from './health';
import { createWorkgroupPassword } from './password';

/** Main's file dialog (Electron's showOpenDialog): the chosen file, or null when cancelled. */
export type ChooseOpenPath = (options: { filters: { name: string; extensions: string[] }[] }) => Promise<string | null>;

export interface WorkgroupDeps {
  settings: SettingsService;
  secrets: SecretStore;
  logger: Logger;
  /** Tells the renderer the workgroup database's status (`workgroup:changed`). */
  onStatus: (status: WorkgroupStatus) => void;
  chooseOpenPath?: ChooseOpenPath;
  health?: WorkgroupHealthOptions;
  /** How long a connection attempt may take (tests shorten it). */
  connectTimeoutMs?: number;
  /** The station joined, changed or left its workgroup (the shared database reconnects). */
  onChanged?: () => Promise<void>;
  now?: () => Date;
}

export interface Workgroup {
  view(): Promise<WorkgroupView>;
  /** Connects with these settings and the typed password, or the saved one when none is typed. Changes nothing. */
  test(input: { connection: WorkgroupConnection; password?: string }): Promise<WorkgroupTestResult>;
  /** Joins (or changes) the workgroup: the password (if typed) into the keychain, the rest into the settings file. */
  save(input: { settings: WorkgroupSettings; password?: string }): Promise<WorkgroupView>;
  /** Back to a station on its own: the settings and the saved password go. */
  leave(): Promise<WorkgroupView>;
  chooseCaFile(): Promise<{ path: string | null }>;
  status(): WorkgroupStatus;
  /** The pg Pool configuration of the workgroup this station is in (null: none), for the shared storage. */
  poolConfig(options?: WorkgroupPoolOptions): Promise<pg.PoolConfig | null>;
  /** Who this station is to the others (claims): null outside a workgroup. */
  station(): ClaimStation | null;
  /** A use of the shared database found it unreachable: the banner shows, checked again with backoff. */
  failed(error: StationError): void;
  close(): void;
}

/**
 * Settings → Workgroup: the connection settings (settings file, `workgroup`), the password
 * (keychain, electron/core/workgroup/password.ts) and the health monitor that tells the
 * renderer whether the database can be reached (the banner).
 */
export function createWorkgroup(deps: WorkgroupDeps): Workgroup {
  const { settings, logger } = deps;
  const password = createWorkgroupPassword(deps.secrets, logger);
  const options = (): WorkgroupPoolOptions => ({
    connectTimeoutMs: deps.connectTimeoutMs,
    applicationName: settings.view().workgroup?.stationName,
  });
  const health = createWorkgroupHealth({
    ...deps.health,
    logger,
    now: deps.now,
    onChange: deps.onStatus,
    check: async () => {
      const joined = settings.view().workgroup;
      if (!joined) return;
      await testWorkgroupConnection(joined, await password.read(), { ...options(), max: 1 });
    },
  });
  if (settings.view().workgroup) health.start();

  // The renderer never names files main reads: a CA file is the saved one or one the operator
  // chose in main's dialog while the station runs (else a page could probe the disk through it).
  const chosen = new Set<string>();
  const checkCaFile = (caFile: string | null) => {
    if (caFile === null || chosen.has(caFile) || caFile === settings.view().workgroup?.caFile) return;
    throw new StationError('workgroup_ca_file_unreadable', t('workgroup:errors.caFileNotChosen'));
  };

  const view = async (): Promise<WorkgroupView> => {
    const joined = settings.view().workgroup;
    let shown: WorkgroupSettings | null = null;
    if (joined) {
      const { stationId: _id, ...rest } = joined;
      shown = rest;
    }
    return { settings: shown, passwordSaved: await password.saved(), status: health.current() };
  };

  return {
    view,
    async test({ connection, password: typed }) {
      checkCaFile(connection.caFile);
      const used = typed ?? (await password.read());
      if (typed) logger.addSecret(typed);
      const result = await testWorkgroupConnection(connection, used, options());
      logger.info('workgroup.tested', { host: connection.host, port: connection.port, tls: result.tls });
      return result;
    },
    async save({ settings: next, password: typed }) {
      checkCaFile(next.caFile);
      if (typed) await password.save(typed);
      settings.update((s) => {
        s.workgroup = { ...next, stationId: s.workgroup?.stationId ?? randomUUID() };
      });
      logger.info('workgroup.saved', { host: next.host, port: next.port, database: next.database, tlsMode: next.tlsMode });
      await deps.onChanged?.();
      health.start();
      return view();
    },
    async leave() {
      if (!settings.view().workgroup) throw new StationError('workgroup_not_joined', t('workgroup:errors.notJoined'));
      settings.update((s) => void (s.workgroup = null));
      await password.clear();
      await deps.onChanged?.();
      health.stop();
      logger.info('workgroup.left', {});
      return view();
    },
    async chooseCaFile() {
      if (!deps.chooseOpenPath) return { path: null };
      const path = await deps.chooseOpenPath({
        filters: [{ name: t('workgroup:form.caFileFilter'), extensions: ['crt', 'pem', 'cer'] }],
      });
      if (path) chosen.add(path);
      return { path };
    },
    status: () => health.current(),
    async poolConfig(extra = {}) {
      const joined = settings.view().workgroup;
      return joined ? workgroupPoolConfig(joined, await password.read(), { ...options(), ...extra }) : null;
    },
    station() {
      const joined = settings.view().workgroup;
      return joined ? { id: joined.stationId, name: joined.stationName } : null;
    },
    failed: (error) => health.failed(error),
    close: () => health.stop(),
  };
}
