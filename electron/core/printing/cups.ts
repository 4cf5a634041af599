import { t } from '../i18n';
import { execFile } from 'node:child_process';
import type { LabelSize, PrinterInfo, SheetPaper } from '../../../shared/domain/printing';
import { StationError } from '../errors';
import { cupsServer, getJobAttributes, getPrinterState } from './ipp';
import type { PrintBackend, PrintRequest, PrintSubmission } from './print-service';

/**
 * Printing through CUPS on Linux and macOS: `lpstat` to discover printers, `lp` to print.
 * Always an argument array through execFile (no shell, so no quoting bugs or injection
 * through a printer name or title), always under LC_ALL=C so the messages parsed below are
 * the English ones whatever the operator's language.
 */

/**
 * PWG media names CUPS maps to the queue's page size by dimensions (a PPD size such as
 * Zebra's w288h432, a driverless printer's media, or a custom size). Proven with CUPS-PDF
 * in test/integration/printing-cups.test.ts: each comes out at its exact size.
 */
export const CUPS_MEDIA: Readonly<Record<LabelSize | SheetPaper, string>> = {
  '4x6in': 'oe_4x6-label_4x6in',
  '100x150mm': 'om_100x150mm_100x150mm',
  A6: 'iso_a6_105x148mm',
  // Office paper for labels composed onto sheets (sheet-pdf.ts).
  A4: 'iso_a4_210x297mm',
  Letter: 'na_letter_8.5x11in',
};

/** Runs a program; resolves with its output whatever the exit code (the caller reads both). */
export type RunCommand = (
  program: string,
  args: readonly string[],
  options: { env: NodeJS.ProcessEnv; input?: Uint8Array; timeoutMs: number },
) => Promise<{ code: number; stdout: string; stderr: string }>;

export interface CupsBackendOptions {
  /** Base environment for lp/lpstat (tests point CUPS_SERVER elsewhere). LC_ALL=C is forced on top. */
  env?: NodeJS.ProcessEnv;
  run?: RunCommand;
  /** Limit per lp/lpstat call. Default 30 s (a big "print all" spools a few MB). */
  timeoutMs?: number;
}

/** CUPS's job number in an lp request id ("ffs-label-pdf-12" → 12); null for anything else. */
export function cupsJobNumber(osJobId: string): number | null {
  const match = /-(\d{1,10})$/.exec(osJobId);
  const n = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(n) && n > 0 && n <= 0x7fffffff ? n : null;
}

/**
 * The `lp` arguments for one job. The document goes on stdin, so nothing here is a file path.
 * - `media`: the stock's size, explicitly; without it CUPS uses the queue default (A4 or Letter)
 *   and the 4x6 label lands centred on a big page.
 * - `print-scaling=none`: 1:1. CUPS's default `auto` enlarged a 4x6 label by 3 % onto A6 in
 *   testing, and `fit` shrinks it; either moves barcode bars off the printer's dot grid.
 */
export function lpArgs(request: Pick<PrintRequest, 'printer' | 'title' | 'copies' | 'labelSize' | 'sheet'>): string[] {
  const copies = Math.trunc(request.copies);
  if (!(copies >= 1 && copies <= 999)) throw new RangeError('copies must be between 1 and 999');
  return [
    '-d',
    request.printer,
    '-n',
    String(copies),
    '-t',
    request.title,
    '-o',
    `media=${CUPS_MEDIA[request.sheet ?? request.labelSize]}`,
    '-o',
    'print-scaling=none',
    // Older filters and drivers read fit-to-page instead: a sheet's 4x6 in label stays 4x6 in.
    '-o',
    'fit-to-page=false',
    // Portrait in, portrait out: the page is already the stock, never turned by a filter.
    '-o',
    'orientation-requested=3',
    // Copies of a "print all" come out as whole sets in the chosen order (A B C, A B C), made
    // by CUPS itself; without it CUPS leaves copies to the device, and some ignore them.
    '-o',
    'collate=true',
  ];
}

/** The OS job id from lp's "request id is ffs-label-pdf-12 (1 file(s))". */
export function parseRequestId(stdout: string): string | null {
  const match = /request id is (\S+)/.exec(stdout);
  return match ? match[1]! : null;
}

/**
 * Printers from `lpstat -p -d -a` (run under LC_ALL=C). Lines look like
 *   printer NAME is idle.  enabled since DATE
 *   printer NAME now printing NAME-12.  enabled since DATE
 *   printer NAME disabled since DATE -
 *   \treason
 *   system default destination: NAME  |  no system default destination
 *   NAME accepting requests since DATE  |  NAME not accepting requests since DATE -
 */
export function parseLpstat(stdout: string): PrinterInfo[] {
  const printers = new Map<string, PrinterInfo>();
  const rejecting = new Map<string, string | null>();
  let defaultName: string | null = null;
  let last: { kind: 'printer' | 'accept'; name: string } | null = null;
  for (const line of stdout.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    if (/^\s/.test(line)) {
      // A reason line belongs to the line above it.
      const reason = line.trim();
      if (!last) continue;
      if (last.kind === 'printer') {
        const printer = printers.get(last.name)!;
        printer.message = printer.message ? `${printer.message}; ${reason}` : reason;
      } else if (rejecting.has(last.name)) {
        rejecting.set(last.name, reason);
      }
      continue;
    }
    let m = /^printer (\S+) (is idle|now printing|disabled)/.exec(line);
    if (m) {
      const state = m[2] === 'is idle' ? 'idle' : m[2] === 'now printing' ? 'printing' : 'stopped';
      printers.set(m[1]!, { name: m[1]!, isDefault: false, state, message: null });
      last = { kind: 'printer', name: m[1]! };
      continue;
    }
    m = /^printer (\S+) /.exec(line);
    if (m) {
      printers.set(m[1]!, { name: m[1]!, isDefault: false, state: 'unknown', message: null });
      last = { kind: 'printer', name: m[1]! };
      continue;
    }
    m = /^system default destination: (\S+)/.exec(line);
    if (m) {
      defaultName = m[1]!;
      last = null;
      continue;
    }
    m = /^(\S+) (not )?accepting requests/.exec(line);
    if (m) {
      if (m[2]) rejecting.set(m[1]!, null);
      last = { kind: 'accept', name: m[1]! };
      continue;
    }
    last = null;
  }
  for (const [name, reason] of rejecting) {
    const printer = printers.get(name);
    if (!printer) continue;
    // Not accepting jobs: nothing the operator sends gets in. A queue also paused stays "stopped".
    if (printer.state !== 'stopped') printer.state = 'rejecting';
    const note = t('printing:state.notAccepting');
    // CUPS repeats the reject reason under the printer line; say it once.
    if (!printer.message) printer.message = reason ? `${note}: ${reason}` : note;
    else if (!printer.message.startsWith(note)) printer.message = `${note}: ${printer.message}`;
  }
  const list = [...printers.values()];
  for (const printer of list) printer.isDefault = printer.name === defaultName;
  return list;
}

const UNAVAILABLE = /scheduler is not running|unable to connect|connection refused|no such file or directory|bad file descriptor/i;

/** Maps a failed lp to a StationError; `schedulerRunning` comes from `lpstat -r` after the failure. */
export function lpError(printer: string, output: string, schedulerRunning: boolean): StationError {
  const osMessage =
    output
      .trim()
      .replace(/^lp:\s*/gm, '')
      .replace(/\s+/g, ' ') || t('printing:errors.lpNoMessage');
  // With no scheduler, lp says "The printer or class does not exist" too: ask the scheduler first.
  if (!schedulerRunning || UNAVAILABLE.test(output)) {
    const why = UNAVAILABLE.test(output) ? osMessage : t('printing:errors.schedulerStopped');
    return new StationError('printing_unavailable', t('printing:errors.cupsNotRunningPrint', { reason: why }));
  }
  if (/does not exist|not found|unknown destination|no such (printer|destination)/i.test(output)) {
    return new StationError('printer_not_found', t('printing:errors.notSetUp', { printer, reason: osMessage }));
  }
  if (/not accepting jobs|not accepting requests|rejecting/i.test(output)) {
    return new StationError('printer_rejected', t('printing:errors.notAccepting', { printer, reason: osMessage }));
  }
  return new StationError('print_failed', t('printing:errors.sendFailed', { printer, reason: osMessage }));
}

const firstLine = (text: string) => text.trim().split(/\r?\n/)[0] ?? '';

/** The CUPS backend for the print service. */
export function createCupsBackend(options: CupsBackendOptions = {}): PrintBackend {
  const run = options.run ?? runCommand;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const env = { ...(options.env ?? process.env), LC_ALL: 'C', LANG: 'C', LANGUAGE: 'C' };

  async function schedulerRunning(): Promise<boolean> {
    const result = await run('lpstat', ['-r'], { env, timeoutMs }).catch(() => null);
    return !!result && /scheduler is running/i.test(result.stdout);
  }

  return {
    kind: 'cups',
    async listPrinters() {
      const result = await run('lpstat', ['-p', '-d', '-a'], { env, timeoutMs }).catch((error: Error) => {
        throw new StationError('printing_unavailable', t('printing:errors.listUnreadable', { reason: error.message }));
      });
      if (result.code !== 0) {
        // No printers at all is not an error: lpstat says "No destinations added." and exits 1.
        if (/no destinations added/i.test(result.stderr)) return [];
        if (!(await schedulerRunning()) || UNAVAILABLE.test(result.stderr)) {
          throw new StationError(
            'printing_unavailable',
            t('printing:errors.cupsNotRunning', { reason: firstLine(result.stderr) || t('printing:errors.lpstatFailed') }),
          );
        }
        // Partial answers (one broken queue) still list the others.
        const partial = parseLpstat(result.stdout);
        if (partial.length > 0) return partial;
        throw new StationError(
          'printing_unavailable',
          t('printing:errors.listUnreadable', { reason: result.stderr.trim() || t('printing:errors.lpstatFailed') }),
        );
      }
      return parseLpstat(result.stdout);
    },
    async print(request: PrintRequest): Promise<PrintSubmission> {
      const args = lpArgs(request);
      let result;
      try {
        result = await run('lp', args, { env, input: request.pdf, timeoutMs });
      } catch (error) {
        const message = (error as Error).message;
        if (/ENOENT/.test(message)) {
          throw new StationError('printing_unavailable', t('printing:errors.cupsMissing'));
        }
        throw new StationError('print_failed', t('printing:errors.sendFailed', { printer: request.printer, reason: message }));
      }
      if (result.code !== 0) throw lpError(request.printer, `${result.stderr}\n${result.stdout}`, await schedulerRunning());
      return { osJobId: parseRequestId(result.stdout) };
    },
    /**
     * The job's state from the scheduler lp used (IPP; see ipp.ts). A job waiting on a stopped
     * queue is only "pending" to CUPS: the queue's state says that it will not print by itself.
     */
    async jobStatus(osJobId) {
      const n = cupsJobNumber(osJobId);
      if (n === null) return null;
      const server = cupsServer(env);
      const limit = Math.min(timeoutMs, 10_000);
      const job = await getJobAttributes(server, n, limit);
      const queue = /^(.+)-\d+$/.exec(osJobId)?.[1];
      if (!job || job.state !== 'pending' || !queue) return job;
      const printer = await getPrinterState(server, queue, limit);
      if (!printer?.stopped) return job;
      return { ...job, reasons: [...job.reasons, 'printer-stopped'], message: job.message ?? printer.message };
    },
  };
}

/** execFile with the document on stdin; never a shell. */
export const runCommand: RunCommand = (program, args, { env, input, timeoutMs }) =>
  new Promise((resolve, reject) => {
    const child = execFile(
      program,
      [...args],
      { env, timeout: timeoutMs, maxBuffer: 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error.killed ? new Error(t('printing:errors.commandTimeout', { program, seconds: Math.round(timeoutMs / 1000) })) : error);
          return;
        }
        resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
      },
    );
    // lp may exit before reading stdin (unknown printer): its closed pipe is not our error.
    child.stdin?.on('error', () => {});
    if (input) child.stdin?.end(input);
    else child.stdin?.end();
  });
