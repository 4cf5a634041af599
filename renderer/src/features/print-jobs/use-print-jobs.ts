import { useEffect, useState } from 'react';
import type { LabelRecord } from '../../../../shared/domain/labels';
import type { PrintJobRecord } from '../../../../shared/domain/printing';
import { station } from '../../station';

/**
 * Main announces each followed print job's outcome (`print:job`). These hooks keep what the
 * screens show current with it: a job shown after Print, History's rows, station mode's card.
 */

/** The job as main last reported it: `job` until its outcome arrives. */
export function useFollowedJob<T extends PrintJobRecord | null>(job: T): T {
  const [latest, setLatest] = useState<PrintJobRecord | null>(null);
  useEffect(() => {
    setLatest(null);
    if (!job) return undefined;
    return station().on('print:job', (update) => update.id === job.id && setLatest(update));
  }, [job]);
  return (latest && job && latest.id === job.id ? latest : job) as T;
}

/** The outcome of the OS job `osJobId` (station mode knows the job by its OS id), once main reports it. */
export function useOsJobOutcome(osJobId: string | null): PrintJobRecord | null {
  const [outcome, setOutcome] = useState<PrintJobRecord | null>(null);
  useEffect(() => {
    setOutcome(null);
    if (!osJobId) return undefined;
    return station().on('print:job', (update) => update.osJobId === osJobId && setOutcome(update));
  }, [osJobId]);
  return outcome;
}

/** A label's print state after `job` (the label's newest job) was sent or settled. */
export const printStatusOf = (job: PrintJobRecord): NonNullable<LabelRecord['print']> => ({
  state: job.state,
  jobId: job.id,
  printer: job.printer,
  osJobId: job.osJobId,
  message: job.message,
  updatedAt: Date.now(),
});

/** Applies a job (sent now, or its outcome) to the labels it printed: they show its state. */
export function withJob(items: LabelRecord[], job: PrintJobRecord): LabelRecord[] {
  if (!items.some((l) => job.labelIds.includes(l.id))) return items;
  return items.map((l) => {
    if (!job.labelIds.includes(l.id)) return l;
    // An older job's late outcome does not overwrite a newer reprint.
    if (l.print && l.print.jobId !== job.id && l.print.updatedAt > job.createdAt) return l;
    return { ...l, print: printStatusOf(job) };
  });
}

/** Keeps a list of labels current with main's print outcomes. */
export function useLivePrintStates(setItems: (update: (items: LabelRecord[]) => LabelRecord[]) => void) {
  useEffect(() => station().on('print:job', (job) => setItems((items) => withJob(items, job))), [setItems]);
}
