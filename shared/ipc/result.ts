import { z } from 'zod';
import { ErrorCode } from './error-codes';

/**
 * Errors cross the IPC boundary as values: Electron passes only `error.message` through a
 * rejected invoke, so a stable `code` and per-field messages would be lost otherwise.
 */
export const IpcError = z.object({
  /** Stable machine-readable code, e.g. `invalid_input`, `unauthorized` (every one is in error-codes.ts). */
  code: ErrorCode,
  /** A sentence an operator understands. */
  message: z.string().min(1),
  /** Per-field messages keyed by dot path (`shipment.parcels[0].weight`). */
  fields: z.record(z.string(), z.string()).optional(),
});
export type IpcError = z.infer<typeof IpcError>;

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });

export const fail = (code: ErrorCode, message: string, fields?: Record<string, string>): IpcResult<never> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});

/** Formats zod issues as `{ "a.b[0].c": "message" }`, the same path style the API uses. */
export function issuesToFields(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = formatPath(issue.path);
    fields[path || '(input)'] ??= issue.message;
  }
  return fields;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** The field messages under one part of a request, keyed relative to it: `party.contact.firstName` under `party` is `contact.firstName`. */
export function fieldsUnder(fields: Readonly<Record<string, string>>, prefix: string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).flatMap(([k, v]) => (k.startsWith(`${prefix}.`) ? [[k.slice(prefix.length + 1), v]] : [])),
  );
}
