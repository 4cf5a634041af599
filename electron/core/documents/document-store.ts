import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { StationError } from '../errors';
import { t } from '../i18n';

/**
 * Label documents kept on disk under userData, so a reprint never calls the API or buys a
 * label again (docs/architecture.md, "Data"). One file per label: `<root>/<first 2 chars>/<id>.<ext>`;
 * the two-character folders keep any one directory small with a million labels.
 *
 * A save is kept in memory and written in the background: a scan prints from the bytes it
 * downloaded and does not wait for the disk (two fsyncs, often the slowest part of a scan).
 * The file is written atomically and durably all the same (a temporary file, synced, renamed,
 * then its folder synced), so a file there is always a whole document. A crash or a failed
 * write before that leaves no file, and the next reprint downloads the document again: it is
 * a copy of what the courier keeps, never bought again.
 */

export type StoredDocumentFormat = 'pdf' | 'png';

export interface StoredDocument {
  /** Where the file is (or, while it is being written, will be). */
  path: string;
  format: StoredDocumentFormat;
  bytes: Buffer;
}

export interface DocumentStore {
  /**
   * Keeps the document, replacing an earlier copy (also one in the other format), and returns its
   * absolute path. `read` and `has` see it at once; the file follows in the background.
   */
  save(labelId: string, format: StoredDocumentFormat, bytes: Uint8Array): string;
  /** The stored document of a label (being written, or on disk), or null when none is kept. */
  read(labelId: string): StoredDocument | null;
  /** Whether the label's document in this format is kept: being written, or on disk. */
  has(labelId: string, format: StoredDocumentFormat): boolean;
  /** Where the document of this label and format lives (whether or not it exists). */
  pathFor(labelId: string, format: StoredDocumentFormat): string;
  /** Settles when every document saved so far is on disk or its write has failed (station close, tests). */
  flush(): Promise<void>;
}

export interface DocumentStoreOptions {
  /** A background write that failed (a full disk, no permission): the station logs it. Nothing is kept. */
  onWriteFailed?: (labelId: string, error: StationError) => void;
}

interface Pending {
  path: string;
  format: StoredDocumentFormat;
  bytes: Buffer;
  written: Promise<void>;
}

const FORMATS: readonly StoredDocumentFormat[] = ['pdf', 'png'];
/** Nothing but letters, digits, `-` and `_`: no separators, no dots, so no way out of the root. */
const LABEL_ID = /^[A-Za-z0-9_-]{1,100}$/;
/** Device names Windows reserves in every folder, with or without an extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** Creates a store rooted at `rootDir` (created on first save). */
export function createDocumentStore(rootDir: string, options: DocumentStoreOptions = {}): DocumentStore {
  const root = resolve(rootDir);
  /** Documents saved and not yet on disk, by label; a label's writes run one after the other. */
  const pending = new Map<string, Pending>();

  function pathFor(labelId: string, format: StoredDocumentFormat): string {
    checkLabelId(labelId);
    if (!FORMATS.includes(format))
      throw new StationError('document_format_invalid', t('labels:document.formatInvalid', { format: String(format) }));
    return join(root, labelId.slice(0, 2), `${labelId}.${format}`);
  }

  async function write(labelId: string, format: StoredDocumentFormat, target: string, bytes: Buffer): Promise<void> {
    const dir = dirname(target);
    // Same folder as the target, so the rename cannot cross file systems; the dot keeps it out of read().
    const temp = join(dir, `.${labelId}.${format}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      const file = await openNew(temp, dir);
      try {
        await writeFully(file, bytes);
        // On disk before it gets the real name: after a crash the file is whole or absent, never short.
        await file.sync();
      } finally {
        await file.close();
      }
      await rename(temp, target);
    } catch (err) {
      // Put into words once, where the failure is reported (save).
      await removeQuietly(temp);
      throw err;
    }
    await syncDirectory(dir);
    // A label has one document; a copy in the other format would make read() ambiguous.
    for (const other of FORMATS) if (other !== format) await rm(pathFor(labelId, other), { force: true });
  }

  function save(labelId: string, format: StoredDocumentFormat, bytes: Uint8Array): string {
    const target = pathFor(labelId, format);
    const kept = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const before = pending.get(labelId)?.written ?? Promise.resolve();
    const entry: Pending = { path: target, format, bytes: kept, written: before };
    entry.written = before
      .then(() => write(labelId, format, target, kept))
      .catch((err: unknown) => {
        const error = new StationError('document_save_failed', t('labels:document.saveFailed', { code: errorCode(err) }));
        try {
          options.onWriteFailed?.(labelId, error);
        } catch {
          // Reporting a failed write must not fail the writes queued after it.
        }
      })
      .finally(() => {
        if (pending.get(labelId) === entry) pending.delete(labelId);
      });
    pending.set(labelId, entry);
    return target;
  }

  function read(labelId: string): StoredDocument | null {
    const queued = pending.get(labelId);
    if (queued) return { path: queued.path, format: queued.format, bytes: queued.bytes };
    for (const format of FORMATS) {
      const path = pathFor(labelId, format);
      try {
        return { path, format, bytes: readFileSync(path) };
      } catch (err) {
        // ENOTDIR: a part of the path is a file, not a folder, so no document can be there either.
        if (errorCode(err) === 'ENOENT' || errorCode(err) === 'ENOTDIR') continue;
        throw new StationError('document_read_failed', t('labels:document.readFailed', { code: errorCode(err) }));
      }
    }
    return null;
  }

  function has(labelId: string, format: StoredDocumentFormat): boolean {
    const path = pathFor(labelId, format);
    const queued = pending.get(labelId);
    return queued ? queued.format === format : existsSync(path);
  }

  async function flush(): Promise<void> {
    while (pending.size > 0) await Promise.all([...pending.values()].map((p) => p.written));
  }

  return { save, read, has, pathFor, flush };
}

function checkLabelId(labelId: string): void {
  if (typeof labelId !== 'string' || !LABEL_ID.test(labelId) || WINDOWS_RESERVED.test(labelId)) {
    throw new StationError('document_label_id_invalid', t('labels:document.idInvalid'));
  }
}

/** Opens a new file; its folder is made only when it is not there yet (the first label of its two-letter folder). */
async function openNew(path: string, dir: string): Promise<FileHandle> {
  try {
    return await open(path, 'wx', 0o600);
  } catch (err) {
    if (errorCode(err) !== 'ENOENT') throw err;
    await mkdir(dir, { recursive: true });
    return await open(path, 'wx', 0o600);
  }
}

async function writeFully(file: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.byteLength) offset += (await file.write(bytes, offset, bytes.byteLength - offset)).bytesWritten;
}

/** Makes the rename itself durable. Windows cannot open a folder for fsync, so it is best effort. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Not supported on this platform; the file's own data was already synced.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Cleanup after a failure must not replace the error that explains it. */
async function removeQuietly(path: string): Promise<void> {
  try {
    await rm(path, { force: true });
  } catch {
    // Nothing was created there, or the folder itself is unusable; the save error says so.
  }
}

function errorCode(err: unknown): string {
  const code = err && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : 'unknown error';
}
