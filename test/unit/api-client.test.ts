import fc from 'fast-check';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { buildRequestUrl, parseBaseUrl } from '../../electron/core/api/base-url';
import { createApiClient, serializeCreateLabel, type ApiClientOptions } from '../../electron/core/api';
import { createRateLimiter } from '../../electron/core/api/rate-limiter';
import { parseRetryAfter } from '../../electron/core/api/retry';
import type { Logger } from '../../electron/core/logger';
import type { CreateLabelRequest } from '../../shared/flexforward/schemas';
import * as examples from '../fixtures/flexforward-examples';
import { listenOnLoopback } from '../support/loopback-server';

const TOKEN = 'ffs_live_TOKEN_c0ffee_5ecret';
const REQUEST = examples.createLabelJapan as CreateLabelRequest;

// ----------------------------------------------------------------------------------------------
// Test plumbing: a scripted node:http server, a fake clock and a capturing logger
// ----------------------------------------------------------------------------------------------

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}
type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** Starts a loopback server answering with `script[i]` for the i-th request (the last one repeats). */
async function startServer(...script: Handler[]) {
  const requests: Recorded[] = [];
  const { origin } = await listenOnLoopback((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const handler = script[Math.min(requests.length - 1, script.length - 1)] as Handler;
      handler(req, res, body);
    });
  });
  return { url: origin, requests };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
/** Closes the connection without an answer: the client cannot know what happened. */
const drop: Handler = (req) => req.socket.destroy();
/** Never answers. */
const hang: Handler = () => undefined;

/** A clock that only moves when the client sleeps, so waits are asserted, not timed. */
function fakeClock(start = Date.UTC(2026, 4, 28, 9, 0, 0)) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

function capturingLogger() {
  const lines: { level: string; event: string; fields?: unknown }[] = [];
  const secrets: string[] = [];
  const logger: Logger = {
    info: (event, fields) => lines.push({ level: 'info', event, fields }),
    warn: (event, fields) => lines.push({ level: 'warn', event, fields }),
    error: (event, fields) => lines.push({ level: 'error', event, fields }),
    addSecret: (secret) => secrets.push(secret),
  };
  return { logger, lines, secrets };
}

/** A client with instant, recorded sleeps and no jitter unless a test asks for it. */
function client(baseUrl: string, overrides: Partial<ApiClientOptions> = {}) {
  const clock = fakeClock();
  const log = capturingLogger();
  const api = createApiClient({
    baseUrl,
    getToken: async () => TOKEN,
    sleep: clock.sleep,
    now: clock.now,
    random: () => 0,
    logger: log.logger,
    connectTimeoutMs: 2000,
    responseTimeoutMs: 4000,
    ...overrides,
  });
  return { api, clock, log };
}

const failedLabel = examples.labelResultFailed;
const createdLabel = examples.labelResultCreated;

// ----------------------------------------------------------------------------------------------

describe('createLabel', () => {
  it('sends the canonical body with the bearer token and reports 201 as created', async () => {
    const server = await startServer(json(201, createdLabel));
    const { api } = client(server.url);

    const result = await api.createLabel(REQUEST);

    expect(result).toMatchObject({ ok: true, created: true, replayed: false, status: 201, attempts: 1 });
    const [sent] = server.requests;
    expect(sent?.method).toBe('POST');
    expect(sent?.url).toBe('/labels');
    expect(sent?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(sent?.headers['content-type']).toBe('application/json');
    const expected = serializeCreateLabel(REQUEST);
    expect(expected.ok && sent?.body).toBe(expected.ok && expected.value.body);
  });

  it('reports 200 as a replay of a label created earlier with the same key', async () => {
    const server = await startServer(json(200, createdLabel));
    const result = await client(server.url).api.createLabel(REQUEST);
    expect(result).toMatchObject({ ok: true, created: false, replayed: true, value: { id: createdLabel.id } });
  });

  it('does not send a request that fails validation, and says which fields to fix', async () => {
    const server = await startServer(json(201, createdLabel));
    const bad = structuredClone(examples.createLabelJapan);
    bad.shipment.parcels[0]!.weight = 0;
    const result = await client(server.url).api.createLabel(bad as CreateLabelRequest);
    expect(result).toMatchObject({
      ok: false,
      inDoubt: false,
      error: { code: 'validation', retryable: false, fields: { 'shipment.parcels[0].weight': 'Weight must be greater than 0.' } },
    });
    expect(server.requests).toHaveLength(0);
  });

  it('answers no_token without calling the API when no token is set or it cannot be read', async () => {
    const server = await startServer(json(201, createdLabel));
    const unset = await client(server.url, { getToken: async () => null }).api.createLabel(REQUEST);
    expect(unset).toMatchObject({ ok: false, inDoubt: false, error: { code: 'no_token', retryable: false } });
    const locked = await client(server.url, { getToken: () => Promise.reject(new Error('keychain locked')) }).api.getTracking('a');
    expect(locked).toMatchObject({ ok: false, error: { code: 'no_token', message: expect.stringContaining('keychain') } });
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a token with a line break instead of letting fetch quote it in an error', async () => {
    const server = await startServer(json(201, createdLabel));
    const { api, log } = client(server.url, { getToken: async () => `${TOKEN}\n` });
    const result = await api.createLabel(REQUEST);
    expect(result).toMatchObject({ ok: false, inDoubt: false, error: { code: 'no_token' } });
    expect(JSON.stringify([result, log.lines])).not.toContain(TOKEN);
    expect(server.requests).toHaveLength(0);
  });

  it('replays the identical body with the same key after a 500, a dropped connection and a bare 502', async () => {
    const server = await startServer(
      json(500, { error: 'Internal Server Error' }),
      drop,
      json(502, { error: 'Bad Gateway' }),
      json(200, createdLabel),
    );
    const { api, clock } = client(server.url);

    const result = await api.createLabel(REQUEST);

    expect(result).toMatchObject({ ok: true, replayed: true, attempts: 4 });
    expect(server.requests).toHaveLength(4);
    const bodies = new Set(server.requests.map((r) => r.body));
    expect(bodies.size).toBe(1);
    expect(JSON.parse([...bodies][0] as string).idempotencyKey).toBe(REQUEST.idempotencyKey);
    expect(clock.sleeps).toEqual([1000, 2000, 4000]);
  });

  it('gives up after the 1-2-4-8 s schedule and marks the outcome as in doubt', async () => {
    const server = await startServer(json(500, { error: 'Internal Server Error' }));
    const { api, clock } = client(server.url);

    const result = await api.createLabel(REQUEST);

    expect(result).toMatchObject({
      ok: false,
      inDoubt: true,
      attempts: 5,
      error: { code: 'server', inDoubt: true, retryable: true, status: 500 },
    });
    expect(server.requests).toHaveLength(5);
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000]);
  });

  it('adds up to 25 % jitter to each backoff delay', async () => {
    const server = await startServer(json(500, { error: 'x' }));
    const { api, clock } = client(server.url, { random: () => 0.5 });
    await api.createLabel(REQUEST);
    expect(clock.sleeps).toEqual([1125, 2250, 4500, 9000]);
  });

  it('times out a silent server and keeps the outcome in doubt', async () => {
    const server = await startServer(hang);
    const { api } = client(server.url, { connectTimeoutMs: 150, retryDelaysMs: [] });
    const result = await api.createLabel(REQUEST);
    expect(result).toMatchObject({ ok: false, inDoubt: true, attempts: 1, error: { code: 'timeout', retryable: true } });
  });

  it('times out a body that stops half-way', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.write('{"id":"f47ac10b');
    });
    const { api } = client(server.url, { responseTimeoutMs: 200, retryDelaysMs: [] });
    const result = await api.createLabel(REQUEST);
    expect(result).toMatchObject({ ok: false, inDoubt: true, error: { code: 'timeout' } });
  });

  it('treats a 502 carrying a failed label as a terminal courier rejection', async () => {
    const server = await startServer(json(502, failedLabel));
    const result = await client(server.url).api.createLabel(REQUEST);
    expect(result).toMatchObject({
      ok: false,
      inDoubt: false,
      attempts: 1,
      error: {
        code: 'courier_rejected',
        retryable: false,
        status: 502,
        message: 'The courier yunexpress refused the label: YunExpress API returned HTTP 400: Bad request',
        courier: { courier: 'yunexpress', code: 'COURIER_ERROR', message: 'YunExpress API returned HTTP 400: Bad request' },
        label: { id: failedLabel.id, status: 'failed' },
      },
    });
    expect(server.requests).toHaveLength(1);
  });

  it('treats a 201 or 200 whose status is failed as a courier rejection, not a success', async () => {
    for (const status of [201, 200]) {
      const server = await startServer(json(status, failedLabel));
      const result = await client(server.url).api.createLabel(REQUEST);
      expect(result).toMatchObject({ ok: false, inDoubt: false, error: { code: 'courier_rejected', status } });
    }
  });

  it('maps the API validation body to per-field messages and does not retry a 400', async () => {
    const server = await startServer(json(400, examples.validationErrorExample));
    const result = await client(server.url).api.createLabel(REQUEST);
    expect(result).toMatchObject({
      ok: false,
      inDoubt: false,
      error: {
        code: 'validation',
        status: 400,
        retryable: false,
        message: 'The API refused the request: 2 fields need attention.',
        fields: {
          'shipment.parcels[0].weight': 'must be greater than 0',
          'shipment.shipTo.address.countryCode': 'must be a valid ISO 3166-1 alpha-2 code',
        },
      },
    });
    expect(server.requests).toHaveLength(1);
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
    [405, 'method_not_allowed'],
    [409, 'bad_response'],
  ] as const)('answers %i with %s once, without retrying', async (status, code) => {
    const server = await startServer(json(status, { error: 'nope' }));
    const result = await client(server.url).api.createLabel(REQUEST);
    expect(result).toMatchObject({ ok: false, inDoubt: false, error: { code, status, retryable: false } });
    expect(server.requests).toHaveLength(1);
  });

  it('keeps the outcome in doubt when a definite refusal follows an unanswered attempt', async () => {
    const server = await startServer(drop, json(401, { error: 'Unauthorized' }));
    const result = await client(server.url).api.createLabel(REQUEST);
    expect(result).toMatchObject({ ok: false, inDoubt: true, error: { code: 'unauthorized' } });
  });

  it('reports an unreadable 2xx as bad_response, in doubt, without retrying', async () => {
    const server = await startServer(json(201, '{"id": "f47ac10b-58cc'));
    const result = await client(server.url).api.createLabel(REQUEST);
    expect(result).toMatchObject({ ok: false, inDoubt: true, error: { code: 'bad_response', status: 201, retryable: false } });
    expect(server.requests).toHaveLength(1);
  });

  it('resends stored outbox bytes unchanged', async () => {
    const server = await startServer(json(200, createdLabel));
    const stored = { idempotencyKey: REQUEST.idempotencyKey, body: JSON.stringify(REQUEST, null, 1) };
    const result = await client(server.url).api.createLabel(stored);
    expect(result.ok).toBe(true);
    expect(server.requests[0]?.body).toBe(stored.body);
  });

  it('refuses stored bytes whose key does not match, without sending them', async () => {
    const server = await startServer(json(200, createdLabel));
    const stored = { idempotencyKey: 'another-key', body: JSON.stringify(REQUEST) };
    const result = await client(server.url).api.createLabel(stored);
    expect(result).toMatchObject({ ok: false, inDoubt: false, error: { code: 'validation' } });
    expect(server.requests).toHaveLength(0);
  });
});

describe('Retry-After', () => {
  it('waits the seconds a 429 asks for, then retries', async () => {
    const server = await startServer(json(429, { error: 'Too Many Requests' }, { 'retry-after': '3' }), json(201, createdLabel));
    const { api, clock } = client(server.url);
    const result = await api.createLabel(REQUEST);
    expect(result).toMatchObject({ ok: true, created: true, attempts: 2 });
    expect(clock.sleeps).toEqual([3000]);
  });

  it('waits until the HTTP date a 503 names', async () => {
    const clock = fakeClock();
    const at = new Date(clock.now() + 7000).toUTCString();
    const server = await startServer(
      json(503, { error: 'Service Unavailable' }, { 'retry-after': at }),
      json(200, examples.trackingInTransit),
    );
    const api = createApiClient({ baseUrl: server.url, getToken: async () => TOKEN, sleep: clock.sleep, now: clock.now, random: () => 0 });
    const result = await api.getTracking(createdLabel.id);
    expect(result.ok).toBe(true);
    expect(clock.sleeps).toEqual([7000]);
  });

  it('uses the backoff schedule when Retry-After is missing or unreadable', async () => {
    const server = await startServer(json(429, {}, { 'retry-after': 'soon' }), json(503, {}), json(200, examples.trackingInTransit));
    const { api, clock } = client(server.url);
    await api.getTracking(createdLabel.id);
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  it('stops retrying after as many attempts as the schedule allows', async () => {
    const server = await startServer(json(429, {}, { 'retry-after': '1' }));
    const { api, clock } = client(server.url, { retryDelaysMs: [10, 20] });
    const result = await api.getTracking(createdLabel.id);
    expect(result).toMatchObject({ ok: false, attempts: 3, error: { code: 'rate_limited', retryable: true } });
    expect(clock.sleeps).toEqual([1000, 1000]);
  });

  it('does not wait for a Retry-After longer than the cap and reports it instead', async () => {
    const server = await startServer(json(429, {}, { 'retry-after': '3600' }));
    const { api, clock } = client(server.url);
    const result = await api.createLabel(REQUEST);
    expect(result).toMatchObject({ ok: false, inDoubt: true, error: { code: 'rate_limited', retryAfterMs: 3_600_000 } });
    expect(clock.sleeps).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });

  it('parses delta-seconds and HTTP dates, and ignores anything else', () => {
    const now = Date.UTC(2026, 4, 28, 9, 0, 0);
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 28 May 2026 09:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 28 May 2026 08:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('2026-05-28', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('GET endpoints', () => {
  it('fetches one label document by order number, URL-encoding the identifier', async () => {
    const server = await startServer(json(200, examples.labelDocumentNew));
    const result = await client(server.url).api.getLabelDocument('N 2026/05#27?x');
    expect(result).toMatchObject({ ok: true, value: { url: examples.labelDocumentNew.url } });
    expect(server.requests[0]).toMatchObject({ method: 'GET', url: '/labels/N%202026%2F05%2327%3Fx' });
  });

  it('accepts the batch shape for a single identifier too', async () => {
    const server = await startServer(json(200, { labels: [examples.labelDocumentNew] }), json(200, { labels: [] }));
    const { api } = client(server.url);
    expect(await api.getLabelDocument(examples.labelDocumentNew.id)).toMatchObject({
      ok: true,
      value: { id: examples.labelDocumentNew.id },
    });
    expect(await api.getLabelDocument('missing')).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('asks for a batch as one comma list and reports the identifiers the API dropped', async () => {
    const server = await startServer(json(200, examples.labelDocumentBatch));
    const ids = [examples.labelDocumentNew.id, 'N2026-03-27-TEST-04', 'failed/or missing'];
    const result = await client(server.url).api.getLabelDocuments(ids);
    expect(server.requests[0]?.url).toBe(`/labels/${examples.labelDocumentNew.id},N2026-03-27-TEST-04,failed%2For%20missing`);
    expect(result).toMatchObject({
      ok: true,
      value: { labels: [{ id: examples.labelDocumentNew.id }, { labelFormat: 'png' }], missing: ['failed/or missing'] },
    });
  });

  it('reads a 404 for a batch as "none found"', async () => {
    const server = await startServer(json(404, { error: 'Not Found' }));
    const { api } = client(server.url);
    expect(await api.getLabelDocuments(['a', 'b'])).toMatchObject({ ok: true, value: { labels: [], missing: ['a', 'b'] } });
    expect(await api.getLabelDocuments(['a'])).toMatchObject({ ok: true, value: { labels: [], missing: ['a'] } });
  });

  it('refuses a batch identifier containing a comma rather than splitting it', async () => {
    const server = await startServer(json(200, examples.labelDocumentBatch));
    const result = await client(server.url).api.getLabelDocuments(['a,b']);
    expect(result).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(server.requests).toHaveLength(0);
  });

  it('reads tracking and maps unknown tags to Unknown', async () => {
    const server = await startServer(json(200, { ...examples.trackingInTransit, tag: 'Teleported' }));
    const result = await client(server.url).api.getTracking(createdLabel.id);
    expect(result).toMatchObject({ ok: true, value: { tag: 'Unknown', checkpoints: [{ tag: 'InTransit' }, { tag: 'InfoReceived' }] } });
  });

  it('retries a GET after a 500 and a dropped connection', async () => {
    const server = await startServer(json(500, { error: 'x' }), drop, json(200, examples.trackingInTransit));
    const { api, clock } = client(server.url);
    expect(await api.getTracking(createdLabel.id)).toMatchObject({ ok: true, attempts: 3 });
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'forbidden'],
    [404, 'not_found'],
  ] as const)('maps %i on tracking to %s', async (status, code) => {
    const server = await startServer(json(status, { error: 'x' }));
    const result = await client(server.url).api.getTracking('N-1');
    expect(result).toMatchObject({ ok: false, error: { code, status } });
    expect(server.requests).toHaveLength(1);
  });

  it('lists products with the query parameters and normalises a wrapped body', async () => {
    const server = await startServer(json(200, examples.productListWrapped));
    const result = await client(server.url).api.listProducts({
      courier: 'yunexpress',
      shipperAccountId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
      locale: 'ja',
    });
    expect(result).toMatchObject({ ok: true, value: examples.productListBare });
    const url = new URL(server.requests[0]?.url ?? '', server.url);
    expect(url.pathname).toBe('/products');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      courier: 'yunexpress',
      shipperAccountId: '3fa85f64-5717-4562-b3fc-2c963f66afa6',
      locale: 'ja',
    });
  });

  it('lists couriers from a bare array', async () => {
    const server = await startServer(json(200, examples.courierListBare));
    expect(await client(server.url).api.listCouriers()).toMatchObject({ ok: true, value: [{ code: 'yunexpress' }] });
  });

  it('reports non-JSON and off-schema 200 bodies as bad_response without retrying', async () => {
    const server = await startServer(json(200, '<html>maintenance</html>'), json(200, { tag: 'InTransit' }));
    const { api } = client(server.url);
    expect(await api.getTracking('a')).toMatchObject({ ok: false, error: { code: 'bad_response', retryable: false } });
    expect(await api.getTracking('a')).toMatchObject({ ok: false, error: { code: 'bad_response' } });
    expect(server.requests).toHaveLength(2);
  });
});

describe('where the token may go', () => {
  it('does not follow a redirect to another origin, so the token never reaches it', async () => {
    const elsewhere = await startServer(json(200, examples.trackingInTransit));
    const server = await startServer((_req, res) => {
      res.writeHead(302, { location: `${elsewhere.url}/tracking/x` });
      res.end();
    });
    const result = await client(server.url).api.getTracking('x');
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_response', status: 302, retryable: false } });
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('does not follow a same-origin redirect of a POST either', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(307, { location: '/labels-v2' });
      res.end();
    });
    const result = await client(server.url).api.createLabel(REQUEST);
    expect(result).toMatchObject({ ok: false, inDoubt: false, error: { code: 'bad_response', status: 307 } });
    expect(server.requests).toHaveLength(1);
  });

  it('keeps path-like identifiers inside the API path', async () => {
    const server = await startServer(json(200, examples.trackingInTransit));
    const { api } = client(`${server.url}/api/v1`);
    expect(await api.getTracking('..')).toMatchObject({ ok: false, error: { code: 'validation' } });
    await api.getTracking('../../../evil');
    await api.getTracking('//evil.example/x');
    await api.getLabelDocuments(['..%2F', 'x']);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/api/v1/tracking/..%2F..%2F..%2Fevil',
      '/api/v1/tracking/%2F%2Fevil.example%2Fx',
      '/api/v1/labels/..%252F,x',
    ]);
  });

  it('refuses to build a URL outside the base origin or path', () => {
    const base = parseBaseUrl('https://api.flexforwardship.com/v1');
    expect(buildRequestUrl(base, 'labels').href).toBe('https://api.flexforwardship.com/v1/labels');
    expect(() => buildRequestUrl(base, '../labels')).toThrow(/outside the API path/);
    expect(() => buildRequestUrl(base, 'tracking/%2e%2e/labels')).toThrow(/outside the API path/);
    // Anything else is appended as a path under the base, never parsed as another host.
    expect(buildRequestUrl(base, '//evil.example/labels').origin).toBe('https://api.flexforwardship.com');
    expect(buildRequestUrl(base, 'https://evil.example/labels').origin).toBe('https://api.flexforwardship.com');
  });

  it('accepts https base URLs and plain http only on loopback', () => {
    expect(() => createApiClient({ baseUrl: 'https://api.flexforward.com', getToken: async () => TOKEN })).not.toThrow();
    expect(() => createApiClient({ baseUrl: 'http://127.0.0.1:8080', getToken: async () => TOKEN })).not.toThrow();
    expect(() => createApiClient({ baseUrl: 'http://localhost:8080', getToken: async () => TOKEN })).not.toThrow();
    expect(() => createApiClient({ baseUrl: 'http://api.flexforward.com', getToken: async () => TOKEN })).toThrow(/https/);
    expect(() => createApiClient({ baseUrl: 'https://user:pw@api.flexforward.com', getToken: async () => TOKEN })).toThrow(/password/);
    expect(() => createApiClient({ baseUrl: 'ftp://api.flexforward.com', getToken: async () => TOKEN })).toThrow(/https/);
  });
});

describe('token secrecy', () => {
  it('registers the token with the logger and keeps it out of every log line and error', async () => {
    const echo: Handler = (req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `Unauthorized: ${req.headers.authorization}` }));
    };
    const rejectWithToken = json(502, { ...failedLabel, error: { code: 'COURIER_ERROR', message: `bad header ${TOKEN}` } });
    const invalidWithToken = json(400, { error: 'Validation failed', details: [{ field: 'courier', message: `no courier for ${TOKEN}` }] });
    const server = await startServer(echo, rejectWithToken, drop, invalidWithToken);
    const { api, log } = client(server.url, { retryDelaysMs: [] });

    const results = [await api.getTracking('a'), await api.createLabel(REQUEST), await api.getTracking('b'), await api.getTracking('c')];

    expect(log.secrets).toContain(TOKEN);
    expect(results.map((r) => !r.ok && r.error.code)).toEqual(['unauthorized', 'courier_rejected', 'network', 'validation']);
    expect(JSON.stringify(log.lines)).not.toContain(TOKEN);
    for (const result of results) {
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain(TOKEN);
    }
    const rejected = results[1];
    expect(!rejected?.ok && rejected?.error.courier?.message).toBe('bad header [redacted]');
  });
});

describe('rate limiting', () => {
  it('sends at most 10 requests in any second per token, across concurrent calls', async () => {
    const clock = fakeClock();
    const sentAt: number[] = [];
    const fakeFetch: typeof fetch = async () => {
      sentAt.push(clock.now());
      return new Response(JSON.stringify(examples.trackingInTransit), { status: 200 });
    };
    const api = createApiClient({
      baseUrl: 'https://api.flexforwardship.com',
      getToken: async () => TOKEN,
      fetch: fakeFetch,
      sleep: clock.sleep,
      now: clock.now,
    });

    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => api.getTracking(`id-${i}`)));

    expect(results.every((r) => r.ok)).toBe(true);
    const start = sentAt[0] as number;
    expect(sentAt.map((t) => t - start)).toEqual([...Array(10).fill(0), ...Array(10).fill(1050), ...Array(5).fill(2100)]);
  });

  it('keeps a separate budget per token and never exceeds the window (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.constantFrom('a', 'b'), { minLength: 1, maxLength: 30 }),
        async (perSecond, keys) => {
          const clock = fakeClock(0);
          const limiter = createRateLimiter({ perSecond, now: clock.now, sleep: clock.sleep });
          const sent: { key: string; at: number }[] = [];
          await Promise.all(keys.map((key) => limiter.acquire(key).then(() => sent.push({ key, at: clock.now() }))));
          for (const key of ['a', 'b']) {
            const times = sent.filter((s) => s.key === key).map((s) => s.at);
            for (const t of times) expect(times.filter((u) => u > t - 1000 && u <= t).length).toBeLessThanOrEqual(perSecond);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('request bytes', () => {
  it('are identical for two clients with different base URLs', async () => {
    const real = await startServer(json(201, createdLabel));
    const sim = await startServer(json(201, createdLabel));
    await client(`${real.url}/prod`).api.createLabel(REQUEST);
    await client(sim.url).api.createLabel(structuredClone(REQUEST));
    expect(real.requests[0]?.body).toBeTruthy();
    expect(Buffer.from(real.requests[0]?.body ?? '')).toEqual(Buffer.from(sim.requests[0]?.body ?? ''));
  });

  it('do not depend on the order in which the request object was built, and round-trip', () => {
    const shuffle = (value: unknown, seed: number): unknown => {
      if (Array.isArray(value)) return value.map((v) => shuffle(v, seed));
      if (value && typeof value === 'object') {
        const entries = Object.entries(value);
        if (seed % 2) entries.reverse();
        return Object.fromEntries(entries.map(([k, v]) => [k, shuffle(v, seed >> 1)]));
      }
      return value;
    };
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(examples.createLabelRequestExamples)), fc.nat(1 << 16), (example, seed) => {
        // Open sections keep the caller's key order through validation, so they exercise the sorting.
        const request = {
          ...example,
          customs: { incoterm: 'DDP', duty: { payer: 'sender', account: 'A1' } },
          courierOptions: { z: 1, a: 2 },
        };
        const a = serializeCreateLabel(request);
        const b = serializeCreateLabel(shuffle(request, seed));
        if (!a.ok || !b.ok) return false;
        expect(b.value.body).toBe(a.value.body);
        expect(JSON.parse(a.value.body)).toEqual(request);
        return true;
      }),
    );
  });
});
