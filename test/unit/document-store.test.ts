import type * as NodeFsPromises from 'node:fs/promises';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDocumentStore, type DocumentStoreOptions } from '../../electron/core/documents/document-store';
import { StationError } from '../../electron/core/errors';

/**
 * Label documents on disk: where they go, that they are readable at once while the file is
 * written in the background, that writes are all-or-nothing, and that ids cannot escape the root.
 */

/** node:fs/promises passes through, recording the write, fsync and rename steps; a test can make writes fail midway. */
const disk = vi.hoisted(() => ({ steps: [] as string[], failAfterBytes: undefined as number | undefined }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const fsp = await importOriginal<typeof NodeFsPromises>();
  return {
    ...fsp,
    async open(path: string, flags: string, mode?: number) {
      const handle = await fsp.open(path, flags, mode);
      if (flags !== 'wx') return { sync: async () => (disk.steps.push('fsync folder'), handle.sync()), close: () => handle.close() };
      return {
        async write(buffer: Uint8Array, offset = 0, length = buffer.byteLength - offset) {
          if (disk.failAfterBytes !== undefined) {
            // Write part of the bytes, then run out of space: what a full disk or a crash leaves behind.
            if (disk.failAfterBytes === 0) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
            const part = Math.min(length, disk.failAfterBytes);
            disk.failAfterBytes -= part;
            disk.steps.push('write');
            return handle.write(buffer, offset, part);
          }
          disk.steps.push('write');
          return handle.write(buffer, offset, length);
        },
        sync: async () => (disk.steps.push('fsync'), handle.sync()),
        close: () => handle.close(),
      };
    },
    async rename(from: string, to: string) {
      disk.steps.push(`rename ${from} -> ${to}`);
      return fsp.rename(from, to);
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

/** A store whose failed background writes are collected. */
function storeAt(dir: string, options: DocumentStoreOptions = {}) {
  const failed: { labelId: string; error: StationError }[] = [];
  const store = createDocumentStore(dir, { onWriteFailed: (labelId, error) => failed.push({ labelId, error }), ...options });
  return Object.assign(store, { failed });
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
  it('stores a document under <root>/<first two characters>/<id>.<ext> and reads back the same bytes', async () => {
    const store = storeAt(root);
    const path = store.save(LABEL_ID, 'pdf', PDF);

    expect(path).toBe(resolve(root, 'f4', `${LABEL_ID}.pdf`));
    expect(store.pathFor(LABEL_ID, 'pdf')).toBe(path);
    await store.flush();
    expect(readFileSync(path).equals(PDF)).toBe(true);
    const read = store.read(LABEL_ID);
    expect(read).toEqual({ path, format: 'pdf', bytes: PDF });
    expect(store.failed).toEqual([]);
  });

  it('reads a document the moment it is saved, before its file is written; has() sees it too', async () => {
    const store = storeAt(root);
    const path = store.save(LABEL_ID, 'pdf', PDF);
    // Nothing has reached the disk yet (the write runs in the background) …
    expect(existsSync(path)).toBe(false);
    // … and a print reads it all the same.
    expect(store.read(LABEL_ID)).toEqual({ path, format: 'pdf', bytes: PDF });
    expect(store.has(LABEL_ID, 'pdf')).toBe(true);
    expect(store.has(LABEL_ID, 'png')).toBe(false);
    await store.flush();
    expect(existsSync(path)).toBe(true);
    expect(store.has(LABEL_ID, 'pdf')).toBe(true);
    expect(store.has('f4000000-0000-4000-8000-000000000002', 'pdf')).toBe(false);
  });

  it('makes a label folder only when it is not there, also again after it was removed while running', async () => {
    const store = storeAt(root);
    store.save(LABEL_ID, 'pdf', PDF);
    await store.flush();
    rmSync(join(root, 'f4'), { recursive: true });
    const other = 'f4000000-0000-4000-8000-000000000001';
    store.save(other, 'pdf', PDF);
    await store.flush();
    expect(store.read(other)?.bytes.equals(PDF)).toBe(true);
    expect(listFiles(root)).toEqual([`f4/${other}.pdf`]);
    expect(store.failed).toEqual([]);
  });

  it('returns an absolute path even for a relative root', async () => {
    const store = storeAt(relative(process.cwd(), root));
    expect(store.save('ab12', 'png', PNG)).toBe(resolve(root, 'ab', 'ab12.png'));
    await store.flush();
  });

  it('reads a PNG as a PNG, and null for a label that has no document', async () => {
    const store = storeAt(root);
    store.save('label-2', 'png', PNG);
    await store.flush();
    expect(store.read('label-2')).toMatchObject({ format: 'png', bytes: PNG });
    expect(store.read('label-3')).toBeNull();
  });

  it('replaces an earlier copy, also one in the other format, so a label has exactly one document', async () => {
    const store = storeAt(root);
    store.save(LABEL_ID, 'png', PNG);
    await store.flush();
    store.save(LABEL_ID, 'pdf', PDF);
    expect(store.read(LABEL_ID)).toMatchObject({ format: 'pdf', bytes: PDF });
    expect(store.has(LABEL_ID, 'png')).toBe(false);
    await store.flush();
    expect(store.read(LABEL_ID)).toMatchObject({ format: 'pdf', bytes: PDF });
    expect(listFiles(root)).toEqual([join('f4', `${LABEL_ID}.pdf`)]);
  });

  it('writes saves of one label in the order they were made, even when the second comes before the first is on disk', async () => {
    const store = storeAt(root);
    store.save(LABEL_ID, 'pdf', PDF);
    store.save(LABEL_ID, 'png', PNG);
    store.save(LABEL_ID, 'pdf', Buffer.concat([PDF, PDF]));
    expect(store.read(LABEL_ID)).toMatchObject({ format: 'pdf', bytes: Buffer.concat([PDF, PDF]) });
    await store.flush();
    expect(listFiles(root)).toEqual([join('f4', `${LABEL_ID}.pdf`)]);
    expect(readFileSync(store.pathFor(LABEL_ID, 'pdf')).equals(Buffer.concat([PDF, PDF]))).toBe(true);
    expect(disk.steps.filter((step) => step.startsWith('rename'))).toHaveLength(3);
  });

  it('reads null, not an error, when a part of the path is a file (no document can be there)', () => {
    writeFileSync(root, 'not a folder');
    expect(storeAt(root).read(LABEL_ID)).toBeNull();
  });

  it('copes with a one-character id', async () => {
    const store = storeAt(root);
    expect(store.save('x', 'pdf', PDF)).toBe(resolve(root, 'x', 'x.pdf'));
    await store.flush();
    expect(store.read('x')?.bytes.equals(PDF)).toBe(true);
  });
});

describe('atomic writes', () => {
  it('leaves no temporary file behind after a save', async () => {
    const store = storeAt(root);
    store.save(LABEL_ID, 'pdf', PDF);
    store.save(LABEL_ID, 'pdf', Buffer.concat([PDF, PDF]));
    await store.flush();
    expect(listFiles(root)).toEqual([join('f4', `${LABEL_ID}.pdf`)]);
  });

  it('writes a temporary file in the same folder, flushes it to disk, renames it into place, then syncs the folder', async () => {
    const store = storeAt(root);
    const path = store.save(LABEL_ID, 'pdf', PDF);
    await store.flush();

    const renames = disk.steps.filter((s) => s.startsWith('rename'));
    expect(renames).toHaveLength(1);
    const [, from, to] = /^rename (.+) -> (.+)$/.exec(renames[0]!)!;
    expect(to).toBe(path);
    expect(resolve(from!, '..')).toBe(resolve(path, '..'));
    expect(from).not.toBe(path);
    // Bytes first, fsync before the rename: after a crash the document is whole or absent.
    expect(disk.steps).toEqual(['write', 'fsync', renames[0], 'fsync folder']);
  });

  it('keeps the earlier document whole and removes the partial file when a write fails midway', async () => {
    const store = storeAt(root);
    const older = Buffer.concat([PDF, Buffer.alloc(5000, 0x41)]);
    const path = store.save(LABEL_ID, 'pdf', older);
    await store.flush();

    disk.failAfterBytes = 100;
    store.save(LABEL_ID, 'pdf', Buffer.concat([PDF, Buffer.alloc(5000, 0x42)]));
    await store.flush();
    expect(store.failed.map((f) => [f.labelId, f.error.code])).toEqual([[LABEL_ID, 'document_save_failed']]);

    expect(readFileSync(path).equals(older)).toBe(true);
    expect(listFiles(root)).toEqual([join('f4', `${LABEL_ID}.pdf`)]);
  });

  it('writes through a temporary file and a rename, so the old document stays whole when a save fails', async () => {
    const store = storeAt(root);
    const path = store.save(LABEL_ID, 'pdf', PDF);
    // A directory where the next document must go makes the final rename fail after the bytes were written.
    const blocked = store.pathFor('f4-blocked', 'pdf');
    mkdirSync(blocked, { recursive: true });
    writeFileSync(join(blocked, 'keep'), 'x');

    store.save('f4-blocked', 'pdf', PDF);
    await store.flush();
    expect(store.failed.map((f) => [f.labelId, f.error.code])).toEqual([['f4-blocked', 'document_save_failed']]);
    // The failed save cleaned up after itself and touched nothing else.
    expect(listFiles(root)).toEqual([join('f4', 'f4-blocked.pdf', 'keep'), join('f4', `${LABEL_ID}.pdf`)]);
    expect(readFileSync(path).equals(PDF)).toBe(true);
  });

  it('a write that fails leaves the label without a document, so the next reprint downloads it again', async () => {
    const store = storeAt(root);
    disk.failAfterBytes = 0;
    store.save(LABEL_ID, 'pdf', PDF);
    expect(store.has(LABEL_ID, 'pdf')).toBe(true);
    await store.flush();
    expect(store.has(LABEL_ID, 'pdf')).toBe(false);
    expect(store.read(LABEL_ID)).toBeNull();
    expect(listFiles(root)).toEqual([]);
  });

  it('explains a failed write in words, with a stable code, and a failing report stops nothing', async () => {
    // The root is a file, so no folder can be made under it.
    writeFileSync(root, 'not a folder');
    const errors: StationError[] = [];
    const store = createDocumentStore(root, {
      onWriteFailed: (_labelId, error) => {
        errors.push(error);
        throw new Error('the log is gone too');
      },
    });
    store.save(LABEL_ID, 'pdf', PDF);
    store.save('label-2', 'pdf', PDF);
    await store.flush();
    expect(errors.map((e) => e.code)).toEqual(['document_save_failed', 'document_save_failed']);
    expect(errors[0]?.message).toMatch(/could not be saved on this computer .*not bought again/);
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

  it.each(hostile)('refuses %j for save, read, has and pathFor, and writes nothing', async (id) => {
    const store = createDocumentStore(root);
    expectCode(() => store.save(id, 'pdf', PDF), 'document_label_id_invalid');
    expectCode(() => store.read(id), 'document_label_id_invalid');
    expectCode(() => store.pathFor(id, 'pdf'), 'document_label_id_invalid');
    expectCode(() => store.has(id, 'pdf'), 'document_label_id_invalid');
    await store.flush();
    expect(listFiles(parent)).toEqual([]);
  });

  it('accepts the longest allowed id (100 characters of letters, digits, - and _)', async () => {
    const store = storeAt(root);
    const id = `A-_9${'z'.repeat(96)}`;
    expect(store.save(id, 'png', PNG)).toBe(resolve(root, 'A-', `${id}.png`));
    await store.flush();
    expect(store.failed).toEqual([]);
  });

  it('refuses a format other than pdf or png', () => {
    const store = createDocumentStore(root);
    expectCode(() => store.save(LABEL_ID, '../x' as 'pdf', PDF), 'document_format_invalid');
    expect(listFiles(parent)).toEqual([]);
  });
});
