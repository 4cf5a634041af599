import type { CreateOutcome } from '../../../shared/domain/label-draft';
import { PrinterProfile, type PrintJobRecord } from '../../../shared/domain/printing';
import { StationError } from '../errors';
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
  /**
   * The profile to print with. `printer` ("Reprint on…" another system printer) keeps the
   * profile's stock and offsets on that printer; with no profile set up yet, 4x6 in stock.
   */
  const profileOn = (profileId?: string, printer?: string): PrinterProfile => {
    if (!printer) return profiles.profileFor(profileId);
    try {
      return { ...profiles.profileFor(profileId), printer, autoPrint: false };
    } catch (error) {
      if (!(error instanceof StationError && error.code === 'no_printer_profile' && !profileId)) throw error;
      return PrinterProfile.parse({ id: 'system-printer', name: printer, printer, role: 'labels' });
    }
  };

  /** Prints stored documents as one job, in order. Never calls POST /labels; never retried. */
  const print = async (labelIds: readonly string[], profileId?: string, copies?: number, printer?: string): Promise<PrintJobRecord> => {
    const profile = profileOn(profileId, printer);
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
