import { randomUUID } from 'node:crypto';
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { alternativeBaseUrls, environmentLabels, isDocumentedApiOrigin, originOf, type EnvironmentId } from '../../shared/domain/environment';
import type { TokenStatus } from '../../shared/domain/token';
import type { EventName } from '../../shared/ipc/channels';
import type { EventPayload } from '../../shared/ipc/contract';
import type { AppInfo, SettingsView } from '../../shared/ipc/contract';
import { isAllowedExternalLink } from '../../shared/security/csp';
import { createAccounts } from './accounts';
import { parseBaseUrl } from './api/base-url';
import type { ApiClientOptions } from './api';
import { createCatalog } from './catalog';
import { createConnections, type DemoServer } from './connections';
import { operatorError } from './operator-errors';
import { StationError } from './errors';
import { openDatabaseWithRecovery, type DatabaseProblem, type DatabaseProblemAnswer } from './db/database';
import { createDiskSpaceCheck, type DiskSpaceOptions } from './db/disk-space';
import { createLabelStore } from './labels/label-store';
import { createOutbox } from './labels/outbox';
import { createDocumentFetcher } from './documents/document-fetcher';
import { createDocumentStore } from './documents/document-store';
import { createDocumentUrlPolicy } from './documents/document-url-policy';
import { createDispatch, type Dispatch, type Handlers } from './ipc-dispatch';
import { createLabelService } from './labels/label-service';
import { createBatchService } from './batch/batch-service';
import { createBatchStore } from './batch/batch-store';
import { createPrintLog } from './printing/print-log';
import { commandSheetPdf } from './station-mode/command-sheet';
import { createScanService } from './station-mode/scan-service';
import { createPrintService, type PrintBackend } from './printing/print-service';
import type { Logger } from './logger';
import type { SecretStore } from './secret-store';
import { openSettings, type ConfLike } from './settings-store';
import { createTokenVault } from './token-vault';
import { refreshAll } from './tracking/refresh-all';
import { toTrackingView } from './tracking/tracking-view';

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
  /** userData: the label database (station.sqlite) and the label documents (labels/) live here. */
  dataDir: string;
  /** Sends a typed event to the renderer (progress of long work). */
  emit?: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  /** Asks the operator where to save a file (Electron's save dialog); null when cancelled. */
  chooseSavePath?: (defaultName: string) => Promise<string | null>;
  /** Puts text on the system clipboard (the renderer's own clipboard access is denied). */
  copyText?: (text: string) => void;
  /** The operating system's printing: CUPS on Linux and macOS, pdf-to-printer on Windows. */
  printBackend: PrintBackend;
  /**
   * Asks the operator, in a dialog main shows (Electron's own, not the page), whether the
   * token of Development or Production may go to an address that is not a documented Flex
   * Forward host. Absent: such an address is refused.
   */
  confirmApiHost?: (request: { environment: 'development' | 'production'; url: string; host: string }) => Promise<boolean>;
  /** The free-space check before a label request is sent (tests lower the minimum or fake statfs). */
  diskSpace?: DiskSpaceOptions;
  /**
   * The label database cannot be used (damaged, empty, not a database, unreadable): asks the
   * operator (main: Electron's message box) whether to move it aside and start fresh or quit.
   * Synchronous, so the station is still built in one step. Without it nothing is moved and
   * createStation throws StationError('database_corrupt') naming the file.
   */
  onDatabaseProblem?: (problem: DatabaseProblem) => DatabaseProblemAnswer;
  /** A label database up to this size is checked whole at open; a larger one in the background (tests lower it). */
  wholeDatabaseCheckMaxBytes?: number;
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
    // Bound late: the vault checks tokens through these connections.
    readToken: (environment, origin) => vault.tokenFor(environment, origin),
    onTokenAccepted: (environment) => vault.markVerified(environment),
    startDemo: deps.startDemo,
    logger,
    clientOptions: deps.clientOptions,
  });
  const vault = createTokenVault({ secrets: deps.secrets, settings, logger, check: connections.checkToken, now: deps.now });
  const accounts = createAccounts(settings);
  const catalog = createCatalog({ connections, settings, accounts, now: deps.now });
  const { database, notice: databaseNotice, stopCheck } = openDatabaseWithRecovery(join(deps.dataDir, 'station.sqlite'), {
    onProblem: deps.onDatabaseProblem,
    onLateDamage: (problem) =>
      settings.addNotice(`${problem.message} The label requests checked fine, so labels are still made safely, but restart the station soon: it will offer to move the file aside and start with an empty history.`),
    wholeCheckMaxBytes: deps.wholeDatabaseCheckMaxBytes,
    logger,
    now: deps.now,
  });
  if (databaseNotice) settings.addNotice(databaseNotice);
  const labelStore = createLabelStore(database);
  const documents = createDocumentStore(join(deps.dataDir, 'labels'));
  const labelService = createLabelService({
    outbox: createOutbox(database),
    labels: labelStore,
    connections,
    settings,
    accounts,
    // Demo labels: only the simulator's own origin; any other label: https to public hosts only.
    fetcher: createDocumentFetcher({ policy: createDocumentUrlPolicy({ demoOrigin: async () => (await connections.ensureDemo()).url }), logger }),
    documents,
    logger,
    diskSpace: createDiskSpaceCheck(deps.dataDir, deps.diskSpace),
    now: deps.now ? () => deps.now!().getTime() : undefined,
  });
  const printLog = createPrintLog(database);
  const printing = createPrintService({ backend: deps.printBackend, log: printLog, logger });

  /** The profile to print with: the one named, else the default label profile. */
  const profileFor = (profileId?: string) => {
    const s = settings.read();
    const id = profileId ?? s.defaultLabelProfileId;
    const profile = s.printerProfiles.find((p) => p.id === id);
    if (!profile) {
      throw new StationError(
        'no_printer_profile',
        profileId ? 'That printer profile no longer exists.' : 'No label printer is set up yet. Add one in Settings → Printers.',
      );
    }
    return profile;
  };
  /** Prints stored documents as one job, in order. Never calls POST /labels; never retried. */
  const printLabels = async (labelIds: readonly string[], profileId?: string, copies?: number) => {
    const profile = profileFor(profileId);
    const documents = [];
    for (const id of labelIds) {
      const doc = await labelService.document(id);
      documents.push({ labelId: id, format: doc.format, bytes: doc.bytes });
    }
    return printing.printLabels(profile, documents, copies);
  };

  const batches = createBatchService({
    store: createBatchStore(database),
    labels: labelService,
    labelStore,
    settings,
    logger,
    emit: (progress) => deps.emit?.('progress', progress),
    chooseSavePath: (name) => (deps.chooseSavePath ?? (async () => null))(name),
    printAll: async (labelIds) => {
      const job = await printLabels(labelIds);
      return job.state === 'sent' ? `Printed ${labelIds.length} labels as one job on ${job.printer}.` : `Not printed: ${job.message}`;
    },
  });

  const scans = createScanService({ labels: labelService, labelStore, batches, settings, print: (ids) => printLabels(ids), logger, now: deps.now ? () => deps.now!().getTime() : undefined });

  // Requests left in doubt by a crash or a quit are resolved first (create() waits for this),
  // then batch runs the crash or quit interrupted continue. A failure here (a database that
  // breaks under the reads) is logged and told to the operator, never an unhandled rejection.
  void labelService
    .resolveUnresolved()
    .then(() => batches.resumeUnfinished())
    .catch((error: unknown) => {
      logger.error('startup.recovery_failed', { error });
      settings.addNotice(
        `The station could not check the label requests left open last time (${error instanceof Error ? error.message : String(error)}). Restart the station before creating labels; if this message comes back, the label history file may be damaged.`,
      );
    });
  const nowMs = () => (deps.now ? deps.now().getTime() : Date.now());

  const trackingOf = async (labelId: string) => {
    const label = labelService.get(labelId);
    const client = await connections.client(label.environment);
    const result = await client.getTracking(labelId);
    if (!result.ok) throw operatorError(result.error, { environment: label.environment });
    const view = toTrackingView(labelId, result.value, nowMs());
    labelStore.setTracking(labelId, { tag: view.tag, message: view.subtagMessage, updatedAt: view.fetchedAt });
    return view;
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
    return {
      activeEnvironment: s.activeEnvironment,
      environments,
      defaults: s.defaults,
      senders: s.senders,
      packagePresets: s.packagePresets,
      preferences: s.preferences,
      printerProfiles: s.printerProfiles,
      defaultLabelProfileId: s.defaultLabelProfileId,
    };
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
    'env:setBaseUrl': async ({ environment, baseUrl }) => {
      let normalised: string;
      try {
        normalised = parseBaseUrl(baseUrl).href.replace(/\/$/, '');
      } catch (error) {
        throw new StationError('bad_base_url', (error as Error).message, { baseUrl: (error as Error).message });
      }
      const label = environmentLabels[environment];
      if ((environment === 'development' || environment === 'production') && !isDocumentedApiOrigin(environment, normalised)) {
        const host = new URL(normalised).host;
        const confirmed = await (deps.confirmApiHost ?? (async () => false))({ environment, url: normalised, host });
        if (!confirmed) {
          logger.warn('base_url.not_confirmed', { environment, host });
          const message = `${host} is not a Flex Forward address for ${label}, and using it was not confirmed. The address was not changed.`;
          throw new StationError('base_url_not_confirmed', message, { baseUrl: message });
        }
        logger.warn('base_url.confirmed', { environment, host });
      }
      // Another origin: the token is unbound in the same write as the new address, so no
      // request can ever carry it there; then it is removed from the keychain.
      let moved = false;
      settings.update((s) => {
        const env = s.environments[environment];
        moved = originOf(env.baseUrl) !== originOf(normalised);
        env.baseUrl = normalised;
        if (moved) {
          env.tokenOrigin = null;
          env.tokenVerifiedAt = null;
        }
      });
      if (moved) await vault.discard(environment);
      return settingsView();
    },

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
    'labels:create': async ({ draft, another }) => {
      const outcome = await labelService.create(draft, { another });
      const s = settings.read();
      const profile = s.printerProfiles.find((p) => p.id === s.defaultLabelProfileId);
      // Auto-print once, right after a label is created (not for a replayed or already existing one).
      if (outcome.kind === 'created' && !outcome.replayed && !outcome.documentError && profile?.autoPrint) {
        return { ...outcome, printJob: await printLabels([outcome.label.id], profile.id) };
      }
      return outcome;
    },
    'labels:resolve': ({ idempotencyKey }) => labelService.resolve(idempotencyKey),
    'labels:unresolved': async () => labelService.unresolved(),
    'labels:history': async (query) => labelStore.page(query),
    'labels:get': async ({ id }) => labelService.get(id),
    'labels:document': async ({ id }) => {
      const doc = await labelService.document(id);
      return { format: doc.format, base64: doc.bytes.toString('base64') };
    },
    'labels:saveAs': async ({ id }) => {
      const label = labelService.get(id);
      const doc = await labelService.document(id);
      const target = await (deps.chooseSavePath ?? (async () => null))(`${label.trackingNumber ?? label.customerOrderNumber ?? label.id}.${doc.format}`);
      if (!target) return { saved: false, path: null };
      await copyFile(doc.path, target);
      return { saved: true, path: target };
    },
    'tracking:get': ({ id }) => trackingOf(id),
    'tracking:refreshInTransit': async () => {
      const environment = settings.read().activeEnvironment;
      const labels = labelStore.inTransit(environment, 500);
      const result = await refreshAll({
        labels,
        task: 'tracking:refresh',
        fetch: async (id) => {
          try {
            return { ok: true, value: await trackingOf(id) };
          } catch (error) {
            return { ok: false, message: error instanceof StationError ? error.message : 'Tracking could not be read.' };
          }
        },
        onProgress: (progress) => deps.emit?.('progress', progress),
      });
      return { updated: result.updated, failed: result.failed.length, total: labels.length };
    },
    'printers:list': () => printing.listPrinters(),
    'printers:saveProfile': async (profile) => {
      await printing.checkPrinter(profile.printer);
      return saving(() =>
        settings.update((s) => {
          const id = upsert(s.printerProfiles, profile);
          if (profile.role === 'labels') s.defaultLabelProfileId ??= id;
        }),
      );
    },
    'printers:removeProfile': ({ id }) =>
      saving(() =>
        settings.update((s) => {
          s.printerProfiles = s.printerProfiles.filter((p) => p.id !== id);
          if (s.defaultLabelProfileId === id) s.defaultLabelProfileId = s.printerProfiles.find((p) => p.role === 'labels')?.id ?? null;
        }),
      ),
    'printers:setDefault': ({ id }) =>
      saving(() => {
        profileFor(id);
        settings.update((s) => void (s.defaultLabelProfileId = id));
      }),
    'print:labels': ({ labelIds, profileId, copies }) => printLabels(labelIds, profileId, copies),
    'print:calibration': ({ id }) => printing.printCalibration(profileFor(id)),
    'print:log': async ({ labelId }) => (labelId ? printLog.forLabel(labelId) : printLog.recent(50)),
    'batch:sampleCsv': () => batches.saveSample(),
    'batch:import': async ({ fileName, base64, encoding }) => batches.import(fileName, Buffer.from(base64, 'base64'), encoding),
    'batch:preview': async (input) => batches.update(input),
    'batch:saveMapping': async ({ importId, name }) => batches.saveMapping(importId, name),
    'batch:start': async ({ importId, includeAlreadyLabelled, printWhenDone }) => batches.start(importId, { includeAlreadyLabelled, printWhenDone }),
    'batch:control': ({ runId, action }) => batches.control(runId, action),
    'batch:run': async ({ runId }) => batches.run(runId),
    'batch:exportResults': ({ runId }) => batches.exportResults(runId),
    'scan:session': async () => scans.session(),
    'scan:submit': ({ input, weight }) => scans.scan(input, weight),
    'scan:command': ({ command }) => scans.command(command),
    'scan:reset': async () => scans.reset(),
    'scan:commandSheet': async ({ paper }) => ({ base64: Buffer.from(await commandSheetPdf({ paper })).toString('base64') }),
    'scan:saveCommandSheet': async ({ paper }) => {
      const target = await (deps.chooseSavePath ?? (async () => null))('flexforward-command-barcodes.pdf');
      if (!target) return { saved: false, path: null };
      await writeFile(target, await commandSheetPdf({ paper }));
      return { saved: true, path: target };
    },
    'app:copyText': async ({ text }) => {
      if (!deps.copyText) return { copied: false };
      deps.copyText(text);
      return { copied: true };
    },
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
    services: { settings, vault, connections, accounts, catalog, labels: labelService, labelStore, documents, database, printing, printLog, batches, scans },
    close: async () => {
      await connections.close();
      await stopCheck();
      database.close();
    },
  };
}
export type Station = ReturnType<typeof createStation>;
