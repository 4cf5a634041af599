// @vitest-environment happy-dom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataProvider } from '../../renderer/src/data/hooks';
import { createQueryCache } from '../../renderer/src/data/query-cache';
import { PAGE_SIZE, RUN_POLL_MS, useBatch } from '../../renderer/src/features/batch/use-batch';
import type { ColumnMapping } from '../../shared/domain/batch';
import type { BatchPreview, BatchPreviewFilter, BatchRunView } from '../../shared/domain/batch-view';
import { deferred, failed, installFakeStation, ok, type FakeHandlers } from './fake-station';
import type { IpcResult } from '../../shared/ipc/result';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const HEADERS = ['Order number', 'Postal code', 'Zip'];
const MAPPING: ColumnMapping = { orderNumber: 'Order number', postalCode: 'Postal code' };
/** Rows whose postal code is missing until fixed: order 6 (row 7) and order 139 (row 140). */
const BROKEN_ROWS = [7, 140];
const ORDERS = 250;

type Page = { offset?: number; limit?: number; filter?: BatchPreviewFilter };

/**
 * A small stand-in for main's batch service: an import of 250 one-row orders (two without a
 * postal code) that answers the page asked for after every change, and runs that go as far
 * as the test says.
 */
function fakeMain(more: FakeHandlers = {}) {
  let imports = 0;
  let fileName = '';
  let mapping: ColumnMapping = MAPPING;
  const fixed = new Map<number, string>();
  const excluded = new Set<string>();
  const saved: { id: string; name: string; mapping: ColumnMapping }[] = [
    { id: 'm1', name: 'Shopify export', mapping: { orderNumber: 'Order number', postalCode: 'Zip' } },
  ];

  const preview = (importId: string, { offset = 0, limit = 100, filter = 'all' }: Page) => {
    const all = Array.from({ length: ORDERS }, (_, i) => {
      const row = i + 2;
      const bad = BROKEN_ROWS.includes(row) && !fixed.get(row);
      const orderNumber = `ORD-${String(i + 1).padStart(3, '0')}`;
      return {
        orderNumber,
        rows: [row],
        valid: !bad,
        issues: bad
          ? [{ row, column: 'Postal code', field: 'postalCode' as const, message: `row ${row}, Postal code: Postal code is required.` }]
          : [],
        issueCount: bad ? 1 : 0,
        excluded: excluded.has(orderNumber),
        alreadyLabelled: false,
      };
    });
    const matching = filter === 'issues' ? all.filter((o) => !o.valid) : all;
    const answer: BatchPreview = {
      importId,
      fileName,
      createdAt: Date.UTC(2025, 0, 6, 9, 30),
      options: { courier: null, productCode: null, overrideFile: false },
      mappingSource: null,
      lastRunId: null,
      encoding: 'utf-8',
      rowCount: ORDERS,
      headers: HEADERS,
      mapping,
      profile: null,
      skipped: { before: 0, after: 0 },
      missing: [],
      missingText: null,
      orders: matching.slice(offset, offset + limit),
      page: { offset, limit, total: matching.length, filter },
      counts: {
        orders: all.length,
        ready: all.filter((o) => o.valid && !o.excluded).length,
        withIssues: all.filter((o) => !o.valid).length,
        issues: all.filter((o) => !o.valid).length,
        excluded: excluded.size,
        alreadyLabelled: 0,
      },
      savedMappings: saved,
    };
    return ok(answer);
  };

  let run: BatchRunView | null = null;
  let runs = 0;
  const summary = (total: number, created: number, queued: number) => ({
    total,
    queued,
    running: 0,
    created,
    rejected: 0,
    failed: 0,
    skipped: 0,
    in_doubt: 0,
  });
  const runView = (id: string, total: number, created: number, state: BatchRunView['state']): BatchRunView => ({
    runId: id,
    state,
    summary: summary(total, created, total - created),
    items: Array.from({ length: created }, (_, i) => ({
      position: i,
      orderNumber: `ORD-${String(i + 1).padStart(3, '0')}`,
      state: 'created' as const,
      labelId: `L${i}`,
      trackingNumber: `TN${i}`,
      message: null,
    })),
    printMessage: null,
  });

  const fake = installFakeStation({
    'batch:import': (input) => {
      fileName = input.fileName;
      fixed.clear();
      excluded.clear();
      mapping = MAPPING;
      return preview(`imp-${++imports}`, input);
    },
    'batch:preview': ({ importId, mapping: m, fix, exclude, ...page }) => {
      if (m) mapping = m;
      if (fix) fixed.set(fix.row, fix.value);
      if (exclude?.excluded) excluded.add(exclude.orderNumber);
      else if (exclude) excluded.delete(exclude.orderNumber);
      return preview(importId, page);
    },
    'batch:saveMapping': ({ importId, name, ...page }) => {
      saved.push({ id: `m${saved.length + 1}`, name, mapping });
      return preview(importId, page);
    },
    'batch:start': () => ok((run = runView(`run-${++runs}`, 2, 0, 'running'))),
    'batch:run': ({ runId }) => (run && run.runId === runId ? ok(run) : failed('not_found', 'This run is not known.')),
    'batch:control': ({ action }) => {
      if (!run) return failed('not_found', 'This run is not known.');
      run = { ...run, state: action === 'pause' ? 'paused' : action === 'resume' ? 'running' : 'cancelled' };
      return ok(run);
    },
    'batch:sampleCsv': () => ok({ saved: true, path: '/home/packer/flex-forward-sample.csv' }),
    'batch:exportResults': () => ok({ saved: true, path: '/home/packer/results.csv' }),
    ...more,
  });
  const cache = createQueryCache();
  const wrapper = ({ children }: { children: ReactNode }) => <DataProvider cache={cache}>{children}</DataProvider>;
  const { result } = renderHook(() => useBatch(), { wrapper });
  const batch = () => result.current;
  /** Main's run moves on (items get created) without saying so: only a read of batch:run shows it. */
  const advance = (created: number, state: BatchRunView['state'] = 'running') => {
    run = runView(run!.runId, run!.summary.total, created, state);
  };
  /** The screen left and shown again (another page, then back): a new hook over the same cache. */
  const remount = () => {
    const again = renderHook(() => useBatch(), { wrapper });
    return () => again.result.current;
  };
  return { fake, batch, advance, remount };
}

/** Lets every answer on the way arrive (a real timer: only setInterval is faked where the poll is tested). */
const settle = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
const csvFile = (text = 'Order number,Postal code\nORD-001,10001\n') => new File([text], 'orders.csv', { type: 'text/csv' });
type Batch = () => ReturnType<typeof useBatch>;
const importOrders = async (batch: Batch) => {
  await act(() => batch().importFile(csvFile()));
  expect(batch().preview?.importId).toMatch(/^imp-/);
};

describe('useBatch', () => {
  it('the open import is still there after leaving the screen and coming back; an import taken off the list goes', async () => {
    const { fake, batch, remount } = fakeMain({
      'batch:removeImport': () => ok([]),
    });
    await importOrders(batch);
    const importId = batch().preview!.importId;
    const again = remount();
    expect(again().preview?.importId).toBe(importId);
    await act(() => again().removeImport(importId));
    expect(fake.callsTo('batch:removeImport')).toEqual([{ importId }]);
    expect(again().preview).toBeNull();
    expect(remount()().preview).toBeNull();
  });

  it('imports the file picked: its bytes, name, the page size and the encoding chosen go to main, the first page comes back', async () => {
    const held = deferred<void>();
    const { fake, batch } = fakeMain();
    const real = fake.handlers['batch:import']!;
    fake.handlers['batch:import'] = async (input) => {
      await held.promise;
      return real(input);
    };
    act(() => batch().setEncoding('shift_jis'));
    let imported!: Promise<void>;
    act(() => void (imported = batch().importFile(csvFile('注文番号\nA-1\n'))));
    // Reading the file and waiting for main: the file input is off, "Reading the file…" shows.
    expect(batch().reading).toBe(true);
    await waitFor(() => expect(fake.callsTo('batch:import')).toHaveLength(1));
    const bytes = new TextEncoder().encode('注文番号\nA-1\n');
    expect(fake.callsTo('batch:import')[0]).toEqual({
      fileName: 'orders.csv',
      base64: btoa(String.fromCharCode(...bytes)),
      limit: PAGE_SIZE,
      encoding: 'shift_jis',
    });
    await act(async () => {
      held.resolve();
      await imported;
    });
    expect(batch().reading).toBe(false);
    expect(batch().preview).toMatchObject({
      importId: 'imp-1',
      fileName: 'orders.csv',
      page: { offset: 0, limit: 100, total: 250, filter: 'all' },
      counts: { orders: 250, ready: 248, withIssues: 2 },
    });
    expect(batch().preview?.orders).toHaveLength(100);
    expect(batch().canStart).toBe(true);

    // "Detect" sends no encoding at all.
    act(() => batch().setEncoding(''));
    fake.handlers['batch:import'] = real;
    await act(() => batch().importFile(csvFile()));
    expect(fake.callsTo('batch:import')[1]).not.toHaveProperty('encoding');
  });

  it('two quick changes of the whole-file options keep the newer: main is asked one after another', async () => {
    const { fake, batch } = fakeMain();
    await importOrders(batch);
    const real = fake.handlers['batch:preview']!;
    let inFlight = 0;
    let overlapped = false;
    // The first answer (the product) is slow; the second ("use them for every order") would pass it.
    fake.handlers['batch:preview'] = async (input) => {
      inFlight++;
      overlapped ||= inFlight > 1;
      if (!input.options?.overrideFile) await new Promise((resolve) => setTimeout(resolve, 30));
      const answer = (await real(input)) as IpcResult<BatchPreview>;
      inFlight--;
      return answer.ok ? ok({ ...answer.value, options: { ...answer.value.options, ...input.options } }) : answer;
    };
    await act(async () => {
      const product = batch().setOptions({ courier: 'dhl', productCode: 'DHL-STD' });
      const override = batch().setOptions({ overrideFile: true });
      await Promise.all([product, override]);
    });
    await settle();
    expect(overlapped).toBe(false);
    expect(batch().preview?.options).toEqual({ courier: 'dhl', productCode: 'DHL-STD', overrideFile: true });
  });

  it('pages through the preview: Next and Previous keep the filter, the issues-only filter starts at its first page', async () => {
    const { fake, batch } = fakeMain();
    await importOrders(batch);
    await act(() => batch().showPage(100));
    expect(fake.callsTo('batch:preview').at(-1)).toEqual({ importId: 'imp-1', offset: 100, limit: PAGE_SIZE, filter: 'all' });
    expect(batch().preview?.page).toMatchObject({ offset: 100, total: 250 });
    expect(batch().preview?.orders[0]?.orderNumber).toBe('ORD-101');

    await act(() => batch().showPage(0, 'issues'));
    expect(batch().preview?.page).toMatchObject({ offset: 0, total: 2, filter: 'issues' });
    expect(batch().preview?.orders.map((o) => o.orderNumber)).toEqual(['ORD-006', 'ORD-139']);
    // The next page asked for without a filter stays in the issues.
    await act(() => batch().showPage(100));
    expect(fake.callsTo('batch:preview').at(-1)).toEqual({ importId: 'imp-1', offset: 100, limit: PAGE_SIZE, filter: 'issues' });
  });

  it('a fixed cell, an excluded order and a new mapping are sent with the page on screen, and the answer is the preview shown', async () => {
    const { fake, batch } = fakeMain();
    await importOrders(batch);
    await act(() => batch().showPage(100));
    await act(() => batch().fixCell(140, 'Postal code', '10118'));
    expect(fake.callsTo('batch:preview').at(-1)).toEqual({
      importId: 'imp-1',
      offset: 100,
      limit: PAGE_SIZE,
      filter: 'all',
      fix: { row: 140, column: 'Postal code', value: '10118' },
    });
    expect(batch().preview?.counts).toMatchObject({ ready: 249, withIssues: 1 });
    expect(batch().preview?.page.offset).toBe(100);

    await act(() => batch().setIncluded('ORD-101', false));
    expect(fake.callsTo('batch:preview').at(-1)).toMatchObject({ offset: 100, exclude: { orderNumber: 'ORD-101', excluded: true } });
    expect(batch().preview?.counts).toMatchObject({ ready: 248, excluded: 1 });
    await act(() => batch().setIncluded('ORD-101', true));
    expect(fake.callsTo('batch:preview').at(-1)).toMatchObject({ exclude: { orderNumber: 'ORD-101', excluded: false } });

    // One field to another column, "(not in the file)", a saved mapping.
    await act(() => batch().mapField('postalCode', 'Zip'));
    expect(fake.callsTo('batch:preview').at(-1)?.mapping).toEqual({ orderNumber: 'Order number', postalCode: 'Zip' });
    await act(() => batch().mapField('postalCode', ''));
    expect(fake.callsTo('batch:preview').at(-1)?.mapping).toEqual({ orderNumber: 'Order number', postalCode: null });
    await act(() => batch().chooseSavedMapping('m1'));
    expect(batch().preview?.mapping).toEqual({ orderNumber: 'Order number', postalCode: 'Zip' });

    act(() => batch().setMappingName('Etsy'));
    await act(() => batch().saveMapping());
    expect(fake.callsTo('batch:saveMapping')).toEqual([{ importId: 'imp-1', name: 'Etsy', offset: 100, limit: PAGE_SIZE, filter: 'all' }]);
    expect(batch().preview?.savedMappings.map((m) => m.name)).toEqual(['Shopify export', 'Etsy']);
  });

  it('starts a run with the choices made, shows its progress events only, and reads its results again while it runs', async () => {
    const { fake, batch, advance } = fakeMain();
    await importOrders(batch);
    act(() => batch().setIncludeLabelled(true));
    act(() => batch().setPrintWhenDone(true));
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    await act(() => batch().start());
    expect(fake.callsTo('batch:start')).toEqual([{ importId: 'imp-1', includeAlreadyLabelled: true, printWhenDone: true }]);
    expect(batch().run).toMatchObject({ runId: 'run-1', state: 'running', summary: { total: 2, created: 0 } });
    // A run going: Create is off until it ends.
    expect(batch().canStart).toBe(false);
    expect(fake.callsTo('batch:run')).toEqual([]);

    act(() => fake.emit('progress', { task: 'batch:run-1', done: 1, failed: 0, total: 2, remaining: 1, etaMs: 4000 }));
    expect(batch().progress).toMatchObject({ task: 'batch:run-1', etaMs: 4000 });
    act(() => fake.emit('progress', { task: 'batch:run-9', done: 0, failed: 0, total: 9, etaMs: 99_000 }));
    act(() => fake.emit('progress', { task: 'tracking:refresh', done: 0, failed: 0, total: 9 }));
    expect(batch().progress).toMatchObject({ task: 'batch:run-1', etaMs: 4000 });

    advance(1);
    act(() => vi.advanceTimersByTime(RUN_POLL_MS));
    await settle();
    expect(batch().run?.summary.created).toBe(1);
    expect(fake.callsTo('batch:run')).toEqual([{ runId: 'run-1' }]);
    expect(batch().run?.items[0]).toMatchObject({ orderNumber: 'ORD-001', trackingNumber: 'TN0' });

    advance(2, 'done');
    act(() => vi.advanceTimersByTime(RUN_POLL_MS));
    await settle();
    expect(batch().run?.state).toBe('done');
    // Done: no more reads.
    act(() => vi.advanceTimersByTime(RUN_POLL_MS * 5));
    expect(fake.callsTo('batch:run')).toHaveLength(2);
    expect(batch().canStart).toBe(true);

    // The results as a CSV, and the sample file: where they were saved is said.
    await act(() => batch().exportResults());
    expect(fake.callsTo('batch:exportResults')).toEqual([{ runId: 'run-1' }]);
    expect(batch().message).toBe('Results saved to /home/packer/results.csv');
    await act(() => batch().downloadSample());
    expect(batch().message).toBe('Sample saved to /home/packer/flex-forward-sample.csv');

    // A new file: no run on screen, and its old progress is gone.
    await act(() => batch().importFile(csvFile()));
    expect(batch()).toMatchObject({ run: null, progress: null });
    act(() => fake.emit('progress', { task: 'batch:run-1', done: 2, failed: 0, total: 2, etaMs: 0 }));
    expect(batch().progress).toBeNull();
  });

  it('a read of the results still on the way is not overtaken by the next tick', async () => {
    const { fake, batch, advance } = fakeMain();
    await importOrders(batch);
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    await act(() => batch().start());
    const real = fake.handlers['batch:run']!;
    const held = deferred<void>();
    fake.handlers['batch:run'] = async (input) => {
      await held.promise;
      return real(input);
    };
    act(() => vi.advanceTimersByTime(RUN_POLL_MS * 3));
    expect(fake.callsTo('batch:run')).toHaveLength(1);
    advance(1);
    await act(async () => held.resolve());
    await settle();
    expect(batch().run?.summary.created).toBe(1);
  });

  it('pause, resume and cancel go to main for the run on screen, and its answer is the run shown', async () => {
    const { fake, batch } = fakeMain();
    await importOrders(batch);
    await act(() => batch().start());
    await act(() => batch().control('pause'));
    expect(batch().run?.state).toBe('paused');
    expect(batch().canStart).toBe(true);
    await act(() => batch().control('resume'));
    expect(batch().run?.state).toBe('running');
    await act(() => batch().control('cancel'));
    expect(batch().run?.state).toBe('cancelled');
    expect(fake.callsTo('batch:control')).toEqual([
      { runId: 'run-1', action: 'pause' },
      { runId: 'run-1', action: 'resume' },
      { runId: 'run-1', action: 'cancel' },
    ]);
  });

  it('errors are said in words and keep what is on screen, until the next call that works; a closed import takes its preview away', async () => {
    const { fake, batch } = fakeMain();
    const realImport = fake.handlers['batch:import']!;
    fake.handlers['batch:import'] = () => failed('csv_empty', 'This file is empty.');
    await act(() => batch().importFile(csvFile('')));
    expect(batch()).toMatchObject({ error: 'This file is empty.', preview: null, reading: false });

    fake.handlers['batch:import'] = realImport;
    await importOrders(batch);
    expect(batch().error).toBeNull();
    const before = batch().preview;
    const realPreview = fake.handlers['batch:preview']!;
    fake.handlers['batch:preview'] = () => failed('invalid_input', 'That value is too long for a postal code.');
    await act(() => batch().fixCell(7, 'Postal code', 'x'.repeat(40)));
    expect(batch().error).toBe('That value is too long for a postal code.');
    expect(batch().preview).toBe(before);

    fake.handlers['batch:start'] = () => failed('no_printer_profile', 'Add a label printer in Settings → Printers to print when done.');
    await act(() => batch().start());
    expect(batch()).toMatchObject({ error: 'Add a label printer in Settings → Printers to print when done.', run: null });
    expect(batch().preview).toBe(before);

    // The next call that works clears the message.
    fake.handlers['batch:preview'] = realPreview;
    await act(() => batch().showPage(100));
    expect(batch().error).toBeNull();

    // Main closed the file to save memory: the preview can no longer be changed, so it goes.
    fake.handlers['batch:preview'] = () => failed('import_expired', 'This file was closed to save memory; import it again.');
    await act(() => batch().showPage(200));
    expect(batch()).toMatchObject({ error: 'This file was closed to save memory; import it again.', preview: null, canStart: false });
    // Nothing to page or start without a preview.
    await act(() => batch().showPage(0));
    await act(() => batch().start());
    expect(fake.callsTo('batch:preview')).toHaveLength(3);
    expect(fake.callsTo('batch:start')).toHaveLength(1);
  });

  it('a control that fails is said, and the run on screen stays as it was', async () => {
    const { fake, batch } = fakeMain();
    await importOrders(batch);
    await act(() => batch().start());
    fake.handlers['batch:control'] = () => failed('internal', 'The station could not pause this run.');
    await act(() => batch().control('pause'));
    expect(batch()).toMatchObject({ error: 'The station could not pause this run.', run: { runId: 'run-1', state: 'running' } });
    expect(batch().preview).not.toBeNull();
  });
});
