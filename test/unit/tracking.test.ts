import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../electron/core/api';
import { StationError } from '../../electron/core/errors';
import { refreshAll, type RefreshAllOptions, type RefreshOutcome } from '../../electron/core/tracking/refresh-all';
import { formatPlace, parseCheckpointTime, toTrackingView } from '../../electron/core/tracking/tracking-view';
import { DEMO_ACCOUNTS, DEMO_TOKEN, TRACKING_SETTLED_AFTER_MS, startSimulator } from '../../electron/simulator';
import { TrackingView } from '../../shared/domain/tracking';
import { TrackingResponse, type CreateLabelRequest } from '../../shared/flexforward/schemas';
import { ProgressEvent } from '../../shared/ipc/contract';
import * as examples from '../fixtures/flexforward-examples';

/** Tracking for the renderer: checkpoint order, places, unknown tags; and refreshing many labels at once. */

const LABEL_ID = 'f47ac10b-58cc-4372-a567-0e02b2c3d479';
const FETCHED_AT = 1_780_000_000_000;

/** A scan as the API sends it; only the time and the message matter for ordering tests. */
function scan(checkpointTime: string, message: string, extra: Record<string, unknown> = {}) {
  return {
    checkpointTime,
    city: 'Shenzhen',
    state: 'Guangdong',
    countryRegion: 'CN',
    location: null,
    message,
    tag: 'InTransit',
    subtag: 'InTransit_001',
    subtagMessage: 'In transit',
    slug: 'yunexpress',
    ...extra,
  };
}

/** Parses through the real response schema, as the API client does. */
function response(checkpoints: unknown[], top: Record<string, unknown> = {}): TrackingResponse {
  return TrackingResponse.parse({ ...examples.trackingInTransit, checkpoints, ...top });
}

const messages = (view: TrackingView) => view.checkpoints.map((c) => c.message);

// Times chosen so that sorting the strings would give a different order than sorting the instants.
const CHRONOLOGICAL = [
  scan('2026-05-27T10:00:00Z', 'registered'),
  scan('2026-05-27T20:30:00+09:00', 'picked up'), // 11:30Z
  scan('2026-05-27T12:00:00.250Z', 'departed'),
  scan('2026-05-28T01:00:00.5+08:00', 'arrived'), // 27th 17:00:00.500Z
  scan('2026-05-28T09:15:00.000Z', 'delivered'),
];
const NEWEST_FIRST_MESSAGES = ['delivered', 'arrived', 'departed', 'picked up', 'registered'];

describe('toTrackingView: checkpoint order', () => {
  it('sorts newest first when the API sends newest first (the tracking guide)', () => {
    const view = toTrackingView(LABEL_ID, response([...CHRONOLOGICAL].reverse()), FETCHED_AT);
    expect(messages(view)).toEqual(NEWEST_FIRST_MESSAGES);
  });

  it('sorts newest first when the API sends oldest first (the zh-Hant reference)', () => {
    const view = toTrackingView(LABEL_ID, response(CHRONOLOGICAL), FETCHED_AT);
    expect(messages(view)).toEqual(NEWEST_FIRST_MESSAGES);
  });

  it('sorts newest first whatever the shuffle, comparing instants rather than strings', () => {
    for (const order of [
      [2, 0, 4, 1, 3],
      [3, 1, 0, 4, 2],
      [1, 4, 2, 3, 0],
    ]) {
      const view = toTrackingView(LABEL_ID, response(order.map((i) => CHRONOLOGICAL[i])), FETCHED_AT);
      expect(messages(view)).toEqual(NEWEST_FIRST_MESSAGES);
    }
  });

  it('writes every time as ISO 8601 UTC', () => {
    const view = toTrackingView(LABEL_ID, response(CHRONOLOGICAL), FETCHED_AT);
    expect(view.checkpoints.map((c) => c.time)).toEqual([
      '2026-05-28T09:15:00.000Z',
      '2026-05-27T17:00:00.500Z',
      '2026-05-27T12:00:00.250Z',
      '2026-05-27T11:30:00.000Z',
      '2026-05-27T10:00:00.000Z',
    ]);
  });

  it('puts missing and unreadable times last, in the order the API sent them', () => {
    const view = toTrackingView(
      LABEL_ID,
      response([
        scan('', 'blank'),
        scan('2026-05-27T10:00:00Z', 'older'),
        scan('yesterday afternoon', 'words'),
        scan('2026-02-30T10:00:00Z', 'impossible date'),
        scan('2026-05-28T10:00:00Z', 'newer'),
        scan('2026-05-28T25:00:00Z', 'impossible hour'),
      ]),
      FETCHED_AT,
    );
    expect(messages(view)).toEqual(['newer', 'older', 'blank', 'words', 'impossible date', 'impossible hour']);
    expect(view.checkpoints.slice(2).every((c) => c.time === null)).toBe(true);
  });

  it('keeps the API order for scans with the same time', () => {
    const same = '2026-05-27T10:00:00Z';
    const view = toTrackingView(
      LABEL_ID,
      response([scan(same, 'a'), scan('2026-05-26T10:00:00Z', 'old'), scan(same, 'b'), scan(same, 'c')]),
      FETCHED_AT,
    );
    expect(messages(view)).toEqual(['a', 'b', 'c', 'old']);
  });
});

describe('toTrackingView: the rest of the view', () => {
  it('carries the label, tracking number, status and fetch time, and satisfies the shared schema', () => {
    const view = toTrackingView(LABEL_ID, response(CHRONOLOGICAL), FETCHED_AT);
    expect(view).toMatchObject({
      labelId: LABEL_ID,
      trackingNumber: 'YT2412345678901234',
      tag: 'InTransit',
      subtag: 'InTransit_001',
      subtagMessage: 'In transit',
      slug: 'yunexpress',
      fetchedAt: FETCHED_AT,
    });
    expect(TrackingView.parse(view)).toEqual(view);
  });

  it('shows a label without scans or tracking number yet', () => {
    const view = toTrackingView(LABEL_ID, TrackingResponse.parse(examples.trackingPending), FETCHED_AT);
    expect(view).toMatchObject({ trackingNumber: null, tag: 'Pending', checkpoints: [] });
    expect(TrackingView.parse(view)).toEqual(view);
  });

  it('shows tags the station does not know (or missing ones) as Unknown', () => {
    const view = toTrackingView(
      LABEL_ID,
      response([scan('2026-05-27T10:00:00Z', 'odd', { tag: 'OutForDelivery' }), scan('2026-05-26T10:00:00Z', 'none', { tag: undefined })], {
        tag: 'AttemptFail',
      }),
      FETCHED_AT,
    );
    expect(view.tag).toBe('Unknown');
    expect(view.checkpoints.map((c) => c.tag)).toEqual(['Unknown', 'Unknown']);
    expect(TrackingView.parse(view)).toEqual(view);
  });

  it('shows a scan whose time falls outside years 0000–9999 without a time, instead of failing the whole view', () => {
    const view = toTrackingView(
      LABEL_ID,
      response([
        scan('2026-05-27T10:00:00Z', 'real'),
        scan('0000-01-01T00:30:00+01:00', 'year -1'),
        scan('9999-12-31T23:30:00-01:00', 'year 10000'),
        scan('0000-01-01T00:00:00Z', 'year 0'),
      ]),
      FETCHED_AT,
    );
    expect(view.checkpoints.map((c) => [c.message, c.time])).toEqual([
      ['real', '2026-05-27T10:00:00.000Z'],
      ['year 0', '0000-01-01T00:00:00.000Z'],
      ['year -1', null],
      ['year 10000', null],
    ]);
    expect(TrackingView.parse(view)).toEqual(view);
  });

  it('keeps the courier message and subtag of each scan, null where the API sent none', () => {
    const view = toTrackingView(
      LABEL_ID,
      response([scan('2026-05-27T10:00:00Z', 'x', { message: null, subtag: undefined, subtagMessage: 'Out for delivery' })]),
      FETCHED_AT,
    );
    expect(view.checkpoints[0]).toMatchObject({ message: null, subtag: null, subtagMessage: 'Out for delivery' });
  });
});

describe('places', () => {
  const place = (location: string | null, city: string | null, state: string | null, countryRegion: string | null) =>
    formatPlace({ location, city, state, countryRegion });

  it('joins location, city, state and country, skipping what is missing or blank', () => {
    expect(place(null, 'Los Angeles', 'CA', 'US')).toBe('Los Angeles, CA, US');
    expect(place('Shenzhen Sorting Center', 'Shenzhen', 'Guangdong', 'CN')).toBe('Shenzhen Sorting Center, Shenzhen, Guangdong, CN');
    expect(place(null, 'Edison', null, 'US')).toBe('Edison, US');
    expect(place('  ', ' Tokyo ', '', 'JP')).toBe('Tokyo, JP');
    expect(place(null, null, null, 'JP')).toBe('JP');
  });

  it('does not repeat a name (a city that is also its state)', () => {
    expect(place('Flex Forward Hub', 'Hong Kong', 'Hong Kong', 'HK')).toBe('Flex Forward Hub, Hong Kong, HK');
    expect(place(null, 'Singapore', 'singapore', 'SG')).toBe('Singapore, SG');
  });

  it('is null when the scan names no place at all', () => {
    expect(place(null, null, null, null)).toBeNull();
    expect(place('', ' ', null, '')).toBeNull();
  });

  it('appears on each checkpoint of the view', () => {
    const view = toTrackingView(LABEL_ID, TrackingResponse.parse(examples.trackingInTransit), FETCHED_AT);
    expect(view.checkpoints.map((c) => c.place)).toEqual(['Shenzhen Sorting Center, Shenzhen, Guangdong, CN', 'Shenzhen, Guangdong, CN']);
  });
});

describe('parseCheckpointTime', () => {
  it('reads ISO 8601 with and without milliseconds or offset; no offset means UTC, not local time', () => {
    const t = Date.UTC(2026, 4, 27, 10, 0, 0);
    expect(parseCheckpointTime('2026-05-27T10:00:00Z')).toBe(t);
    expect(parseCheckpointTime('2026-05-27T10:00:00.000Z')).toBe(t);
    expect(parseCheckpointTime('2026-05-27T10:00:00')).toBe(t);
    expect(parseCheckpointTime('2026-05-27 10:00:00')).toBe(t);
    expect(parseCheckpointTime('2026-05-27t10:00:00z')).toBe(t);
    expect(parseCheckpointTime('2026-05-27T10:00')).toBe(t);
    expect(parseCheckpointTime('2026-05-27T18:00:00+08:00')).toBe(t);
    expect(parseCheckpointTime('2026-05-27T18:00:00+0800')).toBe(t);
    expect(parseCheckpointTime('2026-05-27T05:00:00-05')).toBe(t);
    expect(parseCheckpointTime('2026-05-27T10:00:00.123456Z')).toBe(t + 123);
    expect(parseCheckpointTime('2026-05-27T10:00:00,5Z')).toBe(t + 500);
    expect(parseCheckpointTime('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });

  it('reads the first and last moments of years 0000–9999, and refuses a time an offset pushes outside them', () => {
    expect(parseCheckpointTime('0000-01-01T00:00:00Z')).toBe(Date.parse('0000-01-01T00:00:00.000Z'));
    expect(parseCheckpointTime('0000-01-01T01:00:00+01:00')).toBe(Date.parse('0000-01-01T00:00:00.000Z'));
    expect(parseCheckpointTime('9999-12-31T23:59:59.999Z')).toBe(Date.parse('9999-12-31T23:59:59.999Z'));
    for (const value of [
      '0000-01-01T00:30:00+01:00',
      '0000-01-01T00:00:00.000+00:01',
      '9999-12-31T23:30:00-01:00',
      '9999-12-31T23:59:59.999-00:01',
    ]) {
      expect(parseCheckpointTime(value)).toBeNull();
    }
  });

  it('refuses what is not an ISO date-time, or not a real moment', () => {
    for (const value of [
      '',
      '   ',
      null,
      undefined,
      'May 27, 2026',
      '1780000000',
      '2026-13-01T00:00:00Z',
      '2025-02-29T00:00:00Z',
      '2026-05-27T10:60:00Z',
      '2026-05-27T10:00:00+25:00',
    ]) {
      expect(parseCheckpointTime(value)).toBeNull();
    }
  });
});

// ----------------------------------------------------------------------------------------------
// refreshAll
// ----------------------------------------------------------------------------------------------

const labels = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `label-${i}` }));
const viewFor = (id: string): TrackingView => ({
  labelId: id,
  trackingNumber: null,
  tag: 'Pending',
  subtag: 'Pending_001',
  subtagMessage: 'Pending',
  slug: 'yunexpress',
  checkpoints: [],
  fetchedAt: FETCHED_AT,
});
const ok = (id: string): RefreshOutcome => ({ ok: true, value: viewFor(id) });
/** Lets other workers run before this fetch settles, so overlap is real. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function run(overrides: Partial<RefreshAllOptions> & Pick<RefreshAllOptions, 'labels'>) {
  const progress: ProgressEvent[] = [];
  const result = refreshAll({
    fetch: async (id) => {
      await tick();
      return ok(id);
    },
    onProgress: (p) => progress.push(p),
    task: 'tracking:refresh',
    ...overrides,
  });
  return { result, progress };
}

describe('refreshAll', () => {
  it('reports progress after every label, counting failures, and ends with the totals', async () => {
    const { result, progress } = run({
      labels: labels(4),
      concurrency: 1,
      fetch: async (id) => (id === 'label-1' ? { ok: false, message: 'No tracking was found for “label-1”.' } : ok(id)),
    });
    expect(await result).toEqual({
      updated: 3,
      failed: [{ id: 'label-1', message: 'No tracking was found for “label-1”.' }],
      cancelled: false,
    });
    expect(progress).toEqual([
      { task: 'tracking:refresh', done: 1, failed: 0, total: 4, message: 'Tracking checked for 1 of 4 labels.' },
      { task: 'tracking:refresh', done: 2, failed: 1, total: 4, message: 'Tracking checked for 2 of 4 labels; 1 could not be refreshed.' },
      { task: 'tracking:refresh', done: 3, failed: 1, total: 4, message: 'Tracking checked for 3 of 4 labels; 1 could not be refreshed.' },
      { task: 'tracking:refresh', done: 4, failed: 1, total: 4, message: 'Tracking checked for 4 of 4 labels; 1 could not be refreshed.' },
    ]);
  });

  it('counts a label whose fetch throws as failed and goes on with the rest', async () => {
    const { result, progress } = run({
      labels: labels(3),
      fetch: async (id) => {
        await tick();
        if (id === 'label-0') throw new StationError('network', 'The Flex Forward API could not be reached.');
        if (id === 'label-2') throw new TypeError('boom at 0x1234');
        return ok(id);
      },
    });
    const { updated, failed, cancelled } = await result;
    expect({ updated, cancelled }).toEqual({ updated: 1, cancelled: false });
    expect(failed).toEqual(
      expect.arrayContaining([
        { id: 'label-0', message: 'The Flex Forward API could not be reached.' },
        { id: 'label-2', message: 'Tracking could not be refreshed because of an unexpected error.' },
      ]),
    );
    expect(failed).toHaveLength(2);
    expect(progress.at(-1)).toMatchObject({ done: 3, failed: 2, total: 3 });
    // Every event must pass the IPC schema it is sent to the renderer with.
    for (const p of progress) ProgressEvent.parse(p);
  });

  it.each([1, 2, 3, 5])('never has more than %i labels in flight, and uses that many', async (concurrency) => {
    let inFlight = 0;
    let most = 0;
    const fetched: string[] = [];
    const { result } = run({
      labels: labels(11),
      concurrency,
      fetch: async (id) => {
        fetched.push(id);
        most = Math.max(most, ++inFlight);
        await tick();
        await tick();
        inFlight--;
        return ok(id);
      },
    });
    expect(await result).toMatchObject({ updated: 11, cancelled: false });
    expect(most).toBe(concurrency);
    expect(fetched).toEqual(labels(11).map((l) => l.id));
  });

  it('runs two at a time by default', async () => {
    let inFlight = 0;
    let most = 0;
    const { result } = run({
      labels: labels(6),
      fetch: async (id) => {
        most = Math.max(most, ++inFlight);
        await tick();
        inFlight--;
        return ok(id);
      },
    });
    await result;
    expect(most).toBe(2);
  });

  it('starts no new label once the signal aborts, finishes those in flight, and says it was cancelled', async () => {
    const controller = new AbortController();
    const fetched: string[] = [];
    const { result, progress } = run({
      labels: labels(10),
      concurrency: 2,
      signal: controller.signal,
      fetch: async (id) => {
        fetched.push(id);
        if (id === 'label-3') controller.abort();
        await tick();
        return ok(id);
      },
    });
    const outcome = await result;
    // label-3 and the one beside it were already running; nothing after them started.
    expect(fetched).toEqual(['label-0', 'label-1', 'label-2', 'label-3']);
    expect(outcome).toEqual({ updated: 4, failed: [], cancelled: true });
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4]);
    expect(progress.every((p) => p.total === 10)).toBe(true);
  });

  it('does nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    const { result, progress } = run({
      labels: labels(3),
      signal: controller.signal,
      fetch: async (id) => {
        calls++;
        return ok(id);
      },
    });
    expect(await result).toEqual({ updated: 0, failed: [], cancelled: true });
    expect(calls).toBe(0);
    expect(progress).toEqual([]);
  });

  it('is not cancelled when the abort comes after every label had started (nothing was left out)', async () => {
    const controller = new AbortController();
    const { result } = run({
      labels: labels(2),
      concurrency: 2,
      signal: controller.signal,
      fetch: async (id) => {
        if (id === 'label-1') controller.abort();
        await tick();
        return ok(id);
      },
    });
    expect(await result).toEqual({ updated: 2, failed: [], cancelled: false });
  });

  it('keeps going when the progress listener throws (a closed window)', async () => {
    const { result } = run({
      labels: labels(3),
      onProgress: () => {
        throw new Error('Object has been destroyed');
      },
    });
    expect(await result).toEqual({ updated: 3, failed: [], cancelled: false });
  });

  it('finishes at once for no labels, and refuses a concurrency below one', async () => {
    const { result, progress } = run({ labels: [] });
    expect(await result).toEqual({ updated: 0, failed: [], cancelled: false });
    expect(progress).toEqual([]);
    await expect(run({ labels: labels(1), concurrency: 0 }).result).rejects.toThrow(RangeError);
    await expect(run({ labels: labels(1), concurrency: 1.5 }).result).rejects.toThrow(RangeError);
  });
});

describe('refreshAll over the real API client and simulator', () => {
  it('stays under a 5/s server limit with a client paced at 5/s: no 429 while refreshing 12 labels', async () => {
    const sim = await startSimulator({ rateLimit: { perSecond: 5 }, seed: 11 });
    try {
      const api = createApiClient({
        baseUrl: sim.url,
        getToken: async () => DEMO_TOKEN,
        rateLimitPerSecond: 5,
        // The client counts a request when it asks to send it, the server when it arrives. With
        // equal limits, a request held up between the two (a busy CI machine stalls the process)
        // lets the next window's first request land inside the server's window. The extra wait
        // absorbs such stalls; the pacing under test is unchanged (a client at 6/s still gets 429s).
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms + 250)),
      });

      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        const request = structuredClone(examples.createLabelUnitedStates) as CreateLabelRequest;
        request.idempotencyKey = `refresh-${process.pid}-${i}`;
        request.order = { customerOrderNumber: `REFRESH-${process.pid}-${i}` };
        request.service = { productCode: 'HKMUZXR', shipperAccountId: DEMO_ACCOUNTS[0]!.id };
        request.shipment.shipTo.address.postalCode = '90001';
        const created = await api.createLabel(request);
        if (!created.ok) throw new Error(`label ${i} was not created: ${created.error.message}`);
        ids.push(created.value.id);
      }
      sim.advanceTime(TRACKING_SETTLED_AFTER_MS);
      sim.resetStats();

      const progress: ProgressEvent[] = [];
      const outcome = await refreshAll({
        labels: ids.map((id) => ({ id })),
        task: 'tracking:refresh',
        onProgress: (p) => progress.push(p),
        fetch: async (id) => {
          const answer = await api.getTracking(id);
          return answer.ok
            ? { ok: true, value: toTrackingView(id, answer.value, Date.now()) }
            : { ok: false, message: answer.error.message };
        },
      });

      expect(outcome).toEqual({ updated: 12, failed: [], cancelled: false });
      expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      const requests = sim.stats().requests;
      expect(requests.filter((r) => r.path.startsWith('/tracking/')).map((r) => r.status)).toEqual(Array(12).fill(200));
      expect(requests.filter((r) => r.status === 429)).toEqual([]);
    } finally {
      await sim.close();
    }
  }, 20_000);
});
