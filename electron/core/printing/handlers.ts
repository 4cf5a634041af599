import type { Handlers } from '../ipc-dispatch';
import type { Views } from '../settings/views';
import type { LabelPrinter } from './label-printer';
import type { PrintLog } from './print-log';
import type { PrintService } from './print-service';
import type { PrinterProfiles } from './printer-profiles';

export interface PrintingHandlersDeps {
  printing: PrintService;
  printLog: PrintLog;
  profiles: PrinterProfiles;
  printer: LabelPrinter;
  saving: Views['saving'];
}

/** Settings → Printers (profiles, the default label printer, calibration), printing labels, the print log. */
export function printingHandlers({ printing, printLog, profiles, printer, saving }: PrintingHandlersDeps) {
  return {
    'printers:list': () => printing.listPrinters(),
    'printers:saveProfile': ({ confirmNotReady, ...profile }) => saving(() => profiles.save(profile, { confirmNotReady })),
    'printers:removeProfile': ({ id }) => saving(() => profiles.remove(id)),
    'printers:setDefault': ({ id }) => saving(() => profiles.setDefault(id)),
    'print:labels': ({ labelIds, profileId, copies, printer: systemPrinter }) => printer.print(labelIds, profileId, copies, systemPrinter),
    'print:calibration': ({ id }) => printing.printCalibration(profiles.profileFor(id)),
    'print:log': async ({ labelId }) => printLog.entries({ labelId, limit: 50 }),
  } satisfies Partial<Handlers>;
}
