import { z } from 'zod';

/**
 * What an API token may consist of: printable ASCII without spaces (0x21–0x7E), which an HTTP
 * Authorization header carries unchanged. The one rule for both ends: token:set refuses
 * anything else before storing it (electron/core/token-vault.ts), and the API client checks a
 * stored token again before sending it (electron/core/api/client.ts).
 */
export const TOKEN_CHARACTERS = /^[\x21-\x7e]+$/;

export const isWellFormedToken = (token: string): boolean => TOKEN_CHARACTERS.test(token);

/** All the renderer may ever learn about a token: whether one is set, and its last four characters. */
export const TokenStatus = z.discriminatedUnion('set', [
  z.object({ set: z.literal(false) }),
  z.object({
    set: z.literal(true),
    lastFour: z.string().max(4),
    verifiedAt: z.iso.datetime().nullable(),
    /** When the API last answered 401 to this token (null: not refused since it was saved or last accepted). */
    refusedAt: z.iso.datetime().nullable().default(null),
  }),
]);
export type TokenStatus = z.infer<typeof TokenStatus>;
