import { t } from '../i18n';
import type { PrinterInfo } from '../../../shared/domain/printing';
import { StationError } from '../errors';
import type { PrintBackend } from './print-service';

/**
 * A print queue the system already reports as stopped (paused, CUPS "disabled") or as
 * refusing jobs is flagged twice: when a printer profile is made for it, and right before a
 * job would be sent, so nothing is sent that would only sit in a paused queue (and print
 * later, unexpected) or be refused.
 */

/** The StationError for a printer that cannot print now, or null when it is ready or its state is not known. */
export function queueProblem(printer: PrinterInfo | undefined, fieldsFor?: 'printer'): StationError | null {
  if (!printer || (printer.state !== 'stopped' && printer.state !== 'rejecting')) return null;
  // CUPS's reject reason comes as "Not accepting jobs: <reason>" (cups.ts); the sentence says that part already.
  const text = printer.message?.replace(/^Not accepting jobs:?\s*/, '');
  const reason = text ? t('printing:errors.systemSays', { text }) : '';
  const error =
    printer.state === 'stopped'
      ? new StationError('printer_stopped', t('printing:errors.stopped', { printer: printer.name, reason }))
      : new StationError('printer_rejected', t('printing:errors.rejecting', { printer: printer.name, reason }));
  return fieldsFor ? new StationError(error.code, error.message, { [fieldsFor]: error.message }) : error;
}

/**
 * The printer as the system lists it now, or undefined when the list cannot be read or does
 * not have it: then the job itself finds out (lp's own "does not exist", or CUPS not running).
 */
export async function currentPrinter(backend: Pick<PrintBackend, 'listPrinters'>, name: string): Promise<PrinterInfo | undefined> {
  try {
    return (await backend.listPrinters()).find((p) => p.name === name);
  } catch {
    return undefined;
  }
}

/** How long a reading of the system's printers is used before each job without asking again. */
export const QUEUE_STATE_FRESH_MS = 1_000;
/** A reading older than this is not used at all: the job waits for a new one. */
export const QUEUE_STATE_MAX_AGE_MS = 10_000;

/**
 * The backend with a look at the queue before each job: a stopped or rejecting queue fails the
 * job (logged as failed) with nothing sent. Asking the system (lpstat) costs about 20 ms, too
 * much for every scan at a packing bench, so a reading up to QUEUE_STATE_MAX_AGE_MS old is used
 * and a new one is asked for in the background once it is older than QUEUE_STATE_FRESH_MS. A
 * queue that stopped within that time is still caught: the job is followed (job-follow.ts) and
 * shows "waiting" with the printer's reason.
 */
export function withQueueCheck(backend: PrintBackend, now: () => number = Date.now): PrintBackend {
  let reading: { at: number; printers: Promise<PrinterInfo[] | undefined> } | null = null;
  const read = () => {
    const at = now();
    const printers = backend.listPrinters().then(
      (list) => list,
      () => undefined,
    );
    reading = { at, printers };
    return printers;
  };
  const printers = async () => {
    const age = reading ? now() - reading.at : Infinity;
    if (!reading || age > QUEUE_STATE_MAX_AGE_MS) return read();
    const current = reading.printers;
    if (age > QUEUE_STATE_FRESH_MS) void read();
    return current;
  };
  return {
    ...backend,
    async listPrinters() {
      // What the operator is shown is always asked anew, and becomes the newest reading.
      const list = await backend.listPrinters();
      reading = { at: now(), printers: Promise.resolve(list) };
      return list;
    },
    async print(request) {
      const printer = (await printers())?.find((p) => p.name === request.printer);
      const problem = queueProblem(printer);
      if (problem) throw new StationError(problem.code, t('printing:errors.nothingSent', { problem: problem.message }));
      return backend.print(request);
    },
  };
}
