import { neverSent, readBodyCapped, type FetchLike, type FetchResponse } from './http-fetch';

/** The outcome of one HTTP exchange, before any API meaning is attached. */
export type AttemptOutcome =
  | { kind: 'response'; status: number; headers: FetchResponse['headers']; text: string }
  | { kind: 'redirect'; status: number }
  /** The body passed `maxResponseBytes` (counted after decompression); reading stopped there. */
  | { kind: 'too_large'; status: number; maxBytes: number }
  /** `sent: false`: the request provably never reached the server (no connection was made). */
  | { kind: 'network'; detail: string; sent: boolean }
  | { kind: 'timeout'; phase: 'headers' | 'body' };

export interface AttemptRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface AttemptLimits {
  /** Limit until the response status and headers arrive (connection, TLS and server work). */
  connectTimeoutMs: number;
  /** Limit for the whole exchange, including reading the body. */
  responseTimeoutMs: number;
  /** Largest body read, in bytes after any content coding is undone (a gzip bomb is stopped here). */
  maxResponseBytes: number;
}

class AttemptTimeout extends Error {
  constructor(readonly phase: 'headers' | 'body') {
    super(`timed out waiting for ${phase}`);
  }
}

/**
 * Sends one request with `fetchFn` (node:http by default, see http-fetch.ts) and never throws. Redirects are not followed
 * (`redirect: 'manual'`), so credentials can never be replayed to another origin. The body is
 * read chunk by chunk and dropped (stream destroyed, connection closed) once it passes
 * `maxResponseBytes`, so memory stays near the cap whatever the server sends.
 */
export async function sendAttempt(fetchFn: FetchLike, request: AttemptRequest, limits: AttemptLimits): Promise<AttemptOutcome> {
  const controller = new AbortController();
  let phase: 'headers' | 'body' = 'headers';
  const headersTimer = setTimeout(() => controller.abort(new AttemptTimeout('headers')), limits.connectTimeoutMs);
  const totalTimer = setTimeout(() => controller.abort(new AttemptTimeout(phase)), limits.responseTimeoutMs);
  try {
    const response = await fetchFn(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal: controller.signal,
    });
    clearTimeout(headersTimer);
    phase = 'body';
    // 'opaqueredirect' is what a browser-style fetch reports for a manual redirect.
    if ((response.status >= 300 && response.status < 400) || response.type === 'opaqueredirect') {
      await response.body?.cancel().catch(() => undefined);
      return { kind: 'redirect', status: response.status };
    }
    const text = await readCapped(response, limits.maxResponseBytes);
    if (text === TOO_LARGE) return { kind: 'too_large', status: response.status, maxBytes: limits.maxResponseBytes };
    return { kind: 'response', status: response.status, headers: response.headers, text };
  } catch (err) {
    const reason: unknown = controller.signal.aborted ? controller.signal.reason : err;
    if (reason instanceof AttemptTimeout) return { kind: 'timeout', phase: reason.phase };
    return { kind: 'network', detail: describeNetworkError(err), sent: !neverSent(err) };
  } finally {
    clearTimeout(headersTimer);
    clearTimeout(totalTimer);
  }
}

const TOO_LARGE = Symbol('response body over the cap');

/**
 * The body as text, or TOO_LARGE past `maxBytes` decoded bytes (readBodyCapped). A
 * Content-Length over the cap on an uncoded body is refused before reading anything.
 */
async function readCapped(response: FetchResponse, maxBytes: number): Promise<string | typeof TOO_LARGE> {
  const declared = response.headers.get('content-encoding') ? null : response.headers.get('content-length');
  if (response.body && declared !== null && /^\s*\d+\s*$/.test(declared) && Number(declared) > maxBytes) {
    await response.body.cancel().catch(() => undefined);
    return TOO_LARGE;
  }
  const bytes = await readBodyCapped(response, maxBytes);
  return bytes === null ? TOO_LARGE : bytes.toString('utf8');
}

/** A short technical description for the log (e.g. `ECONNREFUSED`); never shown to operators. */
export function describeNetworkError(err: unknown): string {
  if (err instanceof Error) {
    // node:http puts the code on the error itself, fetch on its cause.
    const cause = (err as { cause?: unknown }).cause;
    const own = (err as { code?: unknown }).code;
    const code = typeof own === 'string' ? own : cause && typeof cause === 'object' ? (cause as { code?: unknown }).code : undefined;
    return typeof code === 'string' ? code : `${err.name}: ${err.message}`;
  }
  return String(err);
}
