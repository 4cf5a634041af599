import type * as NodeFs from 'node:fs';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDocumentStore } from '../../electron/core/documents/document-store';
import { StationError } from '../../electron/core/errors';

/** Label documents on disk: where they go, that writes are all-or-nothing, and that ids cannot escape the root. */

/** node:fs passes through, recording the write, fsync and rename steps; a test can make writes fail midway. */
const disk = vi.hoisted(() => ({ steps: [] as string[], failAfterBytes: undefined as number | undefined }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  return {
    ...fs,
    writeSync(fd: number, buffer: Uint8Array, offset = 0, length = buffer.byteLength - offset) {
      if (disk.failAfterBytes !== undefined) {
        // Write part of the bytes, then run out of space: what a full disk or a crash leaves behind.
        if (disk.failAfterBytes === 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        const part = Math.min(length, disk.failAfterBytes);
        disk.failAfterBytes -= part;
        disk.steps.push('write');
        return fs.writeSync(fd, buffer, offset, part);
      }
      disk.steps.push('write');
      return fs.writeSync(fd, buffer, offset, length);
    },
    fsyncSync(fd: number) {
      disk.steps.push('fsync');
      fs.fsyncSync(fd);
    },
    renameSync(from: string, to: string) {
      disk.steps.push(`rename ${from} -> ${to}`);
      fs.renameSync(from, to);
    },
  };
});

const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const LABEL_ID = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';

let parent: string;
let root: string;
beforeEach(() => {
  disk.steps = [];
  disk.failAfterBytes = undefined;
  parent = mkdtempSync(join(tmpdir(), 'ffs-docs-'));
  root = join(parent, 'documents');
});
afterEach(() => {
  rmSync(parent, { recursive: true, force: true });
});

/** Every file under `dir`, relative, sorted. */
function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

function expectCode(run: () => unknown, code: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(StationError);
  expect((thrown as StationError).code).toBe(code);
}

describe('saving and reading documents', () => {
  it('stores a document under <root>/<first two characters>/<id>.<ext> and reads back the same bytes', () => {
    const store = createDocumentStore(root);
    const path = store.save(LABEL_ID, 'pdf', PDF);

    expect(path).toBe(resolve(root, 'f4', `${LABEL_ID}.pdf`));
    expect(store.pathFor(LABEL_ID, 'pdf')).toBe(path);
    expect(readFileSync(path).equals(PDF)).toBe(true);
    const read = store.read(LABEL_ID);
    expect(read).toEqual({ path, format: 'pdf', bytes: PDF });
  });

  it('makes a label folder only when it is not there, also again after it was removed while running', () => {
    const store = createDocumentStore(root);
    store.save(LABEL_ID, 'pdf', PDF);
    rmSync(join(root, 'f4'), { recursive: true });
    const other = 'f4000000-0000-4000-8000-000000000001';
    store.save(other, 'pdf', PDF);
    expect(store.read(other)?.bytes.equals(PDF)).toBe(true);
    expect(listFiles(root)).toEqual([`f4/${other}.pdf`]);
  });

  it('returns an absolute path even for a relative root', () => {
    const store = createDocumentStore(relative(process.cwd(), root));
    expect(store.save('ab12', 'png', PNG)).toBe(resolve(root, 'ab', 'ab12.png'));
  });

  it('reads a PNG as a PNG, and null for a label that has no document', () => {
    const store = createDocumentStore(root);
    store.save('label-2', 'png', PNG);
    expect(store.read('label-2')).toMatchObject({ format: 'png', bytes: PNG });
    expect(store.read('label-3')).toBeNull();
  });

  it('replaces an earlier copy, also one in the other format, so a label has exactly one document', () => {
    const store = createDocumentStore(root);
    store.save(LABEL_ID, 'png', PNG);
    store.save(LABEL_ID, 'pdf', PDF);
    expect(store.read(LABEL_ID)).toMatchObject({ format: 'pdf', bytes: PDF });
    expect(listFiles(root)).toEqual([join('f4', `${LABEL_ID}.pdf`)]);
  });

  it('copes with a one-character id', () => {
    const store = createDocumentStore(root);
    expect(store.save('x', 'pdf', PDF)).toBe(resolve(root, 'x', 'x.pdf'));
    expect(store.read('x')?.bytes.equals(PDF)).toBe(true);
  });
});

describe('atomic writes', () => {
  it('leaves no temporary file behind after a save', () => {
    const store = createDocumentStore(root);
    store.save(LABEL_ID, 'pdf', PDF);
    store.save(LABEL_ID, 'pdf', Buffer.concat([PDF, PDF]));
    expect(listFiles(root)).toEqual([join('f4', `${LABEL_ID}.pdf`)]);
  });

  it('writes a temporary file in the same folder, flushes it to disk, then renames it into place', () => {
    const store = createDocumentStore(root);
    const path = store.save(LABEL_ID, 'pdf', PDF);

    const renames = disk.steps.filter((s) => s.startsWith('rename'));
    expect(renames).toHaveLength(1);
    const [, from, to] = /^rename (.+) -> (.+)$/.exec(renames[0]!)!;
    expect(to).toBe(path);
    expect(resolve(from!, '..')).toBe(resolve(path, '..'));
    expect(from).not.toBe(path);
    // Bytes first, fsync before the rename: after a crash the document is whole or absent.
    const renameAt = disk.steps.indexOf(renames[0]!);
    expect(disk.steps.slice(0, renameAt)).toEqual(['write', 'fsync']);
  });

  it('keeps the earlier document whole and removes the partial file when a write fails midway', () => {
    const store = createDocumentStore(root);
    const older = Buffer.concat([PDF, Buffer.alloc(5000, 0x41)]);
    const path = store.save(LABEL_ID, 'pdf', older);

    disk.failAfterBytes = 100;
    expectCode(() => store.save(LABEL_ID, 'pdf', Buffer.concat([PDF, Buffer.alloc(5000, 0x42)])), 'document_save_failed');

    expect(readFileSync(path).equals(older)).toBe(true);
    expect(listFiles(root)).toEqual([join('f4', `${LABEL_ID}.pdf`)]);
  });

  it('writes through a temporary file and a rename, so the old document stays whole when a save fails', () => {
    const store = createDocumentStore(root);
    const path = store.save(LABEL_ID, 'pdf', PDF);
    // A directory where the next document must go makes the final rename fail after the bytes were written.
    const blocked = store.pathFor('f4-blocked', 'pdf');
    mkdirSync(blocked, { recursive: true });
    writeFileSync(join(blocked, 'keep'), 'x');

    expectCode(() => store.save('f4-blocked', 'pdf', PDF), 'document_save_failed');
    // The failed save cleaned up after itself and touched nothing else.
    expect(listFiles(root)).toEqual([join('f4', 'f4-blocked.pdf', 'keep'), join('f4', `${LABEL_ID}.pdf`)]);
    expect(readFileSync(path).equals(PDF)).toBe(true);
  });

  it('explains a failed save in words, with a stable code', () => {
    // The root is a file, so no folder can be made under it.
    writeFileSync(root, 'not a folder');
    const store = createDocumentStore(root);
    let error: StationError | undefined;
    try {
      store.save(LABEL_ID, 'pdf', PDF);
    } catch (err) {
      error = err as StationError;
    }
    expect(error?.code).toBe('document_save_failed');
    expect(error?.message).toMatch(/could not be saved on this computer .*not bought again/);
  });
});

describe('label ids cannot escape the root', () => {
  const hostile = [
    '',
    '.',
    '..',
    '../etc/passwd',
    '..\\..\\windows',
    'a/b',
    'a\\b',
    '/abs',
    'C:evil',
    'label.pdf',
    'with space',
    'nul\0byte',
    'ünïcode',
    '%2e%2e',
    'x'.repeat(101),
    'CON',
    'nul',
    'Com1',
    'LPT9',
  ];

  it.each(hostile)('refuses %j for save, read and pathFor, and writes nothing', (id) => {
    const store = createDocumentStore(root);
    expectCode(() => store.save(id, 'pdf', PDF), 'document_label_id_invalid');
    expectCode(() => store.read(id), 'document_label_id_invalid');
    expectCode(() => store.pathFor(id, 'pdf'), 'document_label_id_invalid');
    expect(listFiles(parent)).toEqual([]);
  });

  it('accepts the longest allowed id (100 characters of letters, digits, - and _)', () => {
    const store = createDocumentStore(root);
    const id = `A-_9${'z'.repeat(96)}`;
    expect(store.save(id, 'png', PNG)).toBe(resolve(root, 'A-', `${id}.png`));
  });

  it('refuses a format other than pdf or png', () => {
    const store = createDocumentStore(root);
    expectCode(() => store.save(LABEL_ID, '../x' as 'pdf', PDF), 'document_format_invalid');
    expect(listFiles(parent)).toEqual([]);
  });
});
