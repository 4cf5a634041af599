import * as nodeFs from 'node:fs';
import { dirname, extname } from 'node:path';

export type LogFields = Record<string, unknown>;
export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** Registers a secret value (a token) that must never appear in a log line. */
  addSecret(secret: string): void;
}

/** The file functions the logger uses; tests pass failing ones. */
export interface LogFs {
  openSync(file: string, flags: 'a'): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  closeSync(fd: number): void;
  statSync(file: string, options: { throwIfNoEntry: false }): { size: number; isFile(): boolean } | undefined;
  renameSync(from: string, to: string): void;
  mkdirSync(dir: string, options: { recursive: true }): unknown;
}

export interface LoggerOptions {
  file?: string;
  console?: boolean;
  /** A log file is rotated before a line would take it over this size (default 5 MB). */
  maxBytes?: number;
  /** How many rotated files are kept besides the current one: station.1.log … station.N.log (default 3). */
  keep?: number;
  fs?: LogFs;
  /** Where the one warning about failing log writes goes (default: stderr). */
  reportFailure?: (message: string) => void;
}

/** A logger writing to a file, and how many lines it could not write. */
export interface FileLogger extends Logger {
  failedWrites(): number;
}

export const DEFAULT_LOG_MAX_BYTES = 5 * 1024 * 1024;
/** The log file stays open while lines keep coming, and is closed after this long without one. */
const IDLE_CLOSE_MS = 2_000;
export const DEFAULT_LOG_KEEP = 3;

const REDACTED = '[redacted]';
const SENSITIVE_KEYS = /^(authorization|token|password|secret|x-rr-apitoken|x-rr-apikey)$/i;

/** station.log → station.1.log (a name without an extension gets station.1). */
export function rotatedLogName(file: string, index: number): string {
  const ext = extname(file);
  return ext ? `${file.slice(0, -ext.length)}.${index}${ext}` : `${file}.${index}`;
}

/**
 * JSON-lines logger. Every line passes through `redact`: values under sensitive keys,
 * `Bearer …` strings and every registered secret are replaced before anything is written.
 *
 * Logging is best-effort: a write that fails (a full disk, a folder without permission, any
 * error) is dropped and counted, and one warning goes to stderr; it never throws into the work
 * being logged (a label bought, an IPC answer). The file is size-capped: before a line would
 * take it over `maxBytes` it becomes station.1.log (station.1 → station.2, …, the oldest beyond
 * `keep` is replaced), so the logs never fill the disk.
 *
 * The file is opened once for a run of lines and closed when none has come for two seconds
 * (a scan logs about six: one write each instead of an open, a write and a close), so no
 * handle is left open for good and nobody has to close the logger. The timer never keeps the
 * process alive.
 */
export function createLogger(options: LoggerOptions = {}): FileLogger {
  const secrets = new Set<string>();
  const fs: LogFs = options.fs ?? nodeFs;
  const maxBytes = options.maxBytes ?? DEFAULT_LOG_MAX_BYTES;
  const keep = Math.max(1, options.keep ?? DEFAULT_LOG_KEEP);
  const reportFailure = options.reportFailure ?? ((message: string) => void process.stderr.write(`${message}\n`));
  let failures = 0;

  const failed = (what: string, error: unknown) => {
    failures += 1;
    if (failures > 1) return;
    try {
      reportFailure(
        `Flex Forward Station: ${what} (${(error as Error)?.message ?? String(error)}); further log lines that cannot be written are dropped.`,
      );
    } catch {
      // Nowhere left to say it.
    }
  };

  const file = options.file;
  let size = 0;
  // Only a regular file is rotated (never /dev/null or another device given as the log).
  let rotatable = true;
  if (file) {
    try {
      fs.mkdirSync(dirname(file), { recursive: true });
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (stat) {
        rotatable = stat.isFile();
        size = rotatable ? stat.size : 0;
      }
    } catch (error) {
      failed(`the log ${file} could not be opened`, error);
    }
  }

  let fd: number | null = null;
  let idle: ReturnType<typeof setTimeout> | null = null;
  const closeFile = () => {
    if (idle) clearTimeout(idle);
    idle = null;
    if (fd === null) return;
    const open = fd;
    fd = null;
    try {
      fs.closeSync(open);
    } catch {
      // Closing cannot lose a line: each was written when it was logged.
    }
  };
  /** The open log file, opened for this run of lines if need be; closed after IDLE_CLOSE_MS without one. */
  const openFile = (target: string): number => {
    fd ??= fs.openSync(target, 'a');
    if (idle && typeof idle.refresh === 'function') idle.refresh();
    else {
      if (idle) clearTimeout(idle);
      idle = setTimeout(closeFile, IDLE_CLOSE_MS);
      idle.unref?.();
    }
    return fd;
  };

  const rotate = (target: string) => {
    // Renamed closed: the next line opens the new file (and Windows cannot rename an open file).
    closeFile();
    for (let i = keep - 1; i >= 0; i -= 1) {
      const from = i === 0 ? target : rotatedLogName(target, i);
      try {
        fs.renameSync(from, rotatedLogName(target, i + 1));
      } catch (error) {
        if ((error as NodeJS.ErrnoException)?.code !== 'ENOENT') throw error;
      }
    }
  };

  const append = (target: string, line: string) => {
    const data = Buffer.from(line);
    const bytes = data.byteLength;
    if (rotatable && size > 0 && size + bytes > maxBytes) {
      try {
        rotate(target);
      } catch (error) {
        failed(`the log ${target} could not be rotated`, error);
      }
      // Rotated or not, the next attempt waits for another maxBytes (no rename on every line).
      size = 0;
    }
    try {
      const file = openFile(target);
      for (let offset = 0; offset < bytes;) {
        const written = fs.writeSync(file, data, offset, bytes - offset);
        if (!(written > 0)) throw new Error('the log file took no bytes');
        offset += written;
      }
      size += bytes;
    } catch (error) {
      // Opened again for the next line: the file may have gone (a removed folder, an unplugged disk).
      closeFile();
      failed(`a line could not be written to the log ${target}`, error);
    }
  };

  const write = (level: string, event: string, fields: LogFields = {}) => {
    let line: string;
    try {
      line = JSON.stringify({ time: new Date().toISOString(), level, event, ...redactValue(fields, secrets) });
    } catch (error) {
      // A field that cannot be serialised (a BigInt, a cycle past the depth cap) costs its line, not the work.
      failed('a log line could not be serialised', error);
      return;
    }
    if (file) append(file, `${line}\n`);
    if (options.console) {
      try {
        (level === 'error' ? console.error : console.log)(line);
      } catch (error) {
        failed('a log line could not be written to the console', error);
      }
    }
  };
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
    addSecret: (secret) => {
      if (secret.length >= 4) secrets.add(secret);
    },
    failedWrites: () => failures,
  };
}

export function redactString(text: string, secrets: Iterable<string>): string {
  let out = text.replace(/Bearer\s+[^\s"',]+/gi, `Bearer ${REDACTED}`);
  for (const secret of secrets) out = out.split(secret).join(REDACTED);
  return out;
}

function redactValue(value: unknown, secrets: Set<string>, depth = 0): Record<string, unknown> {
  return redactAny(value, secrets, depth) as Record<string, unknown>;
}

function redactAny(value: unknown, secrets: Set<string>, depth: number): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return redactString(value, secrets);
  if (value instanceof Error) return { name: value.name, message: redactString(value.message, secrets) };
  if (Array.isArray(value)) return value.map((v) => redactAny(v, secrets, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) out[key] = SENSITIVE_KEYS.test(key) ? REDACTED : redactAny(v, secrets, depth + 1);
    return out;
  }
  return value;
}

/** A logger that drops everything (for tests that do not look at logs). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {}, addSecret() {} };
