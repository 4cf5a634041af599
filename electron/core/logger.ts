import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type LogFields = Record<string, unknown>;
export interface Logger {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  /** Registers a secret value (a token) that must never appear in a log line. */
  addSecret(secret: string): void;
}

const REDACTED = '[redacted]';
const SENSITIVE_KEYS = /^(authorization|token|password|secret|x-rr-apitoken|x-rr-apikey)$/i;

/**
 * JSON-lines logger. Every line passes through `redact`: values under sensitive keys,
 * `Bearer …` strings and every registered secret are replaced before anything is written.
 */
export function createLogger(options: { file?: string; console?: boolean } = {}): Logger {
  const secrets = new Set<string>();
  if (options.file) mkdirSync(dirname(options.file), { recursive: true });
  const write = (level: string, event: string, fields: LogFields = {}) => {
    const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...redactValue(fields, secrets) });
    if (options.file) appendFileSync(options.file, `${line}\n`);
    if (options.console) (level === 'error' ? console.error : console.log)(line);
  };
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
    addSecret: (secret) => {
      if (secret.length >= 4) secrets.add(secret);
    },
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
