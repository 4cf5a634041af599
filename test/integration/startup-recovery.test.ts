import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as OutboxModule from '../../electron/core/labels/outbox';
import { labelDraft } from '../fixtures/label-drafts';
import { createTestStation } from '../support/test-station';

// The outbox as it behaves over a file that breaks under the start-up reads: unresolved()
// throws SQLite's own error while `failReads.on` is set (quick_check at open cannot see a
// disk that fails later, so the start-up recovery has to survive it by itself).
const failReads = vi.hoisted(() => ({ on: false, calls: 0 }));
vi.mock('../../electron/core/labels/outbox', async (importOriginal) => {
  const actual = await importOriginal<typeof OutboxModule>();
  return {
    ...actual,
    createOutbox: (...args: Parameters<typeof actual.createOutbox>) => {
      const outbox = actual.createOutbox(...args);
      return {
        ...outbox,
        unresolved: async (...a: Parameters<typeof outbox.unresolved>) => {
          if (!failReads.on) return outbox.unresolved(...a);
          failReads.calls += 1;
          throw Object.assign(new Error('database disk image is malformed'), {
            code: 'ERR_SQLITE_ERROR',
            errcode: 11,
            errstr: 'database disk image is malformed',
          });
        },
      };
    },
  };
});

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => void rejections.push(reason);
beforeEach(() => {
  rejections.length = 0;
  process.on('unhandledRejection', onRejection);
});
afterEach(() => {
  process.off('unhandledRejection', onRejection);
  failReads.on = false;
});

const stations: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const s of stations) await s.close();
});

/** Lets pending promise jobs run and Node report any rejection nobody handled. */
const settle = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

describe('start-up recovery', () => {
  it('a failing read during the start-up recovery is caught, logged and told to the operator; labels can still be created', async () => {
    failReads.on = true;
    const station = createTestStation();
    stations.push(station);
    await vi.waitFor(() => expect(failReads.calls).toBe(1));
    await settle();
    expect(rejections).toEqual([]);

    const line = readFileSync(station.logFile, 'utf8')
      .split('\n')
      .find((l) => l.includes('startup.recovery_failed'))!;
    expect(JSON.parse(line)).toMatchObject({ level: 'error', error: { message: 'database disk image is malformed' } });
    const info = await station.client.env.switch({ environment: 'demo' });
    expect(info).toMatchObject({
      ok: true,
      value: {
        notice: expect.stringMatching(/could not check the label requests left open last time \(database disk image is malformed\)/),
      },
    });

    failReads.on = false;
    const created = await station.client.labels.create({ draft: labelDraft('RECOVERY-1') });
    expect(created).toMatchObject({ ok: true, value: { kind: 'created' } });
  });

  it('a recovery that works leaves no notice and no error', async () => {
    const station = createTestStation();
    stations.push(station);
    await vi.waitFor(() => expect(readFileSync(station.logFile, 'utf8')).toContain('"event":"outbox.resolved"'));
    await settle();
    expect(rejections).toEqual([]);
    const info = await station.client.app.info();
    expect(info).toMatchObject({ ok: true, value: { notice: null } });
    expect(readFileSync(station.logFile, 'utf8')).not.toContain('startup.recovery_failed');
  });
});
