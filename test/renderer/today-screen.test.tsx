// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HistoryQuery } from '../../shared/domain/labels';
import { DEFAULT_NOT_MOVING_DAYS } from '../../shared/domain/labels';
import type { TodayBreakdown, TodaySummary } from '../../shared/domain/today';
import { DataProvider } from '../../renderer/src/data/hooks';
import { HistoryScreen } from '../../renderer/src/features/history/HistoryScreen';
import { TodayScreen } from '../../renderer/src/features/today/TodayScreen';
import { installFakeStation, ok } from './fake-station';
import { appInfo } from './fixtures';

// The charts are canvas (uPlot), which happy-dom does not draw; their numbers are in the tables too.
vi.mock('../../renderer/src/features/today/BarChart', () => ({ default: () => null }));
vi.mock('../../renderer/src/features/labels/DocumentPreview', () => ({ DocumentPreview: () => null }));

afterEach(cleanup);

const HOUR = 3_600_000;
const DAY_START = Date.UTC(2026, 11, 1, 15); // 2 Dec 2026 in Tokyo
const breakdown = (over: Partial<TodayBreakdown> = {}): TodayBreakdown => ({
  created: 7,
  byCourier: [
    { courier: 'yunexpress', count: 5 },
    { courier: 'dhl', count: 2 },
  ],
  byProduct: [{ courier: 'yunexpress', productCode: 'YE-STD', count: 5 }],
  otherProducts: 2,
  print: { printed: 3, sent: 1, waiting: 0, failed: 1, never: 2 },
  ...over,
});
const summary: TodaySummary = {
  environment: 'development',
  at: DAY_START + 10 * HOUR,
  today: { date: '2026-12-02', start: DAY_START, end: DAY_START + 24 * HOUR - 1 },
  window: { start: DAY_START - 13 * 24 * HOUR, end: DAY_START + 24 * HOUR - 1 },
  hours: Array.from({ length: 24 }, (_, h) => ({
    date: '2026-12-02',
    start: DAY_START + h * HOUR,
    end: DAY_START + (h + 1) * HOUR - 1,
    created: h === 9 ? 7 : 0,
  })),
  days: Array.from({ length: 14 }, (_, d) => ({
    date: `2026-11-${String(19 + d).padStart(2, '0')}`,
    start: DAY_START - (13 - d) * 24 * HOUR,
    end: DAY_START - (12 - d) * 24 * HOUR - 1,
    created: d === 13 ? 7 : 1,
  })),
  todayBreakdown: breakdown(),
  windowBreakdown: breakdown({ created: 20 }),
  attention: { failed: 4, print_failed: 1, tracking_exception: 2, not_moving: 6, unresolved: 1 },
  notMovingDays: DEFAULT_NOT_MOVING_DAYS,
};
const info = appInfo({ clock: { timeZone: 'Asia/Tokyo', locale: 'en-GB' } });

function renderToday() {
  const station = installFakeStation({
    'app:info': () => ok(info),
    'today:summary': () => ok(summary),
    'labels:unresolved': () =>
      ok([
        {
          idempotencyKey: 'K-1',
          environment: 'development',
          orderNumber: 'SO-9',
          state: 'in_doubt',
          attempts: 2,
          lastError: 'No answer',
          createdAt: DAY_START,
        },
      ]),
    'labels:resolve': () => ok({ kind: 'in_doubt', idempotencyKey: 'K-1', message: 'Still no answer' } as never),
  });
  const opened: Partial<HistoryQuery>[] = [];
  render(
    <DataProvider>
      <TodayScreen onOpenHistory={(q) => opened.push(q)} />
    </DataProvider>,
  );
  return { station, opened };
}

describe('Today', () => {
  it('each attention tile opens History on exactly the labels it counted', async () => {
    const { opened } = renderToday();
    const window = { from: summary.window.start, to: summary.window.end, environment: 'development' };
    fireEvent.click(await screen.findByRole('button', { name: 'Failed creations: 4. Open in History' }));
    fireEvent.click(screen.getByRole('button', { name: 'Failed prints: 1. Open in History' }));
    fireEvent.click(screen.getByRole('button', { name: 'Tracking exceptions: 2. Open in History' }));
    fireEvent.click(screen.getByRole('button', { name: 'Not moving: 6. Open in History' }));
    expect(opened).toEqual([
      { ...window, attention: 'failed' },
      { ...window, attention: 'print_failed' },
      { ...window, attention: 'tracking_exception' },
      { ...window, attention: 'not_moving', notMovingDays: DEFAULT_NOT_MOVING_DAYS },
    ]);
  });

  it('the numbers by hour, courier, product and print state open History on their labels', async () => {
    const { opened } = renderToday();
    const today = { environment: 'development', status: 'created', from: summary.today.start, to: summary.today.end };
    fireEvent.click(await screen.findByRole('button', { name: /^\d\d:\d\d: 7 labels\. Open in History$/ }));
    fireEvent.click(screen.getByRole('button', { name: 'dhl: 2. Open in History' }));
    fireEvent.click(screen.getByRole('button', { name: 'YE-STD (yunexpress): 5. Open in History' }));
    fireEvent.click(screen.getByRole('button', { name: 'Not printed: 2. Open in History' }));
    expect(opened).toEqual([
      { ...today, from: summary.hours[9]!.start, to: summary.hours[9]!.end },
      { ...today, courier: 'dhl' },
      { ...today, courier: 'yunexpress', productCode: 'YE-STD' },
      { ...today, printState: 'never' },
    ]);
    // The last 14 days: the same numbers over the window.
    fireEvent.click(screen.getByRole('radio', { name: 'Last 14 days' }));
    fireEvent.click(screen.getByRole('button', { name: 'Labels made: 20. Open in History' }));
    expect(opened.at(-1)).toEqual({ ...today, from: summary.window.start, to: summary.window.end });
  });

  it('counts again when tracking news arrives or a print job is recorded, without a click', async () => {
    let asked = 0;
    let exceptions = 2;
    const station = installFakeStation({
      'app:info': () => ok(info),
      'today:summary': () => {
        asked++;
        return ok({ ...summary, attention: { ...summary.attention, tracking_exception: exceptions } });
      },
    });
    render(
      <DataProvider>
        <TodayScreen onOpenHistory={() => undefined} />
      </DataProvider>,
    );
    await screen.findByRole('button', { name: 'Tracking exceptions: 2. Open in History' });
    exceptions = 3;
    act(() =>
      station.emit('tracking:changed', {
        source: 'schedule',
        checked: 5,
        failed: 0,
        changed: { Exception: 1 },
        exceptions: [],
        text: 'Tracking: 1 exception.',
      }),
    );
    await screen.findByRole('button', { name: 'Tracking exceptions: 3. Open in History' });
    const before = asked;
    act(() =>
      station.emit('print:job', {
        id: 'job-1',
        labelIds: ['a'],
        profileId: null,
        printer: 'desk',
        copies: 1,
        osJobId: 'desk-1',
        state: 'printed',
        errorCode: null,
        message: null,
        createdAt: DAY_START,
      }),
    );
    await waitFor(() => expect(asked).toBe(before + 1));
  });

  it('counts again when another station of the workgroup changes labels (live:changed labels), not for claims', async () => {
    let asked = 0;
    let created = 7;
    const station = installFakeStation({
      'app:info': () => ok(info),
      'today:summary': () => {
        asked++;
        return ok({ ...summary, todayBreakdown: breakdown({ created }) });
      },
    });
    render(
      <DataProvider>
        <TodayScreen onOpenHistory={() => undefined} />
      </DataProvider>,
    );
    await waitFor(() => expect(asked).toBe(1));
    act(() => station.emit('live:changed', { kind: 'claims' }));
    act(() => station.emit('live:changed', { kind: 'imports' }));
    created = 8;
    act(() => station.emit('live:changed', { kind: 'labels' }));
    await waitFor(() => expect(asked).toBe(2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(asked).toBe(2);
  });

  it('the requests in doubt are not labels: their tile lists them here, with Check again now', async () => {
    const { station, opened } = renderToday();
    fireEvent.click(await screen.findByRole('button', { name: 'Requests in doubt: 1. Show the list' }));
    expect(await screen.findByRole('cell', { name: 'SO-9' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Check again now' }));
    await waitFor(() => expect(station.callsTo('labels:resolve')).toEqual([{ idempotencyKey: 'K-1' }]));
    expect(opened).toEqual([]);
  });

  it('History opened from a number asks for exactly that query', async () => {
    const station = installFakeStation({
      'app:info': () => ok(info),
      'labels:history': () => ok({ items: [], nextCursor: null }),
    });
    const query: Partial<HistoryQuery> = { environment: 'development', from: 1, to: 2, attention: 'not_moving', notMovingDays: 5 };
    render(
      <DataProvider>
        <HistoryScreen initialQuery={query} />
      </DataProvider>,
    );
    await waitFor(() => expect(station.callsTo('labels:history')).toHaveLength(1));
    expect(station.callsTo('labels:history')[0]).toMatchObject(query);
  });
});
