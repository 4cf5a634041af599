// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataProvider } from '../../renderer/src/data/hooks';
import { HistoryScreen } from '../../renderer/src/features/history/HistoryScreen';
import type { HistoryQuery, LabelRecord } from '../../shared/domain/labels';
import type { ChannelInput } from '../../shared/ipc/contract';
import { deferred, installFakeStation, ok, type FakeHandlers } from './fake-station';
import { appInfo, settingsView } from './fixtures';

// The preview's PDF reader (pdf.js and its worker) is not part of what these tests look at.
vi.mock('../../renderer/src/features/labels/DocumentPreview', () => ({ DocumentPreview: () => null }));

afterEach(cleanup);

const BASE = Date.UTC(2026, 11, 1, 3, 0);

function label(n: number, overrides: Partial<LabelRecord> = {}): LabelRecord {
  return {
    id: `label-${n}`,
    environment: 'demo',
    accountId: null,
    idempotencyKey: `key-${n}`,
    status: 'created',
    courier: 'yunexpress',
    productCode: 'YEXP01',
    customerOrderNumber: `ORD-${n}`,
    platformOrderNumber: null,
    courierOrderNumber: null,
    trackingNumber: `YT${String(n).padStart(10, '0')}`,
    recipientName: `Recipient ${n}`,
    recipientCountry: 'JP',
    recipientCity: 'Tokyo',
    errorCode: null,
    errorMessage: null,
    createdAt: BASE - n * 60_000,
    documentUrl: null,
    documentFormat: 'pdf',
    documentStored: true,
    trackingTag: null,
    trackingMessage: null,
    trackingUpdatedAt: null,
    ...overrides,
  };
}

/** A stand-in for main's history: pages of 50 over the given labels (newest first), cursor = next offset. */
function setup({ labels, initialQuery, more = {} }: { labels: LabelRecord[]; initialQuery?: Partial<HistoryQuery>; more?: FakeHandlers }) {
  const fake = installFakeStation({
    'app:info': () => ok(appInfo()),
    'settings:get': () =>
      ok(
        settingsView({
          printerProfiles: [
            { id: 'p1', name: 'Desk', printer: 'ffs-label-pdf', role: 'labels', labelSize: '4x6in', paper: 'label' } as never,
          ],
          defaultLabelProfileId: 'p1',
        }),
      ),
    'catalog:couriers': () => ok({ available: false as const, reason: 'No list.' }),
    'labels:history': (q) => {
      const offset = Number(q.cursor ?? 0);
      const limit = q.limit ?? 50;
      const items = labels.slice(offset, offset + limit);
      return ok({ items, nextCursor: offset + limit < labels.length ? String(offset + limit) : null });
    },
    ...more,
  });
  const screenOf = (query?: Partial<HistoryQuery>) => (
    <DataProvider>
      <HistoryScreen initialQuery={query} />
    </DataProvider>
  );
  const { rerender } = render(screenOf(initialQuery));
  /** The caller renders again with another query object (e.g. a literal built on every render). */
  const reopen = (query?: Partial<HistoryQuery>) => rerender(screenOf(query));
  /** The filters of each history request (without its page). */
  const queries = () => fake.callsTo('labels:history').map(({ cursor: _c, limit: _l, ...q }) => q);
  const lastQuery = () => queries().at(-1);
  return { fake, queries, lastQuery, reopen };
}

const valueOf = (label: string) => (screen.getByLabelText(label) as HTMLInputElement).value;
const rowOf = (order: string) => screen.getByRole('row', { name: new RegExp(order) });
/** A filter as the screen sends it: every field named, blank ones undefined. */
const filter = (set: Partial<ChannelInput<'labels:history'>>) => ({
  search: undefined,
  status: undefined,
  printState: undefined,
  environment: undefined,
  accountId: undefined,
  tracking: undefined,
  courier: undefined,
  productCode: undefined,
  attention: undefined,
  notMovingDays: undefined,
  from: undefined,
  to: undefined,
  ...set,
});

describe('History: label state and tracking state', () => {
  it('shows them in separate columns, tracking by its name (never a raw code), the courier message only as a hint', async () => {
    setup({
      labels: [
        label(1, { trackingTag: 'InfoReceived', trackingMessage: 'InfoReceived_001' }),
        label(2, { trackingTag: 'InTransit' }),
        label(3),
        label(4, { status: 'failed', trackingNumber: null, errorMessage: 'Postal code does not exist.' }),
      ],
    });
    await screen.findByText('ORD-1');
    const cells = (order: string) => ({
      label: within(rowOf(order)).getByTestId('label-state').textContent,
      tracking: within(rowOf(order)).getByTestId('tracking-state').textContent,
    });
    expect(cells('ORD-1')).toEqual({ label: 'Created', tracking: 'Info received' });
    expect(cells('ORD-2')).toEqual({ label: 'Created', tracking: 'In transit' });
    expect(cells('ORD-3')).toEqual({ label: 'Created', tracking: 'Not tracked yet' });
    expect(cells('ORD-4')).toEqual({ label: 'Failed: Postal code does not exist.', tracking: '—' });
    expect(screen.queryByText(/InfoReceived/)).toBeNull();
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(expect.arrayContaining(['Label', 'Tracking', 'Print']));
  });
});

describe('History: the tracking-state filter', () => {
  it('asks for the ticked states by their names, shows them as a chip, and the chip removes them', async () => {
    const { lastQuery } = setup({ labels: [label(1, { trackingTag: 'InTransit' })] });
    await screen.findByText('ORD-1');
    const group = screen.getByRole('group', { name: 'Tracking state' });
    // Ticked in another order than the list: sent in the list's order.
    fireEvent.click(within(group).getByRole('checkbox', { name: 'Exception' }));
    fireEvent.click(within(group).getByRole('checkbox', { name: 'In transit' }));
    fireEvent.click(within(group).getByRole('checkbox', { name: 'Not tracked yet' }));
    fireEvent.click(within(group).getByRole('checkbox', { name: 'Not tracked yet' }));
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Search' })));
    expect(lastQuery()).toEqual(filter({ tracking: ['InTransit', 'Exception'] }));
    const chips = screen.getByRole('region', { name: 'Active filters' });
    expect(chips.textContent).toContain('Tracking: In transit, Exception');

    await act(
      async () => void fireEvent.click(within(chips).getByRole('button', { name: 'Remove filter: Tracking: In transit, Exception' })),
    );
    expect(lastQuery()).toEqual(filter({}));
    expect(screen.queryByRole('region', { name: 'Active filters' })).toBeNull();
    expect((within(group).getByRole('checkbox', { name: 'In transit' }) as HTMLInputElement).checked).toBe(false);
  });
});

describe('History opened with a filter (the Today screen’s tiles)', () => {
  it('asks for the attention filter, says so in a chip, and the chip’s × shows every label again', async () => {
    const { queries, lastQuery } = setup({ labels: [label(1)], initialQuery: { attention: 'print_failed' } });
    await screen.findByText('ORD-1');
    expect(queries()[0]).toEqual(filter({ attention: 'print_failed' }));
    const chips = screen.getByRole('region', { name: 'Active filters' });
    expect(chips.textContent).toBe('Showing:Print failed×');
    await act(async () => void fireEvent.click(within(chips).getByRole('button', { name: 'Remove filter: Print failed' })));
    expect(lastQuery()).toEqual(filter({}));
    expect(screen.queryByRole('region', { name: 'Active filters' })).toBeNull();
  });

  it('a new query object of the same value keeps what the operator typed; another query replaces the filters', async () => {
    const { reopen, lastQuery } = setup({ labels: [label(1)], initialQuery: { attention: 'failed' } });
    await screen.findByText('ORD-1');
    fireEvent.change(screen.getByLabelText('Search', { selector: 'input' }), { target: { value: 'ORD-7' } });
    reopen({ attention: 'failed' });
    expect(valueOf('Search')).toBe('ORD-7');
    await act(async () => reopen({ attention: 'tracking_exception' }));
    expect(valueOf('Search')).toBe('');
    expect(lastQuery()).toEqual(filter({ attention: 'tracking_exception' }));
    expect(screen.getByRole('region', { name: 'Active filters' }).textContent).toBe('Showing:Tracking exception×');
  });

  it('a range of whole days fills the date fields; an hour keeps its exact bounds; the courier fills its field', async () => {
    // 2 Dec 2026 in the station's zone (Asia/Tokyo, fixtures.ts): 1 Dec 15:00 UTC to 2 Dec 14:59:59.999 UTC.
    const day = { from: Date.UTC(2026, 11, 1, 15), to: Date.UTC(2026, 11, 2, 15) - 1 };
    const { queries } = setup({ labels: [label(1)], initialQuery: { ...day, courier: 'yunexpress' } });
    await screen.findByText('ORD-1');
    await waitFor(() => expect(valueOf('From')).toBe('2026-12-02'));
    expect(valueOf('To')).toBe('2026-12-02');
    expect(valueOf('Courier')).toBe('yunexpress');
    expect(queries().at(-1)).toEqual(filter({ ...day, courier: 'yunexpress' }));
    expect(screen.getByRole('region', { name: 'Active filters' }).textContent).toBe(
      'Showing:Courier: yunexpress×From 2 Dec 2026×Until 2 Dec 2026×Show all labels',
    );
    cleanup();

    // Today's bar for 10:00–11:00 on 2 Dec (Tokyo).
    const hour = { from: Date.UTC(2026, 11, 2, 1), to: Date.UTC(2026, 11, 2, 2) - 1 };
    const second = setup({ labels: [label(1)], initialQuery: hour });
    await screen.findByText('ORD-1');
    await waitFor(() => expect(second.queries().at(-1)).toEqual(filter(hour)));
    expect(valueOf('From')).toBe('');
    const chips = screen.getByRole('region', { name: 'Active filters' });
    expect(chips.textContent).toBe('Showing:From 2 Dec 2026, 10:00×Until 2 Dec 2026, 10:59×Show all labels');
    await act(async () => void fireEvent.click(within(chips).getByRole('button', { name: 'Show all labels' })));
    expect(second.queries().at(-1)).toEqual(filter({}));
  });
});

describe('History: select all matching', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => label(i + 1));

  it('after the page is picked, offers every created label of the filter (counted by main) and prints them all as one job', async () => {
    const labels = many(120);
    const job = deferred<never>();
    const { fake } = setup({
      labels,
      initialQuery: { courier: 'yunexpress' },
      more: {
        'labels:historyIds': () => ok({ ids: labels.map((l) => l.id), total: 120, capped: false, moreThanTotal: false }),
        'print:labels': () => job.promise,
      },
    });
    await screen.findByText('ORD-1');
    expect(screen.queryByRole('region', { name: 'Selected labels' })).toBeNull();
    await act(async () => void fireEvent.click(screen.getByRole('checkbox', { name: 'Select every label on this page' })));
    const bar = screen.getByRole('region', { name: 'Selected labels' });
    expect(bar.textContent).toContain('50 selected, printed in the order picked.');
    // Failed labels cannot be printed: main is asked for the created ones of the same filter.
    expect(fake.callsTo('labels:historyIds')).toEqual([filter({ courier: 'yunexpress', status: 'created' })]);
    await act(async () => void fireEvent.click(await within(bar).findByRole('button', { name: 'Select all 120 matching' })));
    expect(bar.textContent).toContain('All 120 matching labels are selected.');
    expect(within(bar).queryByRole('button', { name: /Select all/ })).toBeNull();
    await act(async () => void fireEvent.click(within(bar).getByRole('button', { name: 'Print all 120 as one job on Desk' })));
    expect(fake.callsTo('print:labels')).toEqual([{ labelIds: labels.map((l) => l.id), profileId: 'p1' }]);
  });

  it('formats the count, says when main capped the list and the count, prints one job of the first, and offers nothing for failed labels only', async () => {
    const ids = Array.from({ length: 1234 }, (_, i) => `label-${i + 1}`);
    let answer = { ids: ids.slice(0, 500), total: 1234, capped: true, moreThanTotal: false };
    const { fake } = setup({
      labels: many(60),
      more: { 'labels:historyIds': () => ok(answer), 'print:labels': () => deferred<never>().promise },
    });
    await screen.findByText('ORD-1');
    await act(async () => void fireEvent.click(screen.getByRole('checkbox', { name: 'Select every label on this page' })));
    const bar = screen.getByRole('region', { name: 'Selected labels' });
    await act(async () => void fireEvent.click(await within(bar).findByRole('button', { name: 'Select the first 500 of 1,234 matching' })));
    // Not "all 500 matching": 1,234 match, and one print job takes the first 500.
    expect(bar.textContent).toContain('The first 500 of 1,234 matching labels are selected: one print job takes at most 500.');
    expect(bar.textContent).not.toContain('All 500');
    await act(async () => void fireEvent.click(within(bar).getByRole('button', { name: 'Print all 500 as one job on Desk' })));
    expect(fake.callsTo('print:labels')).toEqual([{ labelIds: ids.slice(0, 500), profileId: 'p1' }]);
    await act(async () => void fireEvent.click(within(bar).getByRole('button', { name: 'Clear selection' })));
    expect(screen.queryByRole('region', { name: 'Selected labels' })).toBeNull();

    // More than main counts: "more than 10,000".
    answer = { ids: ids.slice(0, 500), total: 10_000, capped: true, moreThanTotal: true };
    fireEvent.change(screen.getByLabelText('Courier'), { target: { value: 'dhl' } });
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Search' })));
    await act(async () => void fireEvent.click(screen.getByRole('checkbox', { name: 'Select every label on this page' })));
    const again = screen.getByRole('region', { name: 'Selected labels' });
    await act(
      async () =>
        void fireEvent.click(await within(again).findByRole('button', { name: 'Select the first 500 of more than 10,000 matching' })),
    );
    expect(again.textContent).toContain('The first 500 of more than 10,000 matching labels are selected');
    await act(async () => void fireEvent.click(within(again).getByRole('button', { name: 'Clear selection' })));
    expect(screen.queryByRole('region', { name: 'Selected labels' })).toBeNull();

    // Only failed labels: nothing to count.
    fireEvent.change(screen.getByLabelText('Label state'), { target: { value: 'failed' } });
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Search' })));
    await act(async () => void fireEvent.click(screen.getByRole('checkbox', { name: 'Select every label on this page' })));
    // Asked once per filter above (the courier's, then dhl's), not for failed labels.
    expect(fake.callsTo('labels:historyIds')).toHaveLength(2);
  });

  it('a page that holds every match offers no "select all matching"', async () => {
    const { fake } = setup({
      labels: many(3),
      more: { 'labels:historyIds': () => ok({ ids: [], total: 0, capped: false, moreThanTotal: false }) },
    });
    await screen.findByText('ORD-1');
    await act(async () => void fireEvent.click(screen.getByRole('checkbox', { name: 'Select every label on this page' })));
    expect(screen.getByRole('region', { name: 'Selected labels' }).textContent).toContain('3 selected');
    expect(fake.callsTo('labels:historyIds')).toEqual([]);
  });
});

describe('History: Export CSV', () => {
  it('exports the filter the list shows (every page, no cursor) and says how many were saved where, the count formatted', async () => {
    const { fake } = setup({
      labels: [label(1, { trackingTag: 'Delivered' })],
      more: { 'labels:exportHistory': () => ok({ saved: true, path: '/home/packer/history.csv', rows: 1234 }) },
    });
    await screen.findByText('ORD-1');
    fireEvent.change(screen.getByLabelText('Search', { selector: 'input' }), { target: { value: ' 1001 ' } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Delivered' }));
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Search' })));
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Export CSV' })));
    expect(fake.callsTo('labels:exportHistory')).toEqual([filter({ search: { kind: 'any', text: '1001' }, tracking: ['Delivered'] })]);
    expect((await screen.findByText(/^Saved/)).textContent).toBe('Saved 1,234 labels to /home/packer/history.csv.');
  });

  it('says nothing when the operator cancelled the save dialog', async () => {
    setup({ labels: [label(1)], more: { 'labels:exportHistory': () => ok({ saved: false, path: null, rows: 0 }) } });
    await screen.findByText('ORD-1');
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Export CSV' })));
    expect(screen.queryByText(/^Saved/)).toBeNull();
  });
});

describe('History: live updates from the workgroup (live:changed)', () => {
  /** The order numbers of the rows shown, in order (read from the DOM: role queries over 100 rows are slow). */
  const orders = () => [...document.querySelectorAll('tbody tr')].map((r) => /ORD-(\d+)/.exec(r.textContent ?? '')?.[1]);

  it('another station’s new label shows on top; claims and imports read nothing', async () => {
    const labels = [label(1), label(2), label(3)];
    const { fake } = setup({ labels });
    await screen.findByRole('row', { name: /ORD-3/ });
    const reads = fake.callsTo('labels:history').length;
    act(() => fake.emit('live:changed', { kind: 'claims' }));
    act(() => fake.emit('live:changed', { kind: 'imports' }));
    labels.unshift(label(0, { createdAt: BASE + 60_000 }));
    act(() => fake.emit('live:changed', { kind: 'labels' }));
    await screen.findByRole('row', { name: /ORD-0/ });
    expect(fake.callsTo('labels:history').length).toBe(reads + 1);
    expect(orders()).toEqual(['0', '1', '2', '3']);
  });

  it('keeps the pages loaded below when the new first page reaches them, and starts again from the first page when not', async () => {
    const labels = Array.from({ length: 120 }, (_, i) => label(i + 1));
    const { fake } = setup({ labels });
    await waitFor(() => expect(orders()).toHaveLength(50));
    fireEvent.click(screen.getByText('Load more'));
    await waitFor(() => expect(orders()).toHaveLength(100));

    // Two new labels: the first page (50) still reaches what was loaded, so the 100 stay below it.
    labels.unshift(label(-2, { id: 'new-2', customerOrderNumber: 'ORD-902' }), label(-1, { id: 'new-1', customerOrderNumber: 'ORD-901' }));
    act(() => fake.emit('live:changed', { kind: 'labels' }));
    await waitFor(() => expect(orders()[0]).toBe('902'));
    const merged = orders();
    expect(merged).toHaveLength(102);
    expect(merged.slice(0, 3)).toEqual(['902', '901', '1']);
    expect(merged.at(-1)).toBe('100');

    // 60 more: the new first page does not reach the rows shown; the list is that page again.
    labels.unshift(...Array.from({ length: 60 }, (_, i) => label(-100 - i, { id: `burst-${i}`, customerOrderNumber: `ORD-7${i}` })));
    act(() => fake.emit('live:changed', { kind: 'labels' }));
    await waitFor(() => expect(orders()).toHaveLength(50));
    expect(orders().slice(0, 2)).toEqual(['70', '71']);
    expect(screen.getByText('Load more')).toBeTruthy();
  });
});
