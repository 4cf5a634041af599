import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createCupsBackend } from './cups';
import type { PrintBackend } from './print-service';
import { createWindowsBackend } from './windows';

/**
 * The OS printing backend for this machine: CUPS (`lp`/`lpstat`) on Linux and macOS,
 * pdf-to-printer (SumatraPDF) on Windows. pdf-to-printer is loaded only on Windows.
 */
export async function printBackendForPlatform(platform: NodeJS.Platform = process.platform): Promise<PrintBackend> {
  if (platform !== 'win32') return createCupsBackend();
  const pdfToPrinter = await import('pdf-to-printer');
  const api = (pdfToPrinter as unknown as { default?: typeof pdfToPrinter }).default ?? pdfToPrinter;
  // Inside the packaged app, SumatraPDF.exe is unpacked next to app.asar (electron-builder asarUnpack).
  const packageDir = dirname(createRequire(import.meta.url).resolve('pdf-to-printer/package.json'));
  const sumatraPdfPath = join(packageDir.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'), 'dist', 'SumatraPDF-3.4.6-32.exe');
  return createWindowsBackend({ print: api.print, getPrinters: api.getPrinters, getDefaultPrinter: api.getDefaultPrinter, sumatraPdfPath });
}
