import type { PrinterInfo } from '../../../../shared/domain/printing';
import { translateNow } from '../../i18n';

/**
 * What the operator is told about a system printer that cannot print now (stopped, or not
 * accepting jobs), or null when it can (or its state is not known, as on Windows).
 */
export function printerWarning(printer: PrinterInfo | undefined): string | null {
  if (!printer) return null;
  const reason = printerReason(printer);
  if (printer.state === 'stopped')
    return reason ? translateNow('printing', 'printerState.stoppedBecause', { reason }) : translateNow('printing', 'printerState.stopped');
  if (printer.state === 'rejecting')
    return reason
      ? translateNow('printing', 'printerState.rejectingBecause', { reason })
      : translateNow('printing', 'printerState.rejecting');
  return null;
}

const STATE_WORDS = {
  idle: 'printerState.idle',
  printing: 'printerState.printing',
  stopped: 'printerState.stoppedWord',
  rejecting: 'printerState.rejectingWord',
  unknown: 'printerState.unknown',
} as const;

/** The state word shown next to a printer's name. */
export const printerStateLabel = (printer: PrinterInfo) => translateNow('printing', STATE_WORDS[printer.state]);

/** The system's reason without the "Not accepting jobs" that the state already says. */
export const printerReason = (printer: PrinterInfo) => printer.message?.replace(/^Not accepting jobs:?\s*/, '') || null;

/** "stopped: Paper out", "not accepting jobs: Rejecting jobs for maintenance", "idle". */
export const printerStateText = (printer: PrinterInfo) => {
  const reason = printerReason(printer);
  return reason
    ? translateNow('printing', 'printerState.withReason', { state: printerStateLabel(printer), reason })
    : printerStateLabel(printer);
};

/** The error codes main answers when a profile is saved on a printer that cannot print now (queue-check.ts). */
export const NOT_READY_CODES: readonly string[] = ['printer_stopped', 'printer_rejected'];

/** Asks the shell to open Settings → Printers (App.tsx listens). */
export const OPEN_PRINTER_SETTINGS_EVENT = 'ffs:open-printer-settings';
export function openPrinterSettings() {
  window.dispatchEvent(new Event(OPEN_PRINTER_SETTINGS_EVENT));
}
