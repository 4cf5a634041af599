import { randomInt } from 'node:crypto';

/**
 * Plausible courier order and tracking numbers. Random (not seeded): Demo mode restarts the
 * simulator with the same seed, and the app's history must never see a number twice.
 */

const digits = (n: number): string => Array.from({ length: n }, () => String(randomInt(10))).join('');

/** UPU S10 check digit (weights 8 6 4 2 3 5 9 7), as on Japan Post EMS/ePacket numbers. */
export function s10CheckDigit(serial: string): number {
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  const sum = [...serial].reduce((acc, d, i) => acc + Number(d) * (weights[i] ?? 0), 0);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

function yymmdd(time: number): string {
  const d = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCFullYear() % 100)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
}

export interface CourierNumbers {
  courierOrderNumber: string;
  courierTrackingNumber: string;
}

/** Numbers in the style of each courier; unknown couriers get a generic `FF…` number. */
export function courierNumbers(courier: string, time: number): CourierNumbers {
  switch (courier) {
    case 'yunexpress':
      // YunExpress waybills: YT + 16 digits.
      return { courierOrderNumber: `YE${yymmdd(time)}${digits(8)}`, courierTrackingNumber: `YT${digits(16)}` };
    case 'sfexpress':
      return { courierOrderNumber: `SFO${digits(12)}`, courierTrackingNumber: `SF${digits(13)}` };
    case 'yamato': {
      // Yamato: 12 digits, the last is the first eleven mod 7.
      const body = digits(11);
      return { courierOrderNumber: `YMT-${digits(10)}`, courierTrackingNumber: `${body}${Number(BigInt(body) % 7n)}` };
    }
    case 'japanpost': {
      const serial = digits(8);
      return { courierOrderNumber: `JP${yymmdd(time)}${digits(6)}`, courierTrackingNumber: `EJ${serial}${s10CheckDigit(serial)}JP` };
    }
    default:
      return { courierOrderNumber: `FFO${digits(12)}`, courierTrackingNumber: `FF${digits(14)}` };
  }
}

/** customerOrderNumber generated when the request has none: `FF-YYYYMMDD-XXXXXX`. */
export function generateCustomerOrderNumber(time: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const suffix = Array.from({ length: 6 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `FF-20${yymmdd(time)}-${suffix}`;
}
