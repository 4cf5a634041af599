// Raw HTTP helpers for the simulator's own tests: deliberately NOT the app's API client, so a
// client bug cannot hide a simulator bug (or the reverse).

export const TOKEN_A = 'token-a-3f9d';
export const TOKEN_B = 'token-b-71c2';
export const ACCOUNT_A = '0d6f7a3e-5b1c-4c8e-9a2d-6e4f1b3c5a7d';
export const ACCOUNT_A2 = '4a2b9c8d-7e6f-4a5b-8c9d-0e1f2a3b4c5d';
export const ACCOUNT_B = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';

export const TWO_TOKENS = [
  { token: TOKEN_A, accounts: [ACCOUNT_A, ACCOUNT_A2] },
  { token: TOKEN_B, accounts: [ACCOUNT_B] },
];

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Json = Record<string, unknown>;

/** Response and mutated request bodies are probed field by field in tests, so they are untyped on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
export type AnyJson = any;

let keyCounter = 0;
/** A fresh idempotency key per call, so tests never collide by accident. */
export const freshKey = (prefix = 'key') => `${prefix}-${process.pid}-${++keyCounter}-${Math.random().toString(36).slice(2, 8)}`;

/** A valid POST /labels body in the shape of the vendor's quickstart (YunExpress, one parcel). */
export function validBody(
  overrides: {
    key?: string;
    firstName?: string;
    postalCode?: string;
    courier?: string;
    productCode?: string;
    orderNumber?: string | null;
    format?: 'PDF' | 'PNG';
    account?: string;
  } = {},
): Json {
  const body: Json = {
    idempotencyKey: overrides.key ?? freshKey(),
    courier: overrides.courier ?? 'yunexpress',
    service: {
      productCode: overrides.productCode ?? 'JPTHZXR',
      ...(overrides.account ? { shipperAccountId: overrides.account } : {}),
    },
    shipment: {
      shipFrom: {
        contact: { firstName: 'Aiko', lastName: 'Sato', phone: '+81-90-1234-5678' },
        address: { streetLines: ['1-1 Marunouchi'], city: 'Chiyoda-ku', state: 'Tokyo', postalCode: '100-0001', countryCode: 'JP' },
      },
      shipTo: {
        contact: { firstName: overrides.firstName ?? 'Jane', lastName: 'Doe', phone: '8554377467', email: 'jane@example.com' },
        address: {
          streetLines: ['123 Main Street'],
          city: 'Los Angeles',
          state: 'CA',
          postalCode: overrides.postalCode ?? '90210',
          countryCode: 'US',
        },
      },
      parcels: [
        {
          weight: 1.2,
          dimension: { length: 20, width: 15, height: 10 },
          items: [
            {
              descriptionEn: 'Stationery',
              descriptionLocal: '文具',
              quantity: 2,
              unitPrice: { amount: 9.5, currency: 'USD' },
              unitWeight: 0.5,
            },
          ],
        },
      ],
    },
    label: { format: overrides.format ?? 'PDF' },
    units: { weight: 'KG', dimension: 'CM' },
  };
  if (overrides.orderNumber !== null) {
    body.order = { customerOrderNumber: overrides.orderNumber ?? `N-${freshKey('order')}` };
  }
  return body;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body, or undefined when it is not JSON. */
  json: AnyJson;
}

/** One HTTP call with an optional bearer token; `body` objects are JSON-encoded, strings sent as is. */
export async function call(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  }
  const res = await fetch(`${base}${path}`, { method, headers, body, signal: opts.signal });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export const createLabel = (base: string, token: string, body: unknown) => call(base, 'POST', '/labels', { token, body });
