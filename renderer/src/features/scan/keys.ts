import type { ScanCommand } from '../../../../shared/domain/scan';

/** Keys that run a station-mode command (the same actions as the command barcodes). */
export const STATION_COMMAND_KEYS = { F2: 'reprint_last', F4: 'next_printer', F10: 'leave' } as const satisfies Record<string, ScanCommand>;
