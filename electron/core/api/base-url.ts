import { t } from '../i18n';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Checks a configured API base URL. The API refuses plain HTTP (docs/api-contract.md §1), so only https is
 * allowed, except on loopback where the demo simulator runs. Credentials, query and fragment
 * are refused because every request URL is built by appending a path to this one.
 */
export function parseBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TypeError(t('errors:baseUrl.invalid'));
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new TypeError(t('errors:baseUrl.https'));
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new TypeError(t('errors:baseUrl.parts'));
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/**
 * One path segment, percent-encoded. `.` and `..` cannot be encoded safely (URL parsers
 * resolve `%2E%2E` as `..` too), so callers must refuse them; buildRequestUrl checks.
 */
export function pathSegment(value: string): string {
  return encodeURIComponent(value);
}

/**
 * Builds a request URL from the base URL and an already-encoded path such as `labels/abc`.
 * Throws when the result would leave the base URL's origin or path: the Authorization
 * header is only ever attached to URLs built here.
 */
export function buildRequestUrl(base: URL, path: string, query: Record<string, string | undefined> = {}): URL {
  const relative = path.replace(/^\/+/, '');
  const url = new URL(base.href + relative);
  if (url.origin !== base.origin) throw new Error('Refusing to send a request outside the configured API origin.');
  // Dot segments would be resolved away by the URL parser and land on another endpoint.
  if (url.pathname !== base.pathname + relative) throw new Error('Refusing to send a request to a path outside the API path.');
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
  return url;
}
