import { t } from '../i18n';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PrintOptions } from 'pdf-to-printer';
import type { LabelSize, PrinterInfo } from '../../../shared/domain/printing';
import { StationError } from '../errors';
import type { PrintBackend, PrintRequest } from './print-service';

/**
 * Printing on Windows through pdf-to-printer (SumatraPDF, silent). Its functions are passed
 * in (main passes the real `print`, `getPrinters`, `getDefaultPrinter`), so this file and
 * its tests run on any OS.
 */

export interface WindowsPrinter {
  deviceId: string;
  name: string;
}

export interface WindowsBackendOptions {
  print: (pdfPath: string, options?: PrintOptions) => Promise<void>;
  getPrinters: () => Promise<WindowsPrinter[]>;
  getDefaultPrinter: () => Promise<WindowsPrinter | null>;
  /** Folder for the job's temporary PDF (pdf-to-printer prints files). Default: the OS temp folder. */
  tempDir?: string;
  /**
   * Where SumatraPDF.exe is in the packaged app. pdf-to-printer looks next to its own bundle,
   * which is inside app.asar (not executable) once main is bundled; main passes the unpacked copy.
   */
  sumatraPdfPath?: string;
}

/**
 * Paper names SumatraPDF knows by itself. 4x6 in and 100x150 mm have no standard Windows
 * paper: the label printer's driver is set to its stock, and without `paperSize` Sumatra
 * uses that driver default.
 */
const SUMATRA_PAPER: Partial<Record<LabelSize, string>> = { A6: 'A6' };

/**
 * pdf-to-printer options for one job: the named printer (never the default by accident),
 * `noscale` so the stock-sized page prints 1:1 (Sumatra's default shrinks to the printable
 * area), portrait so Sumatra does not turn the page, and silent so no dialog can appear.
 */
export function windowsPrintOptions(request: Pick<PrintRequest, 'printer' | 'copies' | 'labelSize' | 'sheet'>): PrintOptions {
  const copies = Math.trunc(request.copies);
  if (!(copies >= 1 && copies <= 999)) throw new RangeError('copies must be between 1 and 999');
  // Labels composed onto office paper (sheet-pdf.ts): Sumatra's "A4" / "letter", still `noscale`.
  const paperSize = request.sheet ? (request.sheet === 'A4' ? 'A4' : 'letter') : SUMATRA_PAPER[request.labelSize];
  return {
    printer: request.printer,
    scale: 'noscale',
    orientation: 'portrait',
    copies,
    silent: true,
    ...(paperSize ? { paperSize } : {}),
  };
}

/**
 * Only a printer Windows lists is ever named to SumatraPDF: a name like `\\attacker\share`
 * would make Windows connect to that server (and offer it the user's credentials) to find a
 * printer there. A network printer the operator added in Windows is listed, so it still works.
 */
async function assertListedPrinter(options: WindowsBackendOptions, printer: string): Promise<void> {
  let names: string[];
  try {
    names = (await options.getPrinters()).map((p) => p.name);
  } catch (error) {
    throw new StationError(
      'printing_unavailable',
      t('printing:errors.windowsListUnchecked', { printer, reason: (error as Error).message }),
    );
  }
  if (!names.includes(printer)) {
    throw new StationError('printer_not_found', t('printing:errors.windowsNotSetUp', { printer }));
  }
}

export function createWindowsBackend(options: WindowsBackendOptions): PrintBackend {
  return {
    kind: 'windows',
    async listPrinters(): Promise<PrinterInfo[]> {
      let printers: WindowsPrinter[];
      let defaultPrinter: WindowsPrinter | null;
      try {
        [printers, defaultPrinter] = await Promise.all([options.getPrinters(), options.getDefaultPrinter().catch(() => null)]);
      } catch (error) {
        throw new StationError('printing_unavailable', t('printing:errors.windowsList', { reason: (error as Error).message }));
      }
      // pdf-to-printer does not report queue state.
      return printers.map((p) => ({ name: p.name, isDefault: p.name === defaultPrinter?.name, state: 'unknown', message: null }));
    },
    checkPrinter: (printer) => assertListedPrinter(options, printer),
    async print(request) {
      const printOptions = {
        ...windowsPrintOptions(request),
        ...(options.sumatraPdfPath ? { sumatraPdfPath: options.sumatraPdfPath } : {}),
      };
      // Checked before anything is written or started: a name Windows does not list never reaches SumatraPDF.
      await assertListedPrinter(options, request.printer);
      const folder = await mkdtemp(join(options.tempDir ?? tmpdir(), 'ffs-print-'));
      const file = join(folder, 'labels.pdf');
      try {
        await writeFile(file, request.pdf);
        await options.print(file, printOptions);
        // Windows gives SumatraPDF no job id to hand back.
        return { osJobId: null };
      } catch (error) {
        throw new StationError(
          'print_failed',
          t('printing:errors.sendFailed', { printer: request.printer, reason: (error as Error).message.trim() }),
        );
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
}
