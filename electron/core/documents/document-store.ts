import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { StationError } from '../errors';
import { t } from '../i18n';

/**
 * Label documents kept on disk under userData, so a reprint never calls the API or buys a
 * label again (docs/architecture.md, "Data"). One file per label: `<root>/<first 2 chars>/<id>.<ext>`;
 * the two-character folders keep any one directory small with a million labels.
 */

export type StoredDocumentFormat = 'pdf' | 'png';

export interface StoredDocument {
  path: string;
  format: StoredDocumentFormat;
  bytes: Buffer;
}

export interface DocumentStore {
  /** Writes the document atomically (replacing an earlier copy) and returns its absolute path. */
  save(labelId: string, format: StoredDocumentFormat, bytes: Uint8Array): string;
  /** The stored document of a label, or null when none is stored. */
  read(labelId: string): StoredDocument | null;
  /** Where the document of this label and format lives (whether or not it exists). */
  pathFor(labelId: string, format: StoredDocumentFormat): string;
}

const FORMATS: readonly StoredDocumentFormat[] = ['pdf', 'png'];
/** Nothing but letters, digits, `-` and `_`: no separators, no dots, so no way out of the root. */
const LABEL_ID = /^[A-Za-z0-9_-]{1,100}$/;
/** Device names Windows reserves in every folder, with or without an extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** Creates a store rooted at `rootDir` (created on first save). */
export function createDocumentStore(rootDir: string): DocumentStore {
  const root = resolve(rootDir);

  function pathFor(labelId: string, format: StoredDocumentFormat): string {
    checkLabelId(labelId);
    if (!FORMATS.includes(format))
      throw new StationError('document_format_invalid', t('labels:document.formatInvalid', { format: String(format) }));
    return join(root, labelId.slice(0, 2), `${labelId}.${format}`);
  }

  function save(labelId: string, format: StoredDocumentFormat, bytes: Uint8Array): string {
    const target = pathFor(labelId, format);
    const dir = dirname(target);
    // Same folder as the target, so the rename cannot cross file systems; the dot keeps it out of read().
    const temp = join(dir, `.${labelId}.${format}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const fd = openNew(temp, dir);
      try {
        writeFully(fd, bytes);
        // On disk before it gets the real name: after a crash the file is whole or absent, never short.
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, target);
    } catch (err) {
      removeQuietly(temp);
      throw new StationError('document_save_failed', t('labels:document.saveFailed', { code: errorCode(err) }));
    }
    syncDirectory(dir);
    // A label has one document; a copy in the other format would make read() ambiguous.
    for (const other of FORMATS) if (other !== format) rmSync(pathFor(labelId, other), { force: true });
    return target;
  }

  function read(labelId: string): StoredDocument | null {
    for (const format of FORMATS) {
      const path = pathFor(labelId, format);
      try {
        return { path, format, bytes: readFileSync(path) };
      } catch (err) {
        if (errorCode(err) === 'ENOENT') continue;
        throw new StationError('document_read_failed', t('labels:document.readFailed', { code: errorCode(err) }));
      }
    }
    return null;
  }

  return { save, read, pathFor };
}

function checkLabelId(labelId: string): void {
  if (typeof labelId !== 'string' || !LABEL_ID.test(labelId) || WINDOWS_RESERVED.test(labelId)) {
    throw new StationError('document_label_id_invalid', t('labels:document.idInvalid'));
  }
}

/** Opens a new file; its folder is made only when it is not there yet (the first label of its two-letter folder). */
function openNew(path: string, dir: string): number {
  try {
    return openSync(path, 'wx', 0o600);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err;
    mkdirSync(dir, { recursive: true });
    return openSync(path, 'wx', 0o600);
  }
}

function writeFully(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.byteLength) offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
}

/** Makes the rename itself durable. Windows cannot open a folder for fsync, so it is best effort. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Not supported on this platform; the file's own data was already synced.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Cleanup after a failure must not replace the error that explains it. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Nothing was created there, or the folder itself is unusable; the save error says so.
  }
}

function errorCode(err: unknown): string {
  const code = err && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'unknown error';
}
