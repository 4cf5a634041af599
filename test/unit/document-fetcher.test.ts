import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { createDocumentFetcher, type DocumentFetcherOptions } from '../../electron/core/documents/document-fetcher';
import { StationError } from '../../electron/core/errors';
import type { Logger } from '../../electron/core/logger';
import { listenOnLoopback } from '../support/loopback-server';

/**
 * The document downloader against real loopback HTTP servers (and, for https addresses, an
 * injected fetch: the rules are what is tested, not TLS). The document host is untrusted.
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
  const { origin, port, server } = await listenOnLoopback((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    handler(req, res);
  });
  return { origin, port, seen, server };
}

/** A host that serves fixed bytes with the given headers at any path. */
const serve = (bytes: Buffer, headers: Record<string, string> = {}) => (_req: IncomingMessage, res: ServerResponse) => {
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
  return createDocumentFetcher({ allowLoopbackHttp: () => true, logger: capturingLogger().logger, timeoutMs: 10_000, ...overrides });
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
  return vi.fn<typeof fetch>(async (input) => respond(new URL(String(input))));
}

// ----------------------------------------------------------------------------------------------

describe('which addresses are allowed', () => {
  it('refuses plain http to anything that is not loopback, even in Demo mode, without sending a request', async () => {
    const fetchStub = stubFetch();
    const f = fetcher({ fetch: fetchStub, allowLoopbackHttp: () => true });
    for (const url of [
      'http://label-cdn.yunexpress.cn/labels/a.pdf',
      'http://10.0.0.8/a.pdf',
      'http://127.0.0.1.nip.io/a.pdf',
      'http://localhost.example.com/a.pdf',
      'http://0.0.0.0/a.pdf',
      'http://[::ffff:127.0.0.1]/a.pdf',
      'http://[::2]/a.pdf',
    ]) {
      await expectFailure(f.download(url), 'document_url_refused');
    }
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('refuses other schemes, addresses with credentials and garbage', async () => {
    const fetchStub = stubFetch();
    const f = fetcher({ fetch: fetchStub });
    for (const url of [
      'file:///etc/passwd',
      'ftp://cdn.example.com/a.pdf',
      'data:application/pdf;base64,JVBERi0xLjcK',
      'javascript:alert(1)',
      'https://user:secret@cdn.example.com/a.pdf',
      'https://user@cdn.example.com/a.pdf',
      'http://user:secret@127.0.0.1/a.pdf',
      'not a url',
      '',
    ]) {
      await expectFailure(f.download(url), 'document_url_refused');
    }
    expect(fetchStub).not.toHaveBeenCalled();
  });

  it('allows plain http to a loopback host only while Demo mode allows it (asked on every download)', async () => {
    const host = await startHost(serve(PDF));
    let demo = false;
    const f = fetcher({ allowLoopbackHttp: () => demo });

    await expectFailure(f.download(`${host.origin}/label.pdf`), 'document_url_refused');
    expect(host.seen).toHaveLength(0);

    demo = true;
    const result = await f.download(`${host.origin}/label.pdf`);
    expect(result.format).toBe('pdf');
    expect(Buffer.from(result.bytes).equals(PDF)).toBe(true);
  });

  it('treats 127.0.0.0/8, localhost and [::1] (in any spelling the URL parser accepts) as loopback', async () => {
    const fetchStub = stubFetch();
    const f = fetcher({ fetch: fetchStub });
    for (const url of ['http://localhost:4010/a.pdf', 'http://[::1]:4010/a.pdf', 'http://[0:0:0:0:0:0:0:1]/a.pdf', 'http://127.9.8.7/a.pdf', 'http://2130706433/a.pdf', 'http://127.1/a.pdf']) {
      await expect(f.download(url)).resolves.toMatchObject({ format: 'pdf' });
    }
    const hosts = fetchStub.mock.calls.map(([input]) => new URL(String(input)).hostname);
    expect(hosts).toEqual(['localhost', '[::1]', '[::1]', '127.9.8.7', '127.0.0.1', '127.0.0.1']);
  });

  it('accepts https to any host, outside Demo mode too, with no credentials and no redirect following by fetch', async () => {
    const fetchStub = stubFetch();
    const f = fetcher({ fetch: fetchStub, allowLoopbackHttp: () => false });
    await expect(f.download('https://label-cdn.yunexpress.cn/labels/a.pdf?sig=1')).resolves.toMatchObject({ format: 'pdf' });

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

    await fetcher().download(`${first.origin}/start`);

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
    await fetcher({ logger }).download(`${host.origin}/label.pdf?signature=S3CR3T-SIG`);
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
    const result = await fetcher().download(chain.start);
    expect(result.format).toBe('pdf');
    expect(chain.requests().sort()).toEqual(['/hop/0', '/hop/1', '/hop/2', '/hop/3']);
  });

  it('refuses a fourth redirect without following it', async () => {
    const chain = await redirectChain(4);
    await expectFailure(fetcher().download(chain.start), 'document_download_failed');
    expect(chain.requests().sort()).toEqual(['/hop/0', '/hop/1', '/hop/2', '/hop/3']);
  });

  it('re-checks every hop: a redirect to plain http on the internet is refused', async () => {
    const host = await startHost((_req, res) => {
      res.writeHead(301, { location: 'http://label-cdn.example.com/a.pdf' });
      res.end();
    });
    await expectFailure(fetcher().download(`${host.origin}/a.pdf`), 'document_url_refused');
  });

  it('refuses an https → http downgrade even to loopback outside Demo mode', async () => {
    const fetchStub = stubFetch(() => new Response(null, { status: 302, headers: { location: 'http://127.0.0.1:4010/a.pdf' } }));
    await expectFailure(fetcher({ fetch: fetchStub, allowLoopbackHttp: () => false }).download('https://cdn.example.com/a.pdf'), 'document_url_refused');
    expect(fetchStub).toHaveBeenCalledTimes(1);
  });

  it('refuses redirects to other schemes or to addresses with credentials', async () => {
    for (const location of ['file:///etc/passwd', 'ftp://cdn.example.com/a.pdf', 'https://user:pw@cdn.example.com/a.pdf']) {
      const fetchStub = stubFetch(() => new Response(null, { status: 302, headers: { location } }));
      await expectFailure(fetcher({ fetch: fetchStub }).download('https://cdn.example.com/a.pdf'), 'document_url_refused');
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
    await expect(fetcher().download(`${host.origin}/start`)).resolves.toMatchObject({ format: 'png' });
    expect(host.seen.map((s) => s.url)).toEqual(['/start', '/files/label.png']);
  });

  it('fails plainly on a redirect without a Location', async () => {
    const host = await startHost((_req, res) => {
      res.writeHead(302);
      res.end();
    });
    await expectFailure(fetcher().download(`${host.origin}/a.pdf`), 'document_download_failed');
  });
});

describe('size cap', () => {
  it('refuses a declared Content-Length over the cap up front, without waiting for the body', async () => {
    // The body never completes: a fetcher that read it before checking would time out instead.
    const host = await startHost((_req, res) => {
      res.writeHead(200, { 'content-length': String(1001) });
      res.write(PDF);
    });
    await expectFailure(fetcher({ maxBytes: 1000, timeoutMs: 5000 }).download(`${host.origin}/big.pdf`), 'document_too_large');
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

    await expectFailure(fetcher({ maxBytes: MAX }).download(`${host.origin}/endless.pdf`), 'document_too_large');
    await connectionClosed;
    // Reading everything first and checking afterwards would have let the server finish its 40 MiB.
    expect(ended).toBe(false);
    expect(sent).toBeLessThan(SERVER_LIMIT);
  });

  it('accepts a document of exactly the cap', async () => {
    const exact = Buffer.concat([PDF, Buffer.alloc(4096 - PDF.length, 0x20)]);
    const host = await startHost(serve(exact));
    const result = await fetcher({ maxBytes: 4096 }).download(`${host.origin}/a.pdf`);
    expect(result.bytes.byteLength).toBe(4096);
  });

  it('refuses one byte over the cap when the length is not announced', async () => {
    const over = Buffer.concat([PDF, Buffer.alloc(4097 - PDF.length, 0x20)]);
    const host = await startHost((_req, res) => {
      res.writeHead(200);
      res.end(over);
    });
    await expectFailure(fetcher({ maxBytes: 4096 }).download(`${host.origin}/a.pdf`), 'document_too_large');
  });
});

describe('what counts as a label', () => {
  it('decides PDF or PNG by the first bytes, whatever Content-Type and extension claim', async () => {
    const host = await startHost((req, res) => {
      if (req.url === '/label.png') return serve(PDF, { 'content-type': 'image/png' })(req, res);
      serve(PNG, { 'content-type': 'application/pdf' })(req, res);
    });
    const f = fetcher();
    const pdf = await f.download(`${host.origin}/label.png`);
    const png = await f.download(`${host.origin}/label.pdf`);
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
    const host = await startHost((req, res) => serve(bodies[(req.url ?? '').slice(1)] ?? PDF, { 'content-type': 'application/pdf' })(req, res));
    const f = fetcher();
    for (const name of Object.keys(bodies)) {
      await expectFailure(f.download(`${host.origin}/${name}`), 'document_not_a_label');
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
      const error = await expectFailure(f.download(`${host.origin}/${status}`), 'document_download_failed');
      expect(error.message).toContain(`HTTP ${status}`);
    }
  });

  it('fails plainly when nothing listens on the port', async () => {
    const host = await startHost(serve(PDF));
    await new Promise<void>((resolve) => host.server.close(() => resolve()));
    await expectFailure(fetcher().download(`${host.origin}/a.pdf`), 'document_download_failed');
  });

  it('fails plainly when the host breaks off in the middle of the body', async () => {
    const host = await startHost((_req, res) => {
      res.writeHead(200, { 'content-length': '5000' });
      res.write(PDF, () => res.destroy());
    });
    await expectFailure(fetcher().download(`${host.origin}/a.pdf`), 'document_download_failed');
  });

  it('gives up when the host never answers', async () => {
    const host = await startHost(() => undefined);
    const error = await expectFailure(fetcher({ timeoutMs: 300 }).download(`${host.origin}/a.pdf`), 'document_timeout');
    expect(error.message).toMatch(/took longer than 1 second/);
  });

  it('gives up when the body stalls after the headers', async () => {
    const host = await startHost((_req, res) => {
      res.writeHead(200, { 'content-length': '5000' });
      res.write(PDF);
    });
    await expectFailure(fetcher({ timeoutMs: 300 }).download(`${host.origin}/a.pdf`), 'document_timeout');
  });
});
