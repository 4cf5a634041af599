import { describe, expect, it } from 'vitest';
import { isCourierOutage } from '../../electron/core/api/errors';

describe('a courier error: outage or refusal', () => {
  it('reads the courier’s own 5xx, and its words for being down, as an outage', () => {
    for (const message of [
      'YunExpress API returned HTTP 503: Service unavailable',
      'SF Express API returned HTTP 500: Internal Server Error',
      'Yamato API returned HTTP/1.1 502 Bad Gateway',
      'Japan Post: HTTP status 504',
      'Service Temporarily Unavailable',
      'upstream gateway timeout',
    ]) {
      expect(isCourierOutage(message), message).toBe(true);
    }
  });

  it('reads everything else as a refusal of the shipment, which says what to fix', () => {
    for (const message of [
      'YunExpress API returned HTTP 400: Invalid postal code 00000',
      'YunExpress API returned HTTP 400: Bad request',
      'Weight 5000 g is over the limit',
      'HTTP 5000: not a status',
      'Address line 503 Main Street is too long',
      'no reason given',
    ]) {
      expect(isCourierOutage(message), message).toBe(false);
    }
  });
});
