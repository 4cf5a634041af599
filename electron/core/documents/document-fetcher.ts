import type { EnvironmentId } from '../../../shared/domain/environment';
import { httpFetch, readBodyCapped, type FetchLike, type FetchResponse } from '../api/http-fetch';
import { describeNetworkError } from '../api/transport';
import { StationError } from '../errors';
import { t } from '../i18n';
import type { Logger } from '../logger';
import { refused, type DocumentUrlPolicy } from './document-url-policy';

/**
 * Downloads label documents from the courier-hosted URL the API returns (docs/api-contract.md §5). The
 * document host is not the API: this module never sees the API token, sends no credentials of
 * any kind, and treats the host as untrusted (the address policy on every hop, connecting to
 * the address the policy checked, a size cap counted after decompression, and a check that
 * the bytes really are a PDF or PNG).
 */

export type LabelDocumentFormat = 'pdf' | 'png';

export interface DocumentFetcherOptions {
  /** Which addresses a label's document may come from (document-url-policy.ts). */
  policy: DocumentUrlPolicy;
  /** Largest accepted document in bytes, after decompression. Default 10 MiB. */
  maxBytes?: number;
  /** Limit for the whole download, redirects and body included. Default 30 s. */
  timeoutMs?: number;
  /** Default: {@link httpFetch} (node:http). Tests pass the global fetch or a stub of it. */
  fetch?: FetchLike;
  logger: Logger;
}

export interface DownloadedDocument {
  bytes: Uint8Array;
  format: LabelDocumentFormat;
}

export interface DocumentFetcher {
  /**
   * Downloads one document of a label created in `environment` (the label's, not the active
   * one: that decides which addresses are allowed); throws a StationError with a `document_*`
   * code on any failure.
   */
  download(url: string, environment: EnvironmentId): Promise<DownloadedDocument>;
}

export const DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const DEFAULT_DOCUMENT_TIMEOUT_MS = 30_000;
/** Redirects followed per download; one more is refused. */
export const MAX_DOCUMENT_REDIRECTS = 3;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Marks the abort caused by our own deadline, so it is told apart from a network failure. */
const TIMED_OUT = Symbol('document download timed out');

/** Creates the downloader. It is given no token and no cookie store on purpose. */
export function createDocumentFetcher(options: DocumentFetcherOptions): DocumentFetcher {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const timeoutMs = options.timeoutMs ?? DEFAULT_DOCUMENT_TIMEOUT_MS;
  const fetchFn = options.fetch ?? httpFetch;
  const { logger, policy } = options;
  if (!(Number.isSafeInteger(maxBytes) && maxBytes > 0)) throw new RangeError('maxBytes must be a positive whole number');
  if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be positive');

  async function download(url: string, environment: EnvironmentId): Promise<DownloadedDocument> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(TIMED_OUT), timeoutMs);
    let current: URL | undefined;
    try {
      let redirects = 0;
      current = parseUrl(url);
      let connectTo = await untilAborted(policy.vet(current, environment), controller.signal);
      for (;;) {
        const response = await fetchFn(current, {
          method: 'GET',
          // Built here and nowhere else: no Authorization, no Cookie, whatever the caller has.
          headers: { accept: 'application/pdf, image/png;q=0.9, */*;q=0.1' },
          redirect: 'manual',
          credentials: 'omit',
          signal: controller.signal,
          // The address the policy checked, not whatever the name resolves to a moment later.
          ...(connectTo ? { connectTo } : {}),
        });

        if (REDIRECT_STATUSES.has(response.status) || response.type === 'opaqueredirect') {
          await discard(response);
          const location = response.headers.get('location');
          if (response.type === 'opaqueredirect' || !location) {
            throw downloadFailed(t('labels:document.reason.redirectWithoutTarget'));
          }
          if (redirects >= MAX_DOCUMENT_REDIRECTS) {
            throw downloadFailed(t('labels:document.reason.tooManyRedirects', { max: MAX_DOCUMENT_REDIRECTS }));
          }
          redirects++;
          // Each hop gets the same scrutiny as the first address (no https → http downgrade).
          current = parseUrl(location, current);
          connectTo = await untilAborted(policy.vet(current, environment), controller.signal);
          continue;
        }

        if (response.status !== 200) {
          await discard(response);
          throw downloadFailed(t('labels:document.reason.http', { status: response.status }));
        }

        const declared = parseContentLength(response.headers.get('content-length'));
        if (declared !== undefined && declared > maxBytes) {
          await discard(response);
          throw tooLarge(maxBytes);
        }
        const bytes = await readBodyCapped(response, maxBytes);
        if (bytes === null) throw tooLarge(maxBytes);
        const format = detectLabelFormat(bytes);
        if (!format) {
          throw new StationError('document_not_a_label', t('labels:document.notALabel'));
        }
        logger.info('document.downloaded', { ...where(current), redirects, bytes: bytes.byteLength, format });
        return { bytes, format };
      }
    } catch (err) {
      const error = toStationError(err, controller.signal, timeoutMs);
      logger.warn('document.failed', {
        ...(current ? where(current) : {}),
        code: error.code,
        message: error.message,
        detail: technicalDetail(err),
      });
      throw error;
    } finally {
      clearTimeout(timer);
      // Frees the socket of any response that is still being read after a failure.
      if (!controller.signal.aborted) controller.abort();
    }
  }

  return { download };
}

/**
 * Parses an address (relative to the current one for a redirect) and refuses a user name or
 * password in it; scheme and host are the policy's. The URL parser normalises numeric host
 * forms (`127.1`, `2130706433`, `[0:0::1]`), so the policy's checks cannot be dodged by spelling.
 */
function parseUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw refused(t('labels:document.reason.notAnAddress'));
  }
  if (url.username || url.password) throw refused(t('labels:document.reason.credentials'));
  return url;
}

/** `promise`, or the abort (our deadline) if that comes first: a slow DNS answer is covered by the timeout too. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** PDF or PNG by the file's first bytes; headers and extensions are the sender's claims, not facts. */
export function detectLabelFormat(bytes: Uint8Array): LabelDocumentFormat | null {
  const startsWith = (magic: number[]) => bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
  if (startsWith(PDF_MAGIC)) return 'pdf';
  if (startsWith(PNG_MAGIC)) return 'png';
  return null;
}

function parseContentLength(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

async function discard(response: FetchResponse): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

function tooLarge(maxBytes: number): StationError {
  const size =
    maxBytes >= 1024 * 1024
      ? t('labels:document.megabytes', { n: Math.round((maxBytes / (1024 * 1024)) * 10) / 10 })
      : t('labels:document.bytes', { n: maxBytes });
  return new StationError('document_too_large', t('labels:document.tooLarge', { size }));
}

/** `reason`: a clause in the operator's language (`labels:document.reason.*`). */
function downloadFailed(reason: string): StationError {
  return new StationError('document_download_failed', t('labels:document.downloadFailed', { reason }));
}

function toStationError(err: unknown, signal: AbortSignal, timeoutMs: number): StationError {
  if (err instanceof StationError) return err;
  if (signal.aborted && signal.reason === TIMED_OUT) {
    const seconds = Math.max(1, Math.round(timeoutMs / 1000));
    return new StationError('document_timeout', t('labels:document.timeout', { count: seconds }));
  }
  return downloadFailed(t('labels:document.reason.unreachable'));
}

/** Host and path for the log; the query is left out because signed CDN links keep secrets there. */
function where(url: URL): Record<string, string> {
  return { host: url.host, path: url.pathname };
}

/** A short technical description for the log (e.g. `ECONNREFUSED`); never shown to operators. */
function technicalDetail(err: unknown): string {
  return err instanceof StationError ? err.code : describeNetworkError(err);
}
