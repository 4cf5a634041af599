import type { Handlers } from '../ipc-dispatch';
import type { HandoverService } from './handover-service';

/** The courier hand-over sheet: the day's couriers, the sheet for preview, print and save. */
export function handoverHandlers({ handover }: { handover: HandoverService }) {
  return {
    'handover:couriers': async (input) => handover.couriers(input),
    'handover:sheet': (input) => handover.sheet(input),
    'handover:print': (input) => handover.print(input),
    'handover:save': (input) => handover.save(input),
  } satisfies Partial<Handlers>;
}
