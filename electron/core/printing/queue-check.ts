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
  const reason = text ? ` (the system says: ${text})` : '';
  const error =
    printer.state === 'stopped'
      ? new StationError(
          'printer_stopped',
          `The printer “${printer.name}” is stopped${reason}. Fix what it reports (paper, toner, a jam), then start it again in the system's printer settings.`,
        )
      : new StationError(
          'printer_rejected',
          `The printer “${printer.name}” is not accepting jobs${reason}. Let it accept jobs again in the system's printer settings.`,
        );
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

/** The backend with a look at the queue before each job: a stopped or rejecting queue fails the job (logged as failed) with nothing sent. */
export function withQueueCheck(backend: PrintBackend): PrintBackend {
  return {
    ...backend,
    async print(request) {
      const problem = queueProblem(await currentPrinter(backend, request.printer));
      if (problem) throw new StationError(problem.code, `Nothing was sent. ${problem.message} Then print again.`);
      return backend.print(request);
    },
  };
}
