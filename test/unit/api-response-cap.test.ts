import { countingFetch } from '../support/counting-fetch';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createApiClient, DEFAULT_MAX_RESPONSE_BYTES, type ApiClientOptions } from '../../electron/core/api';
import { httpFetch, type FetchLike } from '../../electron/core/api/http-fetch';
import { silentLogger } from '../../electron/core/logger';
import type { CreateLabelRequest } from '../../shared/flexforward/schemas';
import * as examples from '../fixtures/flexforward-examples';
import { listenOnLoopback } from '../support/loopback-server';

/**
 * Every API answer is capped after decompression: a body over the cap is a definite
 * bad_response after one attempt, and reading stops at the cap (the stream is destroyed), so
 * neither a flood of plain bytes nor a gzip bomb is held in memory.
 */

const TOKEN = 'ffs_live_TOKEN_cap_test_5ecret';
const REQUEST = examples.createLabelJapan as CreateLabelRequest;
const CAP = 64 * 1024;
/** What one read may add past the cap before the reader notices (one decoded chunk, with room to spare). */
const SLACK = 64 * 1024;

function client(url: string, fetch: FetchLike, overrides: Partial<ApiClientOptions> = {}) {
  return createApiClient({
    baseUrl: url,
    getToken: async () => TOKEN,
    fetch,
    maxResponseBytes: CAP,
    // Retries would be instant: a retried failure would show up as more than one request.
    sleep: async () => undefined,
    retryDelaysMs: [1, 1, 1],
    connectTimeoutMs: 5_000,
    responseTimeoutMs: 20_000,
    logger: silentLogger,
    ...overrides,
  });
}

/** A server that runs `answer` for every request after reading its body, counting requests. */
async function startServer(answer: (res: ServerResponse, req: IncomingMessage) => void) {
  const state = { requests: 0, ended: false, closed: 0 };
  const { origin } = await listenOnLoopback((req, res) => {
    req.resume();
    req.on('end', () => {
      state.requests++;
      res.on('close', () => state.closed++);
      answer(res, req);
    });
  });
  return { url: origin, state };
}

/** Writes `chunk` `times` times, honouring backpressure, then ends; stops when the client goes away. */
function pump(res: ServerResponse, chunk: Buffer, times: number, state: { ended: boolean }) {
  let sent = 0;
  const next = () => {
    while (!res.destroyed) {
      if (sent >= times) {
        state.ended = true;
        return void res.end();
      }
      sent++;
      if (!res.write(chunk)) return void res.once('drain', next);
    }
  };
  next();
}

// A gzip member of 16 MiB of zeros is ~16 KB; gunzip reads concatenated members as one
// stream, so 16 of them are a 256 MiB body sent in ~260 KB.
const BOMB_MEMBER = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
const BOMB_MEMBERS = 16;

describe('the response size cap', () => {
  it('stops reading a plain body at the cap: bad_response after one attempt, for a GET and for POST /labels (in doubt)', async () => {
    const server = await startServer((res) => {
      // Chunked (no Content-Length): the size is only known by reading. 32 MiB if read to the end.
      res.writeHead(200, { 'content-type': 'application/json' });
      pump(res, Buffer.alloc(16 * 1024, 0x20), 2048, server.state);
    });

    const get = countingFetch();
    const couriers = await client(server.url, get.fetch).listCouriers();
    expect(couriers).toMatchObject({ ok: false, attempts: 1, error: { code: 'bad_response', status: 200, retryable: false } });
    expect(!couriers.ok && couriers.error.message).toMatch(/larger than 64 KB/);
    expect(server.state.requests).toBe(1);
    expect(get.counter.bytes).toBeGreaterThan(CAP);
    expect(get.counter.bytes).toBeLessThanOrEqual(CAP + SLACK);

    const post = countingFetch();
    const created = await client(server.url, post.fetch).createLabel(REQUEST);
    // The label may exist (the answer was never read): in doubt, for the outbox to resolve with the same key.
    expect(created).toMatchObject({ ok: false, attempts: 1, inDoubt: true, error: { code: 'bad_response', inDoubt: true } });
    expect(server.state.requests).toBe(2);
    expect(post.counter.bytes).toBeLessThanOrEqual(CAP + SLACK);

    // The client hung up on both floods instead of draining them.
    await expect.poll(() => server.state.closed).toBe(2);
    expect(server.state.ended).toBe(false);
  });

  it('stops inflating a gzip bomb at the cap: bad_response after one attempt, decoded bytes read stay near the cap', async () => {
    const server = await startServer((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      pump(res, BOMB_MEMBER, BOMB_MEMBERS, server.state);
    });

    const get = countingFetch();
    const tracking = await client(server.url, get.fetch).getTracking('LBL-1');
    expect(tracking).toMatchObject({ ok: false, attempts: 1, error: { code: 'bad_response', status: 200 } });
    expect(server.state.requests).toBe(1);
    expect(get.counter.bytes).toBeGreaterThan(CAP);
    expect(get.counter.bytes).toBeLessThanOrEqual(CAP + SLACK);

    const post = countingFetch();
    const created = await client(server.url, post.fetch).createLabel(REQUEST);
    expect(created).toMatchObject({ ok: false, attempts: 1, inDoubt: true, error: { code: 'bad_response' } });
    expect(server.state.requests).toBe(2);
    expect(post.counter.bytes).toBeLessThanOrEqual(CAP + SLACK);
  });

  it('refuses a declared Content-Length over the cap without waiting for the body', async () => {
    // The body never completes: a client that read it first would time out (and retry) instead.
    const server = await startServer((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(CAP + 1) });
      res.write('[');
    });
    const { fetch, counter } = countingFetch();
    const result = await client(server.url, fetch).listCouriers();
    expect(result).toMatchObject({ ok: false, attempts: 1, error: { code: 'bad_response' } });
    expect(server.state.requests).toBe(1);
    expect(counter.bytes).toBe(0);
  });

  it('is counted after decompression, and a body of exactly the cap is read', async () => {
    const couriers = JSON.stringify([{ code: 'yunexpress', name: 'YunExpress' }]);
    const exact = couriers + ' '.repeat(CAP - couriers.length);
    let body = exact;
    const server = await startServer((res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(body));
    });
    const api = client(server.url, countingFetch().fetch);

    expect(await api.listCouriers()).toMatchObject({ ok: true, value: [{ code: 'yunexpress' }] });
    // One byte more, though it compresses to a few hundred bytes on the wire.
    body = exact + ' ';
    expect(gzipSync(body).length).toBeLessThan(1024);
    expect(await api.listCouriers()).toMatchObject({ ok: false, attempts: 1, error: { code: 'bad_response' } });
  });

  it('defaults to 4 MiB and refuses a cap that is not a positive whole number', async () => {
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(4 * 1024 * 1024);
    const server = await startServer((res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      pump(res, Buffer.alloc(64 * 1024, 0x20), 128, server.state); // 8 MiB
    });
    const { fetch, counter } = countingFetch();
    const result = await client(server.url, fetch, { maxResponseBytes: undefined }).listCouriers();
    expect(result).toMatchObject({
      ok: false,
      attempts: 1,
      error: { code: 'bad_response', message: expect.stringMatching(/larger than 4 MB/) },
    });
    expect(counter.bytes).toBeLessThanOrEqual(DEFAULT_MAX_RESPONSE_BYTES + SLACK);

    expect(() => client('http://127.0.0.1:1', httpFetch, { maxResponseBytes: 0 })).toThrow(RangeError);
    expect(() => client('http://127.0.0.1:1', httpFetch, { maxResponseBytes: 1.5 })).toThrow(RangeError);
  });
});
