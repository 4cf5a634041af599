import { writeFile } from 'node:fs/promises';
import type { EnvironmentId } from '../../../shared/domain/environment';
import type { HandoverPaper, HandoverQuery, HandoverSheet } from '../../../shared/domain/handover';
import type { TimeFormat } from '../../../shared/domain/time-format';
import { StationError } from '../errors';
import { t } from '../i18n';
import type { PrintBackend } from '../printing/print-service';
import { saveWhereChosen, type ChooseSavePath } from '../save-file';
import type { SettingsService } from '../settings-store';
import type { HandoverParcels } from './handover-parcels';
import { handoverSheetPdf } from './handover-pdf';

/**
 * Regions that use Letter paper (the Americas that do not use A4, and the Philippines); A4 elsewhere.
 * Used only when no printer profile says which paper the desk has.
 */
const LETTER_REGIONS = new Set(['US', 'CA', 'MX', 'PH', 'CL', 'CO', 'VE', 'PR', 'GT', 'CR', 'PA', 'DO', 'SV']);

export interface HandoverServiceDeps {
  parcels: HandoverParcels;
  settings: SettingsService;
  times: TimeFormat;
  /** Sends the sheet to a printer (the OS's printing, with the queue check). */
  backend: Pick<PrintBackend, 'print'>;
  chooseSavePath: ChooseSavePath;
  now?: () => number;
}

export function createHandoverService({ parcels, settings, times, backend, chooseSavePath, now = Date.now }: HandoverServiceDeps) {
  const environment = (): EnvironmentId => settings.read().activeEnvironment;

  const range = (day: string) => {
    const found = times.day(day);
    if (!found) throw new StationError('handover_day_invalid', t('handover:errors.day'), { day: t('handover:errors.day') });
    return found;
  };

  /** The printer for documents (Settings → Printers, role "documents"), if one is set up. */
  const documentsProfile = () => settings.read().printerProfiles.find((p) => p.role === 'documents');

  /**
   * The desk's paper, as the printer profiles say (electron/core/printing/sheet-pdf.ts prints
   * office paper as a profile's `paper`): the documents printer's A4/Letter, else the label
   * printer's when it prints labels on office paper, else what the station's region uses.
   */
  const deskPaper = (): HandoverPaper => {
    const s = settings.read();
    const profiles = [documentsProfile(), s.printerProfiles.find((p) => p.id === s.defaultLabelProfileId)];
    for (const profile of profiles) if (profile && profile.paper !== 'label') return profile.paper;
    let region: string | undefined;
    try {
      region = new Intl.Locale(times.clock.locale).maximize().region;
    } catch {
      region = undefined;
    }
    return region && LETTER_REGIONS.has(region) ? 'Letter' : 'A4';
  };

  const sheet = async (query: HandoverQuery): Promise<HandoverSheet & { bytes: Uint8Array; fileName: string }> => {
    const day = range(query.day);
    const list = await parcels.parcels(environment(), day, query.courier);
    if (list.length === 0) {
      const message = query.courier
        ? t('handover:errors.nothingForCourier', { courier: query.courier, day: times.date(day.start) })
        : t('handover:errors.nothing', { day: times.date(day.start) });
      throw new StationError('handover_nothing', message);
    }
    const sections = new Map<string, typeof list>();
    for (const parcel of list) sections.set(parcel.courier, [...(sections.get(parcel.courier) ?? []), parcel]);
    const paper = query.paper ?? deskPaper();
    const numbers = new Intl.NumberFormat(times.clock.locale, { maximumFractionDigits: 3 });
    const { pdf, pages } = await handoverSheetPdf({
      dayText: times.date(day.start),
      sections: [...sections].map(([courier, parcels]) => ({ courier, parcels })),
      paper,
      formatNumber: (value) => numbers.format(value),
      printedAt: times.dateTime(now()),
    });
    const fileName = `handover-${query.courier ?? 'all-couriers'}-${query.day}.pdf`.replace(/[^\w.-]+/g, '-');
    return { base64: Buffer.from(pdf).toString('base64'), bytes: pdf, pages, parcels: list.length, paper, fileName };
  };

  return {
    deskPaper,
    couriers: ({ day }: { day: string }) => parcels.couriers(environment(), range(day)),
    async sheet(query: HandoverQuery): Promise<HandoverSheet> {
      const { base64, pages, parcels: count, paper } = await sheet(query);
      return { base64, pages, parcels: count, paper };
    },
    async save(query: HandoverQuery) {
      const made = await sheet(query);
      return saveWhereChosen(chooseSavePath, made.fileName, (target) => writeFile(target, made.bytes));
    },
    /** Prints on the documents printer, on its paper unless another was asked. Sent once, never retried. */
    async print(query: HandoverQuery): Promise<{ printer: string; paper: HandoverPaper }> {
      const profile = documentsProfile();
      if (!profile) throw new StationError('no_document_printer', t('handover:errors.noPrinter'));
      const made = await sheet({ ...query, paper: query.paper ?? deskPaper() });
      await backend.print({
        printer: profile.printer,
        title: t('handover:pdf.title'),
        copies: 1,
        labelSize: profile.labelSize,
        sheet: made.paper,
        pdf: made.bytes,
      });
      return { printer: profile.printer, paper: made.paper };
    },
  };
}
export type HandoverService = ReturnType<typeof createHandoverService>;
