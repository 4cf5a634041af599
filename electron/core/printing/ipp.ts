import { existsSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { t } from '../i18n';

/**
 * The one IPP request the station makes to CUPS itself: Get-Job-Attributes (RFC 8011 section 4.3.4),
 * to follow a job `lp` handed over until it printed, failed or stopped. `lpstat` does not print
 * a job's state, and `ipptool` is a separate package desktops rarely have, so the few bytes
 * are written and read here. The encoding is RFC 8010 section 3: a version, an operation, a request
 * id, then attribute groups of (value tag, name, value) with 2-byte lengths.
 */

/** job-state values (RFC 8011 section 5.3.7). */
export const IPP_JOB_STATES = {
  3: 'pending',
  4: 'held',
  5: 'processing',
  6: 'stopped',
  7: 'canceled',
  8: 'aborted',
  9: 'completed',
} as const;
export type IppJobState = (typeof IPP_JOB_STATES)[keyof typeof IPP_JOB_STATES];

export interface IppJobAttributes {
  state: IppJobState;
  /** job-state-reasons keywords, e.g. `job-hold-until-specified`, `printer-stopped`. */
  reasons: string[];
  /** What CUPS says about the printer while the job is on it (job-printer-state-message), or null. */
  message: string | null;
}

/** Where the CUPS scheduler listens: a Unix socket or host:port. */
export type CupsServer = { socketPath: string } | { host: string; port: number };

const TAG = {
  operation: 0x01,
  end: 0x03,
  integer: 0x21,
  enum: 0x23,
  textWithLanguage: 0x35,
  nameWithLanguage: 0x36,
  keyword: 0x44,
  uri: 0x45,
  charset: 0x47,
  language: 0x48,
  name: 0x42,
} as const;
const GET_JOB_ATTRIBUTES = 0x0009;
const GET_PRINTER_ATTRIBUTES = 0x000b;
/** printer-state 5: stopped (RFC 8011 section 5.4.11). */
const PRINTER_STOPPED = 5;
/** client-error-not-found: the job is not (or no longer) known to CUPS. */
export const IPP_NOT_FOUND = 0x0406;

function attribute(tag: number, name: string, value: string | number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const valueBytes = typeof value === 'number' ? Buffer.alloc(4) : Buffer.from(value, 'utf8');
  if (typeof value === 'number') valueBytes.writeInt32BE(value);
  const head = Buffer.alloc(3);
  head.writeUInt8(tag, 0);
  head.writeUInt16BE(nameBytes.length, 1);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(valueBytes.length);
  return Buffer.concat([head, nameBytes, length, valueBytes]);
}

function ippRequest(operation: number, requestId: number, target: Buffer[], requested: string[]): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt16BE(0x0200, 0);
  header.writeUInt16BE(operation, 2);
  header.writeUInt32BE(requestId, 4);
  return Buffer.concat([
    header,
    Buffer.from([TAG.operation]),
    attribute(TAG.charset, 'attributes-charset', 'utf-8'),
    attribute(TAG.language, 'attributes-natural-language', 'en'),
    ...target,
    attribute(TAG.name, 'requesting-user-name', 'flexforward-station'),
    // A 1setOf: the values after the first carry an empty name.
    ...requested.map((value, i) => attribute(TAG.keyword, i === 0 ? 'requested-attributes' : '', value)),
    Buffer.from([TAG.end]),
  ]);
}

/** The request body of Get-Job-Attributes for CUPS job number `jobId`. */
export function getJobAttributesRequest(jobId: number, requestId = 1): Buffer {
  return ippRequest(
    GET_JOB_ATTRIBUTES,
    requestId,
    [attribute(TAG.uri, 'printer-uri', 'ipp://localhost/'), attribute(TAG.integer, 'job-id', jobId)],
    ['job-state', 'job-state-reasons', 'job-printer-state-message'],
  );
}

/** The request body of Get-Printer-Attributes for a CUPS queue: its state and why. */
export function getPrinterStateRequest(queue: string, requestId = 1): Buffer {
  return ippRequest(
    GET_PRINTER_ATTRIBUTES,
    requestId,
    [attribute(TAG.uri, 'printer-uri', `ipp://localhost/printers/${encodeURIComponent(queue)}`)],
    ['printer-state', 'printer-state-message', 'printer-state-reasons'],
  );
}

/** An IPP status code as CUPS prints it: 0x0400. */
const ippStatus = (status: number) => `0x${status.toString(16).padStart(4, '0')}`;

/** The status code and the attributes (name → values) of an IPP response. Throws on a response cut short. */
export function parseIppResponse(body: Buffer): { status: number; attributes: Map<string, (string | number)[]> } {
  if (body.length < 9) throw new Error(t('printing:ipp.tooShort'));
  const status = body.readUInt16BE(2);
  const attributes = new Map<string, (string | number)[]>();
  let offset = 8;
  let current: (string | number)[] | null = null;
  const need = (n: number) => {
    if (offset + n > body.length) throw new Error(t('printing:ipp.cutShort'));
  };
  while (offset < body.length) {
    const tag = body.readUInt8(offset);
    offset += 1;
    if (tag === TAG.end) break;
    if (tag < 0x10) continue; // the start of the next attribute group
    need(2);
    const nameLength = body.readUInt16BE(offset);
    offset += 2;
    need(nameLength + 2);
    const name = body.toString('utf8', offset, offset + nameLength);
    offset += nameLength;
    const valueLength = body.readUInt16BE(offset);
    offset += 2;
    need(valueLength);
    const raw = body.subarray(offset, offset + valueLength);
    offset += valueLength;
    let value: string | number;
    if ((tag === TAG.integer || tag === TAG.enum) && valueLength === 4) value = raw.readInt32BE(0);
    else if ((tag === TAG.textWithLanguage || tag === TAG.nameWithLanguage) && valueLength >= 4) {
      const languageLength = raw.readUInt16BE(0);
      value = raw.toString('utf8', 4 + languageLength, 4 + languageLength + raw.readUInt16BE(2 + languageLength));
    } else value = raw.toString('utf8');
    if (nameLength > 0) {
      current = [];
      attributes.set(name, current);
    }
    current?.push(value);
  }
  return { status, attributes };
}

/** The job's state from a Get-Job-Attributes response; null when CUPS does not know the job. Throws on any other refusal. */
export function jobAttributesOf(body: Buffer): IppJobAttributes | null {
  const { status, attributes } = parseIppResponse(body);
  if (status === IPP_NOT_FOUND) return null;
  if (status > 0x00ff) throw new Error(t('printing:ipp.jobRefused', { status: ippStatus(status) }));
  const state = IPP_JOB_STATES[attributes.get('job-state')?.[0] as keyof typeof IPP_JOB_STATES];
  if (!state) throw new Error(t('printing:ipp.noJobState'));
  const reasons = (attributes.get('job-state-reasons') ?? []).map(String).filter((r) => r !== 'none');
  const message = String(attributes.get('job-printer-state-message')?.[0] ?? '').trim() || null;
  return { state, reasons, message };
}

/** `ServerName` from a CUPS client.conf, if the file has one. */
function serverNameIn(file: string): string | null {
  try {
    const match = /^\s*ServerName\s+(\S+)/im.exec(readFileSync(file, 'utf8'));
    return match ? match[1]! : null;
  } catch {
    return null;
  }
}

/**
 * Where the CUPS client libraries would connect (cupsServer(3)): CUPS_SERVER, else ServerName
 * in ~/.cups/client.conf or /etc/cups/client.conf, else the scheduler's local socket, else
 * localhost:631. `lp` and `lpstat` find the scheduler the same way, so the job followed is the
 * job they sent.
 */
export function cupsServer(env: NodeJS.ProcessEnv = process.env): CupsServer {
  const named =
    env.CUPS_SERVER?.trim() || serverNameIn(join(env.HOME ?? homedir(), '.cups', 'client.conf')) || serverNameIn('/etc/cups/client.conf');
  if (named) {
    if (named.startsWith('/')) return { socketPath: named };
    const match = /^(\[[^\]]+\]|[^:/]+)(?::(\d+))?/.exec(named.replace(/^ipps?:\/\//, ''));
    if (match) return { host: match[1]!.replace(/^\[|\]$/g, ''), port: match[2] ? Number(match[2]) : 631 };
  }
  for (const socketPath of ['/run/cups/cups.sock', '/var/run/cups/cups.sock', '/private/var/run/cupsd']) {
    if (existsSync(socketPath)) return { socketPath };
  }
  return { host: 'localhost', port: 631 };
}

/** Asks CUPS for one job's state. Null: CUPS does not know the job. Throws when CUPS cannot be asked. */
export async function getJobAttributes(server: CupsServer, jobId: number, timeoutMs = 5_000): Promise<IppJobAttributes | null> {
  return jobAttributesOf(await post(server, getJobAttributesRequest(jobId), timeoutMs));
}

/** Whether a CUPS queue is stopped (disabled, or stopped by its backend), with its reason. Null: no such queue. */
export async function getPrinterState(
  server: CupsServer,
  queue: string,
  timeoutMs = 5_000,
): Promise<{ stopped: boolean; message: string | null } | null> {
  const { status, attributes } = parseIppResponse(await post(server, getPrinterStateRequest(queue), timeoutMs));
  if (status === IPP_NOT_FOUND) return null;
  if (status > 0x00ff) throw new Error(t('printing:ipp.printerRefused', { status: ippStatus(status) }));
  const reasons = (attributes.get('printer-state-reasons') ?? []).map(String).filter((r) => r !== 'none' && r !== 'paused');
  const message = String(attributes.get('printer-state-message')?.[0] ?? '').trim() || reasons.join('; ') || null;
  return { stopped: attributes.get('printer-state')?.[0] === PRINTER_STOPPED, message };
}

/** One IPP request over HTTP to the scheduler; the response body. */
function post(server: CupsServer, body: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        ...('socketPath' in server ? { socketPath: server.socketPath } : { host: server.host, port: server.port }),
        method: 'POST',
        path: '/jobs/',
        // CUPS checks the Host header against its own names; localhost is always one of them.
        headers: { 'Content-Type': 'application/ipp', 'Content-Length': body.length, Host: 'localhost' },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          // A job's three attributes take a few hundred bytes.
          if (size > 256 * 1024) req.destroy(new Error(t('printing:ipp.oversized')));
          else chunks.push(chunk);
        });
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(t('printing:ipp.http', { status: res.statusCode })));
          else resolve(Buffer.concat(chunks));
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(t('printing:ipp.noAnswer', { seconds: Math.round(timeoutMs / 1000) }))));
    req.on('error', reject);
    req.end(body);
  });
}
