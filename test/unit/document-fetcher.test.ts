import { countingFetch } from '../support/counting-fetch';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { gzipSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import type { FetchLike } from '../../electron/core/api/http-fetch';
import { createDocumentFetcher, type DocumentFetcherOptions } from '../../electron/core/documents/document-fetcher';
import { createDocumentUrlPolicy, type LookupAll } from '../../electron/core/documents/document-url-policy';
import { StationError } from '../../electron/core/errors';
import type { Logger } from '../../electron/core/logger';
import { loopbackTestPolicy } from '../support/document-policy';
import { listenOnLoopback } from '../support/loopback-server';

/**
 * The document downloader against real loopback HTTP servers (and, for https addresses, an
 * injected fetch and DNS: the rules are what is tested, not TLS). The document host is
 * untrusted. The address rules use the real policy; tests about other things (redirects,
 * headers, caps) serve from 127.0.0.1 ports through a stand-in policy that allows those.
 */

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('\0\0\0\rIHDR fake image data')]);

// ----------------------------------------------------------------------------------------------
// Plumbing: loopback "document hosts" that record what arrives
// ----------------------------------------------------------------------------------------------

interface Seen {
  url: string;
  headers: IncomingMessage['headers'];
}

async function startHost(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const seen: Seen[] = [];
  let connections = 0;
  const { origin, port, server } = await listenOnLoopback((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  server.on('connection', () => connections++);
  return { origin, port, seen, server, connections: () => connections };
}

/** A host that serves fixed bytes with the given headers at any path. */
const serve =
  (bytes: Buffer, headers: Record<string, string> = {}) =>
  (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-length': String(bytes.length), ...headers });
    res.end(bytes);
  };

function capturingLogger() {
  const lines: { event: string; fields?: Record<string, unknown> }[] = [];
  const logger: Logger = {
    info: (event, fields) => lines.push({ event, fields }),
    warn: (event, fields) => lines.push({ event, fields }),
    error: (event, fields) => lines.push({ event, fields }),
    addSecret: () => undefined,
  };
  return { logger, lines };
}

function fetcher(overrides: Partial<DocumentFetcherOptions> = {}) {
  return createDocumentFetcher({ policy: loopbackTestPolicy(), logger: capturingLogger().logger, timeoutMs: 10_000, ...overrides });
}

/** The environment of the labels in tests where it does not matter (the stand-in policy ignores it). */
const ENV = 'development';
/** Where the Demo simulator runs, for tests that do not start one. */
const SIMULATOR = 'http://127.0.0.1:4010';

/**
 * The real policy with a scripted resolver: names in `resolve` answer those addresses, any
 * other name a public one; every question is recorded.
 */
function realPolicy(options: { demoOrigin?: string; resolve?: Record<string, string[]> } = {}) {
  const lookups: string[] = [];
  const lookup: LookupAll = async (host) => {
    lookups.push(host);
    return (options.resolve?.[host] ?? ['93.184.216.34']).map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 }));
  };
  return { policy: createDocumentUrlPolicy({ demoOrigin: async () => options.demoOrigin ?? SIMULATOR, lookup }), lookups };
}

/** Awaits a rejection and checks it is the StationError with `code`, told in an operator's words. */
async function expectFailure(promise: Promise<unknown>, code: string): Promise<StationError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${code}, but the download succeeded`);
    },
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(StationError);
  expect((error as StationError).code).toBe(code);
  expect((error as StationError).message).toMatch(/not bought again/);
  return error as StationError;
}

/** A fetch stub answering every call with `respond()`; records what was asked. */
function stubFetch(respond: (url: URL) => Response = () => new Response(PDF, { status: 200 })) {
  return vi.fn<FetchLike>(async (input) => respond(new URL(String(input))));
}

// ----------------------------------------------------------------------------------------------

describe("which addresses are allowed (the real policy, by the label's environment)", () => {
  it('refuses plain http outside Demo, and in Demo anything but the simulator, without sending a request', async () => {
    const fetchStub = stubFetch();
    const f = fetcher({ fetch: fetchStub, policy: realPolicy().policy });
    for (const url of [
      'http://label-cdn.yunexpress.cn/labels/a.pdf',
      'http://10.0.0.8/a.pdf',
      'http://127.0.0.1.nip.io/a.pdf',
      'http://localhost.example.com/a.pdf',
      'http://0.0.0.0/a.pdf',
      'http://[::ffff:127.0.0.1]/a.pdf',
      'http://[::2]/a.pdf',
      'http://127.0.0.1/a.pdf',
    ]) {
      for (const environment of ['development', 'production', 'custom', 'demo'] as const) {
        await expectFailure(f.download(url, environment), 'document_url_refused');
      }
    }
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('refuses other schemes, addresses with credentials and garbage', async () => {
    const fetchStub = stubFetch();
    const f = fetcher({ fetch: fetchStub, policy: realPolicy().policy });
    for (const url of [
      'file:///etc/passwd',
      'ftp://cdn.example.com/a.pdf',
      'data:application/pdf;base64,JVBERi0xLjcK',
      'javascript:alert(1)',
      'https://user:secret@cdn.example.com/a.pdf',
      'https://user@cdn.example.com/a.pdf',
      `http://user:secret@${SIMULATOR.slice('http://'.length)}/a.pdf`,
      'not a url',
      '',
    ]) {
      for (const environment of ['development', 'demo'] as const) await expectFailure(f.download(url, environment), 'document_url_refused');
    }
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it("fetches a Demo label from the simulator's origin, and refuses that same address for any other label", async () => {
    const simulator = await startHost(serve(PDF));
    const f = fetcher({ policy: realPolicy({ demoOrigin: simulator.origin }).policy });

    for (const environment of ['development', 'production', 'custom'] as const) {
      const error = await expectFailure(f.download(`${simulator.origin}/label.pdf`, environment), 'document_url_refused');
      expect(error.message).toMatch(/plain http is allowed only for the Demo simulator/);
    }
    expect(simulator.connections()).toBe(0);

    const result = await f.download(`${simulator.origin}/label.pdf`, 'demo');
    expect(result.format).toBe('pdf');
    expect(Buffer.from(result.bytes).equals(PDF)).toBe(true);
  });

  it('refuses a Demo label whose document is on another loopback port or any other host', async () => {
    const simulator = await startHost(serve(PDF));
    const other = await startHost(serve(PDF));
    const fetchStub = stubFetch();
    const f = fetcher({ policy: realPolicy({ demoOrigin: simulator.origin }).policy });
    const error = await expectFailure(f.download(`${other.origin}/label.pdf`, 'demo'), 'document_url_refused');
    expect(error.message).toMatch(/in Demo mode label documents come only from the built-in simulator/);
    expect(other.connections()).toBe(0);

    const g = fetcher({ fetch: fetchStub, policy: realPolicy({ demoOrigin: simulator.origin }).policy });
    for (const url of [
      `http://localhost:${simulator.port}/a.pdf`,
      `https://127.0.0.1:${simulator.port}/a.pdf`,
      'https://label-cdn.yunexpress.cn/a.pdf',
    ]) {
      await expectFailure(g.download(url, 'demo'), 'document_url_refused');
    }
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('outside Demo refuses loopback, private, CGNAT, link-local and unspecified addresses, localhost and .local names, before any request or DNS query', async () => {
    const fetchStub = stubFetch();
    const { policy, lookups } = realPolicy();
    const f = fetcher({ fetch: fetchStub, policy });
    for (const url of [
      'https://127.0.0.1/a.pdf',
      'https://127.9.8.7/a.pdf',
      'https://2130706433/a.pdf',
      'https://127.1/a.pdf',
      'https://[::1]/a.pdf',
      'https://[0:0:0:0:0:0:0:1]/a.pdf',
      'https://localhost:4010/a.pdf',
      'https://localhost./a.pdf',
      'https://labels.localhost/a.pdf',
      'https://10.0.0.5/a.pdf',
      'https://172.16.3.4/a.pdf',
      'https://172.31.255.255/a.pdf',
      'https://192.168.1.10/a.pdf',
      'https://100.64.0.1/a.pdf',
      'https://169.254.169.254/latest/meta-data/',
      'https://0.0.0.0/a.pdf',
      'https://[::]/a.pdf',
      'https://[fd12:3456::1]/a.pdf',
      'https://[fe80::1]/a.pdf',
      'https://[::ffff:10.0.0.5]/a.pdf',
      'https://[::ffff:169.254.169.254]/a.pdf',
      'https://printer.local/a.pdf',
      'https://PRINTER.LOCAL./a.pdf',
    ]) {
      for (const environment of ['development', 'production', 'custom'] as const) {
        const error = await expectFailure(f.download(url, environment), 'document_url_refused');
        expect(error.message).toMatch(
          /address is not allowed: it points at (this computer|a local or private network address|a device on the local network)/,
        );
      }
    }
    expect(fetchStub).not.toHaveBeenCalled();
    expect(lookups).toEqual([]);
  });

  it('accepts https to public addresses next to those ranges, connecting to the address as written', async () => {
    const fetchStub = stubFetch();
    const f = fetcher({ fetch: fetchStub, policy: realPolicy().policy });
    for (const [url, address, family] of [
      ['https://172.32.0.1/a.pdf', '172.32.0.1', 4],
      ['https://100.128.0.1/a.pdf', '100.128.0.1', 4],
      ['https://192.169.0.1/a.pdf', '192.169.0.1', 4],
      ['https://169.255.0.1/a.pdf', '169.255.0.1', 4],
      ['https://[2001:4860:4860::8888]/a.pdf', '2001:4860:4860::8888', 6],
    ] as const) {
      await expect(f.download(url, 'production')).resolves.toMatchObject({ format: 'pdf' });
      expect(fetchStub.mock.lastCall?.[1]).toMatchObject({ connectTo: { address, family } });
    }
  });

  it('resolves a host name and refuses it when any of its addresses is local, private or link-local', async () => {
    const fetchStub = stubFetch();
    const { policy, lookups } = realPolicy({
      resolve: {
        'intranet.example.com': ['192.168.1.10'],
        'mixed.example.com': ['93.184.216.34', '10.0.0.5'],
        'metadata.example.com': ['169.254.169.254'],
        'v6.example.com': ['2606:2800:220:1::1', 'fe80::1'],
        'mapped.example.com': ['::ffff:127.0.0.1'],
        'ula.example.com': ['fd00::5'],
        'cgnat.example.com': ['100.100.100.100'],
      },
    });
    const f = fetcher({ fetch: fetchStub, policy });
    for (const host of [
      'intranet.example.com',
      'mixed.example.com',
      'metadata.example.com',
      'v6.example.com',
      'mapped.example.com',
      'ula.example.com',
      'cgnat.example.com',
    ]) {
      const error = await expectFailure(f.download(`https://${host}/a.pdf`, 'development'), 'document_url_refused');
      expect(error.message).toContain(`its host ${host} is on a local or private network`);
    }
    expect(fetchStub).not.toHaveBeenCalled();
    expect(lookups).toHaveLength(7);
  });

  it('connects to the address it checked: one DNS answer per hop, passed to the connection (no rebinding)', async () => {
    const fetchStub = stubFetch();
    let calls = 0;
    // A rebinding resolver: public for the check, loopback for any later question.
    const lookup: LookupAll = async () =>
      calls++ === 0 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }];
    const f = fetcher({ fetch: fetchStub, policy: createDocumentUrlPolicy({ demoOrigin: async () => SIMULATOR, lookup }) });
    await expect(f.download('https://label-cdn.yunexpress.cn/labels/a.pdf?sig=1', 'production')).resolves.toMatchObject({ format: 'pdf' });
    expect(calls).toBe(1);
    expect(fetchStub).toHaveBeenCalledTimes(1);
    expect(fetchStub.mock.calls[0]?.[1]).toMatchObject({ connectTo: { address: '93.184.216.34', family: 4 } });
  });

  it('a real connection never reaches a local server for a non-Demo label, by address or by a name resolving to it', async () => {
    const local = await startHost(serve(PDF));
    const { policy } = realPolicy({ resolve: { 'docs.example.test': ['127.0.0.1'] } });
    const f = fetcher({ policy });
    for (const url of [
      `https://127.0.0.1:${local.port}/a.pdf`,
      `https://docs.example.test:${local.port}/a.pdf`,
      `https://localhost:${local.port}/a.pdf`,
    ]) {
      await expectFailure(f.download(url, 'development'), 'document_url_refused');
    }
    expect(local.connections()).toBe(0);
  });

  it('accepts https to any public host, with no credentials and no redirect following by fetch', async () => {
    const fetchStub = stubFetch();
    const f = fetcher({ fetch: fetchStub, policy: realPolicy().policy });
    await expect(f.download('https://label-cdn.yunexpress.cn/labels/a.pdf?sig=1', 'production')).resolves.toMatchObject({ format: 'pdf' });

    expect(fetchStub).toHaveBeenCalledTimes(1);
    const init = fetchStub.mock.calls[0]?.[1];
    const headers = new Headers(init?.headers);
    expect(headers.has('authorization')).toBe(false);
    expect(headers.has('cookie')).toBe(false);
    expect(init).toMatchObject({ method: 'GET', redirect: 'manual', credentials: 'omit' });
  });
});

describe('what is sent to the document host', () => {
  it('sends no Authorization, Cookie or other credential header, and no cookie a redirect tried to set', async () => {
    const final = await startHost(serve(PDF, { 'content-type': 'application/pdf' }));
    const first = await startHost((_req, res) => {
      res.writeHead(302, { location: `${final.origin}/label.pdf`, 'set-cookie': 'session=abc123; Path=/' });
      res.end();
    });

    await fetcher().download(`${first.origin}/start`, ENV);

    const seen = [...first.seen, ...final.seen];
    expect(seen).toHaveLength(2);
    for (const { headers } of seen) {
      expect(headers.authorization).toBeUndefined();
      expect(headers['proxy-authorization']).toBeUndefined();
      expect(headers.cookie).toBeUndefined();
    }
  });

  it('keeps the query string (where signed links carry secrets) out of the log', async () => {
    const host = await startHost(serve(PDF));
    const { logger, lines } = capturingLogger();
    await fetcher({ logger }).download(`${host.origin}/label.pdf?signature=S3CR3T-SIG`, ENV);
    const ok = lines.find((l) => l.event === 'document.downloaded');
    expect(ok?.fields).toMatchObject({ path: '/label.pdf', format: 'pdf', bytes: PDF.length });
    expect(JSON.stringify(lines)).not.toContain('S3CR3T-SIG');
  });
});

describe('redirects', () => {
  /** `hops` redirects, alternating between two loopback ports (different origins), then the PDF. */
  async function redirectChain(hops: number) {
    const hosts = [await startHost(route), await startHost(route)];
    function route(req: IncomingMessage, res: ServerResponse) {
      const step = Number(/^\/hop\/(\d+)$/.exec(req.url ?? '')?.[1] ?? NaN);
      if (step < hops) {
        res.writeHead(step % 2 === 0 ? 302 : 307, { location: `${hosts[(step + 1) % 2]!.origin}/hop/${step + 1}` });
        return res.end();
      }
      serve(PDF)(req, res);
    }
    return { start: `${hosts[0]!.origin}/hop/0`, requests: () => hosts.flatMap((h) => h.seen.map((s) => s.url)) };
  }

  it('follows up to three redirects across origins', async () => {
    const chain = await redirectChain(3);
    const policy = loopbackTestPolicy();
    const result = await fetcher({ policy }).download(chain.start, 'custom');
    expect(result.format).toBe('pdf');
    expect(chain.requests().sort()).toEqual(['/hop/0', '/hop/1', '/hop/2', '/hop/3']);
    // Every hop went through the policy, with the label's environment.
    expect(policy.vetted.map((v) => [new URL(v.url).pathname, v.environment])).toEqual([0, 1, 2, 3].map((i) => [`/hop/${i}`, 'custom']));
  });

  it('refuses a fourth redirect without following it', async () => {
    const chain = await redirectChain(4);
    await expectFailure(fetcher().download(chain.start, ENV), 'document_download_failed');
    expect(chain.requests().sort()).toEqual(['/hop/0', '/hop/1', '/hop/2', '/hop/3']);
  });

  it('re-checks every hop with the real policy: a redirect to plain http on the internet is refused', async () => {
    const fetchStub = stubFetch(() => new Response(null, { status: 301, headers: { location: 'http://label-cdn.example.com/a.pdf' } }));
    await expectFailure(
      fetcher({ fetch: fetchStub, policy: realPolicy().policy }).download('https://cdn.example.com/a.pdf', 'production'),
      'document_url_refused',
    );
    expect(fetchStub).toHaveBeenCalledTimes(1);
  });

  it('refuses an https → http downgrade even to loopback outside Demo mode', async () => {
    const fetchStub = stubFetch(() => new Response(null, { status: 302, headers: { location: `${SIMULATOR}/a.pdf` } }));
    await expectFailure(
      fetcher({ fetch: fetchStub, policy: realPolicy().policy }).download('https://cdn.example.com/a.pdf', 'development'),
      'document_url_refused',
    );
    expect(fetchStub).toHaveBeenCalledTimes(1);
  });

  it('refuses a redirect to a name that resolves to a private address, or to a metadata address', async () => {
    for (const location of [
      'https://internal.example.com/a.pdf',
      'https://169.254.169.254/latest/meta-data/',
      'https://printer.local/a.pdf',
    ]) {
      const fetchStub = stubFetch(() => new Response(null, { status: 302, headers: { location } }));
      const { policy, lookups } = realPolicy({ resolve: { 'internal.example.com': ['10.0.0.5'] } });
      await expectFailure(
        fetcher({ fetch: fetchStub, policy }).download('https://cdn.example.com/a.pdf', 'production'),
        'document_url_refused',
      );
      expect(fetchStub).toHaveBeenCalledTimes(1);
      expect(lookups[0]).toBe('cdn.example.com');
    }
  });

  it('refuses redirects to other schemes or to addresses with credentials', async () => {
    for (const location of ['file:///etc/passwd', 'ftp://cdn.example.com/a.pdf', 'https://user:pw@cdn.example.com/a.pdf']) {
      const fetchStub = stubFetch(() => new Response(null, { status: 302, headers: { location } }));
      await expectFailure(
        fetcher({ fetch: fetchStub, policy: realPolicy().policy }).download('https://cdn.example.com/a.pdf', 'production'),
        'document_url_refused',
      );
      expect(fetchStub).toHaveBeenCalledTimes(1);
    }
  });

  it('resolves a relative Location against the current address', async () => {
    const host = await startHost((req, res) => {
      if (req.url === '/start') {
        res.writeHead(303, { location: '/files/label.png' });
        return res.end();
      }
      serve(PNG)(req, res);
    });
    await expect(fetcher().download(`${host.origin}/start`, ENV)).resolves.toMatchObject({ format: 'png' });
    expect(host.seen.map((s) => s.url)).toEqual(['/start', '/files/label.png']);
  });

  it('fails plainly on a redirect without a Location', async () => {
    const host = await startHost((_req, res) => {
      res.writeHead(302);
      res.end();
    });
    await expectFailure(fetcher().download(`${host.origin}/a.pdf`, ENV), 'document_download_failed');
  });
});

describe('size cap', () => {
  it('refuses a declared Content-Length over the cap up front, without waiting for the body', async () => {
    // The body never completes: a fetcher that read it before checking would time out instead.
    const host = await startHost((_req, res) => {
      res.writeHead(200, { 'content-length': String(1001) });
      res.write(PDF);
    });
    await expectFailure(fetcher({ maxBytes: 1000, timeoutMs: 5000 }).download(`${host.origin}/big.pdf`, ENV), 'document_too_large');
  });

  it('aborts a body without Content-Length as soon as it passes the cap', async () => {
    const MAX = 64 * 1024;
    const SERVER_LIMIT = 40 * 1024 * 1024;
    let sent = 0;
    let ended = false;
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    const host = await startHost((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' }); // chunked: no length announced
      res.on('close', () => closed());
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      res.write(PDF);
      const pump = () => {
        while (!res.destroyed) {
          if (sent >= SERVER_LIMIT) {
            ended = true;
            return void res.end();
          }
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
      };
      pump();
    });

    await expectFailure(fetcher({ maxBytes: MAX }).download(`${host.origin}/endless.pdf`, ENV), 'document_too_large');
    await connectionClosed;
    // Reading everything first and checking afterwards would have let the server finish its 40 MiB.
    expect(ended).toBe(false);
    expect(sent).toBeLessThan(SERVER_LIMIT);
  });

  it('counts the cap after decompression: a gzip bomb stops inflating near the cap', async () => {
    const MAX = 64 * 1024;
    // 16 gzip members of 16 MiB of zeros: ~260 KB on the wire, 256 MiB if inflated.
    const member = gzipSync(Buffer.alloc(16 * 1024 * 1024), { level: 9 });
    const host = await startHost((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-encoding': 'gzip' });
      for (let i = 0; i < 16; i++) res.write(member);
      res.end();
    });
    const { fetch: counting, counter } = countingFetch();
    await expectFailure(fetcher({ maxBytes: MAX, fetch: counting }).download(`${host.origin}/bomb.pdf`, ENV), 'document_too_large');
    expect(counter.bytes).toBeGreaterThan(MAX);
    expect(counter.bytes).toBeLessThanOrEqual(2 * MAX);
  });

  it('accepts a document of exactly the cap', async () => {
    const exact = Buffer.concat([PDF, Buffer.alloc(4096 - PDF.length, 0x20)]);
    const host = await startHost(serve(exact));
    const result = await fetcher({ maxBytes: 4096 }).download(`${host.origin}/a.pdf`, ENV);
    expect(result.bytes.byteLength).toBe(4096);
  });

  it('refuses one byte over the cap when the length is not announced', async () => {
    const over = Buffer.concat([PDF, Buffer.alloc(4097 - PDF.length, 0x20)]);
    const host = await startHost((_req, res) => {
      res.writeHead(200);
      res.end(over);
    });
    await expectFailure(fetcher({ maxBytes: 4096 }).download(`${host.origin}/a.pdf`, ENV), 'document_too_large');
  });
});

describe('what counts as a label', () => {
  it('decides PDF or PNG by the first bytes, whatever Content-Type and extension claim', async () => {
    const host = await startHost((req, res) => {
      if (req.url === '/label.png') return serve(PDF, { 'content-type': 'image/png' })(req, res);
      serve(PNG, { 'content-type': 'application/pdf' })(req, res);
    });
    const f = fetcher();
    const pdf = await f.download(`${host.origin}/label.png`, ENV);
    const png = await f.download(`${host.origin}/label.pdf`, ENV);
    expect(pdf.format).toBe('pdf');
    expect(Buffer.from(pdf.bytes).equals(PDF)).toBe(true);
    expect(png.format).toBe('png');
    expect(Buffer.from(png.bytes).equals(PNG)).toBe(true);
  });

  it('refuses anything else, even when the headers say PDF', async () => {
    const bodies: Record<string, Buffer> = {
      html: Buffer.from('<!doctype html><title>Access denied</title>'),
      json: Buffer.from('{"error":"Not found"}'),
      empty: Buffer.alloc(0),
      'pdf-without-dash': Buffer.from('%PDF1.7 not really'),
      'pdf-not-at-start': Buffer.from(' %PDF-1.7\n'),
      'png-signature-cut-short': PNG.subarray(0, 7),
      jpeg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]),
    };
    const host = await startHost((req, res) =>
      serve(bodies[(req.url ?? '').slice(1)] ?? PDF, { 'content-type': 'application/pdf' })(req, res),
    );
    const f = fetcher();
    for (const name of Object.keys(bodies)) {
      await expectFailure(f.download(`${host.origin}/${name}`, ENV), 'document_not_a_label');
    }
  });
});

describe('failures and timeouts', () => {
  it('reports the status when the host answers with an error', async () => {
    const host = await startHost((req, res) => {
      res.writeHead(Number((req.url ?? '/500').slice(1)), { 'content-type': 'text/html' });
      res.end('<h1>nope</h1>');
    });
    const f = fetcher();
    for (const status of [403, 404, 500, 503, 204]) {
      const error = await expectFailure(f.download(`${host.origin}/${status}`, ENV), 'document_download_failed');
      expect(error.message).toContain(`HTTP ${status}`);
    }
  });

  it('fails plainly when nothing listens on the port', async () => {
    const host = await startHost(serve(PDF));
    await new Promise<void>((resolve) => host.server.close(() => resolve()));
    await expectFailure(fetcher().download(`${host.origin}/a.pdf`, ENV), 'document_download_failed');
  });

  it('fails plainly when the host breaks off in the middle of the body', async () => {
    const host = await startHost((_req, res) => {
      res.writeHead(200, { 'content-length': '5000' });
      res.write(PDF, () => res.destroy());
    });
    await expectFailure(fetcher().download(`${host.origin}/a.pdf`, ENV), 'document_download_failed');
  });

  it('gives up when the host never answers', async () => {
    const host = await startHost(() => undefined);
    const error = await expectFailure(fetcher({ timeoutMs: 300 }).download(`${host.origin}/a.pdf`, ENV), 'document_timeout');
    expect(error.message).toMatch(/took longer than 1 second/);
  });

  it('gives up when the body stalls after the headers', async () => {
    const host = await startHost((_req, res) => {
      res.writeHead(200, { 'content-length': '5000' });
      res.write(PDF);
    });
    await expectFailure(fetcher({ timeoutMs: 300 }).download(`${host.origin}/a.pdf`, ENV), 'document_timeout');
  });
});
