/**
 * The renderer's Content-Security-Policy. One string, used three ways: as the response
 * header of the app:// protocol in Electron, as the header of the browser harness's
 * server, and as the <meta> tag Vite writes into index.html. `connect-src 'none'` is what
 * keeps the renderer off the network: every API call goes through IPC to main.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'self' blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * https links the renderer may open in the system browser (documentation and support).
 * Anything else is refused.
 */
export const externalLinkHosts: readonly string[] = [
  'openapidocs.flexforwardship.com',
  'flexforwardship.com',
  'www.flexforwardship.com',
  'flexforward.com',
  'www.flexforward.com',
];

export function isAllowedExternalLink(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && externalLinkHosts.includes(parsed.hostname);
}
