import { z } from 'zod';
import { PrintJobRecord, PrintJobState } from './printing';

/**
 * Closed-loop printing as main and the renderer share it: what became of each label's last
 * print job (History's print state and its filter), the print log's entries with the order and
 * tracking number of each label, and the event main sends when a job's outcome is known.
 */

/** A label's print state: its newest print job's. A label with no job has none ("never printed"). */
export const LabelPrintStatus = z.object({
  state: PrintJobState,
  /** The station's id of that job. */
  jobId: z.string(),
  printer: z.string(),
  osJobId: z.string().nullable(),
  /** Why it failed or waits (or why its outcome is unknown), in the operator's words. */
  message: z.string().nullable(),
  /** When the state was last recorded (ms since epoch). */
  updatedAt: z.number().int(),
});
export type LabelPrintStatus = z.infer<typeof LabelPrintStatus>;

/** History's print-state filter: one of the job states, or labels never printed. */
export const PrintStateFilter = z.enum([...PrintJobState.options, 'never']);
export type PrintStateFilter = z.infer<typeof PrintStateFilter>;

/** Each print state's name, as a catalogue key (shared/i18n/locales/<language>/printing.json): show it with `t` or `messageText`. */
export const printStateLabels = {
  printed: 'printing:state.printed',
  failed: 'printing:state.failed',
  waiting: 'printing:state.waiting',
  sent: 'printing:state.sent',
  never: 'printing:state.never',
} as const satisfies Readonly<Record<PrintStateFilter, `printing:state.${PrintStateFilter}`>>;

/** A label in a print job as the print log names it: its order and tracking number, when the label is in history. */
export const PrintedLabel = z.object({
  id: z.string(),
  orderNumber: z.string().nullable(),
  trackingNumber: z.string().nullable(),
});
export type PrintedLabel = z.infer<typeof PrintedLabel>;

/** One print log entry: the job and the labels it held, in print order. */
export const PrintLogEntry = PrintJobRecord.extend({ labels: z.array(PrintedLabel) });
export type PrintLogEntry = z.infer<typeof PrintLogEntry>;

/** Main → renderer when a followed job's outcome is known (printed, failed, waiting, or still unknown when time ran out). */
export const PrintJobEvent = PrintJobRecord;
