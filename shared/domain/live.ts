import { z } from 'zod';

/**
 * What another station (or this one) changed in the workgroup's shared database, as the live
 * updates name it (docs/architecture.md, "Live updates"): screens showing that kind read it again.
 */
/** lists: the shared senders, package presets, saved mappings or product catalogue. */
export const LIVE_KINDS = ['labels', 'claims', 'imports', 'lists', 'operators'] as const;
export const LiveKind = z.enum(LIVE_KINDS);
export type LiveKind = z.infer<typeof LiveKind>;

/** The `live:changed` event's payload. */
export const LiveChangedEvent = z.object({ kind: LiveKind });
export type LiveChangedEvent = z.infer<typeof LiveChangedEvent>;
