import { z } from 'zod';

/** All the renderer may ever learn about a token: whether one is set, and its last four characters. */
export const TokenStatus = z.discriminatedUnion('set', [
  z.object({ set: z.literal(false) }),
  z.object({
    set: z.literal(true),
    lastFour: z.string().max(4),
    verifiedAt: z.iso.datetime().nullable(),
  }),
]);
export type TokenStatus = z.infer<typeof TokenStatus>;
