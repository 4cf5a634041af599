import { t } from '../i18n';
import type { LabelResult } from '../../../shared/flexforward/schemas';

/**
 * Stable error codes of the API client; the UI and the label service switch on these. Each is
 * in shared/ipc/error-codes.ts too, since operator-errors.ts passes them on as StationError codes.
 */
export type ApiErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'validation'
  | 'not_found'
  | 'method_not_allowed'
  | 'courier_rejected'
  | 'courier_unavailable'
  | 'network'
  | 'timeout'
  | 'server'
  | 'bad_response'
  | 'rate_limited'
  | 'no_token';

/** Why the courier refused a label, taken from the stored failed `LabelResult`. */
export interface CourierRejection {
  /** Courier code, e.g. `yunexpress`. */
  courier: string;
  /** Error code from the API, e.g. `COURIER_ERROR`. */
  code: string;
  /** The courier's own text. */
  message: string;
}

/**
 * An API failure as a value. `message` is a sentence an operator understands and never
 * contains the token; `retryable` says whether trying again later may help.
 */
export interface ApiError {
  code: ApiErrorCode;
  message: string;
  /** HTTP status when the server answered. */
  status?: number;
  /** Per-field messages keyed by `shipment.parcels[0].weight` style paths (code `validation`). */
  fields?: Record<string, string>;
  retryable: boolean;
  /**
   * createLabel only: true when a label may or may not exist for this idempotency key
   * (an attempt ended without a definite answer). Resolve it by resending the same body.
   */
  inDoubt?: boolean;
  /** Set for `courier_rejected` and `courier_unavailable`. */
  courier?: CourierRejection;
  /** The failed label the API stored, for `courier_rejected` and `courier_unavailable`. */
  label?: LabelResult;
  /** Server-requested wait (Retry-After) when it was longer than the client will wait. */
  retryAfterMs?: number;
  /** `network` only: the request provably never reached the server (answered at once, never retried). */
  notSent?: boolean;
  /** With `notSent`: why no connection could be made ("the connection was refused"). */
  reason?: string;
}

/**
 * Whether the courier's own error text (a failed `LabelResult`'s `error.message`, e.g.
 * "YunExpress API returned HTTP 503: Service unavailable", docs/api-contract.md §4.2) says the
 * courier's side was down rather than that it refused the shipment: an HTTP 5xx from the
 * courier, or its words for being unavailable or too slow. Such a failure is not the
 * shipment's fault, so the operator is told to try again later, not to fix it.
 */
export function isCourierOutage(courierMessage: string): boolean {
  return /\bHTTP(?:\/\d(?:\.\d)?)?\s*(?:status\s*)?5\d\d\b/i.test(courierMessage) || COURIER_OUTAGE_WORDS.test(courierMessage);
}
const COURIER_OUTAGE_WORDS =
  /\b(service (?:temporarily )?unavailable|bad gateway|gateway time-?out|temporarily unavailable|under maintenance)\b/i;

/** Codes whose outcome is unknown or transient: retried with backoff. */
const RETRYABLE: ReadonlySet<ApiErrorCode> = new Set(['network', 'timeout', 'server', 'rate_limited']);

export function apiError(code: ApiErrorCode, message: string, extra: Omit<ApiError, 'code' | 'message' | 'retryable'> = {}): ApiError {
  return { code, message, retryable: RETRYABLE.has(code), ...extra };
}

export const noTokenError = () => apiError('no_token', t('errors:api.noToken'));

export const networkError = () => apiError('network', t('errors:api.network'));

/** No connection could be made (refused, DNS, no route, TLS): nothing was sent, so nothing was created. */
export const notSentError = (detail: string) => apiError('network', t('errors:api.notSent', { detail }), { notSent: true, reason: detail });

export const timeoutError = () => apiError('timeout', t('errors:api.timeout'));

export const badResponseError = (status?: number) =>
  apiError('bad_response', t('errors:api.badResponse'), status === undefined ? {} : { status });

/** The answer passed the response size cap: definite (never retried), as a garbled answer is. */
export const tooLargeError = (status: number, maxBytes: number) =>
  apiError('bad_response', t('errors:api.tooLarge', { size: formatBytes(maxBytes) }), { status });

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}

export const redirectError = (status: number) => apiError('bad_response', t('errors:api.redirect'), { status });

/** What a 404 means depends on the call, so each operation names it. */
export interface StatusMessages {
  notFound: string;
}

/**
 * Maps a non-2xx HTTP status (and its parsed body, if any) to an ApiError.
 * Validation details come from the 400 body's `details[]`.
 */
export function errorForStatus(status: number, body: unknown, messages: StatusMessages, retryAfterMs?: number): ApiError {
  const extra = { status };
  switch (status) {
    case 400:
      return validationError(body, status);
    case 401:
      return apiError('unauthorized', t('errors:api.unauthorized'), extra);
    case 403:
      return apiError('forbidden', t('errors:api.forbidden'), extra);
    case 404:
      return apiError('not_found', messages.notFound, extra);
    case 405:
      return apiError('method_not_allowed', t('errors:api.methodNotAllowed'), extra);
    case 429:
      return apiError('rate_limited', t('errors:api.rateLimited'), retryAfterMs === undefined ? extra : { ...extra, retryAfterMs });
    default:
      if (status >= 500) return apiError('server', t('errors:api.server'), extra);
      // 409, 422, 413 … are not in the contract (docs/api-contract.md §8): do not guess their meaning.
      return apiError('bad_response', t('errors:api.unexpectedStatus', { status }), extra);
  }
}

function validationError(body: unknown, status: number): ApiError {
  const fields: Record<string, string> = {};
  const details = body && typeof body === 'object' ? (body as { details?: unknown }).details : undefined;
  if (Array.isArray(details)) {
    for (const detail of details) {
      if (!detail || typeof detail !== 'object') continue;
      const { field, message } = detail as { field?: unknown; message?: unknown };
      if (typeof message !== 'string') continue;
      const key = typeof field === 'string' && field ? field : '(input)';
      fields[key] ??= message;
    }
  }
  const count = Object.keys(fields).length;
  const message = count === 0 ? t('errors:api.invalid') : t('errors:api.invalidFields', { count });
  return apiError('validation', message, count ? { status, fields } : { status });
}
