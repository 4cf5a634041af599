import type { IncomingMessage } from 'node:http';
import type { SimulatorToken } from './types';

/** What a route hands back; the server adds faults, latency and stats around it. */
export type Reply =
  | { status: number; json: unknown; headers?: Record<string, string>; labelCreated?: boolean }
  | { status: number; bytes: Buffer; contentType: string; headers?: Record<string, string> };

export const json = (status: number, body: unknown, extra: Partial<Extract<Reply, { json: unknown }>> = {}): Reply => ({
  status,
  json: body,
  ...extra,
});

export const errorReply = (status: number, error: string, headers?: Record<string, string>): Reply =>
  headers ? { status, json: { error }, headers } : { status, json: { error } };

export const NOT_FOUND = () => errorReply(404, 'Not found');
export const FORBIDDEN = () => errorReply(403, 'Forbidden');
export const UNAUTHORIZED = () => errorReply(401, 'Unauthorized');

export interface RouteContext {
  req: IncomingMessage;
  url: URL;
  /** Regex captures of the route pattern, still URL-encoded. */
  params: string[];
  /** The authenticated token (routes without auth get undefined). */
  token: SimulatorToken | undefined;
  body: Buffer;
  /** The `courierDown` fault hit this request: a new label meets a courier outage. */
  courierDown?: boolean;
}

/** Reads the request body, refusing more than `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!done) reject(err);
    });
  });
}

/** `Authorization: Bearer <token>` → the token string, else undefined. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/** Decodes one path segment; malformed percent-encoding yields undefined. */
export function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}
