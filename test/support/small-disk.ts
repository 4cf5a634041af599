import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallDisk {
  /** The mount point: a folder on its own small filesystem. */
  dir: string;
  /** Bytes free right now. */
  free(): number;
  /** Writes filler files until no byte is left, or until only `leave` bytes are free (rounded to whole pages). */
  fill(leave?: number): void;
  /** Deletes the filler files: the space is back. */
  release(): void;
  /** Unmounts (lazily, so files still open do not stop it) and removes the mount point. */
  unmount(): void;
}

/**
 * A real, small filesystem (tmpfs of `sizeBytes`) on which a write can really run out of
 * space: the kernel answers ENOSPC and SQLite turns that into SQLITE_FULL wherever it hits,
 * also in the commit that a statement's reset performs. Mounting needs root, as `npm test`
 * has in CI (it also starts CUPS); without it the mount fails with a sentence saying so.
 */
export function mountSmallDisk(sizeBytes: number): SmallDisk {
  const dir = mkdtempSync(join(tmpdir(), 'ffs-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes},mode=0700`, 'ffs-small-disk', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const reason = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
    throw new Error(`The disk-full tests mount a small tmpfs and need root for it (as npm test has in CI): ${reason}`, { cause: error });
  }
  const fillers = join(dir, '.filler');
  mkdirSync(fillers);
  let files = 0;
  const free = () => {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  };
  /** Writes one filler of `size` bytes; false when the disk is full (a partial file stays and counts as used). */
  const write = (size: number) => {
    try {
      writeFileSync(join(fillers, String(files++)), Buffer.alloc(size));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOSPC') return false;
      throw error;
    }
  };
  return {
    dir,
    free,
    fill(leave = 0) {
      const page = statfsSync(dir).bsize;
      for (const chunk of [1024 * 1024, 64 * 1024, page]) {
        while (free() - chunk >= leave && write(chunk));
      }
    },
    release() {
      rmSync(fillers, { recursive: true, force: true });
      mkdirSync(fillers);
    },
    unmount() {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
