import { Language } from '../i18n/languages';
import { z } from 'zod';
import { EnvironmentId } from '../domain/environment';
import { Defaults, DefaultsPatch, PackagePreset, Preferences, PreferencesPatch, SenderAddress, ShipperAccount } from '../domain/settings';
import { StationClock } from '../domain/time-format';
import { TokenStatus } from '../domain/token';
import { Courier, Product } from '../flexforward/schemas';
import { CreateOutcome, LabelDraft, RecentRecipient, UnresolvedRequest } from '../domain/label-draft';
import { HistoryExport, HistoryFilter, HistoryIds, HistoryPage, HistoryQuery, LabelRecord, MAX_PRINT_LABELS } from '../domain/labels';
import { TrackingChangeSummary, TrackingView } from '../domain/tracking';
import { TodaySummary } from '../domain/today';
import { LiveChangedEvent } from '../domain/live';
import {
  WorkgroupConnection,
  WorkgroupPassword,
  WorkgroupSettings,
  WorkgroupStatus,
  WorkgroupTestResult,
  WorkgroupView,
} from '../domain/workgroup';
import { AuditPage, AuditQuery, Operator, OperatorChange, OperatorInput, OperatorName, OperatorSession } from '../domain/operators';
import { HandoverCourier, HandoverDay, HandoverPaper, HandoverQuery, HandoverSheet } from '../domain/handover';
import { MAX_PRINTER_NAME_LENGTH, PrinterInfo, PrinterProfile, PrintJobRecord } from '../domain/printing';
import { PrintJobEvent, PrintLogEntry } from '../domain/print-state';
import { ColumnMapping, CsvEncodingChoice } from '../domain/batch';
import { BatchPageRequest, BatchPreview, BatchRunView, ImportListItem, ImportOptions } from '../domain/batch-view';
import { MAX_SCAN_LENGTH, OrderHolder, ScanResult, ScanCommand, ScanSession } from '../domain/scan';
import {
  MAX_SKU_LENGTH,
  SkuCatalogueEntry,
  SkuCatalogueEntryInput,
  SkuCataloguePage,
  SkuCataloguePageRequest,
  SkuCsvImportResult,
} from '../domain/sku-catalogue';
import type { ChannelName, EventName } from './channels';

/** Input of a channel that takes no argument: only `undefined` is accepted. */
const NoInput = z.undefined();

/** Environments that take a token from the operator (Demo uses the simulator's own). */
export const TokenEnvironment = z.enum(['development', 'production', 'custom']);
export type TokenEnvironment = z.infer<typeof TokenEnvironment>;

const EnvironmentSummary = z.object({ id: EnvironmentId, label: z.string(), production: z.boolean() });

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** False until the first-start screen was completed. */
  onboarded: z.boolean(),
  environment: EnvironmentSummary,
  token: TokenStatus,
  /** The shipper account labels are created for (picked in the header). */
  account: ShipperAccount.nullable(),
  accounts: z.array(ShipperAccount),
  /** A one-time message for the operator, e.g. that a corrupt settings file was reset. */
  notice: z.string().nullable(),
  /** The station's time zone and time format: every time on every screen is shown in it (shared/domain/time-format.ts). */
  clock: StationClock,
  /** The station's language (shared/i18n/): the one chosen, else the operating system's. */
  language: Language,
  /** False while the language simply follows the operating system (nobody picked one yet). */
  languageChosen: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const EnvironmentView = EnvironmentSummary.extend({
  baseUrl: z.string(),
  /** Other known API addresses for this environment (the OpenAPI hosts). */
  alternatives: z.array(z.string()),
  token: TokenStatus,
  accounts: z.array(ShipperAccount),
  defaultAccountId: z.string().nullable(),
});
export type EnvironmentView = z.infer<typeof EnvironmentView>;

export const SettingsView = z.object({
  activeEnvironment: EnvironmentId,
  environments: z.array(EnvironmentView),
  defaults: Defaults,
  senders: z.array(SenderAddress),
  packagePresets: z.array(PackagePreset),
  preferences: Preferences,
  printerProfiles: z.array(PrinterProfile),
  defaultLabelProfileId: z.string().nullable(),
});
export type SettingsView = z.infer<typeof SettingsView>;

/** A picker's source (couriers, products): the API's list, or "type the code" when the API does not offer one. */
const catalogAnswer = <T extends z.ZodType>(item: T) =>
  z.discriminatedUnion('available', [
    z.object({ available: z.literal(true), items: z.array(item), fetchedAt: z.string() }),
    z.object({ available: z.literal(false), reason: z.string() }),
  ]);
export type CatalogAnswer<T> = z.output<ReturnType<typeof catalogAnswer<z.ZodType<T>>>>;

export const ProgressEvent = z.object({
  /** Which long-running task this is about: a name from shared/ipc/progress-tasks.ts (`tracking:refresh`, `batch:<run id>`). */
  task: z.string().min(1),
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  message: z.string().optional(),
  /** Items not finished yet, and the time left at the observed rate (batch runs). */
  remaining: z.number().int().nonnegative().optional(),
  etaMs: z.number().int().nonnegative().nullable().optional(),
});
export type ProgressEvent = z.infer<typeof ProgressEvent>;

const accountRef = z.strictObject({ environment: EnvironmentId, id: z.string().min(1).max(64) });
const idInput = z.strictObject({ id: z.string().min(1).max(64) });

/**
 * Every IPC channel, renderer -> main, with a strict input schema and the output schema
 * main's reply is parsed with before it leaves (so no extra field can ride along).
 */
/** Whether the Flex Forward API can be reached (electron/core/connection-status.ts). */
export const ConnectionStatus = z.object({
  online: z.boolean(),
  /** When it went offline, or came back (null: online since the start). */
  since: z.iso.datetime().nullable(),
  /** Offline: why, in the operator's words. */
  reason: z.string().nullable(),
});
export type ConnectionStatus = z.infer<typeof ConnectionStatus>;

export const contract = {
  'app:info': { input: NoInput, output: AppInfo },
  /** Whether the API can be reached right now (the Offline banner). */
  'app:connection': { input: NoInput, output: ConnectionStatus },
  'app:openExternal': { input: z.strictObject({ url: z.url({ protocol: /^https$/ }) }), output: z.object({ opened: z.boolean() }) },

  'settings:get': { input: NoInput, output: SettingsView },
  'settings:setDefaults': { input: DefaultsPatch, output: SettingsView },
  'settings:setPreferences': { input: PreferencesPatch, output: SettingsView },

  /** Explicit environment switch; also completes the first-start screen. */
  'env:switch': { input: z.strictObject({ environment: EnvironmentId }), output: AppInfo },
  'env:setBaseUrl': {
    input: z.strictObject({ environment: TokenEnvironment, baseUrl: z.string().trim().min(1).max(2048) }),
    output: SettingsView,
  },

  'token:set': {
    // The only channel that carries a token, renderer -> main; nothing ever sends one back.
    input: z.strictObject({ environment: TokenEnvironment, token: z.string().min(1).max(4096), allowUnverified: z.boolean().optional() }),
    output: z.object({ status: TokenStatus, verified: z.boolean() }),
  },
  'token:status': { input: z.strictObject({ environment: EnvironmentId }), output: TokenStatus },
  'token:clear': { input: z.strictObject({ environment: TokenEnvironment }), output: TokenStatus },

  'accounts:add': {
    input: z.strictObject({ environment: EnvironmentId, id: z.string().trim().min(1).max(64), name: z.string().max(200) }),
    output: SettingsView,
  },
  'accounts:rename': { input: accountRef.extend({ name: z.string().max(200) }), output: SettingsView },
  'accounts:remove': { input: accountRef, output: SettingsView },
  'accounts:setDefault': { input: accountRef, output: SettingsView },
  /** Picks the account for the active environment (the header control). */
  'accounts:select': { input: z.strictObject({ id: z.string().min(1).max(64).nullable() }), output: AppInfo },

  'catalog:couriers': { input: z.strictObject({ refresh: z.boolean().optional() }), output: catalogAnswer(Courier) },
  'catalog:products': {
    input: z.strictObject({ courier: z.string().trim().min(1).max(100), refresh: z.boolean().optional() }),
    output: catalogAnswer(Product),
  },

  /** The product catalogue by SKU (issue 14 item 4); `catalog:*` above is the API's courier and product list. */
  'skuCatalogue:list': { input: SkuCataloguePageRequest, output: SkuCataloguePage },
  /** The entries of these SKUs that the catalogue has (the New label form fills items from them). */
  'skuCatalogue:lookup': {
    input: z.strictObject({ skus: z.array(z.string().max(MAX_SKU_LENGTH * 2)).max(100) }),
    output: z.array(SkuCatalogueEntry),
  },
  /** `previousSku`: the SKU before an edit renamed it (that entry is removed). */
  'skuCatalogue:save': {
    input: z.strictObject({
      entry: SkuCatalogueEntryInput,
      previousSku: z
        .string()
        .max(MAX_SKU_LENGTH * 2)
        .optional(),
    }),
    output: SkuCatalogueEntry,
  },
  'skuCatalogue:remove': {
    input: z.strictObject({
      sku: z
        .string()
        .min(1)
        .max(MAX_SKU_LENGTH * 2),
    }),
    output: z.object({ removed: z.boolean() }),
  },
  /** A catalogue CSV's bytes (read by the page from a file the operator picked): good rows saved, the others named. */
  'skuCatalogue:importCsv': {
    input: z.strictObject({ fileName: z.string().min(1).max(260), base64: z.string().max(28_000_000) }),
    output: SkuCsvImportResult,
  },
  'skuCatalogue:exportCsv': { input: NoInput, output: z.object({ saved: z.boolean(), path: z.string().nullable() }) },

  'senders:save': { input: SenderAddress.extend({ id: z.string().min(1).max(64).optional() }).strict(), output: SettingsView },
  'senders:remove': { input: idInput, output: SettingsView },
  'presets:save': { input: PackagePreset.extend({ id: z.string().min(1).max(64).optional() }).strict(), output: SettingsView },
  'presets:remove': { input: idInput, output: SettingsView },

  /**
   * Create a label exactly once; `another` is the explicit "create another label for this order";
   * `confirmDuplicateOf` the label id (or request key) a `duplicate_shipment` refusal named, to buy another anyway;
   * `weightConfirmed`: the operator said an implausible weight is right (else weight_implausible).
   */
  'labels:create': {
    input: z.strictObject({
      draft: LabelDraft,
      another: z.boolean().optional(),
      confirmDuplicateOf: z.string().min(1).max(100).optional(),
      weightConfirmed: z.boolean().optional(),
    }),
    output: CreateOutcome,
  },
  /** Re-send an in-doubt request with its stored bytes and key. */
  'labels:resolve': { input: z.strictObject({ idempotencyKey: z.string().min(1).max(100) }), output: CreateOutcome },
  'labels:unresolved': { input: NoInput, output: z.array(UnresolvedRequest) },
  'labels:history': { input: HistoryQuery, output: HistoryPage },
  /** "Select all matching": the ids of every label of a History filter, newest first (at most HISTORY_SELECT_CAP), and how many match. */
  'labels:historyIds': { input: HistoryFilter, output: HistoryIds },
  /** The labels of a History filter as a CSV file where the operator chooses (local times, the operator's language). */
  'labels:exportHistory': { input: HistoryFilter, output: HistoryExport },
  /** The Today screen's numbers for the active environment (electron/core/today/today-summary.ts). */
  'today:summary': { input: NoInput, output: TodaySummary },
  'labels:get': { input: idInput, output: LabelRecord },
  /** A new draft copied from the request a label was made from ("Duplicate"); buying it is a new, explicit purchase. */
  'labels:draftOf': { input: idInput, output: LabelDraft },
  /** Recipients of recent labels in the active environment whose name starts with the text, newest first, distinct. */
  'labels:recentRecipients': { input: z.strictObject({ text: z.string().trim().min(1).max(200) }), output: z.array(RecentRecipient) },
  /** The stored document (downloaded once if needed), base64, for preview. Never buys a label. */
  'labels:document': { input: idInput, output: z.object({ format: z.enum(['pdf', 'png']), base64: z.string() }) },
  /** Save the stored document where the operator chooses. */
  'labels:saveAs': { input: idInput, output: z.object({ saved: z.boolean(), path: z.string().nullable() }) },
  'tracking:get': { input: idInput, output: TrackingView },
  /** Refreshes tracking of labels not yet delivered or cancelled (progress events while it runs). */
  'tracking:refreshInTransit': {
    input: NoInput,
    output: z.object({ updated: z.number().int(), failed: z.number().int(), total: z.number().int(), summary: TrackingChangeSummary }),
  },
  'printers:list': { input: NoInput, output: z.array(PrinterInfo) },
  /** Refuses a queue the system reports as stopped or rejecting (printer_stopped / printer_rejected) unless `confirmNotReady`. */
  'printers:saveProfile': {
    input: PrinterProfile.extend({ id: z.string().min(1).max(64).optional(), confirmNotReady: z.boolean().optional() }).strict(),
    output: SettingsView,
  },
  'printers:removeProfile': { input: idInput, output: SettingsView },
  'printers:setDefault': { input: idInput, output: SettingsView },
  /**
   * One job, the labels in the given order (print all); uses the default label profile unless one is named. Never retried.
   * `printer`: "Reprint on…" another system printer, with the profile's stock and offsets.
   */
  'print:labels': {
    input: z.strictObject({
      labelIds: z.array(z.string().min(1).max(64)).min(1).max(MAX_PRINT_LABELS),
      profileId: z.string().max(64).optional(),
      printer: z.string().min(1).max(MAX_PRINTER_NAME_LENGTH).optional(),
      copies: z.number().int().min(1).max(99).optional(),
    }),
    output: PrintJobRecord,
  },
  'print:calibration': { input: idInput, output: PrintJobRecord },
  'print:log': { input: z.strictObject({ labelId: z.string().max(64).optional() }), output: z.array(PrintLogEntry) },
  /** Saves the sample CSV (every supported column) where the operator chooses. */
  'batch:sampleCsv': { input: NoInput, output: z.object({ saved: z.boolean(), path: z.string().nullable() }) },
  /**
   * A CSV file's bytes (read by the page from a file the operator picked), decoded and mapped in
   * main (off its event loop), and kept in the station's database: listed (`batch:imports`) and
   * scanned from in station mode. Answers the first page of the preview.
   */
  'batch:import': {
    input: BatchPageRequest.extend({
      fileName: z.string().min(1).max(260),
      base64: z.string().max(28_000_000),
      encoding: CsvEncodingChoice.optional(),
    }),
    output: BatchPreview,
  },
  /** The imports kept, newest first (Batch → Imports; station mode scans their orders). */
  'batch:imports': { input: NoInput, output: z.array(ImportListItem) },
  /** Takes an import off the list (and out of station mode); answers the list. */
  'batch:removeImport': { input: z.strictObject({ importId: z.string().min(1).max(64) }), output: z.array(ImportListItem) },
  /** A page of the preview; or re-map columns, fix one cell, exclude an order, or choose courier and product for the whole file. */
  'batch:preview': {
    input: BatchPageRequest.extend({
      importId: z.string().min(1).max(64),
      mapping: ColumnMapping.optional(),
      options: ImportOptions.optional(),
      fix: z.strictObject({ row: z.number().int().min(2), column: z.string().min(1).max(200), value: z.string().max(1000) }).optional(),
      exclude: z.strictObject({ orderNumber: z.string().max(200), excluded: z.boolean() }).optional(),
    }),
    output: BatchPreview,
  },
  'batch:saveMapping': {
    input: BatchPageRequest.extend({ importId: z.string().min(1).max(64), name: z.string().trim().min(1).max(80) }),
    output: BatchPreview,
  },
  'batch:start': {
    input: z.strictObject({
      importId: z.string().min(1).max(64),
      includeAlreadyLabelled: z.boolean().optional(),
      printWhenDone: z.boolean().optional(),
    }),
    output: BatchRunView,
  },
  'batch:control': {
    input: z.strictObject({ runId: z.string().min(1).max(64), action: z.enum(['pause', 'resume', 'cancel']) }),
    output: BatchRunView,
  },
  'batch:run': { input: z.strictObject({ runId: z.string().min(1).max(64) }), output: BatchRunView },
  /** The results table as a CSV, saved where the operator chooses. */
  'batch:exportResults': {
    input: z.strictObject({ runId: z.string().min(1).max(64) }),
    output: z.object({ saved: z.boolean(), path: z.string().nullable() }),
  },
  /** Station mode: the session (counters, last scans, the order waiting for a weight, the printer). */
  'scan:session': { input: NoInput, output: ScanSession },
  /** One scan (or a typed order number or command code); `weight` is the weight field's text, read in main. */
  'scan:submit': {
    input: z.strictObject({ input: z.string().trim().min(1).max(MAX_SCAN_LENGTH), weight: z.string().max(20).optional() }),
    output: z.object({ result: ScanResult, session: ScanSession }),
  },
  /** A station-mode command from a key instead of its barcode. */
  'scan:command': { input: z.strictObject({ command: ScanCommand }), output: z.object({ result: ScanResult, session: ScanSession }) },
  'scan:reset': { input: NoInput, output: ScanSession },
  /**
   * A supervisor releases the claim another station holds on an order (issue 18 item 4; the
   * role gate is issue 18 item 5's). Answers the claim released, null when nothing held it.
   */
  'claims:release': {
    input: z.strictObject({ order: z.string().trim().min(1).max(MAX_SCAN_LENGTH) }),
    output: z.object({ released: OrderHolder.nullable() }),
  },
  /** The printable sheet of command barcodes (PDF, base64) for the on-screen preview. */
  'scan:commandSheet': { input: z.strictObject({ paper: z.enum(['a4', 'letter']).optional() }), output: z.object({ base64: z.string() }) },
  'scan:saveCommandSheet': {
    input: z.strictObject({ paper: z.enum(['a4', 'letter']).optional() }),
    output: z.object({ saved: z.boolean(), path: z.string().nullable() }),
  },
  'app:copyText': { input: z.strictObject({ text: z.string().min(1).max(500) }), output: z.object({ copied: z.boolean() }) },
  /** The couriers with parcels on a day (the station's time zone), for the hand-over sheet's picker. */
  'handover:couriers': { input: z.strictObject({ day: HandoverDay }), output: z.array(HandoverCourier) },
  /** The hand-over sheet of a day (one courier, or all, each on pages of its own), PDF base64, for the preview. */
  'handover:sheet': { input: HandoverQuery, output: HandoverSheet },
  /** Prints the sheet on the documents printer (Settings → Printers); sent once. */
  'handover:print': { input: HandoverQuery, output: z.object({ printer: z.string(), paper: HandoverPaper }) },
  'handover:save': { input: HandoverQuery, output: z.object({ saved: z.boolean(), path: z.string().nullable() }) },

  /** Settings → Workgroup (electron/core/workgroup/): the settings, whether a password is saved (never the password), the status. */
  'workgroup:get': { input: NoInput, output: WorkgroupView },
  /** Connects once; `password` typed in the form, else the saved one. Changes nothing. */
  'workgroup:test': {
    input: z.strictObject({ connection: WorkgroupConnection.strict(), password: WorkgroupPassword.optional() }),
    output: WorkgroupTestResult,
  },
  /** Joins or changes the workgroup; `password` (renderer -> main only) goes into the keychain, absent: the saved one stays. */
  'workgroup:save': {
    input: z.strictObject({ settings: WorkgroupSettings.strict(), password: WorkgroupPassword.optional() }),
    output: WorkgroupView,
  },
  'workgroup:leave': { input: NoInput, output: WorkgroupView },
  /** Main's file dialog for the CA certificate (the renderer never sees the file system). */
  'workgroup:chooseCaFile': { input: NoInput, output: z.object({ path: z.string().nullable() }) },
  /** Whether the workgroup database can be reached (the banner); `workgroup:changed` tells of every change. */
  'workgroup:status': { input: NoInput, output: WorkgroupStatus },

  /** Operators of a workgroup (electron/core/operators/): who is signed in here (name and role, never a PIN). */
  'operators:session': { input: NoInput, output: OperatorSession },
  /** Name and PIN (renderer -> main only); wrong: operator_sign_in_wrong, too many: operator_locked. */
  'operators:signIn': { input: z.strictObject({ name: OperatorName, pin: z.string().min(1).max(20) }), output: OperatorSession },
  'operators:signOut': { input: NoInput, output: OperatorSession },
  'operators:list': { input: NoInput, output: z.array(Operator) },
  'operators:add': { input: OperatorInput, output: z.array(Operator) },
  'operators:update': { input: OperatorChange, output: z.array(Operator) },
  /** The audit trail, newest first, filtered; a supervisor's. */
  'audit:search': { input: AuditQuery, output: AuditPage },
} as const satisfies Record<ChannelName, { input: z.ZodType; output: z.ZodType }>;

/**
 * Settings were saved (by any screen, station mode or main itself, e.g. a token marked verified):
 * whoever shows settings or app:info reads them again. No payload: the reads are cheap.
 */
export const SettingsChangedEvent = z.object({});

/** Typed events, main -> renderer. */
export const events = {
  progress: ProgressEvent,
  'settings:changed': SettingsChangedEvent,
  'connection:changed': ConnectionStatus,
  /** A print job's outcome is known (printed, waiting, failed), or following it ran out of time (still sent). */
  'print:job': PrintJobEvent,
  /** A tracking refresh (the operator's or a scheduled round) found news: what changed, for screens to read again. */
  'tracking:changed': TrackingChangeSummary,
  /** The workgroup database became reachable or unreachable, or the station joined or left a workgroup. */
  'workgroup:changed': WorkgroupStatus,
  /** Someone signed in or out at this station (or the workgroup changed): the shell shows the sign-in screen or the operator. */
  'operators:changed': OperatorSession,
  /** Another station (or this one) changed shared labels, claims or imports in the workgroup: screens read them again (coalesced). */
  'live:changed': LiveChangedEvent,
} as const satisfies Record<EventName, z.ZodType>;

export type Contract = typeof contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
/** The input after main parsed it (defaults filled in): what a handler receives. */
export type ParsedInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export type { ChannelName, EventName };
