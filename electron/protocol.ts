import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { protocol } from 'electron';
import { contentSecurityPolicy } from '../shared/security/csp';

/** The renderer is served from app://station/, not file://, so 'self' in the CSP means exactly the app's files. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'station';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

/** Must run before `app` is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/** Serves the built renderer with the production CSP as a response header. Paths outside `rootDir` are refused. */
export function serveRenderer(rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rootDir, request.url));
}

const notFound = () => new Response('Not found', { status: 404 });

export async function rendererResponse(rootDir: string, url: string): Promise<Response> {
  let host: string;
  let relative: string;
  try {
    const parsed = new URL(url);
    host = parsed.host;
    // Bad percent-encoding (`%E0%A4%A`, a lone `%`) makes decodeURIComponent throw: no such file.
    relative = normalize(decodeURIComponent(parsed.pathname === '/' ? '/index.html' : parsed.pathname));
  } catch {
    return notFound();
  }
  const file = join(rootDir, relative);
  if (host !== APP_HOST || !file.startsWith(rootDir.endsWith(sep) ? rootDir : rootDir + sep)) {
    return notFound();
  }
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': contentSecurityPolicy,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return notFound();
  }
}
