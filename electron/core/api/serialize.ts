import { CreateLabelRequest } from '../../../shared/flexforward/schemas';
import { issuesToFields } from '../../../shared/ipc/result';
import { apiError, type ApiError } from './errors';
import { t, translateStationMessage } from '../i18n';

/** A validated create-label body exactly as it goes on the wire (and into the outbox). */
export interface SerializedCreateLabel {
  idempotencyKey: string;
  /** UTF-8 JSON text; retries resend these exact bytes. */
  body: string;
}

export type SerializeResult = { ok: true; value: SerializedCreateLabel } | { ok: false; error: ApiError };

/**
 * The one function that turns a label request into request bytes, for the real API and the
 * simulator alike. Validates strictly, then writes canonical JSON (keys sorted at every
 * level, no whitespace), so the same request always yields the same bytes however the
 * object was built.
 */
export function serializeCreateLabel(request: unknown): SerializeResult {
  const parsed = CreateLabelRequest.safeParse(request);
  if (!parsed.success) return { ok: false, error: requestInvalid(parsed.error.issues) };
  return { ok: true, value: { idempotencyKey: parsed.data.idempotencyKey, body: canonicalJson(parsed.data) } };
}

/**
 * Checks stored bytes (from the outbox) before they are resent: they must still be a valid
 * request for the same key. The bytes themselves are sent unchanged.
 */
export function checkSerializedCreateLabel(serialized: SerializedCreateLabel): ApiError | undefined {
  let json: unknown;
  try {
    json = JSON.parse(serialized.body);
  } catch {
    return apiError('validation', t('errors:api.storedNotJson'));
  }
  const parsed = CreateLabelRequest.safeParse(json);
  if (!parsed.success) return requestInvalid(parsed.error.issues);
  if (parsed.data.idempotencyKey !== serialized.idempotencyKey) {
    return apiError('validation', t('errors:api.storedKeyMismatch'));
  }
  return undefined;
}

/** JSON with object keys sorted (code-unit order) at every depth. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const key of Object.keys(v).sort()) sorted[key] = (v as Record<string, unknown>)[key];
      return sorted;
    }
    return v;
  });
}

function requestInvalid(issues: Parameters<typeof issuesToFields>[0]): ApiError {
  const fields = issuesToFields(issues);
  const count = Object.keys(fields).length;
  // The schema's messages are the API's English (shared/flexforward/schema-messages.ts): the operator reads them in their language.
  const translated = Object.fromEntries(Object.entries(fields).map(([path, message]) => [path, translateStationMessage(message)]));
  return apiError('validation', t('errors:api.requestIncomplete', { count }), { fields: translated });
}
