import type { CreateOutcome } from '../../../shared/domain/label-draft';
import type { PrintJobRecord } from '../../../shared/domain/printing';
import type { LabelService } from '../labels/label-service';
import type { PrinterProfiles } from './printer-profiles';
import type { PrintService } from './print-service';

export interface LabelPrinterDeps {
  profiles: Pick<PrinterProfiles, 'profileFor' | 'defaultLabelProfile'>;
  labelService: Pick<LabelService, 'document'>;
  printing: Pick<PrintService, 'printLabels'>;
}

/** Prints labels from their stored documents: "Print", "Print all", batch and station mode, and auto-print. */
export function createLabelPrinter({ profiles, labelService, printing }: LabelPrinterDeps) {
  /** Prints stored documents as one job, in order. Never calls POST /labels; never retried. */
  const print = async (labelIds: readonly string[], profileId?: string, copies?: number): Promise<PrintJobRecord> => {
    const profile = profiles.profileFor(profileId);
    const documents = [];
    for (const id of labelIds) {
      const doc = await labelService.document(id);
      documents.push({ labelId: id, format: doc.format, bytes: doc.bytes });
    }
    return printing.printLabels(profile, documents, copies);
  };

  return {
    print,
    /**
     * Auto-print, once, right after a label is created: a new label (not a replayed or an
     * already existing one) whose document arrived prints on the default label profile when
     * that profile has auto-print on. The outcome comes back with the print job.
     */
    async autoPrint(outcome: CreateOutcome): Promise<CreateOutcome> {
      const profile = profiles.defaultLabelProfile();
      if (outcome.kind === 'created' && !outcome.replayed && !outcome.documentError && profile?.autoPrint) {
        return { ...outcome, printJob: await print([outcome.label.id], profile.id) };
      }
      return outcome;
    },
  };
}
export type LabelPrinter = ReturnType<typeof createLabelPrinter>;
