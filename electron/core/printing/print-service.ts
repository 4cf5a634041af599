import { t, translateStationMessage } from '../i18n';
import { randomUUID } from 'node:crypto';
import { type LabelSize, PrinterProfile, type PrinterInfo, type PrintJobRecord, type SheetPaper } from '../../../shared/domain/printing';
import { StationError } from '../errors';
import type { Logger } from '../logger';
import { followJob, type FollowOptions, type OsJobStatus } from './job-follow';
import { calibrationLabel, type LabelDocumentFormat, printReadyPdf } from './label-pdf';
import type { PrintLog } from './print-log';

/**
 * Printing labels: documents → one print-ready PDF at the profile's stock size → one OS job,
 * sent once and logged. Never retried automatically: a label printed twice is a wasted label
 * (or a parcel shipped twice), so a failed job is returned to the operator, who reprints.
 * A job the OS accepted is then followed (job-follow.ts) where the backend can report on it,
 * and its outcome (printed, waiting, failed) recorded and announced; following only asks.
 */

/** One job as the OS backend receives it: a PDF whose pages are already the stock's size. */
export interface PrintRequest {
  printer: string;
  title: string;
  copies: number;
  labelSize: LabelSize;
  /** A4/Letter when the labels are composed onto office paper (the PDF's pages are then that sheet). */
  sheet?: SheetPaper;
  pdf: Uint8Array;
}

export interface PrintSubmission {
  /** The OS's job id, when it gives one. */
  osJobId: string | null;
}

/** CUPS (cups.ts) or Windows (windows.ts); main picks one by platform. */
export interface PrintBackend {
  readonly kind: 'cups' | 'windows';
  listPrinters(): Promise<PrinterInfo[]>;
  /**
   * Refuses a printer name the OS does not list (StationError `printer_not_found`). Windows
   * has it: a UNC name there reaches out to another server. CUPS queue names need no check.
   */
  checkPrinter?(printer: string): Promise<void>;
  /** Sends one job. Throws a StationError (`printer_not_found`, `printing_unavailable`, `printer_rejected`, `print_failed`). */
  print(request: PrintRequest): Promise<PrintSubmission>;
  /** What the OS says about a job it accepted (CUPS); null when it does not know it. Absent: the OS cannot be asked (Windows). */
  jobStatus?(osJobId: string): Promise<OsJobStatus | null>;
}

export interface PrintDocument {
  labelId: string;
  format: LabelDocumentFormat;
  bytes: Uint8Array;
}

export interface PrintServiceOptions {
  backend: PrintBackend;
  log: PrintLog;
  logger: Logger;
  now?: () => number;
  newId?: () => string;
  /** Follow each job the OS accepted, where the backend reports jobs (its `jobStatus`). Off when absent. */
  follow?: FollowOptions;
  /** A followed job's outcome is known (or its time ran out): the job as now logged. */
  onJobSettled?: (job: PrintJobRecord) => void;
}

export interface PrintService {
  listPrinters(): Promise<PrinterInfo[]>;
  /** Before a printer profile is saved: refuses a printer the OS does not list, where the backend checks (Windows). */
  checkPrinter(printer: string): Promise<void>;
  /**
   * Prints the documents as ONE job, in the given order. Resolves with the logged job whether
   * it was sent or failed (failed jobs are values, so the screen can offer a reprint); throws
   * only when there is nothing to print.
   */
  printLabels(profile: PrinterProfile, documents: readonly PrintDocument[], copies?: number): Promise<PrintJobRecord>;
  /** Prints the calibration label for the profile's printer and stock, logged like any job. */
  printCalibration(profile: PrinterProfile): Promise<PrintJobRecord>;
  /**
   * The job once following it ended (its outcome recorded); at once for a job not followed.
   * Null for a job the log does not have.
   */
  settled(jobId: string): Promise<PrintJobRecord | null>;
  /**
   * The station started: jobs the OS accepted before a quit or crash whose outcome was still
   * open (sent, or waiting) are followed again, the newest RESUME_FOLLOW_LIMIT of the last
   * RESUME_FOLLOW_WINDOW_MS (CUPS keeps finished jobs for a while, so their outcome is found).
   * Only asks the OS; nothing is printed again. Returns how many are followed.
   */
  resumeFollowing(): Promise<number>;
  /** Stops following (the station is closing): jobs still followed keep the state they have. */
  close(): void;
}

export const MAX_COPIES = 99;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

/** Jobs sent up to this long before a start are followed again (resumeFollowing). */
export const RESUME_FOLLOW_WINDOW_MS = 24 * 60 * 60 * 1000;
/** At most this many of them: each asks the OS until its outcome is known or its time runs out. */
export const RESUME_FOLLOW_LIMIT = 50;

export function createPrintService(options: PrintServiceOptions): PrintService {
  const { backend, log, logger } = options;
  const now = options.now ?? Date.now;
  const newId = options.newId ?? randomUUID;
  const following = new Map<string, Promise<void>>();
  const stop = new AbortController();

  /** Follows a sent job in the background; records and announces what became of it. Never throws. */
  function follow(job: PrintJobRecord, osJobId: string, jobStatus: NonNullable<PrintBackend['jobStatus']>) {
    const done = followJob(osJobId, job.printer, jobStatus, { clock: { now, sleep: defaultSleep }, ...options.follow, signal: stop.signal })
      .then(async (outcome) => {
        if (stop.signal.aborted) return;
        const settled = await log.settle(job.id, {
          state: outcome.state,
          errorCode: outcome.state === 'failed' ? 'print_job_failed' : null,
          message: outcome.message,
          at: now(),
        });
        const level = outcome.state === 'printed' ? 'info' : 'warn';
        logger[level]('print_outcome', { jobId: job.id, osJobId, printer: job.printer, state: outcome.state, message: outcome.message });
        if (settled) options.onJobSettled?.(settled);
      })
      .catch((error: unknown) => logger.error('print_follow_failed', { jobId: job.id, osJobId, error }))
      .finally(() => following.delete(job.id));
    following.set(job.id, done);
  }

  /** Builds, sends once, logs. `build` failing (an unreadable label file) is a failed job too. */
  async function send(
    profileInput: PrinterProfile,
    labelIds: string[],
    copies: number,
    title: string,
    build: (profile: PrinterProfile) => Promise<Uint8Array>,
  ) {
    const parsed = PrinterProfile.safeParse(profileInput);
    if (!parsed.success) {
      throw new StationError(
        'invalid_input',
        t('printing:errors.profileIncomplete', { issues: parsed.error.issues.map((i) => translateStationMessage(i.message)).join('; ') }),
      );
    }
    const profile = parsed.data;
    if (!(Number.isInteger(copies) && copies >= 1 && copies <= MAX_COPIES)) {
      throw new StationError('invalid_input', t('printing:errors.copies', { max: MAX_COPIES }));
    }
    const base = { id: newId(), labelIds, profileId: profile.id, printer: profile.printer, copies, createdAt: now() };
    let job: PrintJobRecord;
    try {
      const pdf = await build(profile);
      const sheet = profile.paper === 'label' ? undefined : profile.paper;
      const submission = await backend.print({ printer: profile.printer, title, copies, labelSize: profile.labelSize, sheet, pdf });
      job = { ...base, osJobId: submission.osJobId, state: 'sent', errorCode: null, message: null };
      logger.info('print_sent', { jobId: job.id, printer: job.printer, osJobId: job.osJobId, labels: labelIds.length, copies });
    } catch (error) {
      const message =
        error instanceof StationError
          ? error.message
          : t('printing:errors.sendFailed', { printer: profile.printer, reason: (error as Error).message });
      const code = error instanceof StationError ? error.code : 'print_failed';
      job = { ...base, osJobId: null, state: 'failed', errorCode: code, message };
      logger.warn('print_failed', { jobId: job.id, printer: job.printer, code, message, labels: labelIds.length });
    }
    try {
      await log.record(job);
    } catch (error) {
      // The job went out (or not) either way; losing its log line must not hide that.
      logger.error('print_log_write_failed', { jobId: job.id, error });
      return job;
    }
    if (job.state === 'sent' && job.osJobId && backend.jobStatus && options.follow && !stop.signal.aborted) {
      follow(job, job.osJobId, backend.jobStatus.bind(backend));
    }
    return job;
  }

  return {
    listPrinters: () => backend.listPrinters(),
    checkPrinter: async (printer) => {
      await backend.checkPrinter?.(printer);
    },

    async printLabels(profile, documents, copies = 1) {
      if (documents.length === 0) throw new StationError('print_nothing', t('printing:errors.nothing'));
      const labelIds = documents.map((d) => d.labelId);
      const title = labelIds.length === 1 ? t('printing:job.label', { id: labelIds[0] }) : t('printing:job.labels', { n: labelIds.length });
      return send(profile, labelIds, copies, title, (p) => printReadyPdf(documents, p));
    },

    async printCalibration(profile) {
      return send(profile, [], 1, t('printing:job.calibration'), (p) => calibrationLabel(p, p.printer));
    },

    async settled(jobId) {
      await following.get(jobId);
      return log.get(jobId);
    },

    async resumeFollowing() {
      const jobStatus = backend.jobStatus;
      if (!jobStatus || !options.follow || stop.signal.aborted) return 0;
      let resumed = 0;
      for (const job of await log.unfinished(now() - RESUME_FOLLOW_WINDOW_MS, RESUME_FOLLOW_LIMIT)) {
        if (!job.osJobId || following.has(job.id)) continue;
        follow(job, job.osJobId, jobStatus.bind(backend));
        resumed++;
      }
      if (resumed) logger.info('print_follow_resumed', { jobs: resumed });
      return resumed;
    },

    close() {
      stop.abort();
    },
  };
}
