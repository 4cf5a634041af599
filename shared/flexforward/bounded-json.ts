import { z } from 'zod';
import { said, type SchemaField } from './schema-messages';

/**
 * JSON values for the request sections whose shape the vendor did not document (`customs`,
 * `dangerousGoods`, `pickup`, `courierOptions`, a service option's `value`). They arrive from
 * the renderer (or a stored outbox body) and are sent on as they are, so they are bounded: a
 * real courier field is a few levels and a few hundred bytes, while an object nested 100,000
 * levels deep overflows the stack of any recursive walk (zod's `z.json()`, `JSON.stringify`).
 * The walk here is iterative and stops at the first limit it passes, so it never recurses and
 * never reads more than the limits allow.
 */
export const OPEN_JSON_LIMITS = {
  /** Nesting of objects and lists; the section itself is level 1. */
  maxDepth: 8,
  /** Object fields in the whole section, at every level. */
  maxKeys: 200,
  /** Length of the section written as compact JSON, in characters (64 KiB). */
  maxChars: 64 * 1024,
} as const;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

type Problem = 'not_json' | 'too_deep' | 'too_many_keys' | 'too_large';

/** The first limit `value` passes, or null when it is JSON within all of them. */
export function openJsonProblem(value: unknown, limits = OPEN_JSON_LIMITS): Problem | null {
  let chars = 0;
  let keys = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current === 'boolean') chars += String(current).length;
    else if (typeof current === 'number') {
      if (!Number.isFinite(current)) return 'not_json';
      chars += String(current).length;
    } else if (typeof current === 'string') {
      if (current.length > limits.maxChars) return 'too_large';
      chars += JSON.stringify(current).length;
    } else if (Array.isArray(current)) {
      if (depth > limits.maxDepth) return 'too_deep';
      if (current.length > limits.maxChars) return 'too_large';
      // Brackets and commas.
      chars += 2 + Math.max(0, current.length - 1);
      for (const item of current) stack.push({ value: item, depth: depth + 1 });
    } else if (isPlainObject(current)) {
      if (depth > limits.maxDepth) return 'too_deep';
      const names = Object.keys(current);
      keys += names.length;
      if (keys > limits.maxKeys) return 'too_many_keys';
      chars += 2 + Math.max(0, names.length - 1);
      for (const name of names) {
        // The name in quotes and its colon.
        chars += JSON.stringify(name).length + 1;
        stack.push({ value: current[name], depth: depth + 1 });
      }
    } else {
      // undefined, functions, symbols, bigints, dates, maps…: not JSON.
      return 'not_json';
    }
    if (chars > limits.maxChars) return 'too_large';
  }
  return null;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function message(f: SchemaField, problem: Problem): string {
  const field = { field: f.key };
  switch (problem) {
    case 'not_json':
      return said(
        `${f.en} may contain only text, numbers, true or false, empty values, lists and objects.`,
        'errors:schema.json.notJson',
        field,
      );
    case 'too_deep':
      return said(`${f.en} is nested too deeply (at most ${OPEN_JSON_LIMITS.maxDepth} levels).`, 'errors:schema.json.tooDeep', {
        ...field,
        max: String(OPEN_JSON_LIMITS.maxDepth),
      });
    case 'too_many_keys':
      return said(`${f.en} has too many fields (at most ${OPEN_JSON_LIMITS.maxKeys}).`, 'errors:schema.json.tooManyKeys', {
        ...field,
        max: String(OPEN_JSON_LIMITS.maxKeys),
      });
    case 'too_large':
      return said(`${f.en} is too large (at most ${OPEN_JSON_LIMITS.maxChars / 1024} KB).`, 'errors:schema.json.tooLarge', {
        ...field,
        max: String(OPEN_JSON_LIMITS.maxChars / 1024),
      });
  }
}

/** Any JSON value within {@link OPEN_JSON_LIMITS}. */
export function boundedJson(label: SchemaField) {
  return z.custom<JsonValue>((value) => openJsonProblem(value) === null, {
    error: (issue) => message(label, openJsonProblem(issue.input) ?? 'not_json'),
  });
}

/** A JSON object (not a list or a single value) within {@link OPEN_JSON_LIMITS}. */
export function boundedJsonObject(label: SchemaField) {
  return z.custom<JsonObject>((value) => isPlainObject(value) && openJsonProblem(value) === null, {
    error: (issue) =>
      isPlainObject(issue.input)
        ? message(label, openJsonProblem(issue.input) ?? 'not_json')
        : said(`${label.en} must be an object.`, 'errors:schema.notObject', { field: label.key }),
  });
}
