import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';

/**
 * The part of `fetch` the API client and the document fetcher use, so either the global
 * `fetch` (tests inject stubs of it) or {@link httpFetch} can serve them.
 */
export type FetchLike = (url: URL, init: FetchInit) => Promise<FetchResponse>;

export interface FetchInit {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Redirects are never followed: {@link httpFetch} always behaves as `manual`. */
  redirect?: 'manual';
  /** No cookie store exists here: {@link httpFetch} always behaves as `omit`. */
  credentials?: 'omit';
  signal?: AbortSignal;
  /**
   * Connect to this IP address instead of resolving the URL's host name (the Host header, SNI
   * and the TLS certificate check still use the name). The document fetcher passes the address
   * it vetted, so a DNS answer that changes after the check cannot move the connection. Only
   * {@link httpFetch} honours it.
   */
  connectTo?: ResolvedAddress;
}

/** One address a host name resolved to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export interface FetchResponseReader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}

export interface FetchResponse {
  readonly status: number;
  /** `opaqueredirect` only from a browser-style fetch; {@link httpFetch} says `basic`. */
  readonly type: string;
  readonly headers: { get(name: string): string | null };
  readonly body: { getReader(): FetchResponseReader; cancel(reason?: unknown): Promise<void> } | null;
  text(): Promise<string>;
}

// Kept-alive connections, as fetch keeps them: an idle one is closed after 4 s (fetch's default)
// or sooner when the server's Keep-Alive hint says so, so a request is not written to a socket
// the server or a middlebox has meanwhile dropped. The agent's timeout only notifies a request
// in progress (Node does not end it); the caller's signal is what limits a request.
const KEEP_ALIVE = { keepAlive: true, timeout: 4_000 };
const httpAgent = new HttpAgent(KEEP_ALIVE);
const httpsAgent = new HttpsAgent(KEEP_ALIVE);
// Connections made to a pinned address (`connectTo`) have their own pools: an agent reuses a
// socket by host name and port, so a socket the API client opened through ordinary DNS must
// never serve a pinned request, nor the other way round.
const pinnedHttpAgent = new HttpAgent(KEEP_ALIVE);
const pinnedHttpsAgent = new HttpsAgent(KEEP_ALIVE);

/**
 * A lean `fetch` over node:http(s) for the main process. The global `fetch` (undici) registers
 * every Response (and every Request given a signal) with a FinalizationRegistry through a
 * WeakRef, which keeps each exchange's objects (streams, headers, buffers: ~12 KB) alive through
 * young-generation GCs until the next full GC. Over a batch that survival made V8 grow its young
 * generation to its maximum (128 MB in plain Node) and the old space with it (bench/batch, 2,000
 * orders at 1,000 requests per second: rss +176 MB with fetch, about +50 MB with this).
 * On the wire it matches fetch for our requests: `user-agent: node` and `accept-encoding: gzip,
 * deflate` (decoded here) are added as fetch adds them (not its browser-only `accept-language`
 * and `sec-fetch-mode`); redirects are never followed; there are no cookies; TLS has Node's
 * defaults (its CA store), as undici has; `signal` aborts the request or the body being read.
 */
export const httpFetch: FetchLike = (url, init) =>
  new Promise<FetchResponse>((resolve, reject) => {
    const { signal } = init;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') {
      reject(new TypeError(`fetch: unsupported protocol ${url.protocol}`));
      return;
    }
    const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
    const headers: Record<string, string> = { 'user-agent': 'node', 'accept-encoding': 'gzip, deflate', ...lowerCased(init.headers) };
    if (body) headers['content-length'] = String(body.byteLength);

    let response: IncomingMessage | undefined;
    let settled = false;
    const onAbort = () => {
      const reason: unknown = signal?.reason;
      const error = reason instanceof Error ? reason : new DOMException('This operation was aborted', 'AbortError');
      request.destroy(error);
      response?.destroy(error);
      if (!settled) {
        settled = true;
        reject(reason);
      }
    };
    const release = () => signal?.removeEventListener('abort', onAbort);

    const { connectTo } = init;
    const agent = connectTo ? (secure ? pinnedHttpsAgent : pinnedHttpAgent) : secure ? httpsAgent : httpAgent;
    const request = (secure ? httpsRequest : httpRequest)(url, {
      method: init.method ?? 'GET',
      headers,
      agent,
      ...(connectTo ? { lookup: pinnedLookup(connectTo) } : {}),
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    // Whether the connection (and its TLS handshake) was made: until then not a byte of the
    // request can have reached the server. A kept-alive socket is connected already.
    let connected = false;
    request.on('socket', (socket) => {
      if (!socket.connecting && (!secure || (socket as { encrypted?: boolean }).encrypted)) connected = true;
      else socket.once(secure ? 'secureConnect' : 'connect', () => (connected = true));
    });
    // 'error' may fire more than once (request, then socket); only the first one settles.
    request.on('error', (err) => {
      release();
      if (!settled) {
        settled = true;
        if (!connected) markNotSent(err);
        reject(err);
      }
    });
    request.on('response', (res) => {
      response = res;
      settled = true;
      res.once('close', release);
      resolve(nodeResponse(res));
    });
    request.end(body);
  });

/** A `lookup` for node:net that answers every query with `target` (both callback shapes net uses). */
function pinnedLookup(target: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
}

const NOT_SENT = Symbol('request never reached the server');

/** The error came before a connection to the server existed: connection refused, DNS, no route, TLS. */
function markNotSent(error: Error): void {
  (error as Error & { [NOT_SENT]?: true })[NOT_SENT] = true;
}

/**
 * True when a failed request provably never reached the server: it failed before the
 * connection (and its TLS handshake) was made. Such a failure is definite ("nothing was
 * sent"); any later one may have delivered the request.
 */
export function neverSent(error: unknown): boolean {
  return error instanceof Error && (error as Error & { [NOT_SENT]?: true })[NOT_SENT] === true;
}

function lowerCased(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

function nodeResponse(res: IncomingMessage): FetchResponse {
  const headers = {
    get(name: string): string | null {
      const value = res.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
  const status = res.statusCode ?? 0;
  // A body-less answer ends at once; anything else is read (or cancelled) by the caller.
  const decoded = decode(res);
  const iterator = decoded[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let used = false;
  const cancel = async () => {
    decoded.destroy();
    res.destroy();
  };
  const getReader = (): FetchResponseReader => {
    if (used) throw new TypeError('fetch: the response body was already read');
    used = true;
    return {
      async read() {
        const next = await iterator.next();
        return next.done ? { done: true } : { done: false, value: next.value };
      },
      cancel,
    };
  };
  return {
    status,
    type: 'basic',
    headers,
    body: { getReader, cancel },
    async text() {
      const reader = getReader();
      const chunks: Uint8Array[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done || !value) break;
        chunks.push(value);
      }
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** Undoes a content coding the server applied (we offer gzip and deflate, as fetch does). */
function decode(res: IncomingMessage): NodeJS.ReadableStream & { destroy(error?: Error): void } {
  const coding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const decoder =
    coding === 'gzip' || coding === 'x-gzip'
      ? createGunzip()
      : coding === 'deflate'
        ? createInflate()
        : coding === 'br'
          ? createBrotliDecompress()
          : null;
  if (!decoder) return res;
  res.on('error', (err) => decoder.destroy(err));
  // A failure surfaces through the reader (the stream is errored); this listener only keeps an
  // error before anyone reads from being thrown at the process.
  decoder.on('error', () => undefined);
  return res.pipe(decoder);
}

/**
 * Reads a response body, giving up as soon as more than `maxBytes` have arrived: null then.
 * The bytes counted are the decoded ones (the reader yields what the decoder produced), so a
 * compressed flood is stopped at the cap too; cancelling destroys the decoder and the socket,
 * so nothing more is inflated or received. A missing or lying Content-Length cannot get past it.
 */
export async function readBodyCapped(response: FetchResponse, maxBytes: number): Promise<Buffer | null> {
  if (!response.body) return Buffer.alloc(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done || !value) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
