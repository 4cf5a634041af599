import type { BatchOrder } from '../../../shared/domain/batch';
import type { CreateOutcome, LabelDraft } from '../../../shared/domain/label-draft';
import type { LabelRecord } from '../../../shared/domain/labels';
import type { PrinterProfile, PrintJobRecord } from '../../../shared/domain/printing';
import { unitsFor } from '../../../shared/domain/settings';
import {
  commandOf,
  COMMAND_CODES,
  FAILURE_STATUSES,
  RECENT_SCANS,
  type OrderHolder,
  type ScanResult,
  type ScanCommand,
  type ScanPrinter,
  type ScanSession,
} from '../../../shared/domain/scan';
import type { ErrorCode } from '../../../shared/ipc/error-codes';
import { toNumber } from '../batch/build-orders';
import type { BatchService } from '../batch/batch-service';
import type { LabelStore } from '../labels/label-store';
import { StationError } from '../errors';
import type { LabelService } from '../labels/label-service';
import type { Logger } from '../logger';
import type { SettingsService } from '../settings-store';
import { defaultLabelProfile } from '../../../shared/domain/printing';
import { weightsText, weightText as oneWeightText } from '../../../shared/domain/weight-plausibility';
import type { WeightCheck } from '../weight/weight-check';
import { systemClock, timeFormat, type TimeFormat } from '../../../shared/domain/time-format';
import { numberFormats } from '../../../shared/i18n/format';
import { stationLanguage, t } from '../i18n';
import { orderKey } from '../labels/history-keys';
import { heldBySentence, type OrderClaim } from '../workgroup/claims';
import type { ScanClaims } from './scan-claims';

export interface ScanServiceDeps {
  labelService: LabelService;
  labelStore: LabelStore;
  batches: Pick<BatchService, 'findOrder' | 'loaded' | 'releaseStationImports'>;
  settings: SettingsService;
  /** Judges parcel weights (Settings → Defaults range, the items): an implausible one is asked about first. */
  weights: Pick<WeightCheck, 'warnings'>;
  /** Prints stored label documents as one job on the default label profile (printing/label-printer.ts). */
  print: (labelIds: string[]) => Promise<PrintJobRecord>;
  logger: Logger;
  /** The exact request a label was bought with (the outbox's body), so a reprint can say its weight. */
  requestBody?: (idempotencyKey: string) => Promise<string | null>;
  /** The station's clock, for times in the sentences it writes (default: the system's). */
  times?: TimeFormat;
  /** In a workgroup, the order worked on is claimed for this station (scan-claims.ts); absent: no claims (tests of a single station). */
  claims?: ScanClaims;
  now?: () => number;
}

/** Heaviest parcel weight the station accepts from a scale or the keyboard (kg or lb, as set). */
const MAX_WEIGHT = 1000;
const TOKEN_CODES = new Set<ErrorCode>(['unauthorized', 'forbidden', 'no_token']);
const PRINTER_CODES = new Set<ErrorCode>([
  'no_printer_profile',
  'printer_not_found',
  'printing_unavailable',
  'printer_rejected',
  'print_failed',
]);

type ScanOutcome = Omit<ScanResult, 'seq' | 'at' | 'input'>;
const blank = {
  orderNumber: null,
  recipient: null,
  trackingNumber: null,
  labelId: null,
  printer: null,
  osJobId: null,
  weight: null,
} as const;

/**
 * The order waiting at the weight field: for a weight (needs_weight), or for the confirmation
 * of an implausible one (`asked`: the parcel weights asked about, and the weight typed for it).
 */
type Pending = NonNullable<ScanSession['pending']> & { asked?: { weights: number[]; typed: number | undefined } };
const sameWeights = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((w, i) => w === b[i]);

/**
 * Station mode: one scan → one outcome. An order number already labelled in this environment
 * reprints the stored document (never buys again); an imported order gets its label created
 * through the label service's outbox (so exactly once, like every label) and printed on the
 * default label printer; everything else ends in a state that says what went wrong and what
 * to do. Command barcodes run their action. Scans are handled one at a time, in order.
 */
export function createScanService(deps: ScanServiceDeps) {
  const { labelService, labelStore, settings, logger } = deps;
  const now = deps.now ?? Date.now;
  const times = deps.times ?? timeFormat(systemClock());
  const counts = { labelsMade: 0, reprints: 0, failures: 0 };
  const recent: ScanResult[] = [];
  let seq = 0;
  let pending: Pending | null = null;
  let lastLabelId: string | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  const labelProfiles = () => settings.view().printerProfiles.filter((p) => p.role === 'labels');
  const currentProfile = (): PrinterProfile | null => defaultLabelProfile(settings.view());
  const printerOf = (profile: PrinterProfile | null): ScanPrinter | null =>
    profile ? { profileId: profile.id, name: profile.name, printer: profile.printer } : null;
  const printerText = (p: { name: string; printer: string }) => `${p.name} (${p.printer})`;
  const unit = () => unitsFor[settings.view().defaults.units].weight;
  /** "kg" / "lb" in sentences. */
  const unitText = () => unit().toLowerCase();
  /**
   * Joins sentences, ending each with a full stop (API messages often have none): "." and a
   * space between them in English, "。" and none in Japanese and Chinese.
   */
  const sentences = (...parts: string[]) => {
    const cjk = stationLanguage() !== 'en';
    return parts
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => (/[.!?。！？][”"」』)）]?$/.test(p) ? p : `${p}${cjk ? '。' : '.'}`))
      .join(cjk ? '' : ' ');
  };
  const count = (n: number) => numberFormats(stationLanguage()).count(n);

  // What was loaded when last read: in a workgroup the imports are shared, and with the database
  // away the session still answers (the scan itself says the database cannot be reached).
  let lastLoaded: { orders: number; files: string[] } = { orders: 0, files: [] };
  async function session(): Promise<ScanSession> {
    try {
      lastLoaded = await deps.batches.loaded();
    } catch (error) {
      deps.logger.warn('scan.loaded_unreadable', { error });
    }
    const loaded = lastLoaded;
    return {
      ...counts,
      recent: [...recent],
      pending: pending && {
        orderNumber: pending.orderNumber,
        recipient: pending.recipient,
        unit: pending.unit,
        confirm: pending.asked ? weightsText(pending.asked.weights, pending.unit) : null,
      },
      printer: printerOf(currentProfile()),
      printerCount: labelProfiles().length,
      ordersLoaded: loaded.orders,
      files: loaded.files,
      sounds: settings.view().preferences.stationSounds,
      weightUnit: unit(),
      lastLabelId,
    };
  }

  /** Counts and lists the outcome; serialised by `enqueue`, so the counters never race. */
  /** The order the scan under way claimed for this station (it was not this station's before): for the audit trail. */
  let claimedNow: string | null = null;
  function record(input: string, outcome: ScanOutcome, counted: { made?: boolean } = {}): ScanResult {
    const result: ScanResult = { seq: ++seq, at: now(), input, ...outcome };
    if (claimedNow !== null) result.claimed = claimedNow;
    claimedNow = null;
    if (counted.made) counts.labelsMade += 1;
    if (result.status === 'reprinted') counts.reprints += 1;
    if (FAILURE_STATUSES.has(result.status)) counts.failures += 1;
    recent.unshift(result);
    recent.length = Math.min(recent.length, RECENT_SCANS);
    logger.info('station.scan', { seq: result.seq, status: result.status, orderNumber: result.orderNumber, labelId: result.labelId });
    return result;
  }

  /** Prints a stored label; the job's outcome decides between `success` and the printer state. */
  async function printLabel(label: LabelRecord, success: ScanOutcome): Promise<ScanOutcome> {
    lastLabelId = label.id;
    const profile = currentProfile();
    let job: PrintJobRecord;
    try {
      job = await deps.print([label.id]);
    } catch (error) {
      return failure(error, success);
    }
    const printer = printerText(job.printer === profile?.printer ? profile : { name: job.printer, printer: job.printer });
    if (job.state === 'sent') return { ...success, printer, osJobId: job.osJobId };
    return {
      ...success,
      status: 'printer',
      title: t('scan:answer.notPrinted', { label: label.trackingNumber ?? label.id }),
      message: sentences(job.message ?? t('scan:answer.printerRefused'), t('scan:answer.fixPrinter')),
      printer,
      osJobId: null,
    };
  }

  /** A StationError from creating or printing, as the state the operator sees. */
  function failure(error: unknown, base: ScanOutcome): ScanOutcome {
    if (!(error instanceof StationError)) {
      logger.error('station.scan_failed', { error });
      return {
        ...base,
        status: 'error',
        title: t('scan:answer.unexpected'),
        message: t('scan:answer.unexpectedMessage'),
      };
    }
    if (TOKEN_CODES.has(error.code)) return { ...base, status: 'token', title: t('scan:answer.token'), message: error.message };
    if (PRINTER_CODES.has(error.code))
      return { ...base, status: 'printer', title: t('scan:answer.printerProblem'), message: error.message };
    if (error.code === 'courier_unavailable')
      return { ...base, status: 'error', title: t('scan:answer.courierDown'), message: error.message };
    if (error.code === 'validation') {
      const fields = error.fields ? Object.entries(error.fields).map(([path, message]) => `${path}: ${message}`) : [];
      return {
        ...base,
        status: 'validation',
        title: base.orderNumber ? t('scan:answer.cannotSend', { order: base.orderNumber }) : t('scan:answer.cannotSendThis'),
        message: sentences(error.message, ...fields.slice(0, 3), t('scan:answer.fixOrder')),
      };
    }
    return { ...base, status: 'error', title: t('scan:answer.notCreated'), message: error.message };
  }

  const recipientOf = (draft: LabelDraft | null) => {
    const to = draft?.shipment.shipTo;
    if (!to) return null;
    const name = [to.contact.firstName, to.contact.lastName].filter(Boolean).join(' ');
    return [name, to.address.city, to.address.countryCode].filter(Boolean).join(', ') || null;
  };
  const labelRecipient = (l: LabelRecord) => [l.recipientName, l.recipientCity, l.recipientCountry].filter(Boolean).join(', ') || null;

  /** The parcel weights a stored label was bought with ("0.8 kg"), from its request; null when unknown. */
  async function weightOf(label: LabelRecord): Promise<string | null> {
    const body = await deps.requestBody?.(label.idempotencyKey);
    if (!body) return null;
    try {
      const request = JSON.parse(body) as { units?: { weight?: string }; shipment?: { parcels?: { weight?: unknown }[] } };
      const weights = (request.shipment?.parcels ?? []).map((p) => p.weight);
      if (weights.length === 0 || !weights.every((w): w is number => typeof w === 'number')) return null;
      return weightsText(weights, request.units?.weight === 'LB' ? 'LB' : 'KG');
    } catch {
      return null;
    }
  }

  async function reprint(label: LabelRecord, input: string, why: string): Promise<ScanResult> {
    const base: ScanOutcome = {
      ...blank,
      status: 'reprinted',
      orderNumber: label.customerOrderNumber,
      title: label.trackingNumber ? t('scan:answer.reprinted', { tracking: label.trackingNumber }) : t('scan:answer.reprintedNoTracking'),
      message: why,
      recipient: labelRecipient(label),
      trackingNumber: label.trackingNumber,
      labelId: label.id,
      weight: await weightOf(label),
    };
    return record(input, await printLabel(label, base));
  }

  /** Only the parcel weight is missing (a single parcel): the station asks for it. */
  function needsOnlyWeight(order: BatchOrder) {
    return order.draft === null && order.issues.length > 0 && order.issues.every((i) => i.field === 'weight');
  }

  async function scanOrder(input: string, weightText: string | undefined): Promise<ScanResult> {
    const orderNumber = input.trim();
    const environment = settings.view().activeEnvironment;
    const base: ScanOutcome = { ...blank, status: 'error', orderNumber, title: '', message: '' };

    // Another order scanned while one waits for its weight: the waiting one is given up, and
    // the scan list says so (it used to vanish without a word).
    if (pending && pending.orderNumber !== orderNumber) {
      const was = pending;
      pending = null;
      logger.info('station.weight_wait_cancelled', { orderNumber: was.orderNumber, by: orderNumber });
      record(was.orderNumber, {
        ...blank,
        status: 'cancelled',
        orderNumber: was.orderNumber,
        recipient: was.recipient,
        title: t('scan:answer.cancelledOrder', { order: was.orderNumber }),
        message: t(was.asked ? 'scan:answer.overtakenConfirm' : 'scan:answer.overtakenWeight', {
          order: orderNumber,
          waiting: was.orderNumber,
        }),
      });
    }

    // Another order scanned: the operator moved on, and the order this station held is free again.
    const held = deps.claims?.held();
    if (held != null && orderKey(held) !== orderKey(orderNumber)) await deps.claims!.letGo();

    // Already labelled (here, or in a workgroup by any station): print the stored document again; never a second label.
    const reprintLabelled = async (existing: LabelRecord) => {
      if (pending?.orderNumber === orderNumber) pending = null;
      await deps.claims?.letGo();
      const when = times.dateTime(existing.createdAt);
      return reprint(existing, input, t('scan:answer.alreadyLabelled', { order: orderNumber, when }));
    };
    const alreadyLabelled = async () => {
      const existing = (await labelStore.forOrder(environment, orderNumber)).find((l) => l.status === 'created');
      return existing ? reprintLabelled(existing) : null;
    };
    const weightTyped = weightText !== undefined && weightText.trim() !== '';
    const parsed = weightTyped ? toNumber(weightText!) : undefined;
    const weight = typeof parsed === 'number' && parsed > 0 && parsed <= MAX_WEIGHT ? parsed : undefined;
    // The order waits here: a typed weight answers it; a second scan (or Enter, no weight) confirms the weight asked about.
    const waited = pending?.orderNumber === orderNumber ? pending : null;
    const typed = weight ?? waited?.asked?.typed;
    // The order is looked up in the loaded imports while the history is read (in a workgroup two
    // reads of the shared database, one wait); not when the typed weight is refused below. Its
    // failure is the scan's only where it is awaited.
    const lookup = weightTyped && weight === undefined ? null : deps.batches.findOrder(orderNumber, typed);
    lookup?.catch(() => undefined);

    // The history cannot be read (in a workgroup: the shared database is away): nothing can be
    // known about the order, so nothing is bought; the scan says why, like any failed scan.
    let reprinted: ScanResult | null;
    try {
      reprinted = await alreadyLabelled();
    } catch (error) {
      return record(input, failure(error, base));
    }
    if (reprinted) return reprinted;

    if (!lookup) {
      return record(input, {
        ...base,
        status: 'validation',
        title: t('scan:answer.checkTheWeight'),
        message: t('scan:answer.notAWeight', {
          typed: weightText!.trim(),
          unit: unitText(),
          example: numberFormats(stationLanguage()).decimal(1.25),
        }),
      });
    }

    // In a workgroup the loaded orders are the shared imports: with the database away the scan fails, saying why.
    let found: Awaited<ReturnType<typeof deps.batches.findOrder>>;
    let loaded: Awaited<ReturnType<typeof deps.batches.loaded>> | null = null;
    try {
      found = await lookup;
      if (!found) loaded = await deps.batches.loaded();
    } catch (error) {
      return record(input, failure(error, base));
    }
    if (!found) {
      const { orders, files } = loaded ?? { orders: 0, files: [] };
      const where =
        orders === 0
          ? t('scan:answer.noOrdersLoaded')
          : t('scan:answer.notAmong', { count: orders, orders: count(orders), files: files.join(', ') });
      if (pending?.orderNumber === orderNumber) pending = null;
      return record(input, {
        ...base,
        status: 'unknown_order',
        title: t('scan:answer.unknownOrder', { order: orderNumber }),
        message: where,
      });
    }
    const { order } = found;
    const recipient = recipientOf(order.draft);

    // In a workgroup the order is this station's from here until it is done (or it is another's).
    if (deps.claims) {
      let holder: OrderClaim | null;
      const heldBefore = deps.claims.held();
      try {
        holder = await deps.claims.take(orderNumber);
        if (!holder && (heldBefore == null || orderKey(heldBefore) !== orderKey(orderNumber))) claimedNow = orderNumber;
      } catch (error) {
        if (pending?.orderNumber === orderNumber) pending = null;
        return record(input, failure(error, { ...base, recipient }));
      }
      if (holder) {
        if (pending?.orderNumber === orderNumber) pending = null;
        return record(input, {
          ...base,
          status: 'held_elsewhere',
          recipient,
          title: t('workgroup:claims.scan.title', { order: orderNumber }),
          message: sentences(heldBySentence(holder, times), t('workgroup:claims.scan.whatToDo')),
          heldBy: { order: holder.order, station: holder.station, operator: holder.operator, since: holder.since },
        });
      }
      // Labelled by the station that held it just before this one claimed it: the label service
      // finds that station's request done in the shared outbox (written before it let go), and
      // the label is reprinted below ('already_labelled'), never bought twice.
    }
    /** The order's scan ended here (labelled, refused, not sendable, an error): another station may take it. */
    const done = async (result: ScanResult) => {
      await deps.claims?.letGo();
      return result;
    };

    if (!order.draft && needsOnlyWeight(order)) {
      const probe = (await deps.batches.findOrder(orderNumber, 1))?.order;
      const parcels = probe?.draft?.shipment.parcels.length ?? 0;
      if (parcels === 1) {
        pending = { orderNumber, recipient: recipientOf(probe!.draft), unit: unit() };
        return record(input, {
          ...base,
          status: 'needs_weight',
          recipient: pending.recipient,
          title: t('scan:answer.weigh', { order: orderNumber }),
          message: t('scan:answer.weighMessage', { unit: unitText() }),
        });
      }
    }
    if (!order.draft) {
      if (pending?.orderNumber === orderNumber) pending = null;
      const issues = order.issues.slice(0, 3).map((i) => i.message);
      const rest = order.issues.length - 3;
      const more = rest > 0 ? t('scan:answer.moreIssues', { count: rest, issues: count(rest) }) : '';
      return done(
        record(input, {
          ...base,
          status: 'validation',
          recipient,
          title: t('scan:answer.cannotSend', { order: orderNumber }),
          message: sentences(...issues, more, t('scan:answer.fixInBatch')),
        }),
      );
    }

    let draft = order.draft;
    // A weight typed for the order the station asked about is the weight used, even over the
    // file's (or the default package's): "type a new weight to correct".
    if (waited && typed !== undefined && draft.shipment.parcels.length === 1 && draft.shipment.parcels[0]!.weight !== typed) {
      draft = { ...draft, shipment: { ...draft.shipment, parcels: [{ ...draft.shipment.parcels[0]!, weight: typed }] } };
    }
    const weightUnit = draft.units?.weight ?? 'KG';
    const weights = draft.shipment.parcels.map((p) => p.weight);
    const used = weightsText(weights, weightUnit);
    const warnings = deps.weights.warnings(draft);
    // Implausible (120 typed for 1.20): nothing is bought until the operator confirms this very weight.
    if (warnings.length > 0 && !(waited?.asked && sameWeights(waited.asked.weights, weights))) {
      pending = { orderNumber, recipient, unit: weightUnit, asked: { weights, typed } };
      const single = weights.length === 1;
      return record(input, {
        ...base,
        status: 'check_weight',
        recipient,
        weight: used,
        title: t('scan:answer.checkWeight', { order: orderNumber }),
        message: sentences(
          ...warnings.map((w) => w.message),
          single
            ? t('scan:answer.confirmWeight', { weight: oneWeightText(weights[0]!, weightUnit) })
            : t('scan:answer.confirmWeights', { weights: used }),
        ),
      });
    }
    if (warnings.length > 0) logger.info('station.weight_confirmed', { orderNumber, weights, warnings: warnings.map((w) => w.code) });

    pending = null;
    let outcome: CreateOutcome;
    try {
      outcome = await labelService.create(draft);
    } catch (error) {
      return done(record(input, failure(error, { ...base, recipient, weight: used })));
    }
    switch (outcome.kind) {
      case 'created': {
        const label = outcome.label;
        const success: ScanOutcome = {
          ...base,
          status: 'printed',
          title: label.trackingNumber ? t('scan:answer.printed', { tracking: label.trackingNumber }) : t('scan:answer.printedNoTracking'),
          message: outcome.documentError ? '' : t('scan:answer.printedMessage', { order: orderNumber }),
          recipient: labelRecipient(label) ?? recipient,
          trackingNumber: label.trackingNumber,
          labelId: label.id,
          weight: used,
        };
        if (outcome.documentError) {
          lastLabelId = label.id;
          await deps.claims?.letGo();
          return record(
            input,
            {
              ...success,
              status: 'printer',
              title: t('scan:answer.notPrinted', { label: label.trackingNumber ?? label.id }),
              message: sentences(outcome.documentError, t('scan:answer.scanToPrint')),
            },
            { made: true },
          );
        }
        // The label exists: the claim is given back (a reprint needs none) while it prints.
        const givenBack = deps.claims?.letGo();
        const printed = await printLabel(label, success);
        await givenBack;
        return record(input, printed, { made: true });
      }
      case 'rejected':
        return done(
          record(input, {
            ...base,
            status: 'rejected',
            recipient,
            weight: used,
            labelId: outcome.label.id,
            title: t('scan:answer.refused', { order: orderNumber }),
            message: sentences(outcome.label.errorMessage ?? t('scan:answer.refusedDefault'), t('scan:answer.refusedFix')),
          }),
        );
      case 'already_labelled': {
        // Labelled since the history was first read (another station held the order until it
        // had made its label): printed again, as a scan of a labelled order is.
        const existing = outcome.labels.find((l) => l.status === 'created');
        if (existing) return reprintLabelled(existing);
        // This order's last attempt was refused.
        return done(
          record(input, {
            ...base,
            status: 'rejected',
            recipient,
            title: t('scan:answer.refusedEarlier', { order: orderNumber }),
            message: t('scan:answer.refusedEarlierMessage'),
          }),
        );
      }
      case 'in_doubt':
        // Kept: the station's request for it is unresolved (it is given up when the operator moves on, or expires).
        return record(input, {
          ...base,
          status: 'in_doubt',
          recipient,
          weight: used,
          title: t('scan:answer.inDoubt', { order: orderNumber }),
          message: sentences(outcome.message, t('scan:answer.inDoubtMessage')),
        });
    }
  }

  async function runCommand(command: ScanCommand): Promise<ScanResult> {
    const input = COMMAND_CODES[command];
    const base: ScanOutcome = { ...blank, status: 'command', title: '', message: '' };
    switch (command) {
      case 'reprint_last': {
        const label = lastLabelId ? await labelStore.get(lastLabelId) : null;
        if (!label)
          return record(input, { ...base, title: t('scan:answer.nothingToReprint'), message: t('scan:answer.nothingToReprintMessage') });
        return reprint(label, input, t('scan:answer.reprintedLast', { order: label.customerOrderNumber ?? '—' }));
      }
      case 'cancel': {
        const was = pending;
        pending = null;
        await deps.claims?.letGo();
        return record(input, {
          ...base,
          status: 'cancelled',
          orderNumber: was?.orderNumber ?? null,
          title: was ? t('scan:answer.cancelledOrder', { order: was.orderNumber }) : t('scan:answer.cancelled'),
          message: was ? t('scan:answer.cancelledMessage') : t('scan:answer.nothingWaiting'),
        });
      }
      case 'next_printer': {
        const profiles = labelProfiles();
        if (profiles.length === 0)
          return record(input, {
            ...base,
            title: t('scan:answer.noPrinter'),
            message: t('scan:answer.noPrinterMessage'),
          });
        const index = profiles.findIndex((p) => p.id === settings.view().defaultLabelProfileId);
        const next = profiles[(index + 1) % profiles.length]!;
        settings.update((s) => void (s.defaultLabelProfileId = next.id));
        return record(input, {
          ...base,
          title: t('scan:answer.printingOn', { name: next.name }),
          message: profiles.length === 1 ? t('scan:answer.onlyPrinter') : t('scan:answer.nowPrinting', { printer: printerText(next) }),
          printer: printerText(next),
        });
      }
      case 'leave':
        pending = null;
        await deps.claims?.letGo();
        return record(input, { ...base, title: t('scan:answer.leaving'), message: t('scan:answer.leavingMessage') });
    }
  }

  /** Work in the scan queue that answers no scan. */
  function enqueueWork(work: () => Promise<void>): Promise<void> {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  }

  /** One scan at a time: a scanner can send the next code before the last label is printed. */
  function enqueue(work: () => Promise<ScanResult>): Promise<{ result: ScanResult; session: ScanSession }> {
    const next = queue.then(work).then(async (result) => ({ result, session: await session() }));
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    session,
    /** A scanned (or typed) text: a command barcode, or an order number; `weight` from the weight field. */
    scan(input: string, weight?: string) {
      return enqueue(() => {
        const command = commandOf(input);
        return command ? runCommand(command) : scanOrder(input, weight);
      });
    },
    command(command: ScanCommand) {
      return enqueue(() => runCommand(command));
    },
    /**
     * Starts a new session: counters and the scan list from zero (labels and history are
     * untouched). The loaded files stay, but may now be closed to save memory like any import.
     */
    async reset(): Promise<ScanSession> {
      deps.batches.releaseStationImports();
      counts.labelsMade = counts.reprints = counts.failures = 0;
      recent.length = 0;
      pending = null;
      lastLabelId = null;
      // Serialised with the scans, so a scan still running cannot claim after the release.
      await enqueueWork(() => deps.claims?.letGo() ?? Promise.resolve());
      return session();
    },
    /**
     * A supervisor frees an order another station holds (the held-by answer's button); the
     * role gate is `claims:release`'s (issue 18 item 5). Outside a workgroup: workgroup_not_joined.
     */
    async releaseClaim(order: string): Promise<{ released: OrderHolder | null }> {
      if (!deps.claims) throw new StationError('workgroup_not_joined', t('workgroup:errors.notJoined'));
      const { released } = await deps.claims.supervisorRelease(order);
      logger.info('station.claim_released_by_supervisor', { orderNumber: order, heldBy: released?.station ?? null });
      return {
        released: released && { order: released.order, station: released.station, operator: released.operator, since: released.since },
      };
    },
    /** Gives up the order held (station shutdown). */
    close: () => enqueueWork(() => deps.claims?.close() ?? Promise.resolve()),
  };
}
export type ScanService = ReturnType<typeof createScanService>;
