import { createHash, randomUUID } from 'node:crypto';

const MAX_KEY = 100;

/**
 * The idempotencyKey for a label request (docs/api-contract.md §7: order ID, order ID + sequence, or UUID).
 * The first label of an order uses the order number itself, so re-sending the same order —
 * from this station, a re-import, or after a crash — can never buy a second label; an
 * explicit "create another label" gets `ORDER#2`, `ORDER#3`, … Without an order number the
 * key is a UUID. Keys stay within the API's 100 characters.
 */
export function idempotencyKeyFor(orderNumber: string | null, sequence = 1): string {
  if (!orderNumber) return randomUUID();
  const suffix = sequence > 1 ? `#${sequence}` : '';
  const key = `${orderNumber}${suffix}`;
  if (key.length <= MAX_KEY) return key;
  // A very long order number: keep a readable head and make the rest a stable hash.
  const hash = createHash('sha256').update(orderNumber).digest('hex').slice(0, 32);
  return `${orderNumber.slice(0, MAX_KEY - 33 - suffix.length)}~${hash}${suffix}`;
}
