import { join } from 'node:path';
import type { EventName } from '../../shared/ipc/channels';
import type { EventPayload } from '../../shared/ipc/contract';
import { createAccounts } from './accounts';
import type { ApiClientOptions } from './api';
import { appHandlers } from './app/handlers';
import { batchHandlers } from './batch/handlers';
import { createBatchService } from './batch/batch-service';
import { createBatchStore } from './batch/batch-store';
import { createImportStore } from './batch/import-store';
import { createPgImportStore } from './batch/pg-import-store';
import { createCatalog } from './catalog/catalog';
import { catalogHandlers } from './catalog/handlers';
import { skuCatalogueHandlers } from './catalogue/handlers';
import { createSkuCatalogue } from './catalogue/sku-catalogue';
import { createSqliteSkuCatalogueStore } from './catalogue/sku-catalogue-store';
import { createConnectionMonitor } from './connection-status';
import { createConnections, type DemoServer } from './connections';
import { openDatabaseWithRecovery, type DatabaseProblem, type DatabaseProblemAnswer } from './db/database';
import { createDiskSpaceCheck, type DiskSpaceOptions } from './db/disk-space';
import { createDocumentFetcher } from './documents/document-fetcher';
import { createDocumentStore } from './documents/document-store';
import { createDocumentUrlPolicy } from './documents/document-url-policy';
import { createDispatch, type Dispatch, type Handlers } from './ipc-dispatch';
import { labelHandlers } from './labels/handlers';
import { historyHandlers } from './labels/history-handlers';
import { createLabelService } from './labels/label-service';
import { createRecentRecipients } from './labels/recent-recipients';
import type { Logger } from './logger';
import { printingHandlers } from './printing/handlers';
import { createLabelPrinter } from './printing/label-printer';
import type { FollowOptions } from './printing/job-follow';
import { createPrintService, type PrintBackend } from './printing/print-service';
import { createPrinterProfiles } from './printing/printer-profiles';
import { withQueueCheck } from './printing/queue-check';
import type { SecretStore } from './secret-store';
import { createRoutedStorage } from './storage/routed';
import { createEnvironments } from './settings/environments';
import { settingsHandlers } from './settings/handlers';
import { createPresets } from './settings/presets';
import { createSenders } from './settings/senders';
import { createViews } from './settings/views';
import { announcingSaves } from './settings-changes';
import { openSettings, type ConfLike } from './settings-store';
import { scanHandlers } from './scan/handlers';
import { createScanClaims } from './scan/scan-claims';
import { createScanService } from './scan/scan-service';
import { createTokenVault } from './token-vault';
import { createWeightCheck } from './weight/weight-check';
import { liveTimeFormat, resolveClock, systemClock, type StationClock } from '../../shared/domain/time-format';
import { formatLocale, resolveLanguage } from '../../shared/i18n/languages';
import { setStationLanguage, t } from './i18n';
import { todayHandlers } from './today/handlers';
import { pgTodayTally } from './today/pg-today-tally';
import { createTodaySummary, sqliteTodayTally, type TodayTallySource } from './today/today-summary';
import { trackingHandlers } from './tracking/handlers';
import { createTrackingService } from './tracking/tracking-service';
import { createTrackingSchedule, DEFAULT_SCHEDULE, type TrackingScheduleOptions } from './tracking/schedule';
import { createTrackingScheduleStore } from './tracking/schedule-store';
import { handoverHandlers } from './handover/handlers';
import { createHandoverParcels, createPgHandoverParcels } from './handover/handover-parcels';
import { createHandoverService } from './handover/handover-service';
import { workgroupHandlers } from './workgroup/handlers';
import { guardHandlers } from './operators/gate';
import { operatorHandlers } from './operators/handlers';
import { createOperators } from './operators/operators';
import type { WorkgroupHealthOptions } from './workgroup/health';
import { createLiveUpdates, type LiveOptions } from './workgroup/live';
import { createSharedDatabase } from './workgroup/shared-database';
import { createRoutedLists } from './workgroup/shared-lists';
import { createWorkgroup, type ChooseOpenPath } from './workgroup/workgroup';
import { createMoveIn } from './workgroup/move-in';

export interface StationDeps {
  name: string;
  version: string;
  /** The settings file: where it is, and how to open it (electron-store in the app, Conf in tests). */
  settings: { filePath: string; open: () => ConfLike };
  secrets: SecretStore;
  logger: Logger;
  /** Opens an https URL in the system browser (Electron's shell.openExternal in the app). */
  openExternal: (url: string) => Promise<void>;
  /** Starts the embedded simulator for Demo mode (its labels print the station's clock). */
  startDemo: (options: { clock: StationClock }) => Promise<DemoServer>;
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
  /** How often an unreachable API is probed to clear the Offline banner (default 5 s; tests shorten it). */
  connectionProbeEveryMs?: number;
  /** A label database up to this size is checked whole at open; a larger one in the background (tests lower it). */
  wholeDatabaseCheckMaxBytes?: number;
  /** How printed jobs are followed to their outcome (printing/job-follow.ts); tests shorten the time allowed. */
  printFollow?: FollowOptions;
  /** The time zone and format every time is shown in (shared/domain/time-format.ts); default: the system's. Tests fix it. */
  clock?: Partial<StationClock>;
  /**
   * The operating system's locale (Electron's app.getLocale()): the station's language until the
   * operator picks one, and the regional format when it is in that language. Default: Intl's.
   */
  systemLocale?: string;
  /** Shows a desktop notification (main: Electron's Notification), e.g. for new tracking exceptions. */
  notify?: (n: { title: string; body: string }) => void;
  /** Follow undelivered labels' tracking on a schedule while the station runs (tracking/schedule.ts); off when absent. */
  trackingSchedule?: TrackingScheduleOptions;
  /** Asks the operator for a file to open (Electron's open dialog): the workgroup's CA certificate. */
  chooseOpenPath?: ChooseOpenPath;
  /** How often the workgroup database is checked, and the backoff while it is unreachable (tests shorten them). */
  workgroupHealth?: WorkgroupHealthOptions;
  /** The live updates' coalescing window and reconnect backoff (tests shorten them). */
  workgroupLive?: LiveOptions;
  /** Rows per transaction when a station moves its history into a workgroup (default 1,000; tests make it small). */
  moveInBatchSize?: number;
  now?: () => Date;
}

/**
 * Wires the Electron-free services and merges each feature's IPC handlers (`<feature>/handlers.ts`).
 * main.ts and the browser harness both call this.
 */
export function createStation(deps: StationDeps) {
  const { logger } = deps;
  const baseClock = resolveClock(deps.clock);
  const systemLocale = deps.systemLocale ?? systemClock().locale;
  const nowMs = deps.now ? () => deps.now!().getTime() : undefined;
  const chooseSavePath = deps.chooseSavePath ?? (async () => null);
  // The OS's language until the settings are read: a settings file that cannot be read is reported in it.
  setStationLanguage(resolveLanguage(null, systemLocale));
  const settings = announcingSaves(openSettings({ ...deps.settings, logger, now: deps.now }), deps.emit, logger, () =>
    setStationLanguage(language()),
  );
  // The language in force (chosen, or the OS's) and the clock: the zone is fixed, the format follows the language.
  const language = () => resolveLanguage(settings.view().preferences.language, systemLocale);
  const currentClock = (): StationClock => ({
    timeZone: baseClock.timeZone,
    locale: formatLocale(language(), deps.clock?.locale ?? systemLocale),
  });
  setStationLanguage(language());
  const times = liveTimeFormat(currentClock);
  const clock = currentClock;
  // The Offline banner: the first request that cannot connect, then a light probe until the API answers again.
  const connection = createConnectionMonitor({
    onChange: (status) => deps.emit?.('connection:changed', status),
    logger,
    probeEveryMs: deps.connectionProbeEveryMs,
    now: deps.now,
  });
  const connections = createConnections({
    settings,
    reachability: connection,
    // Bound late: the vault checks tokens through these connections.
    readToken: (environment, origin) => vault.tokenFor(environment, origin),
    onTokenAccepted: (environment) => vault.markVerified(environment),
    onTokenRefused: (environment) => vault.markRefused(environment),
    startDemo: () => deps.startDemo({ clock: currentClock() }),
    logger,
    clientOptions: deps.clientOptions,
  });
  const vault = createTokenVault({ secrets: deps.secrets, settings, logger, check: connections.checkToken, now: deps.now });
  const accounts = createAccounts(settings);
  const catalog = createCatalog({ connections, settings, accounts, language, now: deps.now });
  const environments = createEnvironments({ settings, connections, vault, logger, confirmApiHost: deps.confirmApiHost });
  // Senders and presets shown: the workgroup's in a workgroup (bound late: the shared lists are made below).
  const views = createViews({
    name: deps.name,
    version: deps.version,
    settings,
    vault,
    connections,
    accounts,
    clock,
    language,
    lists: { senders: { list: () => lists.senders.list() }, presets: { list: () => lists.presets.list() } },
  });
  const {
    database,
    notice: databaseNotice,
    stopCheck,
  } = openDatabaseWithRecovery(join(deps.dataDir, 'station.sqlite'), {
    onProblem: deps.onDatabaseProblem,
    onLateDamage: (problem) => settings.addNotice(t('errors:db.lateDamage', { problem: problem.message })),
    wholeCheckMaxBytes: deps.wholeDatabaseCheckMaxBytes,
    logger,
    now: deps.now,
  });
  if (databaseNotice) settings.addNotice(databaseNotice);
  // Settings → Workgroup and the "workgroup database unreachable" banner (issue 18).
  const workgroup = createWorkgroup({
    settings,
    secrets: deps.secrets,
    logger,
    onStatus: (status) => {
      deps.emit?.('workgroup:changed', status);
      // Back in touch with the shared database (joined, or the server answers again): what is in doubt there is resolved.
      if (status.state === 'connected') {
        // This station's own history goes up first (once), then what is in doubt is resolved.
        void moveIn.run().then(() => resolveShared());
        live.retryNow();
        // This station's own senders, presets, mappings and catalogue go up if the workgroup has none yet.
        void lists.seed().catch((error: unknown) => logger.warn('workgroup.lists_seed_failed', { error }));
      }
    },
    chooseOpenPath: deps.chooseOpenPath,
    health: deps.workgroupHealth,
    // Joined (or changed): the station's own history is copied up before its storage switches.
    onChanged: async () => {
      await shared.reset();
      await moveIn.run();
    },
    now: deps.now,
  });
  // The workgroup's PostgreSQL: one pool, opened on first use, for everything stations share.
  const shared = createSharedDatabase({
    poolConfig: () => workgroup.poolConfig(),
    onUnreachable: (error) => workgroup.failed(error),
    logger,
  });
  // Other stations' new labels, claims and imports, heard within a second (issue 18 item 6): the renderer reads them again.
  const live = createLiveUpdates({
    ...deps.workgroupLive,
    config: () => workgroup.poolConfig(),
    onChange: (kind) => {
      // An import changed somewhere (a fix, a new mapping, removed): the tables this station holds
      // in memory are let go, so its previews and scans read the shared copy again (bound late).
      if (kind === 'imports') batches.forgetImports();
      // A sender, preset, mapping or the catalogue changed somewhere: what this station kept is read again.
      if (kind === 'lists') lists.forget();
      // An operator added or changed somewhere: "no operators yet" is asked again.
      if (kind === 'operators') operators.forget();
      deps.emit?.('live:changed', { kind });
    },
    logger,
  });
  shared.onReset(() => {
    // Another workgroup, or none: nothing kept from the old one's lists and imports is answered again.
    lists.forget();
    batches.forgetImports();
    void live.restart();
  });
  void live.restart();

  // History, outbox and print log: the workgroup's PostgreSQL while in one, else this SQLite (issue 18 items 3, 7).
  // The lease holder is the station's id, never its name: two benches named alike must not share leases.
  const storage = createRoutedStorage({
    database,
    shared,
    // Only once the station's own history is in the workgroup (docs/architecture.md, "Joining a workgroup: moving history up").
    workgroupStation: () => {
      const id = settings.view().workgroup?.stationId ?? null;
      return id && moveIn.movedIn() ? id : null;
    },
    onUnreachable: (error) => workgroup.failed(error),
    logger,
    now: nowMs,
  });
  const moveIn = createMoveIn({
    database,
    shared,
    joined: () => {
      const joined = settings.view().workgroup;
      return joined
        ? { stationId: joined.stationId, stationName: joined.stationName, workgroupKey: `${joined.host}:${joined.port}/${joined.database}` }
        : null;
    },
    stateFile: join(deps.dataDir, 'workgroup-move-in.json'),
    onProgress: (progress) => deps.emit?.('progress', progress),
    onMovedIn: () => void resolveShared(),
    logger,
    batchSize: deps.moveInBatchSize,
    now: nowMs,
  });
  const { labels: labelStore, outbox, printLog } = storage;
  const documents = createDocumentStore(join(deps.dataDir, 'labels'), {
    // The label printed from memory; the next reprint downloads the document again.
    onWriteFailed: (labelId, error) => logger.warn('document.write_failed', { labelId, code: error.code, error }),
  });
  const labelService = createLabelService({
    times,
    outbox,
    labelStore,
    connections,
    settings,
    accounts,
    // Demo labels: only the simulator's own origin; any other label: https to public hosts only.
    fetcher: createDocumentFetcher({
      policy: createDocumentUrlPolicy({ demoOrigin: async () => (await connections.ensureDemo()).url }),
      logger,
    }),
    documents,
    logger,
    diskSpace: createDiskSpaceCheck(deps.dataDir, deps.diskSpace),
    now: nowMs,
  });
  const printing = createPrintService({
    backend: withQueueCheck(deps.printBackend),
    log: printLog,
    logger,
    follow: deps.printFollow ?? {},
    onJobSettled: (job) => deps.emit?.('print:job', job),
  });
  const profiles = createPrinterProfiles({ settings, printing });
  const printer = createLabelPrinter({ profiles, labelService, printing });
  const scheduleStore = createTrackingScheduleStore(database, {
    firstCheckMs: deps.trackingSchedule?.firstCheckMs ?? DEFAULT_SCHEDULE.firstCheckMs,
    maxIntervalMs: deps.trackingSchedule?.maxIntervalMs ?? DEFAULT_SCHEDULE.maxIntervalMs,
  });
  const tracking = createTrackingService({
    labelService,
    labelStore,
    connections,
    settings,
    schedule: scheduleStore,
    onProgress: (progress) => deps.emit?.('progress', progress),
    onChanged: (summary) => deps.emit?.('tracking:changed', summary),
    notify: deps.notify,
    logger,
    now: nowMs,
  });
  const trackingSchedule = deps.trackingSchedule
    ? createTrackingSchedule({
        store: scheduleStore,
        environment: () => settings.view().activeEnvironment,
        check: tracking.check,
        finishRound: tracking.finishRound,
        rateLimitPerSecond: deps.clientOptions?.rateLimitPerSecond,
        logger,
        options: { now: nowMs, ...deps.trackingSchedule },
      })
    : null;

  // Senders, presets, saved mappings and the product catalogue: the workgroup's while in one (issue 18 item 3).
  const lists = createRoutedLists({
    settings,
    catalogue: createSqliteSkuCatalogueStore(database),
    route: storage.route,
    // Kept between scans only while live updates would say when another station changes them.
    listening: () => live.listening(),
    logger,
    now: nowMs,
  });
  const skuCatalogueStore = lists.catalogue;
  const skuCatalogue = createSkuCatalogue({ store: skuCatalogueStore, chooseSavePath, now: nowMs });

  const batches = createBatchService({
    store: createBatchStore(database),
    importStore: storage.route(createImportStore(database), createPgImportStore),
    skuCatalogue: skuCatalogueStore,
    lists,
    labelService,
    labelStore,
    settings,
    logger,
    now: nowMs,
    // Station mode's count of loaded orders is kept between scans only while live updates would say when it changes.
    listening: () => live.listening(),
    emit: (progress) => deps.emit?.('progress', progress),
    chooseSavePath,
    printAll: async (labelIds) => {
      const job = await printer.print(labelIds);
      return job.state === 'sent'
        ? t('batch:run.printedAll', { count: labelIds.length, printer: job.printer })
        : t('batch:run.notPrinted', { message: job.message });
    },
  });

  const weights = createWeightCheck(settings, () => clock().locale);
  // Who works at this station, as other stations are told: the operator signed in, else the station's name.
  // (Bound late: operators are made below.)
  const currentOperator = () => operators.current()?.name ?? settings.view().workgroup?.stationName ?? deps.name;
  const scans = createScanService({
    labelService,
    labelStore,
    batches,
    settings,
    weights,
    requestBody: async (key) => (await outbox.get(key))?.body ?? null,
    print: (ids) => printer.print(ids),
    logger,
    times,
    // In a workgroup the order scanned is claimed for this station (bound late: the shared database is made below).
    claims: createScanClaims({
      settings,
      shared: { pool: () => shared.pool(), onReset: (fn) => shared.onReset(fn) },
      operator: currentOperator,
      logger,
    }),
    now: nowMs,
  });

  // Print jobs the OS accepted before a quit or crash, their outcome still open, are followed again.
  void printing.resumeFollowing().catch((error: unknown) => logger.error('startup.print_follow_failed', { error }));

  // Requests left in doubt by a crash or a quit are resolved first (create() waits for this),
  // then batch runs the crash or quit interrupted continue. A failure here (a database that
  // breaks under the reads) is logged and told to the operator, never an unhandled rejection.
  void labelService
    .resolveUnresolved()
    .then(() => batches.resumeUnfinished())
    .catch((error: unknown) => {
      logger.error('startup.recovery_failed', { error });
      settings.addNotice(t('errors:startup.recoveryFailed', { reason: error instanceof Error ? error.message : String(error) }));
    });

  const resolveShared = () =>
    labelService.resolveUnresolved().catch((error: unknown) => logger.error('workgroup.resolve_failed', { error }));
  // A station that joined with its history not all copied up yet (a quit, a crash, the server gone) goes on copying.
  if (settings.view().workgroup && !moveIn.movedIn()) void moveIn.run();

  // Tracking follows up by itself from here on (its first round waits a little after start).
  trackingSchedule?.start();

  // Today counts the workgroup's shared history in a workgroup, else this station's own (kept counts).
  const localTally = sqliteTodayTally(database);
  const sharedTally = pgTodayTally(() => shared.pool());
  const todayTally: TodayTallySource = (request) => (settings.view().workgroup ? sharedTally(request) : localTally(request));

  // Operators, roles and the audit trail of a workgroup (issue 18 item 5): a gate around every handler.
  const operators = createOperators({
    shared,
    station: () => workgroup.station(),
    seenFile: join(deps.dataDir, 'workgroup-operators.json'),
    workgroupKey: () => {
      const joined = settings.view().workgroup;
      return joined ? `${joined.host}:${joined.port}/${joined.database}` : null;
    },
    onChange: (session) => deps.emit?.('operators:changed', session),
    // "No operators yet" is kept between scans only while live updates would say when one is added.
    listening: () => live.listening(),
    logger,
  });

  const handlers = guardHandlers(
    {
      ...appHandlers({ views, environments, logger, openExternal: deps.openExternal, copyText: deps.copyText, connection }),
      ...settingsHandlers({
        settings,
        views,
        environments,
        vault,
        accounts,
        senders: createSenders(settings, lists.senders),
        presets: createPresets(settings, lists.presets),
      }),
      ...catalogHandlers({ catalog }),
      ...skuCatalogueHandlers({ skuCatalogue }),
      ...labelHandlers({
        labelService,
        labelStore,
        printer,
        chooseSavePath,
        recentRecipients: createRecentRecipients(database),
        activeEnvironment: () => settings.view().activeEnvironment,
        weights,
      }),
      ...historyHandlers({ labelStore, chooseSavePath, times, now: nowMs }),
      ...trackingHandlers({ tracking }),
      ...todayHandlers({
        today: createTodaySummary({ tally: todayTally, times, now: nowMs }),
        activeEnvironment: () => settings.view().activeEnvironment,
      }),
      ...printingHandlers({ printing, printLog, profiles, printer, saving: views.saving }),
      ...batchHandlers({ batches }),
      ...scanHandlers({ scans, chooseSavePath }),
      ...handoverHandlers({
        handover: createHandoverService({
          parcels: storage.route(createHandoverParcels(database), createPgHandoverParcels),
          settings,
          times,
          backend: withQueueCheck(deps.printBackend),
          chooseSavePath,
          now: nowMs,
        }),
      }),
      ...workgroupHandlers({ workgroup }),
      ...operatorHandlers({ operators }),
    } satisfies Handlers,
    operators,
  );

  const dispatch: Dispatch = createDispatch(handlers, logger);
  return {
    handlers,
    dispatch,
    services: {
      settings,
      vault,
      connections,
      accounts,
      catalog,
      skuCatalogue,
      lists,
      labelService,
      labelStore,
      outbox,
      documents,
      database,
      printing,
      printLog,
      batches,
      scans,
      tracking,
      trackingSchedule,
      workgroup,
      shared,
      moveIn,
      operators,
      live,
    },
    close: async () => {
      workgroup.close();
      await scans.close();
      await live.stop();
      await shared.close();
      await trackingSchedule?.stop();
      printing.close();
      await batches.close();
      connection.close();
      await connections.close();
      await stopCheck();
      // Documents still being written reach the disk before the station lets go of its folder.
      await documents.flush();
      database.close();
    },
  };
}
export type Station = ReturnType<typeof createStation>;
