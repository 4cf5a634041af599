import { t } from '../i18n';
import type { z } from 'zod';
import { PrinterProfile } from '../../../shared/domain/printing';
import { StationError } from '../errors';
import type { SettingsService } from '../settings-store';
import { upsert } from '../settings/upsert';
import type { PrintService } from './print-service';
import { currentPrinter, queueProblem } from './queue-check';
import { defaultLabelProfile as defaultLabelProfileOf } from '../../../shared/domain/printing';

/** Printer profiles (Settings → Printers) and the default label printer among them. */
/** A profile as Settings → Printers or the first Print sends it (defaults not yet applied; no id for a new one). */
export type PrinterProfileInput = Omit<z.input<typeof PrinterProfile>, 'id'> & { id?: string };

export function createPrinterProfiles({
  settings,
  printing,
}: {
  settings: SettingsService;
  printing: Pick<PrintService, 'checkPrinter' | 'listPrinters'>;
}) {
  /** The default label profile, if one is set. */
  const defaultLabelProfile = (): PrinterProfile | null => defaultLabelProfileOf(settings.view());

  /** The profile to print with: the one named, else the default label profile. */
  const profileFor = (profileId?: string): PrinterProfile => {
    const s = settings.view();
    const id = profileId ?? s.defaultLabelProfileId;
    const profile = s.printerProfiles.find((p) => p.id === id);
    if (!profile) {
      throw new StationError('no_printer_profile', profileId ? t('printing:errors.profileGone') : t('printing:errors.noLabelPrinter'));
    }
    return profile;
  };

  return {
    defaultLabelProfile,
    profileFor,
    /**
     * Checks the printer (where the backend can), then saves the profile; the first labels
     * profile becomes the default label printer. A queue the system reports as stopped or
     * refusing jobs is refused (`printer_stopped` / `printer_rejected`, on the printer field)
     * unless the operator confirmed it (`confirmNotReady`): it may be fixed later.
     */
    async save(input: PrinterProfileInput, { confirmNotReady = false }: { confirmNotReady?: boolean } = {}) {
      const profile = { ...PrinterProfile.omit({ id: true }).parse(input), ...(input.id ? { id: input.id } : {}) };
      await printing.checkPrinter(profile.printer);
      if (!confirmNotReady) {
        const problem = queueProblem(await currentPrinter(printing, profile.printer), 'printer');
        if (problem) throw problem;
      }
      return settings.update((s) => {
        const id = upsert(s.printerProfiles, profile);
        if (profile.role === 'labels') s.defaultLabelProfileId ??= id;
      });
    },
    /** Removes a profile; when it was the default label printer, the next labels profile takes over. */
    remove(id: string) {
      return settings.update((s) => {
        s.printerProfiles = s.printerProfiles.filter((p) => p.id !== id);
        if (s.defaultLabelProfileId === id) s.defaultLabelProfileId = s.printerProfiles.find((p) => p.role === 'labels')?.id ?? null;
      });
    },
    /** Makes an existing profile the default label printer. */
    setDefault(id: string) {
      profileFor(id);
      return settings.update((s) => void (s.defaultLabelProfileId = id));
    },
  };
}
export type PrinterProfiles = ReturnType<typeof createPrinterProfiles>;
