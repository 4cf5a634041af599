import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as nodeFs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createLogger, rotatedLogName, type LogFs } from '../../electron/core/logger';
import { labelDraft } from '../fixtures/label-drafts';
import { createTestStation } from '../support/test-station';

const fresh = () => mkdtempSync(join(tmpdir(), 'ffs-logger-'));
const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { event: string; n?: number });

/** A file system whose writes fail the way a full disk or a folder without permission does. */
function failingFs(code: 'ENOSPC' | 'EACCES' | 'EIO'): LogFs & { appends: number } {
  const fs = {
    appends: 0,
    openSync: () => 99,
    closeSync() {},
    writeSync(): number {
      fs.appends += 1;
      throw Object.assign(new Error(`${code}: simulated failure, write`), { code });
    },
    statSync: () => undefined,
    renameSync() {},
    mkdirSync() {},
  };
  return fs;
}

describe('logging is best-effort', () => {
  it.each(['ENOSPC', 'EACCES', 'EIO'] as const)('a write failing with %s is dropped and counted, with one warning at most', (code) => {
    const fs = failingFs(code);
    const warnings: string[] = [];
    const logger = createLogger({ file: '/var/log/station.log', fs, reportFailure: (m) => warnings.push(m) });
    expect(() => {
      logger.info('one');
      logger.warn('two', { detail: 'x' });
      logger.error('three', { error: new Error('boom') });
    }).not.toThrow();
    expect(fs.appends).toBe(3);
    expect(logger.failedWrites()).toBe(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(code);
  });

  it('a folder for the log that cannot be made does not stop the logger from being created', () => {
    const fs = {
      ...failingFs('EACCES'),
      mkdirSync: () => {
        throw Object.assign(new Error('EACCES: permission denied, mkdir'), { code: 'EACCES' });
      },
    };
    const warnings: string[] = [];
    const logger = createLogger({ file: '/root-only/logs/station.log', fs, reportFailure: (m) => warnings.push(m) });
    expect(() => logger.info('still here')).not.toThrow();
    expect(warnings).toHaveLength(1);
  });

  it('a real full device (/dev/full answers ENOSPC) never throws', () => {
    const warnings: string[] = [];
    const logger = createLogger({ file: '/dev/full', reportFailure: (m) => warnings.push(m) });
    for (let i = 0; i < 5; i += 1) expect(() => logger.info('disk.full', { i })).not.toThrow();
    expect(logger.failedWrites()).toBe(5);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/ENOSPC/);
    // A device is never rotated: /dev/full is still there, nothing was renamed next to it.
    expect(existsSync('/dev/full')).toBe(true);
    expect(existsSync(rotatedLogName('/dev/full', 1))).toBe(false);
  });

  it('a field that cannot be serialised costs its line, not the caller', () => {
    const dir = fresh();
    const logger = createLogger({ file: join(dir, 'station.log'), reportFailure: () => undefined });
    expect(() => logger.info('odd', { big: 10n })).not.toThrow();
    logger.info('next');
    expect(lines(join(dir, 'station.log')).map((l) => l.event)).toEqual(['next']);
    expect(logger.failedWrites()).toBe(1);
  });
});

describe('log rotation', () => {
  it('caps the file: station.log rolls over to station.1.log … station.3.log and the oldest is dropped', () => {
    const dir = fresh();
    const file = join(dir, 'station.log');
    const logger = createLogger({ file, maxBytes: 300, keep: 3 });
    for (let n = 0; n < 40; n += 1) logger.info('line', { n, pad: 'x'.repeat(40) });
    expect(readdirSync(dir).sort()).toEqual(['station.1.log', 'station.2.log', 'station.3.log', 'station.log']);
    for (const name of readdirSync(dir)) expect(readFileSync(join(dir, name)).length).toBeLessThanOrEqual(300);
    // Newest in station.log, then .1, .2, .3, with no line lost or repeated between them.
    const kept = ['station.3.log', 'station.2.log', 'station.1.log', 'station.log'].flatMap((name) =>
      lines(join(dir, name)).map((l) => l.n),
    );
    expect(kept.at(-1)).toBe(39);
    expect(kept).toEqual(Array.from({ length: kept.length }, (_, i) => 40 - kept.length + i));
    expect(kept.length).toBeLessThan(40);
    expect(logger.failedWrites()).toBe(0);
  });

  it('counts a file already there from an earlier run towards the cap', () => {
    const dir = fresh();
    const file = join(dir, 'station.log');
    writeFileSync(file, `${JSON.stringify({ event: 'earlier', pad: 'y'.repeat(250) })}\n`);
    const logger = createLogger({ file, maxBytes: 300 });
    logger.info('now', { pad: 'x'.repeat(60) });
    expect(lines(rotatedLogName(file, 1)).map((l) => l.event)).toEqual(['earlier']);
    expect(lines(file).map((l) => l.event)).toEqual(['now']);
  });

  it('a rotation that fails keeps logging to the current file', () => {
    const dir = fresh();
    const file = join(dir, 'station.log');
    const fs: LogFs = {
      ...nodeFs,
      renameSync: () => {
        throw Object.assign(new Error('EACCES: permission denied, rename'), { code: 'EACCES' });
      },
    };
    const warnings: string[] = [];
    const logger = createLogger({ file, maxBytes: 100, fs, reportFailure: (m) => warnings.push(m) });
    for (let n = 0; n < 10; n += 1) logger.info('line', { n, pad: 'x'.repeat(40) });
    expect(lines(file).map((l) => l.n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(warnings).toHaveLength(1);
  });

  it('opens the file once for a run of lines, and closes it when no line has come for two seconds', () => {
    vi.useFakeTimers();
    try {
      const file = join(fresh(), 'station.log');
      const calls: string[] = [];
      const fs: LogFs = {
        ...nodeFs,
        openSync: (path, flags) => (calls.push('open'), nodeFs.openSync(path, flags)),
        closeSync: (fd) => (calls.push('close'), nodeFs.closeSync(fd)),
      };
      const logger = createLogger({ file, fs });
      for (let n = 0; n < 5; n += 1) logger.info('line', { n });
      expect(calls).toEqual(['open']);
      vi.advanceTimersByTime(1_500);
      logger.info('line', { n: 5 });
      vi.advanceTimersByTime(1_500);
      // Each line starts the two seconds again.
      expect(calls).toEqual(['open']);
      vi.advanceTimersByTime(600);
      expect(calls).toEqual(['open', 'close']);
      logger.info('line', { n: 6 });
      expect(calls).toEqual(['open', 'close', 'open']);
      expect(lines(file).map((l) => l.n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a write that fails closes the file, and the next line opens it again', () => {
    const file = join(fresh(), 'station.log');
    let fail = true;
    let opens = 0;
    const fs: LogFs = {
      ...nodeFs,
      openSync: (path, flags) => ((opens += 1), nodeFs.openSync(path, flags)),
      writeSync: (fd, buffer, offset, length) => {
        if (fail) throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' });
        return nodeFs.writeSync(fd, buffer, offset, length);
      },
    };
    const logger = createLogger({ file, fs, reportFailure: () => undefined });
    logger.info('lost');
    fail = false;
    logger.info('kept');
    expect(opens).toBe(2);
    expect(lines(file).map((l) => l.event)).toEqual(['kept']);
    expect(logger.failedWrites()).toBe(1);
  });

  it('names rotated files before the extension', () => {
    expect(rotatedLogName('/logs/station.log', 2)).toBe('/logs/station.2.log');
    expect(rotatedLogName('/logs/station', 1)).toBe('/logs/station.1');
  });
});

describe('a station whose log disk is full', () => {
  const stations: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const s of stations) await s.close();
  });

  it('still answers every IPC call ok, a label bought in Demo included', async () => {
    const warnings: string[] = [];
    const logger = createLogger({ file: '/dev/full', reportFailure: (m) => warnings.push(m) });
    const station = createTestStation({ logger });
    stations.push(station);
    // Each of these logs on its way (environment.switched, external_link.refused, label.recorded, …).
    expect(await station.dispatch('env:switch', { environment: 'demo' })).toMatchObject({ ok: true });
    expect(await station.dispatch('app:openExternal', { url: 'https://evil.example/' })).toEqual({ ok: true, value: { opened: false } });
    const created = await station.dispatch('labels:create', { draft: labelDraft('LOG-FULL-1') });
    expect(created).toMatchObject({ ok: true, value: { kind: 'created', label: { customerOrderNumber: 'LOG-FULL-1' } } });
    expect(await station.dispatch('labels:history', {})).toMatchObject({
      ok: true,
      value: { items: [{ customerOrderNumber: 'LOG-FULL-1' }] },
    });
    expect(logger.failedWrites()).toBeGreaterThan(2);
    expect(warnings).toHaveLength(1);
  });
});
