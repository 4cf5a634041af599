import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { ApiErrorCode } from '../../electron/core/api/errors';
import type { StationError } from '../../electron/core/errors';
import { ERROR_CODES, ErrorCode } from '../../shared/ipc/error-codes';
import type { IpcError } from '../../shared/ipc/result';

// shared/ipc/error-codes.ts is the one list of the codes an IPC answer can carry. The types
// keep code that names a code honest (npm run typecheck checks the expectTypeOf lines); this
// test keeps the list honest: every code the source makes is in it, and every code in it is made.

const root = join(import.meta.dirname, '..', '..');
const LIST = 'shared/ipc/error-codes.ts';

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) && path !== LIST ? [path] : [];
  });
}
const files = ['electron', 'shared', 'renderer/src']
  .flatMap(sources)
  .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));

/** Codes written as the first argument of the calls and constructors that make an error. */
const MADE = /\b(?:StationError|super|fail|apiError)\(\s*'([a-z_]+)'|\bcode: '([a-z_]+)', message:/g;

describe('error codes', () => {
  it('list every code the station makes an error with', () => {
    const made = new Map<string, string>();
    for (const { path, text } of files) {
      for (const match of text.matchAll(MADE)) made.set(match[1] ?? match[2]!, relative(root, join(root, path)));
    }
    expect(made.size).toBeGreaterThan(40);
    const missing = [...made]
      .filter(([code]) => !(ERROR_CODES as readonly string[]).includes(code))
      .map(([code, path]) => `${code} (${path})`);
    expect(missing).toEqual([]);
  });

  it('list only codes something makes or matches', () => {
    const unused = ERROR_CODES.filter((code) => !files.some(({ text }) => text.includes(`'${code}'`)));
    expect(unused).toEqual([]);
  });

  it('are what StationError, IPC errors and the API client are typed with', () => {
    expect(ErrorCode.safeParse('token_unverified').success).toBe(true);
    expect(ErrorCode.safeParse('token_unverifed').success).toBe(false);
    expectTypeOf<StationError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<IpcError['code']>().toEqualTypeOf<ErrorCode>();
    expectTypeOf<ApiErrorCode>().toExtend<ErrorCode>();
  });
});
