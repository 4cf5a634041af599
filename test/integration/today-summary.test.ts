import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { EnvironmentId } from '../../shared/domain/environment';
import { DEFAULT_NOT_MOVING_DAYS, type LabelRecord } from '../../shared/domain/labels';
import { historyQueryFor, type TodaySummary } from '../../shared/domain/today';
import { HistoryQuery } from '../../shared/domain/labels';
import { createSqliteOutbox } from '../../electron/core/labels/outbox';
import { createSqliteLabelStore, type NewLabel } from '../../electron/core/labels/label-store';
import { createSqlitePrintLog } from '../../electron/core/printing/print-log';
import { createTestStation } from '../support/test-station';

/**
 * today:summary over a seeded history, in Tokyo (UTC+9): a day there starts at 15:00 UTC the
 * day before, so a count by UTC day would put the labels around midnight on the wrong day.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// 2 Dec 2026, 10:30 in Tokyo. Today there: 1 Dec 15:00 UTC to 2 Dec 14:59:59.999 UTC.
const NOW = Date.UTC(2026, 11, 2, 1, 30);
const TODAY_START = Date.UTC(2026, 11, 1, 15, 0);

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

function label(over: Partial<NewLabel> & { createdAt: number }): NewLabel {
  const failed = over.status === 'failed';
  return {
    id: randomUUID(),
    environment: 'development',
    accountId: null,
    idempotencyKey: randomUUID(),
    status: 'created',
    courier: 'yunexpress',
    productCode: 'YE-STD',
    customerOrderNumber: `T-${randomUUID().slice(0, 8)}`,
    platformOrderNumber: null,
    courierOrderNumber: null,
    trackingNumber: failed ? null : `YT${Math.floor(Math.random() * 1e12)}`,
    recipientName: 'Hanako Yamada',
    recipientCountry: 'JP',
    recipientCity: 'Tokyo',
    errorCode: failed ? 'ADDRESS_INVALID' : null,
    errorMessage: failed ? 'The courier could not validate the postal code.' : null,
    documentUrl: null,
    documentFormat: null,
    trackingTag: null,
    trackingMessage: null,
    trackingUpdatedAt: null,
    ...over,
  };
}

function seeded(clock = { timeZone: 'Asia/Tokyo', locale: 'en-GB' }, now = NOW) {
  const station = createTestStation({ clock, now: () => new Date(now) });
  cleanup.push(() => station.close());
  const { database } = station.services;
  const printLog = createSqlitePrintLog(database);
  // Seeded straight into the station's SQLite (synchronous, like the print log below).
  const labelStore = createSqliteLabelStore(database);
  const add = (over: Partial<NewLabel> & { createdAt: number }) => {
    const l = label(over);
    labelStore.save(l);
    return l;
  };
  const print = (labels: NewLabel[], state: 'sent' | 'failed', at: number) =>
    printLog.record({
      id: randomUUID(),
      labelIds: labels.map((l) => l.id),
      profileId: null,
      printer: 'desk',
      copies: 1,
      osJobId: state === 'sent' ? 'desk-1' : null,
      state,
      errorCode: state === 'failed' ? 'print_failed' : null,
      message: state === 'failed' ? 'Out of paper' : null,
      createdAt: at,
    });
  return { station, add, print, outbox: createSqliteOutbox(database) };
}

async function summaryOf(station: ReturnType<typeof createTestStation>): Promise<TodaySummary> {
  const answer = await station.client.today.summary();
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.value;
}

describe('today:summary', () => {
  it('counts by hour and by day in the station time zone, with the day bounds of its clock', async () => {
    const { station, add } = seeded();
    add({ createdAt: TODAY_START - 1 }); // 23:59:59.999 on 1 Dec in Tokyo: yesterday
    add({ createdAt: TODAY_START }); // 00:00 on 2 Dec: today, first hour
    add({ createdAt: TODAY_START + 30 * 60_000 });
    add({ createdAt: TODAY_START + 10 * HOUR + 5 * 60_000 }); // 10:05 today
    add({ createdAt: TODAY_START + 10 * HOUR + 6 * 60_000, status: 'failed' }); // failed: not a label made
    add({ createdAt: TODAY_START - 13 * DAY }); // first day of the window (19 Nov)
    add({ createdAt: TODAY_START - 13 * DAY - 1 }); // just before the window
    add({ createdAt: TODAY_START + HOUR, environment: 'demo' }); // another environment

    const s = await summaryOf(station);
    expect(s.environment).toBe('development');
    expect(s.today).toEqual({ date: '2026-12-02', start: TODAY_START, end: TODAY_START + DAY - 1 });
    expect(s.window).toEqual({ start: TODAY_START - 13 * DAY, end: TODAY_START + DAY - 1 });
    expect(s.hours).toHaveLength(24);
    expect(s.hours[0]).toMatchObject({ start: TODAY_START, end: TODAY_START + HOUR - 1, created: 2 });
    expect(s.hours[10]!.created).toBe(1);
    expect(s.hours.reduce((n, h) => n + h.created, 0)).toBe(3);
    expect(s.days.map((d) => d.date)).toEqual([...Array.from({ length: 12 }, (_, i) => `2026-11-${19 + i}`), '2026-12-01', '2026-12-02']);
    expect(s.days.map((d) => d.created)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3]);
    expect(s.todayBreakdown.created).toBe(3);
    expect(s.windowBreakdown.created).toBe(5);
    expect(s.attention.failed).toBe(1);

    // Each bar opens History on exactly the labels it counted.
    for (const bucket of [...s.hours, ...s.days]) {
      const page = await station.services.labelStore.page(
        HistoryQuery.parse({ ...historyQueryFor(s, { kind: 'created', span: bucket }), limit: 200 }),
      );
      expect(page.items).toHaveLength(bucket.created);
    }
  });

  it('a day the clock changes has its own number of hours (New York, 1 Nov 2026: 25)', async () => {
    const { station, add } = seeded({ timeZone: 'America/New_York', locale: 'en-US' }, Date.UTC(2026, 10, 1, 16));
    const dayStart = Date.UTC(2026, 10, 1, 4); // midnight EDT
    add({ createdAt: dayStart + 24 * HOUR + 30 * 60_000 }); // 23:30 EST, the 25th hour
    const s = await summaryOf(station);
    expect(s.today).toEqual({ date: '2026-11-01', start: dayStart, end: dayStart + 25 * HOUR - 1 });
    expect(s.hours).toHaveLength(25);
    expect(s.hours[24]!.created).toBe(1);
  });

  it('puts labels around midnight on the right day and hour after a half-hour clock change (Lord Howe Island, 4 Oct 2026)', async () => {
    // Lord Howe moves from UTC+10:30 to +11:00 on 4 Oct 2026 at 2:00, a 23.5-hour day. Today, the
    // 5th, began at 4 Oct 13:00 UTC: half an hour off whole hours from the window's first day.
    const start = Date.UTC(2026, 9, 4, 13, 0);
    const { station, add } = seeded({ timeZone: 'Australia/Lord_Howe', locale: 'en-AU' }, Date.UTC(2026, 9, 4, 23, 0));
    for (const at of [start - 60_000, start, start + 60_000, start + HOUR - 1, start + HOUR, start - 23.5 * HOUR]) add({ createdAt: at });
    const s = await summaryOf(station);
    expect(s.today.start).toBe(start);
    expect(s.days.at(-2)!.end - s.days.at(-2)!.start + 1).toBe(23.5 * HOUR);
    expect(s.days.slice(-3).map((d) => d.created)).toEqual([0, 2, 4]);
    expect(s.hours.slice(0, 3).map((h) => h.created)).toEqual([3, 1, 0]);
    expect(s.todayBreakdown.created).toBe(4);
  });

  it('counts by courier, product and print state, and the attention tiles, as the History filters define them', async () => {
    const { station, add, print, outbox } = seeded();
    const at = (hoursAgo: number) => NOW - hoursAgo * HOUR;
    const ye = [add({ createdAt: at(1) }), add({ createdAt: at(2) }), add({ createdAt: at(3), productCode: 'YE-EXP' })];
    const dhl = add({ createdAt: at(4), courier: 'dhl', productCode: 'DHL-X' });
    const noProduct = add({ createdAt: at(5), productCode: null });
    print([ye[0]!, ye[1]!], 'sent', at(0.5));
    print([ye[1]!], 'failed', at(0.4)); // newest job of ye[1] failed: print_failed
    print([dhl], 'failed', at(0.3));
    print([dhl], 'sent', at(0.2)); // reprinted since: no longer print_failed
    add({ createdAt: at(6), status: 'failed' });
    add({ createdAt: NOW - 20 * DAY, status: 'failed' }); // outside the window
    add({
      createdAt: NOW - 3 * DAY,
      trackingTag: 'Exception',
      trackingMessage: 'Held',
      trackingUpdatedAt: NOW - 2 * DAY,
    });
    // Not moving: created, not delivered, no tracking news for DEFAULT_NOT_MOVING_DAYS days.
    add({ createdAt: NOW - 8 * DAY, trackingTag: 'InTransit', trackingUpdatedAt: NOW - DEFAULT_NOT_MOVING_DAYS * DAY - 1 });
    add({ createdAt: NOW - 7 * DAY });
    add({ createdAt: NOW - 9 * DAY, trackingTag: 'InTransit', trackingUpdatedAt: NOW - DAY }); // moved yesterday
    add({ createdAt: NOW - 10 * DAY, trackingTag: 'Delivered', trackingUpdatedAt: NOW - 9 * DAY }); // delivered
    // Requests without an answer: what labels:unresolved lists.
    outbox.add({ idempotencyKey: 'K-DOUBT', environment: 'development', accountId: null, orderNumber: 'D-1', body: '{}' }, at(1));
    outbox.recordAttempt('K-DOUBT', { state: 'in_doubt', lastError: 'No answer' }, at(1));
    outbox.add({ idempotencyKey: 'K-DONE', environment: 'development', accountId: null, orderNumber: 'D-2', body: '{}' }, at(1));
    outbox.recordAttempt('K-DONE', { state: 'done', labelId: ye[0]!.id }, at(1));

    const s = await summaryOf(station);
    expect(s.todayBreakdown.created).toBe(5);
    expect(s.todayBreakdown.byCourier).toEqual([
      { courier: 'yunexpress', count: 4 },
      { courier: 'dhl', count: 1 },
    ]);
    expect(s.todayBreakdown.byProduct).toEqual([
      { courier: 'yunexpress', productCode: 'YE-STD', count: 2 },
      { courier: 'dhl', productCode: 'DHL-X', count: 1 },
      { courier: 'yunexpress', productCode: 'YE-EXP', count: 1 },
    ]);
    expect(s.todayBreakdown.otherProducts).toBe(1);
    expect(s.todayBreakdown.print).toEqual({ sent: 2, printed: 0, waiting: 0, failed: 1, never: 2 });
    expect(s.attention).toEqual({ failed: 1, print_failed: 1, tracking_exception: 1, not_moving: 2, unresolved: 1 });
    expect((await station.client.labels.unresolved()).ok && (await station.client.labels.unresolved())).toMatchObject({
      value: [{ idempotencyKey: 'K-DOUBT' }],
    });

    // The print-state numbers open History on exactly those labels (filters History has today).
    const page = async (q: ReturnType<typeof historyQueryFor>) =>
      (await station.services.labelStore.page(HistoryQuery.parse({ ...q, limit: 200 }))).items;
    const ids = (list: LabelRecord[] | NewLabel[]) => list.map((l) => l.id).sort();
    expect(ids(await page(historyQueryFor(s, { kind: 'print', span: s.today, printState: 'failed' })))).toEqual(ids([ye[1]!]));
    expect(ids(await page(historyQueryFor(s, { kind: 'print', span: s.today, printState: 'never' })))).toEqual(ids([ye[2]!, noProduct]));
    expect(ids(await page(historyQueryFor(s, { kind: 'print', span: s.today, printState: 'sent' })))).toEqual(ids([ye[0]!, dhl]));
    expect(historyQueryFor(s, { kind: 'attention', attention: 'not_moving' })).toEqual({
      environment: 'development' as EnvironmentId,
      from: s.window.start,
      to: s.window.end,
      attention: 'not_moving',
      notMovingDays: DEFAULT_NOT_MOVING_DAYS,
    });
  });
});
