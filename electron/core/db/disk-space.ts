import { statfsSync } from 'node:fs';
import { StationError } from '../errors';
import { t } from '../i18n';

/** Free space below which no label request is sent: enough to record the answer and the request's history row many times over. */
export const DEFAULT_MIN_FREE_BYTES = 5 * 1024 * 1024;

export interface DiskSpaceOptions {
  /** Bytes that must be free on the database's disk before a request is sent. Default {@link DEFAULT_MIN_FREE_BYTES}. */
  minFreeBytes?: number;
  /** Default `fs.statfsSync` (tests pass their own). */
  statfs?: (path: string) => { bavail: number | bigint; bsize: number | bigint };
}

export interface DiskSpaceCheck {
  /**
   * Throws StationError('disk_full') when less than the minimum is free in the folder; the
   * sentence says how much is free, then `consequence` (what the refusal means for the
   * operator). When the free space cannot be read the check passes: an unreadable count is
   * not a full disk, and the writes themselves still fail loudly.
   */
  ensure(consequence: string): void;
}

/** Rounded down: just under the minimum must not read as the minimum. */
const megabytes = (bytes: number) => `${(Math.floor((bytes / (1024 * 1024)) * 10) / 10).toFixed(1)} MB`;

/** The free-space check for the disk that holds `folder` (the station database's folder). */
export function createDiskSpaceCheck(folder: string, options: DiskSpaceOptions = {}): DiskSpaceCheck {
  const minFree = options.minFreeBytes ?? DEFAULT_MIN_FREE_BYTES;
  const statfs = options.statfs ?? ((path: string) => statfsSync(path));
  return {
    ensure(consequence) {
      let free: number;
      try {
        const stats = statfs(folder);
        free = Number(stats.bavail) * Number(stats.bsize);
      } catch {
        return;
      }
      if (free >= minFree) return;
      throw new StationError('disk_full', t('errors:db.diskLow', { free: megabytes(free), needed: megabytes(minFree), consequence }));
    },
  };
}
