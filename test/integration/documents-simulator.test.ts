import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../../electron/core/api';
import { createDocumentFetcher } from '../../electron/core/documents/document-fetcher';
import { createDocumentUrlPolicy } from '../../electron/core/documents/document-url-policy';
import { createDocumentStore } from '../../electron/core/documents/document-store';
import { silentLogger } from '../../electron/core/logger';
import { DEMO_TOKEN, startSimulator, type Simulator } from '../../electron/simulator';
import { createLabelWithDocument } from '../fixtures/simulator-label';
import { loopbackTestPolicy } from '../support/document-policy';

/**
 * Label → document URL → download → store → read back, against the real simulator over HTTP,
 * with the station's own API client. And the security promise of
 * docs/architecture.md, "Talking to the API": the token goes to the API origin only, never to
 * the host of a document URL.
 */

let sim: Simulator;
let api: ApiClient;
let root: string;
const extraServers: Server[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 5 });
  api = createApiClient({ baseUrl: sim.url, getToken: async () => DEMO_TOKEN });
  root = mkdtempSync(join(tmpdir(), 'ffs-documents-'));
});
afterAll(async () => {
  for (const server of extraServers) server.closeAllConnections();
  await Promise.all(extraServers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  await sim.close();
  rmSync(root, { recursive: true, force: true });
});

// Demo labels: the simulator's document URLs are plain http on its own 127.0.0.1 origin, the
// only place the real policy lets a Demo label's document come from.
const fetcher = () =>
  createDocumentFetcher({ policy: createDocumentUrlPolicy({ demoOrigin: async () => sim.url }), logger: silentLogger, timeoutMs: 10_000 });

/** Creates a label through the API client and returns its id and document URL. */
const labelWithDocument = (format: 'PDF' | 'PNG') => createLabelWithDocument(api, 'docs', format);

/** The document's bytes as a plain client sees them, to compare against. */
async function rawBytes(url: string): Promise<Buffer> {
  const response = await fetch(url);
  return Buffer.from(await response.arrayBuffer());
}

describe('downloading and storing label documents from the simulator', () => {
  it.each([
    ['PDF', 'pdf', '%PDF-'],
    ['PNG', 'png', '\x89PNG\r\n\x1a\n'],
  ] as const)('downloads a %s label, stores it and reads back identical bytes', async (requested, format, magic) => {
    const label = await labelWithDocument(requested);
    expect(label.labelFormat).toBe(format);

    const downloaded = await fetcher().download(label.url, 'demo');
    expect(downloaded.format).toBe(format);
    expect(Buffer.from(downloaded.bytes.subarray(0, magic.length)).toString('latin1')).toBe(magic);
    expect(Buffer.from(downloaded.bytes).equals(await rawBytes(label.url))).toBe(true);

    const store = createDocumentStore(root);
    const path = store.save(label.id, downloaded.format, downloaded.bytes);
    expect(path).toBe(join(root, label.id.slice(0, 2), `${label.id}.${format}`));
    // The file is written in the background; on disk once the store has flushed.
    await store.flush();

    // A second store over the same folder stands for the next app start: reprints read from disk.
    const read = createDocumentStore(root).read(label.id);
    expect(read?.format).toBe(format);
    expect(read?.path).toBe(path);
    expect(read?.bytes.equals(Buffer.from(downloaded.bytes))).toBe(true);
  });
});

describe('the Authorization header is never sent to a document host', () => {
  it('the simulator saw the token on every API call and none on the document download', async () => {
    sim.resetStats();
    const label = await labelWithDocument('PDF');
    await fetcher().download(label.url, 'demo');

    const requests = sim.stats().requests;
    const documentPath = new URL(label.url).pathname;
    const documentRequests = requests.filter((r) => r.path === documentPath);
    const apiRequests = requests.filter((r) => !r.path.startsWith('/documents/'));

    // POST /labels and GET /labels/{id}: the client did send the token where it belongs…
    expect(apiRequests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /labels', `GET /labels/${label.id}`]);
    for (const r of apiRequests) expect(r.headers.authorization).toBe(`Bearer ${DEMO_TOKEN}`);
    // …and not to the document host, nor any cookie.
    expect(documentRequests).toHaveLength(1);
    expect(documentRequests[0]!.status).toBe(200);
    expect(documentRequests[0]!.headers.authorization).toBeUndefined();
    expect(documentRequests[0]!.headers.cookie).toBeUndefined();
    expect(JSON.stringify(documentRequests[0]!.headers)).not.toContain(DEMO_TOKEN);
  });

  it('a separate document host (another loopback port, reached through a redirect) receives no authorization or cookie header', async () => {
    const label = await labelWithDocument('PDF');
    const pdf = await rawBytes(label.url);

    // Two "CDN" hosts on their own ports: the first redirects (and tries to set a cookie), the second serves the label.
    const seen: { host: string; headers: IncomingMessage['headers'] }[] = [];
    const cdn = await startHost('cdn', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(pdf.length) });
      res.end(pdf);
    });
    const edge = await startHost('edge', (_req, res) => {
      res.writeHead(302, { location: `${cdn}/labels/${label.id}.pdf`, 'set-cookie': 'cdn_session=s3cr3t; Path=/' });
      res.end();
    });
    function startHost(name: string, handler: (req: IncomingMessage, res: ServerResponse) => void) {
      const server = createServer((req, res) => {
        seen.push({ host: name, headers: req.headers });
        handler(req, res);
      });
      extraServers.push(server);
      return new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      );
    }
    expect(new URL(edge).port).not.toBe(new URL(sim.url).port);

    // The API client talks to the simulator in the same process, before and after the download.
    sim.resetStats();
    expect((await api.getLabelDocument(label.id)).ok).toBe(true);
    // Two hosts on other loopback ports stand in for a CDN: the stand-in policy lets them serve (the real one would not).
    const cdnFetcher = createDocumentFetcher({ policy: loopbackTestPolicy(), logger: silentLogger, timeoutMs: 10_000 });
    const downloaded = await cdnFetcher.download(`${edge}/l/${label.id}`, 'custom');
    expect((await api.getTracking(label.id)).ok).toBe(true);

    expect(Buffer.from(downloaded.bytes).equals(pdf)).toBe(true);
    expect(seen.map((s) => s.host)).toEqual(['edge', 'cdn']);
    for (const { headers } of seen) {
      expect(headers.authorization).toBeUndefined();
      expect(headers['proxy-authorization']).toBeUndefined();
      expect(headers.cookie).toBeUndefined();
      expect(JSON.stringify(headers)).not.toContain(DEMO_TOKEN);
    }
    const apiCalls = sim.stats().requests;
    expect(apiCalls).toHaveLength(2);
    for (const r of apiCalls) expect(r.headers.authorization).toBe(`Bearer ${DEMO_TOKEN}`);
  });
});
