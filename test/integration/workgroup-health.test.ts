import { describe, expect, it, vi } from 'vitest';
import { StationError } from '../../electron/core/errors';
import { silentLogger } from '../../electron/core/logger';
import { createMemorySecretStore } from '../../electron/core/secret-store';
import { createWorkgroupHealth } from '../../electron/core/workgroup/health';
import type { WorkgroupStatus } from '../../shared/domain/workgroup';
import { createTestStation } from '../support/test-station';
import { passwordOf, startServer, stopServer, workgroupOf, type PgCluster } from '../support/workgroup-pg';
import { useOwnCluster } from '../support/test-database';

// The "workgroup database unreachable" status (issue 18 item 7): a station in a workgroup on a
// PostgreSQL cluster of this test's own, which the test stops and starts again with pg_ctl.
describe('workgroup health against a real PostgreSQL that goes away and comes back', () => {
  let cluster: PgCluster;
  useOwnCluster((made) => (cluster = made));

  it('goes unreachable when the server stops and back to connected by itself when it starts again; left: off', async () => {
    const events: WorkgroupStatus[] = [];
    /** Resolved on the first status that `want` accepts. */
    const waiters: { want: (s: WorkgroupStatus) => boolean; resolve: (s: WorkgroupStatus) => void }[] = [];
    const station = createTestStation({
      secrets: createMemorySecretStore(),
      workgroupHealth: { everyMs: 100, firstBackoffMs: 50, maxBackoffMs: 200 },
      // The operator picks the server's CA certificate in main's file dialog.
      chooseOpenPath: async () => cluster.ca,
      emit: (event, payload) => {
        if (event !== 'workgroup:changed') return;
        const status = payload as WorkgroupStatus;
        events.push(status);
        for (const w of waiters.splice(0)) {
          if (w.want(status)) w.resolve(status);
          else waiters.push(w);
        }
      },
    });
    const until = (state: WorkgroupStatus['state'], code: string | null = null) =>
      new Promise<WorkgroupStatus>((resolve) => {
        const want = (s: WorkgroupStatus) => s.state === state && (code === null || s.code === code);
        if (want(station.services.workgroup.status())) resolve(station.services.workgroup.status());
        else waiters.push({ want, resolve });
      });
    try {
      expect(await station.client.workgroup.status()).toEqual({ ok: true, value: { state: 'off', since: null, reason: null, code: null } });
      await station.client.workgroup.chooseCaFile();
      await station.client.workgroup.save({
        settings: { ...workgroupOf(cluster, { tlsMode: 'verify-full', caFile: cluster.ca }), stationName: 'Bench 1' },
        password: passwordOf(cluster),
      });
      await until('connected');

      stopServer(cluster);
      // A check running as the server stops may first see it shutting down (workgroup_unreachable); then refused.
      const down = await until('unreachable', 'workgroup_refused');
      expect(down).toMatchObject({
        state: 'unreachable',
        code: 'workgroup_refused',
        reason: expect.stringContaining(`port ${cluster.port}`),
      });
      expect(await station.client.workgroup.status()).toMatchObject({
        ok: true,
        value: { state: 'unreachable', code: 'workgroup_refused' },
      });

      startServer(cluster);
      const back = await until('connected');
      expect(back).toMatchObject({ state: 'connected', reason: null, code: null });
      expect(events.map((e) => e.state).filter((s, i, all) => s !== all[i - 1])).toEqual([
        'connecting',
        'connected',
        'unreachable',
        'connected',
      ]);

      await station.client.workgroup.leave();
      expect(events.at(-1)).toMatchObject({ state: 'off' });
    } finally {
      await station.close();
    }
  }, 60_000);
});

describe('workgroup health: checks and backoff', () => {
  it('checks every everyMs while reachable; after a failure again after 1×, 2×, 4× the first delay, up to the maximum', async () => {
    vi.useFakeTimers();
    try {
      const calls: number[] = [];
      let failing = true;
      const statuses: WorkgroupStatus[] = [];
      const health = createWorkgroupHealth({
        everyMs: 10_000,
        firstBackoffMs: 1_000,
        maxBackoffMs: 5_000,
        logger: silentLogger,
        now: () => new Date(Date.now()),
        onChange: (s) => statuses.push(s),
        check: async () => {
          calls.push(Date.now());
          if (failing) throw new StationError('workgroup_unreachable', 'cannot be reached');
        },
      });
      const start = Date.now();
      health.start();
      await vi.advanceTimersByTimeAsync(0);
      await vi.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000 + 5_000 + 5_000);
      expect(calls.map((t) => t - start)).toEqual([0, 1_000, 3_000, 7_000, 12_000, 17_000]);
      expect(health.current()).toMatchObject({ state: 'unreachable', code: 'workgroup_unreachable', reason: 'cannot be reached' });
      // One change to unreachable, however many failed checks.
      expect(statuses.map((s) => s.state)).toEqual(['connecting', 'unreachable']);

      failing = false;
      await vi.advanceTimersByTimeAsync(5_000);
      expect(health.current().state).toBe('connected');
      const connectedAt = calls.at(-1)!;
      await vi.advanceTimersByTimeAsync(20_000);
      expect(calls.slice(-2).map((t) => t - connectedAt)).toEqual([10_000, 20_000]);

      // A use of the database that could not reach it (the storage's) reports it at once; the next check clears it.
      health.failed(new StationError('workgroup_refused', 'refused'));
      expect(health.current()).toMatchObject({ state: 'unreachable', code: 'workgroup_refused' });
      const failedAt = Date.now();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(calls.at(-1)! - failedAt).toBe(1_000);
      expect(health.current().state).toBe('connected');

      health.stop();
      const before = calls.length;
      await vi.advanceTimersByTimeAsync(60_000);
      expect(calls).toHaveLength(before);
      expect(health.current()).toEqual({ state: 'off', since: null, reason: null, code: null });
    } finally {
      vi.useRealTimers();
    }
  });
});
