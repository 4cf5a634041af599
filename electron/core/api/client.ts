import { t } from '../i18n';
import { z } from 'zod';
import {
  CourierList,
  LabelDocument,
  LabelDocumentBatch,
  LabelResult,
  ProductList,
  TrackingResponse,
  type CreateLabelRequest,
} from '../../../shared/flexforward/schemas';
import { isWellFormedToken } from '../../../shared/domain/token';
import { redactString, silentLogger, type Logger } from '../logger';
import { buildRequestUrl, parseBaseUrl, pathSegment } from './base-url';
import {
  apiError,
  badResponseError,
  errorForStatus,
  isCourierOutage,
  networkError,
  notSentError,
  noTokenError,
  redirectError,
  timeoutError,
  tooLargeError,
  type ApiError,
  type StatusMessages,
} from './errors';
import { createRateLimiter } from './rate-limiter';
import { backoffDelay, DEFAULT_RETRY_DELAYS_MS, parseRetryAfter } from './retry';
import { checkSerializedCreateLabel, serializeCreateLabel, type SerializedCreateLabel } from './serialize';
import { httpFetch, type FetchLike } from './http-fetch';
import { sendAttempt, type AttemptOutcome } from './transport';

export interface ApiClientOptions {
  /** API base URL, e.g. `https://api.flexforwardship.com` or the simulator's `http://127.0.0.1:port`. */
  baseUrl: string;
  /** Reads the token for this environment; null means none is set. */
  getToken: () => Promise<string | null>;
  /** Requests per second per token (documented guideline: 10). */
  rateLimitPerSecond?: number;
  /** Limit until response headers arrive. Default 30 s. */
  connectTimeoutMs?: number;
  /** Limit for a whole attempt including the body. Default 60 s. */
  responseTimeoutMs?: number;
  /**
   * Largest response body read, in bytes after decompression. Default
   * {@link DEFAULT_MAX_RESPONSE_BYTES}; a larger answer is a `bad_response`, never retried.
   */
  maxResponseBytes?: number;
  logger?: Logger;
  /** Waits between attempts for unknown outcomes; jitter is added. Default 1, 2, 4, 8 s. */
  retryDelaysMs?: readonly number[];
  /** A Retry-After longer than this is not waited for; the error is returned instead. Default 60 s. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
  /** Default: {@link httpFetch} (node:http). Tests pass the global fetch or a stub of it. */
  fetch?: FetchLike;
}

/**
 * 4 MiB. The API's answers are small JSON (a label result, a page of document URLs, tracking
 * checkpoints: kilobytes); the cap only stops a broken or hostile server from filling memory.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Success carries the HTTP status and how many attempts it took. */
export type ApiResult<T> = { ok: true; value: T; status: number; attempts: number } | { ok: false; error: ApiError; attempts: number };

/**
 * createLabel's result: `created` for 201, `replayed` for 200 (an earlier request with this
 * key already made the label). On failure `inDoubt` says whether a label may exist.
 */
export type CreateLabelResult =
  | { ok: true; value: LabelResult; status: number; created: boolean; replayed: boolean; attempts: number }
  | { ok: false; error: ApiError; inDoubt: boolean; attempts: number };

/** Label documents found for a batch, plus the identifiers the API silently dropped. */
export interface LabelDocumentsValue {
  labels: LabelDocument[];
  missing: string[];
}

export interface ProductQuery {
  courier: string;
  shipperAccountId?: string;
  locale?: string;
}

export interface ApiClient {
  /** POST /labels. Accepts a request object or stored bytes from the outbox (sent unchanged). */
  createLabel(request: CreateLabelRequest | SerializedCreateLabel): Promise<CreateLabelResult>;
  /** GET /labels/{id} for one label UUID or customer order number. */
  getLabelDocument(idOrOrderNumber: string): Promise<ApiResult<LabelDocument>>;
  /** GET /labels/{a,b,…}: documents found plus the identifiers that were not. */
  getLabelDocuments(ids: readonly string[]): Promise<ApiResult<LabelDocumentsValue>>;
  /** GET /tracking/{id}. */
  getTracking(idOrOrderNumber: string): Promise<ApiResult<TrackingResponse>>;
  /** GET /products?courier=…; normalised to an array. */
  listProducts(query: ProductQuery): Promise<ApiResult<ProductList>>;
  /** GET /couriers; normalised to an array. */
  listCouriers(): Promise<ApiResult<CourierList>>;
}

/** What one attempt decided: a final result, or a failure worth another attempt. */
/** An operation's reading of a 200 body: a value, or an error after all. */
type Mapped<T> = { value: T } | { error: ApiError };

type Step<R> = { kind: 'final'; result: R } | { kind: 'retry'; error: ApiError; retryAfterMs?: number };

interface Exchange<R> {
  operation: string;
  method: 'GET' | 'POST';
  url: URL;
  body?: string;
  decide(outcome: AttemptOutcome): Step<R>;
  /**
   * Builds the failure returned when retrying stops. Every retried outcome is one the station
   * cannot be sure about (no answer, 5xx, 429), so for createLabel this failure is in doubt.
   */
  fail(error: ApiError, attempts: number): R;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates the main-process Flex Forward API client. Throws if the base URL is unacceptable. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = parseBaseUrl(options.baseUrl);
  const logger = options.logger ?? silentLogger;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const fetchFn = options.fetch ?? httpFetch;
  const delays = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? 60_000;
  const maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!(Number.isSafeInteger(maxResponseBytes) && maxResponseBytes > 0))
    throw new RangeError('maxResponseBytes must be a positive whole number');
  const limits = {
    connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
    responseTimeoutMs: options.responseTimeoutMs ?? 60_000,
    maxResponseBytes,
  };
  const limiter = createRateLimiter({ perSecond: options.rateLimitPerSecond ?? 10, now, sleep });
  const secrets = new Set<string>();

  /** Runs attempts until one is final or the retry schedule is used up. */
  async function run<R>(exchange: Exchange<R>): Promise<R> {
    let token: string | null;
    try {
      token = await options.getToken();
    } catch (err) {
      logger.error('api.token_unreadable', { operation: exchange.operation, error: err instanceof Error ? err.message : String(err) });
      return exchange.fail(apiError('no_token', t('errors:api.tokenUnreadable')), 0);
    }
    if (!token) return exchange.fail(noTokenError(), 0);
    secrets.add(token);
    logger.addSecret(token);
    // fetch would refuse such a header with an error quoting it; say what is wrong instead.
    if (!isWellFormedToken(token)) {
      const message = t('errors:api.tokenMalformed');
      return exchange.fail(apiError('no_token', message), 0);
    }
    // The URL was built by buildRequestUrl; re-check the origin right where the header is attached.
    if (exchange.url.origin !== base.origin) throw new Error('Refusing to send the API token outside the configured API origin.');
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    if (exchange.body !== undefined) headers['content-type'] = 'application/json';
    const path = exchange.url.pathname + exchange.url.search;

    for (let attempt = 0; ; attempt++) {
      await limiter.acquire(token);
      const outcome = await sendAttempt(fetchFn, { url: exchange.url, method: exchange.method, headers, body: exchange.body }, limits);
      logger.info('api.attempt', {
        operation: exchange.operation,
        method: exchange.method,
        path,
        attempt: attempt + 1,
        ...describe(outcome, redact),
      });
      const step = exchange.decide(outcome);
      if (step.kind === 'final') return step.result;

      const attempts = attempt + 1;
      if (attempt >= delays.length) return exchange.fail(step.error, attempts);
      if (step.retryAfterMs !== undefined && step.retryAfterMs > maxRetryAfterMs) {
        return exchange.fail({ ...step.error, retryAfterMs: step.retryAfterMs }, attempts);
      }
      const wait = step.retryAfterMs ?? backoffDelay(delays, attempt, random);
      logger.warn('api.retry', { operation: exchange.operation, path, attempt: attempts, code: step.error.code, waitMs: wait });
      await sleep(wait);
    }
  }

  /** Removes every token this client has seen from text that came from outside. */
  const redact = (text: string) => redactString(text, secrets);

  /** Validation messages are the server's words: they pass through redaction too. */
  function redactFields(error: ApiError): ApiError {
    if (!error.fields) return error;
    return { ...error, fields: Object.fromEntries(Object.entries(error.fields).map(([path, message]) => [path, redact(message)])) };
  }

  /** Common handling of non-success outcomes shared by every operation. */
  function failureStep<R>(outcome: AttemptOutcome, messages: StatusMessages, finalFor: (error: ApiError) => R): Step<R> {
    switch (outcome.kind) {
      case 'network':
        // No connection was made: nothing was sent, so the answer is definite and immediate
        // (retrying a refused connection with backoff kept the operator waiting for ~18 s).
        if (!outcome.sent) return { kind: 'final', result: finalFor(notSentError(connectFailure(outcome.detail))) };
        return { kind: 'retry', error: networkError() };
      case 'timeout':
        return { kind: 'retry', error: timeoutError() };
      case 'redirect':
        return { kind: 'final', result: finalFor(redirectError(outcome.status)) };
      case 'too_large':
        // Definite: another attempt would most likely get the same flood.
        return { kind: 'final', result: finalFor(tooLargeError(outcome.status, outcome.maxBytes)) };
      case 'response': {
        const retryAfterMs =
          outcome.status === 429 || outcome.status === 503 ? parseRetryAfter(outcome.headers.get('retry-after'), now()) : undefined;
        const error = redactFields(errorForStatus(outcome.status, parseJson(outcome.text), messages, retryAfterMs));
        if (error.retryable) return retryAfterMs === undefined ? { kind: 'retry', error } : { kind: 'retry', error, retryAfterMs };
        return { kind: 'final', result: finalFor(error) };
      }
    }
  }

  /**
   * A GET whose 200 body is parsed with a lenient schema and then shaped by `map`
   * (which may still turn it into an error). `onStatus` lets an operation give a status
   * a non-error meaning.
   */
  function get<S extends z.ZodType, T>(
    operation: string,
    url: URL,
    schema: S,
    messages: StatusMessages,
    map: (body: z.output<S>) => Mapped<T>,
    onStatus?: (status: number) => T | undefined,
  ): Promise<ApiResult<T>> {
    let attempts = 0;
    const failed = (error: ApiError): ApiResult<T> => {
      logger.warn('api.failed', { operation, code: error.code, status: error.status, attempts });
      return { ok: false, error, attempts };
    };
    return run<ApiResult<T>>({
      operation,
      method: 'GET',
      url,
      decide(outcome) {
        attempts++;
        if (outcome.kind === 'response') {
          const { status } = outcome;
          const special = onStatus?.(status);
          if (special !== undefined) return { kind: 'final', result: { ok: true, value: special, status, attempts } };
          if (status === 200) {
            const parsed = schema.safeParse(parseJson(outcome.text));
            if (!parsed.success) {
              const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`);
              logger.warn('api.bad_response', { operation, issues });
              return { kind: 'final', result: failed(badResponseError(status)) };
            }
            const mapped = map(parsed.data);
            if ('error' in mapped) return { kind: 'final', result: failed(mapped.error) };
            return { kind: 'final', result: { ok: true, value: mapped.value, status, attempts } };
          }
          if (status >= 200 && status < 300) return { kind: 'final', result: failed(badResponseError(status)) };
        }
        return failureStep(outcome, messages, failed);
      },
      fail: (error, n) => {
        attempts = n;
        return failed(error);
      },
    });
  }

  async function createLabel(request: CreateLabelRequest | SerializedCreateLabel): Promise<CreateLabelResult> {
    let serialized: SerializedCreateLabel;
    if (isSerialized(request)) {
      const problem = checkSerializedCreateLabel(request);
      if (problem) return { ok: false, error: { ...problem, inDoubt: false }, inDoubt: false, attempts: 0 };
      serialized = request;
    } else {
      const result = serializeCreateLabel(request);
      if (!result.ok) return { ok: false, error: { ...result.error, inDoubt: false }, inDoubt: false, attempts: 0 };
      serialized = result.value;
    }

    const messages = { notFound: t('errors:api.accountNotFound') };
    let attempts = 0;
    let uncertainSoFar = false;
    const failed = (error: ApiError, inDoubt: boolean): CreateLabelResult => {
      logger.warn('api.failed', { operation: 'createLabel', code: error.code, status: error.status, attempts, inDoubt });
      return { ok: false, error: { ...error, inDoubt }, inDoubt, attempts };
    };

    return run<CreateLabelResult>({
      operation: 'createLabel',
      method: 'POST',
      url: buildRequestUrl(base, 'labels'),
      body: serialized.body,
      decide(outcome) {
        attempts++;
        if (outcome.kind === 'response') {
          const { status } = outcome;
          if (status === 200 || status === 201) {
            const label = LabelResult.safeParse(parseJson(outcome.text));
            // The API said success but we cannot read what: a label may well exist.
            if (!label.success) return { kind: 'final', result: failed(badResponseError(status), true) };
            if (label.data.status === 'failed') return { kind: 'final', result: failed(courierRejected(label.data, status), false) };
            return {
              kind: 'final',
              result: { ok: true, value: label.data, status, created: status === 201, replayed: status === 200, attempts },
            };
          }
          if (status === 502) {
            const label = LabelResult.safeParse(parseJson(outcome.text));
            if (label.success && label.data.status === 'failed') {
              return { kind: 'final', result: failed(courierRejected(label.data, status), false) };
            }
            // A 502 without a failed label body: the courier call's outcome is unknown.
          } else if (status >= 200 && status < 300) {
            return { kind: 'final', result: failed(badResponseError(status), true) };
          }
        }
        if (outcome.kind === 'too_large') {
          // Not retried, as for any other request, but in doubt whatever the status: the body
          // that would have said whether the label was made was never read, and the server may
          // well have created it. The outbox keeps the request in doubt and resolves it later
          // by resending the same bytes with the same key, which cannot buy a second label.
          return { kind: 'final', result: failed(tooLargeError(outcome.status, outcome.maxBytes), true) };
        }
        const step = failureStep<CreateLabelResult>(outcome, messages, (error) => failed(error, uncertainSoFar));
        if (step.kind === 'retry') uncertainSoFar = true;
        return step;
      },
      fail: (error, n) => {
        attempts = n;
        // no_token is the only failure before any attempt; everything else here followed unanswered attempts.
        return failed(error, n > 0);
      },
    });
  }

  function courierRejected(label: LabelResult, status: number): ApiError {
    const code = label.error?.code ?? 'COURIER_ERROR';
    const courierMessage = redact(label.error?.message ?? t('errors:api.noReason'));
    const extra = {
      status,
      courier: { courier: label.courier, code, message: courierMessage },
      label: label.error ? { ...label, error: { ...label.error, message: courierMessage } } : label,
    };
    // The courier's side was down (its own 5xx): nothing is wrong with the shipment.
    if (isCourierOutage(courierMessage)) {
      return apiError('courier_unavailable', t('errors:api.courierUnavailable', { courier: label.courier, reason: courierMessage }), extra);
    }
    return apiError('courier_rejected', t('errors:api.courierRejected', { courier: label.courier, reason: courierMessage }), extra);
  }

  function getLabelDocument(idOrOrderNumber: string): Promise<ApiResult<LabelDocument>> {
    const invalid = checkId(idOrOrderNumber);
    if (invalid) return Promise.resolve({ ok: false, error: invalid, attempts: 0 });
    const notFound = { notFound: t('errors:api.notFound.label', { id: idOrOrderNumber }) };
    // Which shape a single identifier yields is undocumented (docs/api-contract.md §14.10): accept both.
    const url = buildRequestUrl(base, `labels/${pathSegment(idOrOrderNumber)}`);
    return get<typeof LabelDocumentOrBatch, LabelDocument>('getLabelDocument', url, LabelDocumentOrBatch, notFound, (body) => {
      const [first] = body;
      return first ? { value: first } : { error: apiError('not_found', notFound.notFound, { status: 200 }) };
    });
  }

  function getLabelDocuments(ids: readonly string[]): Promise<ApiResult<LabelDocumentsValue>> {
    const invalid = ids.length === 0 ? apiError('validation', t('errors:api.noLabels')) : ids.map(checkId).find(Boolean);
    if (invalid) return Promise.resolve({ ok: false, error: invalid, attempts: 0 });
    const wanted = [...new Set(ids)];
    if (wanted.some((id) => id.includes(','))) {
      return Promise.resolve({
        ok: false,
        error: apiError('validation', t('errors:api.commaInId')),
        attempts: 0,
      });
    }
    // Commas stay literal: they are the API's list separator; each identifier is encoded on its own.
    const url = buildRequestUrl(base, `labels/${wanted.map(pathSegment).join(',')}`);
    const collect = (labels: LabelDocument[]): LabelDocumentsValue => {
      const found = new Set(labels.flatMap((l) => [l.id, l.customerOrderNumber ?? '']));
      return { labels, missing: wanted.filter((id) => !found.has(id)) };
    };
    return get(
      'getLabelDocuments',
      url,
      LabelDocumentOrBatch,
      { notFound: t('errors:api.labelsNotFound') },
      (body) => ({ value: collect(body) }),
      // An all-miss lookup may come back as 404 (undocumented for batches): here it means "none found".
      (status) => (status === 404 ? { labels: [], missing: wanted } : undefined),
    );
  }

  function getTracking(idOrOrderNumber: string): Promise<ApiResult<TrackingResponse>> {
    const invalid = checkId(idOrOrderNumber);
    if (invalid) return Promise.resolve({ ok: false, error: invalid, attempts: 0 });
    return get(
      'getTracking',
      buildRequestUrl(base, `tracking/${pathSegment(idOrOrderNumber)}`),
      TrackingResponse,
      { notFound: t('errors:api.notFound.tracking', { id: idOrOrderNumber }) },
      (body) => ({ value: body }),
    );
  }

  function listProducts(query: ProductQuery): Promise<ApiResult<ProductList>> {
    if (!query.courier.trim())
      return Promise.resolve({ ok: false, error: apiError('validation', t('errors:api.chooseCourier')), attempts: 0 });
    const { courier, shipperAccountId, locale } = query;
    const url = buildRequestUrl(base, 'products', { courier, shipperAccountId, locale });
    const notFound = t('errors:api.notFound.products', { courier });
    return get('listProducts', url, ProductList, { notFound }, (body) => ({ value: body }));
  }

  function listCouriers(): Promise<ApiResult<CourierList>> {
    const notFound = t('errors:api.noCourierList');
    return get('listCouriers', buildRequestUrl(base, 'couriers'), CourierList, { notFound }, (body) => ({ value: body }));
  }

  return { createLabel, getLabelDocument, getLabelDocuments, getTracking, listProducts, listCouriers };
}

/** Either answer shape of GET /labels/{id}, normalised to a list. */
const LabelDocumentOrBatch = z.union([
  LabelDocumentBatch.transform((batch) => batch.labels),
  LabelDocument.transform((document) => [document]),
]);

function checkId(id: string): ApiError | undefined {
  if (!id.trim()) return apiError('validation', t('errors:api.idRequired'));
  // "." and ".." cannot be sent as a path segment: URLs resolve them even when percent-encoded.
  if (id === '.' || id === '..') return apiError('validation', t('errors:api.notAnId', { id }));
  return undefined;
}

function isSerialized(request: CreateLabelRequest | SerializedCreateLabel): request is SerializedCreateLabel {
  return typeof (request as { body?: unknown }).body === 'string';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Log fields for one attempt: status or failure kind, never headers or bodies. */
function describe(outcome: AttemptOutcome, redact: (text: string) => string): Record<string, unknown> {
  switch (outcome.kind) {
    case 'response':
    case 'redirect':
      return { outcome: outcome.kind, status: outcome.status };
    case 'too_large':
      return { outcome: 'too_large', status: outcome.status, maxBytes: outcome.maxBytes };
    case 'network':
      return { outcome: 'network', detail: redact(outcome.detail) };
    case 'timeout':
      return { outcome: 'timeout', phase: outcome.phase };
  }
}

/** Why no connection could be made, in the operator's words, from the error code in `detail`. */
function connectFailure(detail: string): string {
  if (/ECONNREFUSED/.test(detail)) return t('errors:api.connect.refused');
  if (/ENOTFOUND|EAI_AGAIN|EAI_NODATA|EAI_NONAME/.test(detail)) return t('errors:api.connect.notFound');
  if (/EHOSTUNREACH|ENETUNREACH|ENETDOWN|EHOSTDOWN|EADDRNOTAVAIL/.test(detail)) return t('errors:api.connect.noRoute');
  if (/CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_SSL/i.test(detail)) return t('errors:api.connect.tls');
  return t('errors:api.connect.other');
}
