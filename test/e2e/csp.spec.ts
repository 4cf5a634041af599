import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { contentSecurityPolicy } from '../../shared/security/csp';
import { expect, test } from './fixtures';

let server: Server;
let requests = 0;
let target = '';

test.beforeAll(async () => {
  server = createServer((_req, res) => {
    requests += 1;
    res.writeHead(200, { 'access-control-allow-origin': '*' }).end('{"leaked":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/labels`;
});
test.afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
test.beforeEach(() => {
  requests = 0;
});

test('the page is served with the production CSP as a header and as a meta tag', async ({ harness }) => {
  const response = await harness.page.request.get(harness.url);
  expect(response.headers()['content-security-policy']).toBe(contentSecurityPolicy);
  const meta = await harness.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toBe(contentSecurityPolicy);
});

test('the page’s own fetch to any URL is blocked by the CSP', async ({ harness }) => {
  const outcome = await harness.page.evaluate(
    async (urls) => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
      const results: string[] = [];
      for (const url of urls) {
        try {
          await fetch(url);
          results.push(`fetched ${url}`);
        } catch (error) {
          results.push(`blocked: ${(error as Error).name}`);
        }
      }
      await new Promise((r) => setTimeout(r, 100));
      return { results, violations };
    },
    [target, 'https://api.flexforward.com/labels', new URL('/index.html', harness.url).href],
  );

  expect(outcome.results).toEqual(['blocked: TypeError', 'blocked: TypeError', 'blocked: TypeError']);
  expect(outcome.violations.length).toBeGreaterThanOrEqual(3);
  expect(outcome.violations.every((v) => v.startsWith('connect-src'))).toBe(true);
  expect(requests).toBe(0);
});

test('XMLHttpRequest, WebSocket and sendBeacon cannot reach the network either', async ({ harness }) => {
  const outcome = await harness.page.evaluate(async (url) => {
    const xhr = await new Promise<string>((resolve) => {
      try {
        const req = new XMLHttpRequest();
        req.onload = () => resolve('loaded');
        req.onerror = () => resolve('error');
        req.open('GET', url);
        req.send();
      } catch (error) {
        resolve(`threw ${(error as Error).name}`);
      }
    });
    let ws: string;
    try {
      const socket = new WebSocket(url.replace('http', 'ws'));
      ws = await new Promise<string>((resolve) => {
        socket.onopen = () => resolve('opened');
        socket.onerror = () => resolve('error');
      });
    } catch (error) {
      ws = `threw ${(error as Error).name}`;
    }
    // sendBeacon only queues (it answers true); the CSP drops the request afterwards.
    navigator.sendBeacon(url, 'x');
    await new Promise((r) => setTimeout(r, 300));
    return { xhr, ws };
  }, target);
  expect(outcome.xhr).not.toBe('loaded');
  expect(outcome.ws).not.toBe('opened');
  expect(requests).toBe(0);
});
