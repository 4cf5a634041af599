import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TrackingChangeSummary } from '../../shared/domain/tracking';
import type { Simulator } from '../../electron/simulator';
import type { ScheduleTimer } from '../../electron/core/tracking/schedule';
import { controlledDemo, labelDraft } from '../fixtures/label-drafts';
import { createTestStation } from '../support/test-station';

/**
 * The scheduled tracking refresh on a fake clock: the station, the simulator's tracking timeline
 * and the schedule's timer all read the same clock, which the test moves. Each timer the
 * schedule sets fires at its fake time; the real HTTP round trip to the simulator in between is
 * awaited, so the requests a round sends are stamped with the fake moment they were sent.
 */

const MINUTE = 60_000;
const T0 = Date.parse('2026-12-01T01:00:00.000Z');

function fakeClock(start: number) {
  let now = start;
  let seq = 0;
  const timers: { id: number; at: number; run: () => void }[] = [];
  const timer: ScheduleTimer = {
    setTimeout: (run, ms) => {
      const id = ++seq;
      timers.push({ id, at: now + ms, run });
      return id;
    },
    clearTimeout: (handle) => {
      const i = timers.findIndex((t) => t.id === handle);
      if (i >= 0) timers.splice(i, 1);
    },
  };
  return { now: () => now, timer, timers, set: (ms: number) => void (now = ms) };
}

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((x) => x.close()));
});

const trackingGets = (sim: Simulator) => sim.stats().requests.filter((r) => r.method === 'GET' && r.path.startsWith('/tracking/'));

async function scheduledStation(options: { maxAgeMs?: number } = {}) {
  const clock = fakeClock(T0);
  const { sim, startDemo } = await controlledDemo({ now: clock.now });
  const notes: { title: string; body: string }[] = [];
  const changes: TrackingChangeSummary[] = [];
  const station = createTestStation({
    startDemo,
    now: () => new Date(clock.now()),
    notify: (n) => notes.push(n),
    emit: (event, payload) => {
      if (event === 'tracking:changed') changes.push(payload as TrackingChangeSummary);
    },
    trackingSchedule: {
      now: clock.now,
      timer: clock.timer,
      startDelayMs: 1_000,
      spacingMs: 1_500,
      firstCheckMs: 40 * MINUTE,
      maxIntervalMs: 160 * MINUTE,
      minRoundGapMs: MINUTE,
      idleMs: 30 * MINUTE,
      maxAgeMs: options.maxAgeMs ?? 24 * 60 * MINUTE,
    },
  });
  opened.push(station, sim);
  expect((await station.client.env.switch({ environment: 'demo' })).ok).toBe(true);

  /** Every GET /tracking the simulator saw, with the fake time it was sent at. */
  const sent: { at: number; path: string }[] = [];
  /** Moves the clock to `target`, firing each timer due on the way at its own time. */
  async function advanceTo(target: number) {
    for (;;) {
      const next = [...clock.timers].sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!next || next.at > target) break;
      clock.timers.splice(clock.timers.indexOf(next), 1);
      clock.set(Math.max(clock.now(), next.at));
      const before = trackingGets(sim).length;
      next.run();
      // The schedule always waits on a timer again once its check (real HTTP) is done.
      await vi.waitFor(() => expect(clock.timers.length).toBeGreaterThan(0), { timeout: 10_000, interval: 5 });
      for (const request of trackingGets(sim).slice(before)) sent.push({ at: clock.now(), path: request.path });
    }
    clock.set(target);
  }
  return { station, sim, clock, notes, changes, sent, advanceTo };
}

async function makeLabel(station: ReturnType<typeof createTestStation>, order: string, postalCode: string) {
  const result = await station.client.labels.create({ draft: labelDraft(order, { postalCode }) });
  if (!result.ok || result.value.kind !== 'created') throw new Error(`label ${order} not created: ${JSON.stringify(result)}`);
  return result.value.label.id;
}

const nextCheckOf = (station: ReturnType<typeof createTestStation>, id: string) =>
  station.services.database.db.prepare('SELECT tracking_next_check_at AS at, tracking_unchanged AS n FROM labels WHERE id = ?').get(id) as {
    at: number | null;
    n: number;
  };

describe('scheduled tracking refresh', () => {
  it('checks due labels one at a time, spaced within the rate limit, and reports what changed', async () => {
    const { station, notes, changes, sent, advanceTo } = await scheduledStation();
    const delivered = await makeLabel(station, 'SCH-1', '90001');
    const exception = await makeLabel(station, 'SCH-2', '90002');
    const stuck = await makeLabel(station, 'SCH-3', '90003');

    // Nothing is due before the first check interval.
    await advanceTo(T0 + 39 * MINUTE);
    expect(sent).toEqual([]);

    await advanceTo(T0 + 45 * MINUTE);
    // One round: each label once, oldest due first, 1.5 s apart (never two in one second).
    expect(sent.map((s) => s.path)).toEqual([`/tracking/${delivered}`, `/tracking/${exception}`, `/tracking/${stuck}`]);
    const gaps = sent.slice(1).map((s, i) => s.at - sent[i]!.at);
    expect(gaps).toEqual([1_500, 1_500]);

    // The round's summary names the news, plural-aware, and the screens hear of it.
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ source: 'schedule', checked: 3, failed: 0, changed: { Delivered: 1, Exception: 1, InTransit: 1 } });
    expect(changes[0]!.text).toBe('Tracking: 1 delivered, 1 exception, 1 in transit.');
    // The new exception raised one desktop notification naming the order.
    expect(notes).toEqual([{ title: 'Delivery problem', body: 'Parcel SCH-2: Delivery exception' }]);

    // The others are asked again after the first interval; the delivered label never again.
    expect(nextCheckOf(station, stuck)).toEqual({ at: sent[2]!.at + 40 * MINUTE, n: 0 });
    await advanceTo(T0 + 3 * 60 * MINUTE);
    const asked = (id: string) => sent.filter((s) => s.path === `/tracking/${id}`).length;
    expect(asked(delivered)).toBe(1);
    expect(asked(stuck)).toBeGreaterThan(1);
    expect(asked(exception)).toBeGreaterThan(1);
  });

  it('backs off for parcels that do not move, doubling the wait up to the cap, and stops for old labels', async () => {
    const { station, sent, notes, changes, advanceTo } = await scheduledStation({ maxAgeMs: 10 * 60 * MINUTE });
    const stuck = await makeLabel(station, 'SCH-9', '90003');

    await advanceTo(T0 + 9 * 60 * MINUTE);
    const times = sent.filter((s) => s.path === `/tracking/${stuck}`).map((s) => s.at - T0);
    // 40 min after it was made, then 40 min later (the first check was news), then 80, 160 and
    // 160 (the cap) minutes apart as check after check finds nothing new.
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(times[0]).toBe(40 * MINUTE);
    expect(gaps).toEqual([40, 80, 160, 160].map((m) => m * MINUTE));
    expect(nextCheckOf(station, stuck).n).toBe(4);
    // Only the first check was news (In transit); no exception, no notification.
    expect(changes.map((c) => c.text)).toEqual(['Tracking: 1 in transit.']);
    expect(notes).toEqual([]);

    // Past the age limit (10 h) the label is no longer asked about.
    const before = sent.length;
    await advanceTo(T0 + 20 * 60 * MINUTE);
    expect(sent.length).toBe(before);
  });

  it('"refresh all" reports the changes as a sentence, and a second refresh says nothing is new', async () => {
    const { station, clock, notes } = await scheduledStation();
    await makeLabel(station, 'MAN-1', '90001');
    await makeLabel(station, 'MAN-2', '90001');
    await makeLabel(station, 'MAN-3', '90002');
    clock.set(T0 + 35 * MINUTE);
    const first = await station.client.tracking.refreshInTransit();
    expect(first.ok && first.value.summary.text).toBe('Tracking: 2 delivered, 1 exception.');
    expect(notes).toHaveLength(1);
    const second = await station.client.tracking.refreshInTransit();
    expect(second.ok && second.value.summary.text).toBe('Tracking: Nothing new (1 parcel checked).');
    expect(notes).toHaveLength(1);
  });

  it('speaks the operator language in the summary and the notification', async () => {
    const { station, clock, notes } = await scheduledStation();
    expect((await station.client.settings.setPreferences({ language: 'ja' })).ok).toBe(true);
    await makeLabel(station, 'JA-1', '90002');
    await makeLabel(station, 'JA-2', '90002');
    clock.set(T0 + 35 * MINUTE);
    const result = await station.client.tracking.refreshInTransit();
    expect(result.ok && result.value.summary.text).toBe('追跡：配送トラブル 2 件。');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toBe('配送トラブル');
    expect(notes[0]!.body).toMatch(/^2 件の荷物に配送トラブルがあります：JA-[12]、JA-[12]$/);
  });
});

describe('the schedule and the rate limit', () => {
  it('refuses a spacing that alone would send more requests a second than the API allows', async () => {
    const { createTrackingSchedule } = await import('../../electron/core/tracking/schedule');
    const deps = {
      store: { due: () => [], nextDueAt: () => null },
      environment: () => 'demo' as const,
      check: async () => ({ labelId: 'x', orderNumber: null, trackingNumber: null, before: null, after: null }),
      finishRound: () => ({ source: 'schedule' as const, checked: 0, failed: 0, changed: {}, exceptions: [], text: '' }),
    };
    expect(() => createTrackingSchedule({ ...deps, rateLimitPerSecond: 10, options: { spacingMs: 50 } })).toThrow(/at least 100 ms/);
    expect(() => createTrackingSchedule({ ...deps, rateLimitPerSecond: 2, options: { spacingMs: 400 } })).toThrow(/at least 500 ms/);
    expect(() => createTrackingSchedule({ ...deps, rateLimitPerSecond: 2, options: { spacingMs: 500 } })).not.toThrow();
  });
});
