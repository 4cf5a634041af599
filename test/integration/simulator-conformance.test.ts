// Conformance of the simulator to the Flex Forward contract (docs/api-contract.md), over raw HTTP.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_TOKEN, MINUTE, startSimulator, type Simulator } from '../../electron/simulator';
import { LabelDocument, LabelResult, TrackingResponse } from '../../shared/flexforward/schemas';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  TOKEN_A,
  TOKEN_B,
  TWO_TOKENS,
  UUID_RE,
  call,
  createLabel,
  freshKey,
  validBody,
  type AnyJson,
} from './simulator-test-helpers';
import { hasTool } from '../support/tools';

let sim: Simulator;
let base: string;
let tmp: string;
/** A fixed clock the tests move by hand, so tracking never depends on how fast the machine is. */
const START = Date.parse('2026-06-01T09:00:00.000Z');

// zbarimg (Debian zbar-tools) decodes the barcodes. `npm test` requires it (test/run-all.sh
// sets FFS_TEST_SESSION), so the scan checks always run there; a bare vitest run without the
// tool skips them.
const HAS_ZBAR = hasTool('zbarimg') || process.env.FFS_TEST_SESSION === '1';

beforeAll(async () => {
  sim = await startSimulator({ tokens: TWO_TOKENS, now: () => START });
  base = sim.url;
  tmp = mkdtempSync(join(tmpdir(), 'ffs-sim-'));
});

afterAll(async () => {
  await sim?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

async function created(body = validBody(), token = TOKEN_A) {
  const res = await createLabel(base, token, body);
  expect(res.status).toBe(201);
  return res.json as { id: string; customerOrderNumber: string; courierTrackingNumber: string; courierOrderNumber: string };
}

describe('defaults', () => {
  it('accepts the demo token with the demo accounts when started without options', async () => {
    const demo = await startSimulator();
    try {
      expect(demo.url).toBe(`http://127.0.0.1:${demo.port}`);
      expect(DEMO_ACCOUNTS.length).toBeGreaterThanOrEqual(2);
      for (const a of DEMO_ACCOUNTS) expect(a.id).toMatch(UUID_RE);
      const res = await createLabel(demo.url, DEMO_TOKEN, validBody({ account: DEMO_ACCOUNTS[1]!.id }));
      expect(res.status).toBe(201);
      expect((await call(demo.url, 'GET', '/couriers', { token: TOKEN_A })).status).toBe(401);
    } finally {
      await demo.close();
    }
  });
});

describe('authentication and routing', () => {
  it('answers 401 {"error":"Unauthorized"} without a token, with an unknown token or a non-Bearer scheme', async () => {
    for (const opts of [{}, { token: 'nope' }, { headers: { Authorization: `Basic ${TOKEN_A}` } }]) {
      for (const [method, path, body] of [
        ['POST', '/labels', validBody()],
        ['GET', '/labels/x', undefined],
        ['GET', '/tracking/x', undefined],
        ['GET', '/products?courier=yunexpress', undefined],
        ['GET', '/couriers', undefined],
        ['GET', '/__simulator/stats', undefined],
      ] as const) {
        const res = await call(base, method, path, { ...opts, body });
        expect(res.status, `${method} ${path}`).toBe(401);
        expect(res.json).toEqual({ error: 'Unauthorized' });
      }
    }
    expect(sim.stats().labelsCreated).toBe(0);
  });

  it('answers 405 {"error":"Method Not Allowed"} with Allow for wrong methods on known paths', async () => {
    for (const [method, path, allow] of [
      ['GET', '/labels', 'POST'],
      ['PUT', '/labels', 'POST'],
      ['DELETE', '/labels/abc', 'GET'],
      ['POST', '/tracking/abc', 'GET'],
      ['POST', '/products', 'GET'],
      ['PATCH', '/couriers', 'GET'],
    ] as const) {
      const res = await call(base, method, path, { token: TOKEN_A });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.json).toEqual({ error: 'Method Not Allowed' });
      expect(res.headers.get('allow')).toBe(allow);
    }
  });

  it('answers 404 {"error":"Not found"} for unknown paths', async () => {
    for (const path of ['/', '/v1/labels', '/labels/a/b', '/nothing', '/labels/']) {
      const res = await call(base, 'GET', path, { token: TOKEN_A });
      expect(res.status, path).toBe(404);
      expect(res.json).toEqual({ error: 'Not found' });
    }
  });

  it('answers JSON with a JSON content type', async () => {
    const res = await call(base, 'GET', '/couriers', { token: TOKEN_A });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('POST /labels', () => {
  it('creates a label: 201 with every LabelResult field, order number echoed, YunExpress numbers', async () => {
    const body = validBody({ orderNumber: 'N-2026-05-27-TEST-03' });
    const res = await createLabel(base, TOKEN_A, body);
    expect(res.status).toBe(201);
    expect(Object.keys(res.json).sort()).toEqual(
      ['courier', 'courierOrderNumber', 'courierTrackingNumber', 'customerOrderNumber', 'error', 'id', 'status'].sort(),
    );
    expect(res.json).toMatchObject({ status: 'created', courier: 'yunexpress', customerOrderNumber: 'N-2026-05-27-TEST-03', error: null });
    expect(res.json.id).toMatch(UUID_RE);
    expect(res.json.courierTrackingNumber).toMatch(/^YT\d{16}$/);
    expect(res.json.courierOrderNumber).toMatch(/^YE\d{14}$/);
    expect(LabelResult.safeParse(res.json).success).toBe(true);
  });

  it('generates a customerOrderNumber when the request has none', async () => {
    const label = await created(validBody({ orderNumber: null }));
    expect(label.customerOrderNumber).toMatch(/^FF-\d{8}-[A-Z0-9]{6}$/);
    const doc = await call(base, 'GET', `/labels/${label.customerOrderNumber}`, { token: TOKEN_A });
    expect(doc.json.id).toBe(label.id);
  });

  it('replays a key with 200 and the stored original, ignoring the new body, creating nothing', async () => {
    const key = freshKey('replay');
    const first = await createLabel(base, TOKEN_A, validBody({ key }));
    expect(first.status).toBe(201);
    const before = sim.stats().labelsCreated;
    const again = await createLabel(base, TOKEN_A, validBody({ key, courier: 'yamato', productCode: 'TAQBIN', orderNumber: 'OTHER-1' }));
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    const stats = sim.stats();
    expect(stats.labelsCreated).toBe(before);
    expect(stats.labelsByKey[key]).toBe(1);
    expect(stats.attemptsByKey[key]).toBe(2);
  });

  it('scopes idempotency keys per token', async () => {
    const key = freshKey('shared');
    const a = await createLabel(base, TOKEN_A, validBody({ key }));
    const b = await createLabel(base, TOKEN_B, validBody({ key }));
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.json.id).not.toBe(a.json.id);
  });

  it('answers concurrent duplicates with exactly one 201 and replays', async () => {
    const key = freshKey('race');
    const results = await Promise.all(Array.from({ length: 5 }, () => createLabel(base, TOKEN_A, validBody({ key }))));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.json.id)).size).toBe(1);
    expect(sim.stats().labelsByKey[key]).toBe(1);
  });

  it('uses plausible numbers per courier', async () => {
    const cases = [
      ['sfexpress', 'SFIE', /^SF\d{13}$/],
      ['yamato', 'TAQBIN', /^\d{12}$/],
      ['japanpost', 'EMS', /^EJ\d{9}JP$/],
    ] as const;
    for (const [courier, productCode, pattern] of cases) {
      const label = await created(validBody({ courier, productCode }));
      expect(label.courierTrackingNumber, courier).toMatch(pattern);
      if (courier === 'yamato') {
        const n = label.courierTrackingNumber;
        expect(Number(BigInt(n.slice(0, 11)) % 7n)).toBe(Number(n[11]));
      }
      if (courier === 'japanpost') {
        const digits = label.courierTrackingNumber.slice(2, 10);
        const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * [8, 6, 4, 2, 3, 5, 9, 7][i]!, 0);
        const check = 11 - (sum % 11);
        expect(Number(label.courierTrackingNumber[10])).toBe(check === 10 ? 0 : check === 11 ? 5 : check);
      }
    }
  });

  it('answers 400 "Validation failed" with dot/bracket field paths, and nothing is created', async () => {
    const before = sim.stats().labelsCreated;
    const body = validBody() as AnyJson;
    body.shipment.parcels[0].weight = -1;
    body.shipment.shipTo.address.countryCode = 'usa';
    body.shipment.parcels[0].items[0].unitPrice.currency = 'DOLLAR';
    body.surprise = true;
    delete body.courier;
    const res = await createLabel(base, TOKEN_A, body);
    expect(res.status).toBe(400);
    expect(res.json.error).toBe('Validation failed');
    const fields = (res.json.details as { field: string; message: string }[]).map((d) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'shipment.parcels[0].weight',
        'shipment.shipTo.address.countryCode',
        'shipment.parcels[0].items[0].unitPrice.currency',
        'surprise',
        'courier',
      ]),
    );
    for (const d of res.json.details) expect(d.message).toEqual(expect.any(String));
    expect(sim.stats().labelsCreated).toBe(before);
  });

  it('answers 400 for a body that is not JSON or not an object', async () => {
    for (const raw of ['{"idempotencyKey":', 'null', '[]', '"text"', '']) {
      const res = await createLabel(base, TOKEN_A, raw);
      expect(res.status, raw).toBe(400);
      expect(res.json.error).toBe('Validation failed');
      expect(res.json.details[0].field).toBe('(body)');
    }
  });

  it('answers 413 for a body over 1 MB', async () => {
    const res = await createLabel(base, TOKEN_A, JSON.stringify({ padding: 'x'.repeat(1024 * 1024 + 1) }));
    expect(res.status).toBe(413);
    expect(res.json).toEqual({ error: 'Payload Too Large' });
  });

  it('lets a key be reused after a 400', async () => {
    const key = freshKey('fixme');
    const bad = validBody({ key }) as AnyJson;
    bad.shipment.parcels[0].weight = 0;
    expect((await createLabel(base, TOKEN_A, bad)).status).toBe(400);
    expect((await createLabel(base, TOKEN_A, validBody({ key }))).status).toBe(201);
  });

  it('refuses unknown couriers and products with field paths', async () => {
    const courier = await createLabel(base, TOKEN_A, validBody({ courier: 'pigeon' }));
    expect(courier.status).toBe(400);
    expect(courier.json.details).toEqual([expect.objectContaining({ field: 'courier' })]);
    const product = await createLabel(base, TOKEN_A, validBody({ courier: 'yamato', productCode: 'JPTHZXR' }));
    expect(product.status).toBe(400);
    expect(product.json.details).toEqual([expect.objectContaining({ field: 'service.productCode' })]);
  });

  it('limits a token to its shipper accounts: another account answers 403 and creates nothing', async () => {
    const before = sim.stats().labelsCreated;
    const res = await createLabel(base, TOKEN_A, validBody({ account: ACCOUNT_B }));
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ error: 'Forbidden' });
    expect(sim.stats().labelsCreated).toBe(before);
    expect((await createLabel(base, TOKEN_A, validBody({ account: ACCOUNT_A }))).status).toBe(201);
    expect((await createLabel(base, TOKEN_B, validBody({ account: ACCOUNT_B }))).status).toBe(201);
  });

  describe('courier rejection', () => {
    it('answers 502 with a stored failed LabelResult for firstName REJECT; a replay answers 200 with it', async () => {
      const key = freshKey('reject');
      const res = await createLabel(base, TOKEN_A, validBody({ key, firstName: 'Reject' }));
      expect(res.status).toBe(502);
      expect(res.json).toMatchObject({
        status: 'failed',
        courier: 'yunexpress',
        courierOrderNumber: null,
        courierTrackingNumber: null,
        error: { code: 'COURIER_ERROR', message: 'YunExpress API returned HTTP 400: Bad request' },
      });
      expect(res.json.id).toMatch(UUID_RE);
      expect(LabelResult.safeParse(res.json).success).toBe(true);
      expect(sim.stats().labelsByKey[key]).toBe(1);

      const replay = await createLabel(base, TOKEN_A, validBody({ key }));
      expect(replay.status).toBe(200);
      expect(replay.json).toEqual(res.json);
    });

    it('rejects the ship-to postal code 00000 with a courier message', async () => {
      const res = await createLabel(base, TOKEN_A, validBody({ postalCode: '00000', courier: 'sfexpress', productCode: 'SFIS' }));
      expect(res.status).toBe(502);
      expect(res.json.error).toEqual({ code: 'COURIER_ERROR', message: 'SF Express API returned HTTP 400: Invalid postal code 00000' });
    });

    it('has no document or tracking for a failed label, and drops it from batches', async () => {
      const failed = (await createLabel(base, TOKEN_A, validBody({ firstName: 'REJECT' }))).json;
      const ok = await created();
      expect((await call(base, 'GET', `/labels/${failed.id}`, { token: TOKEN_A })).status).toBe(404);
      expect((await call(base, 'GET', `/labels/${failed.customerOrderNumber}`, { token: TOKEN_A })).status).toBe(404);
      expect((await call(base, 'GET', `/tracking/${failed.id}`, { token: TOKEN_A })).status).toBe(404);
      const batch = await call(base, 'GET', `/labels/${failed.id},${ok.id}`, { token: TOKEN_A });
      expect(batch.json.labels.map((l: { id: string }) => l.id)).toEqual([ok.id]);
      expect((await call(base, 'GET', `/documents/${failed.id}.pdf`)).status).toBe(404);
    });

    it('can answer a first rejection as 201 with status failed (rejectionStatus: 201)', async () => {
      const other = await startSimulator({ tokens: TWO_TOKENS, rejectionStatus: 201 });
      try {
        const key = freshKey('r201');
        const res = await createLabel(other.url, TOKEN_A, validBody({ key, firstName: 'REJECT' }));
        expect(res.status).toBe(201);
        expect(res.json.status).toBe('failed');
        expect((await createLabel(other.url, TOKEN_A, validBody({ key }))).status).toBe(200);
      } finally {
        await other.close();
      }
    });
  });
});

describe('GET /labels/{id}', () => {
  it('returns the LabelDocument by id and by customerOrderNumber, with a stable URL', async () => {
    const label = await created(validBody({ orderNumber: 'N-2026-03-27-TEST-04' }));
    const byId = await call(base, 'GET', `/labels/${label.id}`, { token: TOKEN_A });
    expect(byId.status).toBe(200);
    expect(byId.json).toEqual({
      id: label.id,
      customerOrderNumber: 'N-2026-03-27-TEST-04',
      url: `${base}/documents/${label.id}.pdf`,
      labelFormat: 'pdf',
    });
    expect(LabelDocument.safeParse(byId.json).success).toBe(true);
    const byOrder = await call(base, 'GET', '/labels/N-2026-03-27-TEST-04', { token: TOKEN_A });
    expect(byOrder.json).toEqual(byId.json);
    expect((await call(base, 'GET', `/labels/${label.id}`, { token: TOKEN_A })).json.url).toBe(byId.json.url);
  });

  it("answers 404 for an unknown id and 403 for another token's label", async () => {
    const mine = await created();
    const unknown = await call(base, 'GET', '/labels/00000000-0000-4000-8000-000000000000', { token: TOKEN_A });
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ error: 'Not found' });
    const theirs = await call(base, 'GET', `/labels/${mine.id}`, { token: TOKEN_B });
    expect(theirs.status).toBe(403);
    expect(theirs.json).toEqual({ error: 'Forbidden' });
    // Order numbers are per account: another token's order number is simply not found.
    expect((await call(base, 'GET', `/labels/${mine.customerOrderNumber}`, { token: TOKEN_B })).status).toBe(404);
  });

  it('answers a comma list with {labels: [...]}, mixing ids and order numbers, dropping unknown ones', async () => {
    const a = await created();
    const b = await created(validBody({ format: 'PNG' }));
    const res = await call(base, 'GET', `/labels/${a.id},nope-123,${b.customerOrderNumber}`, { token: TOKEN_A });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      labels: [
        { id: a.id, customerOrderNumber: a.customerOrderNumber, url: `${base}/documents/${a.id}.pdf`, labelFormat: 'pdf' },
        { id: b.id, customerOrderNumber: b.customerOrderNumber, url: `${base}/documents/${b.id}.png`, labelFormat: 'png' },
      ],
    });
    const encoded = await call(base, 'GET', `/labels/${a.id}%2C${b.id}`, { token: TOKEN_A });
    expect(encoded.json.labels).toHaveLength(2);
    const single = await call(base, 'GET', `/labels/${a.id},`, { token: TOKEN_A });
    expect(single.json).toEqual({ labels: [expect.objectContaining({ id: a.id })] });
    const none = await call(base, 'GET', '/labels/x1,x2', { token: TOKEN_A });
    expect(none).toMatchObject({ status: 200, json: { labels: [] } });
    const foreign = await call(base, 'GET', `/labels/${a.id},${b.id}`, { token: TOKEN_B });
    expect(foreign.status).toBe(403);
  });
});

describe('label documents', () => {
  it('serves a 4x6 in PDF without auth, with the tracking number in the text layer', async () => {
    const label = await created(validBody({ firstName: 'Hanako', orderNumber: 'N-PDF-CHECK-1' }));
    const doc = (await call(base, 'GET', `/labels/${label.id}`, { token: TOKEN_A })).json;
    const res = await fetch(doc.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(tmp, `${label.id}.pdf`);
    writeFileSync(file, bytes);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\b/);
    expect(info).toMatch(/Page size:\s+288 x 432 pts/);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(text).toContain(label.courierTrackingNumber);
    expect(text).toContain('N-PDF-CHECK-1');
    expect(text).toContain('Hanako Doe');
    expect(text).toContain('Aiko Sato');
    // The same bytes every time (the URL is permanent).
    expect(Buffer.from(await (await fetch(doc.url)).arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('renders non-Latin names and addresses as written (the station fonts embedded)', async () => {
    const body = validBody({ firstName: '山田', orderNumber: 'N-東京-1' }) as AnyJson;
    body.shipment.shipTo.contact.lastName = 'Ünïcødé 🚀';
    body.shipment.shipTo.address.streetLines = ['東京都千代田区丸の内1-1', 'Straße 5'];
    body.shipment.shipTo.address.city = 'Москва';
    const label = await created(body);
    for (const format of ['pdf'] as const) {
      const res = await fetch(`${base}/documents/${label.id}.${format}`);
      expect(res.status).toBe(200);
      const file = join(tmp, `${label.id}.pdf`);
      writeFileSync(file, Buffer.from(await res.arrayBuffer()));
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).toContain(label.courierTrackingNumber);
      expect(text).toContain('山田 Ünïcødé');
      expect(text).toContain('東京都千代田区丸の内1-1');
      expect(text).toContain('Straße 5');
      expect(text).toContain('Москва');
      expect(text).toContain('N-東京-1');
    }
  });

  it('serves a PNG at 203 dpi (812 x 1218 px, pHYs) when the label asked for PNG', async () => {
    const label = await created(validBody({ format: 'PNG' }));
    const doc = (await call(base, 'GET', `/labels/${label.id}`, { token: TOKEN_A })).json;
    expect(doc.labelFormat).toBe('png');
    const res = await fetch(doc.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await res.arrayBuffer());
    const png = PNG.sync.read(bytes);
    expect([png.width, png.height]).toEqual([812, 1218]);
    const phys = readPhys(bytes);
    expect(phys?.unit).toBe(1);
    expect(Math.round(phys!.x * 0.0254)).toBe(203);
    expect(Math.round(phys!.y * 0.0254)).toBe(203);
    // Something is drawn: a good share of dark pixels, but mostly white paper.
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 128) dark++;
    const share = dark / (png.width * png.height);
    expect(share).toBeGreaterThan(0.03);
    expect(share).toBeLessThan(0.5);
    if (HAS_ZBAR) {
      const file = join(tmp, `${label.id}.png`);
      writeFileSync(file, bytes);
      expect(zbar(file)).toContain(`CODE-128:${label.courierTrackingNumber}`);
    }
  });

  it.skipIf(!HAS_ZBAR)('prints a scannable Code 128 of the tracking number in the PDF', async () => {
    for (const [courier, productCode] of [
      ['yunexpress', 'YEXP01'],
      ['yamato', 'NEKOPOS'],
      ['japanpost', 'EPACKET'],
    ] as const) {
      const label = await created(validBody({ courier, productCode }));
      const file = join(tmp, `${label.id}.pdf`);
      writeFileSync(file, Buffer.from(await (await fetch(`${base}/documents/${label.id}.pdf`)).arrayBuffer()));
      execFileSync('pdftoppm', ['-r', '203', '-png', '-singlefile', file, join(tmp, label.id)]);
      expect(zbar(join(tmp, `${label.id}.png`))).toContain(`CODE-128:${label.courierTrackingNumber}`);
    }
  });

  it('answers 404 for unknown documents or the wrong extension, and 405 for other methods', async () => {
    const label = await created();
    expect((await fetch(`${base}/documents/${label.id}.png`)).status).toBe(404);
    expect((await fetch(`${base}/documents/00000000-0000-4000-8000-000000000000.pdf`)).status).toBe(404);
    expect((await fetch(`${base}/documents/${label.id}.pdf`, { method: 'DELETE' })).status).toBe(405);
    const head = await fetch(`${base}/documents/${label.id}.pdf`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get('content-length'))).toBeGreaterThan(500);
  });
});

describe('GET /tracking/{id}', () => {
  const CHECKPOINT_FIELDS = [
    'checkpointTime',
    'city',
    'countryRegion',
    'location',
    'message',
    'slug',
    'state',
    'subtag',
    'subtagMessage',
    'tag',
  ];

  async function track(ident: string, token = TOKEN_A) {
    const res = await call(base, 'GET', `/tracking/${encodeURIComponent(ident)}`, { token });
    return res;
  }

  it('starts Pending and progresses InfoReceived → InTransit → Delivered with the clock', async () => {
    const label = await created();
    const pending = await track(label.id);
    expect(pending.status).toBe(200);
    expect(pending.json).toEqual({
      id: label.id,
      trackingNumber: label.courierTrackingNumber,
      tag: 'Pending',
      subtag: 'Pending_001',
      subtagMessage: expect.any(String),
      slug: 'yunexpress',
      checkpoints: [],
    });
    const seen: string[] = [];
    for (const minutes of [1, 4, 10, 30]) {
      sim.advanceTime(minutes * MINUTE - (seen.length ? [1, 4, 10, 30][seen.length - 1]! * MINUTE : 0));
      seen.push((await track(label.id)).json.tag);
    }
    expect(seen).toEqual(['InfoReceived', 'InfoReceived', 'InTransit', 'Delivered']);
    const done = (await track(label.customerOrderNumber)).json;
    expect(TrackingResponse.safeParse(done).success).toBe(true);
    expect(done.subtag).toBe('Delivered_001');
    expect(done.checkpoints.length).toBeGreaterThanOrEqual(4);
    for (const cp of done.checkpoints) {
      expect(Object.keys(cp).sort()).toEqual(CHECKPOINT_FIELDS);
      expect(new Date(cp.checkpointTime).toISOString()).toBe(cp.checkpointTime);
      expect(cp.slug).toBe('yunexpress');
      expect(cp.countryRegion).toMatch(/^[A-Z]{2}$/);
      expect(typeof cp.message).toBe('string');
    }
    // Newest first (the tracking guide), and the newest checkpoint carries the overall tag.
    const times = done.checkpoints.map((c: { checkpointTime: string }) => Date.parse(c.checkpointTime));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    expect(done.checkpoints[0].tag).toBe('Delivered');
    expect(done.checkpoints[0]).toMatchObject({ city: 'Los Angeles', state: 'CA', countryRegion: 'US' });
    expect(done.checkpoints.at(-1)).toMatchObject({ tag: 'InfoReceived', countryRegion: 'JP' });
    expect(done.checkpoints.some((c: { location: string | null }) => c.location !== null)).toBe(true);
  });

  it('follows the sandbox postal codes 90001..90004', async () => {
    const labels = Object.fromEntries(
      await Promise.all(
        ['90001', '90002', '90003', '90004'].map(async (zip) => [zip, await created(validBody({ postalCode: zip }))] as const),
      ),
    );
    sim.advanceTime(3 * 24 * 60 * MINUTE);
    const tags = Object.fromEntries(
      await Promise.all(Object.entries(labels).map(async ([zip, l]) => [zip, (await track(l.id)).json] as const)),
    );
    expect(tags['90001']).toMatchObject({ tag: 'Delivered' });
    expect(tags['90002']).toMatchObject({ tag: 'Exception', subtag: 'Exception_001' });
    expect(tags['90003']).toMatchObject({ tag: 'InTransit' });
    expect(tags['90004']).toMatchObject({ tag: 'Cancelled' });
    for (const t of Object.values(tags)) expect(TrackingResponse.safeParse(t).success).toBe(true);
  });

  it("answers 404 for unknown labels and 403 for another token's label", async () => {
    const label = await created();
    expect((await track('00000000-0000-4000-8000-000000000000')).json).toEqual({ error: 'Not found' });
    const theirs = await track(label.id, TOKEN_B);
    expect(theirs.status).toBe(403);
    expect(theirs.json).toEqual({ error: 'Forbidden' });
  });

  it('can list checkpoints oldest first (checkpointOrder option)', async () => {
    const other = await startSimulator({ tokens: TWO_TOKENS, now: () => START, checkpointOrder: 'oldest-first' });
    try {
      const label = (await createLabel(other.url, TOKEN_A, validBody())).json;
      other.advanceTime(30 * MINUTE);
      const res = await call(other.url, 'GET', `/tracking/${label.id}`, { token: TOKEN_A });
      expect(res.json.checkpoints[0].tag).toBe('InfoReceived');
      expect(res.json.checkpoints.at(-1).tag).toBe('Delivered');
    } finally {
      await other.close();
    }
  });
});

describe('GET /products and GET /couriers', () => {
  it('lists couriers as {couriers: [{code, name}]}', async () => {
    const res = await call(base, 'GET', '/couriers', { token: TOKEN_A });
    expect(res.status).toBe(200);
    const codes = res.json.couriers.map((c: { code: string }) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['yunexpress', 'sfexpress', 'yamato']));
    for (const c of res.json.couriers) expect(Object.keys(c).sort()).toEqual(['code', 'name']);
  });

  it("lists a courier's products as {products: [{code, name, courier}]}", async () => {
    const res = await call(base, 'GET', '/products?courier=yunexpress', { token: TOKEN_A });
    expect(res.status).toBe(200);
    const codes = res.json.products.map((p: { code: string }) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['JPTHZXR', 'HKMUZXR', 'YEXP01']));
    for (const p of res.json.products) {
      expect(Object.keys(p).sort()).toEqual(['code', 'courier', 'name']);
      expect(p.courier).toBe('yunexpress');
    }
    expect((await call(base, 'GET', '/products?courier=pigeon', { token: TOKEN_A })).json).toEqual({ products: [] });
  });

  it('localises product names for ja, zh and en', async () => {
    const name = async (locale?: string) => {
      const q = locale ? `&locale=${locale}` : '';
      const res = await call(base, 'GET', `/products?courier=yamato${q}`, { token: TOKEN_A });
      return res.json.products.find((p: { code: string }) => p.code === 'TAQBIN_COMPACT').name;
    };
    expect(await name()).toBe('TA-Q-BIN Compact');
    expect(await name('en-GB')).toBe('TA-Q-BIN Compact');
    expect(await name('ja')).toBe('宅急便コンパクト');
    expect(await name('ja-JP')).toBe('宅急便コンパクト');
    expect(await name('zh-Hans')).toBe('宅急便紧凑型');
  });

  it('requires courier (400 with a field) and checks locale length', async () => {
    const missing = await call(base, 'GET', '/products', { token: TOKEN_A });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({ error: 'Validation failed', details: [expect.objectContaining({ field: 'courier' })] });
    const locale = await call(base, 'GET', '/products?courier=yamato&locale=x', { token: TOKEN_A });
    expect(locale.status).toBe(400);
    expect(locale.json.details[0].field).toBe('locale');
  });

  it("honours shipperAccountId: own account 200, another token's 403", async () => {
    expect((await call(base, 'GET', `/products?courier=yamato&shipperAccountId=${ACCOUNT_A}`, { token: TOKEN_A })).status).toBe(200);
    const foreign = await call(base, 'GET', `/products?courier=yamato&shipperAccountId=${ACCOUNT_B}`, { token: TOKEN_A });
    expect(foreign.status).toBe(403);
    expect(foreign.json).toEqual({ error: 'Forbidden' });
  });
});

describe('statistics', () => {
  it('records requests with their headers, in process and per token over HTTP', async () => {
    const key = freshKey('stats');
    await call(base, 'POST', '/labels', { token: TOKEN_B, body: validBody({ key }), headers: { 'X-Trace': 'abc' } });
    const all = sim.stats();
    const mine = all.requests.find((r) => r.headers['x-trace'] === 'abc');
    expect(mine).toMatchObject({ method: 'POST', path: '/labels', status: 201 });
    expect(mine?.headers.authorization).toBe(`Bearer ${TOKEN_B}`);

    const overHttp = await call(base, 'GET', '/__simulator/stats', { token: TOKEN_B });
    expect(overHttp.status).toBe(200);
    expect(overHttp.json.labelsByKey[key]).toBe(1);
    const seen = overHttp.json.requests as { method: string; path: string; status: number; headers: Record<string, string> }[];
    expect(seen).toContainEqual(
      expect.objectContaining({ method: 'POST', path: '/labels', status: 201, headers: expect.objectContaining({ 'x-trace': 'abc' }) }),
    );
    expect(seen.every((r) => r.headers.authorization === `Bearer ${TOKEN_B}`)).toBe(true);
    // The stats endpoint's own calls are not recorded.
    expect(seen.some((r) => r.path.startsWith('/__simulator'))).toBe(false);
    const otherToken = await call(base, 'GET', '/__simulator/stats', { token: TOKEN_A });
    expect(otherToken.json.labelsByKey[key]).toBeUndefined();
    expect(otherToken.json.labelsCreated).toBeLessThan(all.labelsCreated);
  });

  it('records document downloads without auth (so clients can prove they never send the token there)', async () => {
    const label = await created();
    await fetch(`${base}/documents/${label.id}.pdf`);
    const entry = sim.stats().requests.findLast((r) => r.path === `/documents/${label.id}.pdf`);
    expect(entry).toMatchObject({ method: 'GET', status: 200 });
    expect(entry?.headers.authorization).toBeUndefined();
  });
});

function readPhys(png: Buffer): { x: number; y: number; unit: number } | undefined {
  let at = 8;
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    if (type === 'pHYs') return { x: png.readUInt32BE(at + 8), y: png.readUInt32BE(at + 12), unit: png.readUInt8(at + 16) };
    if (type === 'IDAT') return undefined; // pHYs must come before the image data
    at += 12 + length;
  }
  return undefined;
}

function zbar(file: string): string {
  return execFileSync('zbarimg', ['--quiet', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}
