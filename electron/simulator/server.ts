import { performance } from 'node:perf_hooks';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_ACCOUNTS, DEMO_TOKEN } from './demo';
import { resolveClock } from '../../shared/domain/time-format';
import { DocumentCache } from './documents';
import { FaultInjector, RateLimiter, malform, type FaultRoll } from './faults';
import { NOT_FOUND, UNAUTHORIZED, bearerToken, errorReply, json, readBody, type Reply, type RouteContext } from './http';
import { listCouriers, listProducts } from './routes/catalog';
import { getDocument } from './routes/documents';
import { createLabel, getLabels } from './routes/labels';
import { getTracking } from './routes/tracking';
import type { SimulatorState } from './state';
import { StatsRecorder } from './stats';
import { LabelStore } from './store';
import type { Simulator, SimulatorOptions, SimulatorToken } from './types';

type Handler = (ctx: RouteContext, state: SimulatorState) => Reply | Promise<Reply>;

interface Route {
  pattern: RegExp;
  methods: Partial<Record<string, Handler>>;
  /**
   * api: Bearer auth, latency, rate limit, faults and stats (the Flex Forward API itself).
   * document: no auth, no faults, recorded in stats (the courier CDN).
   * control: Bearer auth only, not recorded (the simulator's own endpoints).
   */
  kind: 'api' | 'document' | 'control';
}

const MAX_BODY_BYTES = 1024 * 1024;

const statsHandler: Handler = (ctx, state) =>
  json(200, state.stats.snapshot(ctx.token!.token, { documents: ctx.url.searchParams.get('include') === 'documents' }));

const ROUTES: Route[] = [
  { pattern: /^\/labels$/, methods: { POST: createLabel }, kind: 'api' },
  { pattern: /^\/labels\/([^/]+)$/, methods: { GET: getLabels }, kind: 'api' },
  { pattern: /^\/tracking\/([^/]+)$/, methods: { GET: getTracking }, kind: 'api' },
  { pattern: /^\/products$/, methods: { GET: listProducts }, kind: 'api' },
  { pattern: /^\/couriers$/, methods: { GET: listCouriers }, kind: 'api' },
  { pattern: /^\/documents\/([0-9a-f-]{36})\.(pdf|png)$/, methods: { GET: getDocument, HEAD: getDocument }, kind: 'document' },
  { pattern: /^\/__simulator\/stats$/, methods: { GET: statsHandler }, kind: 'control' },
];

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' };

/** Starts the Flex Forward simulator on 127.0.0.1. Electron-free: Demo mode and tests share it. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const tokenList: SimulatorToken[] = options.tokens ?? [{ token: DEMO_TOKEN, accounts: DEMO_ACCOUNTS.map((a) => a.id) }];
  const tokens = new Map(tokenList.map((t) => [t.token, { token: t.token, accounts: [...t.accounts] }]));
  const baseNow = options.now ?? Date.now;
  let offset = 0;
  let origin = '';
  const stats = new StatsRecorder();
  const state: SimulatorState = {
    store: new LabelStore(),
    stats,
    documents: new DocumentCache(undefined, options.clock ? resolveClock(options.clock) : undefined, options.language),
    now: () => baseNow() + offset,
    origin: () => origin,
    rejectionStatus: options.rejectionStatus ?? 502,
    checkpointOrder: options.checkpointOrder ?? 'newest-first',
    accountNames: new Map(DEMO_ACCOUNTS.map((a) => [a.id, a.name])),
  };
  const faults = new FaultInjector(options.faults, options.seed ?? 1, options.latencyMs ?? 0, options.jitterMs ?? 0);
  const limiter = options.rateLimit ? new RateLimiter(options.rateLimit.perSecond) : undefined;
  /** Responses held open by the hang fault, ended on close(). */
  const held = new Set<ServerResponse>();
  let closing = false;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const route = ROUTES.find((r) => r.pattern.test(url.pathname));
    const record = route?.kind === 'control' ? undefined : stats.request(method, req.url ?? '/', req.headers);
    const arrived = performance.now();
    const send = (reply: Reply) => {
      write(res, method, reply);
      if (record) {
        record.status = reply.status;
        record.handledMs = performance.now() - arrived;
      }
    };

    if (!route) return send(NOT_FOUND());
    const handler = route.methods[method];
    if (!handler) {
      return send(errorReply(405, 'Method Not Allowed', { Allow: Object.keys(route.methods).join(', ') }));
    }
    if (route.kind === 'api') {
      const delay = faults.delay();
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      if (closing) return void res.destroy();
    }

    let token: SimulatorToken | undefined;
    if (route.kind !== 'document') {
      const presented = bearerToken(req);
      token = presented === undefined ? undefined : tokens.get(presented);
      if (!token) return send(UNAUTHORIZED());
      if (record) record.token = token.token;
    }

    let rateHeaders: Record<string, string> = {};
    if (route.kind === 'api' && limiter && token) {
      const decision = limiter.check(token.token);
      rateHeaders = { 'X-RateLimit-Limit': String(limiter.perSecond) };
      if (!decision.ok) {
        return send(
          errorReply(429, 'Too Many Requests', {
            ...rateHeaders,
            'X-RateLimit-Remaining': '0',
            'Retry-After': String(decision.retryAfterSeconds),
          }),
        );
      }
      rateHeaders['X-RateLimit-Remaining'] = String(decision.remaining);
    }

    const body = method === 'POST' ? await readBody(req, MAX_BODY_BYTES) : Buffer.alloc(0);
    if (body === 'too-large') return send(errorReply(413, 'Payload Too Large'));

    const roll: FaultRoll | undefined = route.kind === 'api' ? faults.roll() : undefined;
    if (roll?.hang) {
      held.add(res);
      res.on('close', () => held.delete(res));
      return;
    }
    if (roll?.error500) return send(errorReply(500, 'Internal Server Error', rateHeaders));
    if (roll?.badGateway) return send(errorReply(502, 'Bad Gateway', rateHeaders));

    const match = route.pattern.exec(url.pathname);
    const ctx: RouteContext = { req, url, params: match ? match.slice(1) : [], token, body, courierDown: roll?.courierDown ?? false };
    let reply: Reply;
    try {
      reply = await handler(ctx, state);
    } catch {
      // A simulator bug must look like what it is, not like a hung connection.
      reply = errorReply(500, 'Internal Server Error');
    }
    if ('json' in reply && reply.labelCreated && roll?.dropAfterCreate) {
      // The label exists now; the client never learns it (docs/api-contract.md §7: retry with the same key).
      req.socket.destroy();
      return;
    }
    reply = { ...reply, headers: { ...rateHeaders, ...reply.headers } };
    if (roll?.malformedJson && 'json' in reply && reply.status >= 200 && reply.status < 300) {
      if (record) record.status = reply.status;
      res.writeHead(reply.status, { ...JSON_HEADERS, ...reply.headers });
      res.end(malform(JSON.stringify(reply.json)));
      return;
    }
    send(reply);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent && !res.destroyed) write(res, req.method ?? 'GET', errorReply(500, 'Internal Server Error'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    port,
    stats: () => stats.snapshot(),
    setFaults: (f) => faults.set(f),
    advanceTime: (ms) => {
      offset += ms;
    },
    now: state.now,
    resetStats: () => stats.reset(),
    revokeToken: (token) => void tokens.delete(token),
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        for (const res of held) res.destroy();
        held.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function write(res: ServerResponse, method: string, reply: Reply): void {
  if (res.destroyed) return;
  if ('json' in reply) {
    res.writeHead(reply.status, { ...JSON_HEADERS, ...reply.headers });
    res.end(JSON.stringify(reply.json));
  } else {
    res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': String(reply.bytes.length), ...reply.headers });
    res.end(method === 'HEAD' ? undefined : reply.bytes);
  }
}
