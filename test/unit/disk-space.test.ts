import { describe, expect, it } from 'vitest';
import { createDiskSpaceCheck, DEFAULT_MIN_FREE_BYTES } from '../../electron/core/db/disk-space';
import { StationError } from '../../electron/core/errors';
import { codeOf } from '../support/station-error';

const MB = 1024 * 1024;
const reporting = (free: number | bigint, bsize: number | bigint = 4096) => {
  const asked: string[] = [];
  const statfs = (path: string) => {
    asked.push(path);
    return { bavail: typeof free === 'bigint' ? free / BigInt(bsize) : free / Number(bsize), bsize };
  };
  return { statfs, asked };
};

describe('free-space check before a label request is sent', () => {
  it('passes with the minimum free and asks about the database folder', () => {
    const { statfs, asked } = reporting(DEFAULT_MIN_FREE_BYTES);
    createDiskSpaceCheck('/data/station', { statfs }).ensure('Nothing was sent.');
    expect(asked).toEqual(['/data/station']);
    expect(DEFAULT_MIN_FREE_BYTES).toBe(5 * MB);
  });

  it('refuses one block short of the minimum with disk_full, saying how much is free and what it means', () => {
    const check = createDiskSpaceCheck('/data', { statfs: reporting(DEFAULT_MIN_FREE_BYTES - 4096).statfs });
    expect(codeOf(() => check.ensure('No label was requested.'))).toBe('disk_full');
    expect(() => check.ensure('No label was requested.')).toThrow(
      /has only 4\.9 MB free; the station needs 5\.0 MB to record a label\. No label was requested\.$/,
    );
  });

  it('takes its minimum from the options and reads bigint counts', () => {
    const check = createDiskSpaceCheck('/data', { minFreeBytes: 64 * MB, statfs: reporting(10n * BigInt(MB)).statfs });
    expect(() => check.ensure('X.')).toThrow(/only 10\.0 MB free; the station needs 64\.0 MB/);
    createDiskSpaceCheck('/data', { minFreeBytes: 0, statfs: reporting(0).statfs }).ensure('X.');
  });

  it('passes when the free space cannot be read (the writes still fail loudly)', () => {
    const check = createDiskSpaceCheck('/data', {
      statfs: () => {
        throw new Error('ENOSYS');
      },
    });
    expect(() => check.ensure('X.')).not.toThrow(StationError);
  });

  it('checks the real disk by default', () => {
    expect(() => createDiskSpaceCheck(process.cwd(), { minFreeBytes: Number.MAX_SAFE_INTEGER }).ensure('X.')).toThrow(/the station needs/);
    createDiskSpaceCheck(process.cwd(), { minFreeBytes: 1 }).ensure('X.');
  });
});
