import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { httpFetch } from '../../electron/core/api/http-fetch';
import { listenOnLoopback } from '../support/loopback-server';

/**
 * The node:http fetch the API client and the document fetcher use by default: what goes on
 * the wire, what comes back, and aborts at each phase.
 */

const readAll = async (body: NonNullable<Awaited<ReturnType<typeof httpFetch>>['body']>) => {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done || !value) return Buffer.concat(chunks);
    chunks.push(value);
  }
};

describe('httpFetch', () => {
  it('sends the method, headers and body as given, plus what fetch adds, and reads status, headers and text', async () => {
    let seen: { method?: string; headers: Record<string, string | string[] | undefined>; body: string } | undefined;
    const { origin } = await listenOnLoopback((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen = { method: req.method, headers: req.headers, body };
        res.writeHead(201, { 'content-type': 'application/json', 'x-two': ['a', 'b'] });
        res.end('{"ok":"ü"}');
      });
    });
    const res = await httpFetch(new URL(`${origin}/labels`), {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'content-type': 'application/json' },
      body: '{"a":"é"}',
    });
    expect(res.status).toBe(201);
    expect(res.type).toBe('basic');
    expect(res.headers.get('Content-Type')).toBe('application/json');
    expect(res.headers.get('x-two')).toBe('a, b');
    expect(res.headers.get('missing')).toBeNull();
    expect(await res.text()).toBe('{"ok":"ü"}');
    expect(seen?.method).toBe('POST');
    expect(seen?.body).toBe('{"a":"é"}');
    expect(seen?.headers).toMatchObject({
      authorization: 'Bearer t',
      'content-type': 'application/json',
      'user-agent': 'node',
      'accept-encoding': 'gzip, deflate',
      'content-length': String(Buffer.byteLength('{"a":"é"}')),
    });
    expect(seen?.headers.cookie).toBeUndefined();
  });

  it('does not follow redirects', async () => {
    let hits = 0;
    const { origin } = await listenOnLoopback((_req, res) => {
      hits++;
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
    });
    const res = await httpFetch(new URL(`${origin}/a`), { method: 'GET' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/elsewhere');
    await res.body?.cancel();
    expect(hits).toBe(1);
  });

  it('decodes a gzip body and streams bytes unchanged', async () => {
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => i % 251));
    const { origin } = await listenOnLoopback((req, res) => {
      if (req.url === '/gz') {
        res.writeHead(200, { 'content-encoding': 'gzip' });
        res.end(gzipSync('hello gzip'));
      } else {
        res.end(bytes);
      }
    });
    expect(await (await httpFetch(new URL(`${origin}/gz`), {})).text()).toBe('hello gzip');
    const res = await httpFetch(new URL(`${origin}/bin`), {});
    expect((await readAll(res.body!)).equals(bytes)).toBe(true);
  });

  it('reuses a kept-alive connection for the next request', async () => {
    const ports = new Set<number>();
    const { origin } = await listenOnLoopback((req, res) => {
      ports.add(req.socket.remotePort ?? -1);
      res.end('x');
    });
    for (let i = 0; i < 3; i++) expect(await (await httpFetch(new URL(origin), {})).text()).toBe('x');
    expect(ports.size).toBe(1);
  });

  it('rejects with the abort reason before the headers, and fails the body read when aborted after them', async () => {
    const { origin } = await listenOnLoopback((req, res) => {
      if (req.url === '/stall-body') {
        res.writeHead(200, { 'content-length': '10' });
        res.write('12345');
      }
      // '/hang': never answers.
    });
    const reason = new Error('deadline');
    const early = new AbortController();
    const pending = httpFetch(new URL(`${origin}/hang`), { signal: early.signal });
    setTimeout(() => early.abort(reason), 50);
    await expect(pending).rejects.toBe(reason);

    const late = new AbortController();
    const res = await httpFetch(new URL(`${origin}/stall-body`), { signal: late.signal });
    const text = res.text();
    setTimeout(() => late.abort(reason), 50);
    await expect(text).rejects.toThrow();

    const already = new AbortController();
    already.abort(reason);
    await expect(httpFetch(new URL(origin), { signal: already.signal })).rejects.toBe(reason);
  });

  it('fails the body read when the connection breaks before the declared length, plain or gzip', async () => {
    const { origin } = await listenOnLoopback((req, res) => {
      res.writeHead(200, req.url === '/gz' ? { 'content-length': '100', 'content-encoding': 'gzip' } : { 'content-length': '100' });
      res.write(req.url === '/gz' ? gzipSync('a'.repeat(1000)).subarray(0, 10) : 'only part');
      setTimeout(() => res.socket?.destroy(), 30);
    });
    await expect((await httpFetch(new URL(`${origin}/plain`), {})).text()).rejects.toThrow();
    await expect((await httpFetch(new URL(`${origin}/gz`), {})).text()).rejects.toThrow();
    // Not read until after the break: still an error, not a short body.
    const late = await httpFetch(new URL(`${origin}/plain`), {});
    await new Promise((r) => setTimeout(r, 100));
    await expect(late.text()).rejects.toThrow();
  });

  it('connects to a pinned address (connectTo) instead of resolving the host name, which stays in the Host header', async () => {
    const hosts: (string | undefined)[] = [];
    const { port } = await listenOnLoopback((req, res) => {
      hosts.push(req.headers.host);
      res.end('pinned');
    });
    // `.invalid` never resolves (RFC 2606): only the pinned address can be reached.
    const url = new URL(`http://labels.example.invalid:${port}/a.pdf`);
    expect(await (await httpFetch(url, { connectTo: { address: '127.0.0.1', family: 4 } })).text()).toBe('pinned');
    expect(hosts).toEqual([`labels.example.invalid:${port}`]);
    await expect(httpFetch(url, {})).rejects.toThrow();
    expect(hosts).toHaveLength(1);
  });

  it('reports a refused connection with its code, and refuses other schemes', async () => {
    const { server, origin } = await listenOnLoopback(() => undefined);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await expect(httpFetch(new URL(origin), {})).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(httpFetch(new URL('ftp://127.0.0.1/x'), {})).rejects.toThrow(/unsupported protocol/);
  });
});
