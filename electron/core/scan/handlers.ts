import type { Handlers } from '../ipc-dispatch';
import type { ChooseSavePath } from '../save-file';
import { commandSheetPdf, saveCommandSheet } from './command-sheet';
import type { ScanService } from './scan-service';

/** Station mode: the scan session, scans and commands, the sheet of command barcodes, a supervisor's release of a claimed order. */
export function scanHandlers({ scans, chooseSavePath }: { scans: ScanService; chooseSavePath: ChooseSavePath }) {
  return {
    'scan:session': () => scans.session(),
    'scan:submit': ({ input, weight }) => scans.scan(input, weight),
    'scan:command': ({ command }) => scans.command(command),
    'scan:reset': () => scans.reset(),
    'claims:release': ({ order }) => scans.releaseClaim(order),
    'scan:commandSheet': async ({ paper }) => ({ base64: Buffer.from(await commandSheetPdf({ paper })).toString('base64') }),
    'scan:saveCommandSheet': ({ paper }) => saveCommandSheet(chooseSavePath, { paper }),
  } satisfies Partial<Handlers>;
}
