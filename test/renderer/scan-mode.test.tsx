// @vitest-environment happy-dom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { KeyboardEvent as ReactKeyboardEvent, ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataProvider } from '../../renderer/src/data/hooks';
import { createQueryCache } from '../../renderer/src/data/query-cache';
import { looksLikeWeight, useScanMode } from '../../renderer/src/features/scan/use-scan-mode';
import { COMMAND_CODES, commandOf, type ScanResult, type ScanStatus, type ScanSession } from '../../shared/domain/scan';
import { deferred, failed, installFakeStation, ok, type FakeHandlers } from './fake-station';
import { settingsView } from './fixtures';

afterEach(cleanup);

const emptySession = (): ScanSession => ({
  labelsMade: 0,
  reprints: 0,
  failures: 0,
  recent: [],
  pending: null,
  printer: { profileId: 'p1', name: 'Desk', printer: 'ffs-label-pdf' },
  printerCount: 1,
  ordersLoaded: 0,
  files: [],
  sounds: false,
  weightUnit: 'KG',
  lastLabelId: null,
});

/**
 * A small stand-in for main's scan service: ORD-1 has no weight (it waits for one), ORD-2 has
 * one, anything else is unknown; command barcodes run their command. Order 1001 (a number that
 * looks like a weight) waits for one too, and 120 typed for it is asked about until confirmed.
 */
function fakeMain(more: FakeHandlers = {}) {
  let session = emptySession();
  let seq = 0;
  const answer = (input: string, status: ScanStatus, orderNumber: string | null, title: string) => {
    const result: ScanResult = {
      seq: ++seq,
      at: 0,
      input,
      status,
      orderNumber,
      title,
      message: '',
      recipient: null,
      trackingNumber: status === 'printed' ? `TN-${orderNumber}` : null,
      labelId: null,
      printer: null,
      osJobId: null,
    };
    session = {
      ...session,
      recent: [result, ...session.recent],
      labelsMade: session.labelsMade + (status === 'printed' ? 1 : 0),
      failures: session.failures + (status === 'unknown_order' ? 1 : 0),
    };
    return ok({ result, session });
  };
  const fake = installFakeStation({
    'scan:session': () => ok(session),
    'scan:submit': ({ input, weight }) => {
      const command = commandOf(input);
      if (command) return answer(input, 'command', null, command);
      if (input === '1001') {
        if (weight === '120') {
          session = { ...session, pending: { orderNumber: '1001', recipient: null, unit: 'KG', confirm: '120 kg' } };
          return answer(input, 'check_weight', '1001', 'Check the weight of order 1001');
        }
        if (!weight && !session.pending?.confirm) {
          session = { ...session, pending: { orderNumber: '1001', recipient: null, unit: 'KG' } };
          return answer(input, 'needs_weight', '1001', 'Weight needed');
        }
        session = { ...session, pending: null };
        return answer(input, 'printed', input, 'Printed');
      }
      if (input === 'ORD-1' && !weight) {
        session = { ...session, pending: { orderNumber: 'ORD-1', recipient: null, unit: 'KG' } };
        return answer(input, 'needs_weight', 'ORD-1', 'Weight needed');
      }
      if (input === 'ORD-1' || input === 'ORD-2') {
        session = { ...session, pending: null };
        return answer(input, 'printed', input, 'Printed');
      }
      return answer(input, 'unknown_order', null, `Unknown order ${input}`);
    },
    'scan:command': ({ command }) => {
      if (command === 'cancel') session = { ...session, pending: null };
      return answer(COMMAND_CODES[command], command === 'cancel' ? 'cancelled' : 'command', null, command);
    },
    'scan:reset': () => ok((session = emptySession())),
    'batch:import': ({ fileName }) => {
      session = { ...session, ordersLoaded: 3, files: [fileName] };
      return ok({ counts: { orders: 3, withIssues: 1 } } as never);
    },
    'settings:setPreferences': ({ stationSounds }) => {
      session = { ...session, sounds: stationSounds ?? session.sounds };
      return ok(settingsView({ preferences: { language: null, stationSounds: stationSounds ?? false } }));
    },
    ...more,
  });
  const onLeave = vi.fn();
  const cache = createQueryCache();
  const wrapper = ({ children }: { children: ReactNode }) => <DataProvider cache={cache}>{children}</DataProvider>;
  const { result } = renderHook(() => useScanMode(onLeave), { wrapper });
  const mode = () => result.current;
  return { fake, onLeave, mode, session: () => session };
}

const key = (k: string) => ({ key: k, preventDefault: vi.fn() }) as unknown as ReactKeyboardEvent;
const typeInScan = (mode: () => ReturnType<typeof useScanMode>, text: string) => act(() => mode().setScan(text));

describe('useScanMode', () => {
  it('reads the session, and a scan sends what was typed: the field is free for the next scan at once', async () => {
    const held = deferred<Awaited<ReturnType<NonNullable<FakeHandlers['scan:submit']>>>>();
    const { fake, mode } = fakeMain();
    await waitFor(() => expect(mode().session?.printer?.name).toBe('Desk'));
    const realSubmit = fake.handlers['scan:submit']!;
    fake.handlers['scan:submit'] = () => held.promise;

    typeInScan(mode, '  ORD-2 ');
    act(() => mode().setWeight('0.5'));
    act(() => mode().submitScan());
    expect(mode()).toMatchObject({ scan: '', weight: '', busy: true });
    expect(fake.callsTo('scan:submit')).toEqual([{ input: 'ORD-2', weight: '0.5' }]);

    await act(async () => held.resolve(await realSubmit({ input: 'ORD-2', weight: '0.5' })));
    expect(mode().busy).toBe(false);
    expect(mode().last).toMatchObject({ status: 'printed', title: 'Printed', trackingNumber: 'TN-ORD-2' });
    expect(mode().session?.labelsMade).toBe(1);
  });

  it('says which order it is working on from the moment Enter is pressed, not the previous answer', async () => {
    const { fake, mode } = fakeMain();
    await waitFor(() => expect(mode().session?.printer?.name).toBe('Desk'));
    const realSubmit = fake.handlers['scan:submit']!;
    const held = deferred<Awaited<ReturnType<NonNullable<FakeHandlers['scan:submit']>>>>();
    fake.handlers['scan:submit'] = () => held.promise;
    expect(mode().working).toBeNull();
    typeInScan(mode, 'ORD-2');
    act(() => mode().submitScan());
    expect(mode().working).toBe('ORD-2');
    await act(async () => held.resolve(await realSubmit({ input: 'ORD-2' })));
    expect(mode().working).toBeNull();
    expect(mode().last).toMatchObject({ trackingNumber: 'TN-ORD-2' });
  });

  it('waits for a weight when the order has none: a weight goes with that order, a barcode is the next scan', async () => {
    const { fake, mode } = fakeMain();
    await waitFor(() => expect(mode().session).not.toBeNull());
    typeInScan(mode, 'ORD-1');
    await act(async () => mode().submitScan());
    await waitFor(() => expect(mode().waiting).toEqual({ orderNumber: 'ORD-1', recipient: null, unit: 'KG' }));

    // A barcode scanned into the weight field while waiting: sent as a scan of its own.
    act(() => mode().setWeight('ORD-9'));
    await act(async () => mode().submitWeight());
    expect(fake.callsTo('scan:submit').at(-1)).toEqual({ input: 'ORD-9' });
    expect(mode().last?.status).toBe('unknown_order');

    act(() => mode().setWeight(' 1,2 kg '));
    await act(async () => mode().submitWeight());
    expect(fake.callsTo('scan:submit').at(-1)).toEqual({ input: 'ORD-1', weight: '1,2 kg' });
    expect(mode().waiting).toBeNull();
    expect(mode().last?.status).toBe('printed');
  });

  it('an implausible weight asked about: Enter in the empty weight field, or the order scanned again, confirms it', async () => {
    const { fake, mode } = fakeMain();
    await waitFor(() => expect(mode().session).not.toBeNull());
    typeInScan(mode, '1001');
    await act(async () => mode().submitScan());
    await waitFor(() => expect(mode().waiting?.orderNumber).toBe('1001'));
    // Waiting for a weight (nothing asked yet): Enter with nothing typed sends nothing.
    await act(async () => mode().submitWeight());
    expect(fake.callsTo('scan:submit')).toHaveLength(1);

    act(() => mode().setWeight('120'));
    await act(async () => mode().submitWeight());
    expect(fake.callsTo('scan:submit').at(-1)).toEqual({ input: '1001', weight: '120' });
    expect(mode()).toMatchObject({ last: { status: 'check_weight' }, waiting: { orderNumber: '1001', confirm: '120 kg' } });
    expect(mode().weight).toBe('');

    // Enter in the empty weight field: the confirmation (the order, no weight).
    await act(async () => mode().submitWeight());
    expect(fake.callsTo('scan:submit').at(-1)).toEqual({ input: '1001' });
    expect(mode()).toMatchObject({ last: { status: 'printed' }, waiting: null });

    // The same order scanned into the weight field is a second scan, although 1001 looks like a weight.
    typeInScan(mode, '1001');
    await act(async () => mode().submitScan());
    act(() => mode().setWeight('120'));
    await act(async () => mode().submitWeight());
    act(() => mode().setWeight('1001'));
    await act(async () => mode().submitWeight());
    expect(fake.callsTo('scan:submit').slice(-3)).toEqual([{ input: '1001' }, { input: '1001', weight: '120' }, { input: '1001' }]);
    expect(mode().last?.status).toBe('printed');
  });

  it('the keys: Esc cancels the order waiting for a weight (else clears the field), F2 reprints, F10 leaves', async () => {
    const { fake, mode, onLeave } = fakeMain();
    await waitFor(() => expect(mode().session).not.toBeNull());
    typeInScan(mode, 'half typed');
    act(() => mode().onScreenKey(key('Escape')));
    expect(mode().scan).toBe('');
    expect(fake.callsTo('scan:command')).toEqual([]);

    typeInScan(mode, 'ORD-1');
    await act(async () => mode().submitScan());
    await waitFor(() => expect(mode().waiting).not.toBeNull());
    act(() => mode().setWeight('0.'));
    await act(async () => mode().onScreenKey(key('Escape')));
    expect(fake.callsTo('scan:command')).toEqual([{ command: 'cancel' }]);
    expect(mode()).toMatchObject({ weight: '', waiting: null });

    await act(async () => mode().onScreenKey(key('F2')));
    await act(async () => mode().onScreenKey(key('F10')));
    expect(fake.callsTo('scan:command').map((c) => c.command)).toEqual(['cancel', 'reprint_last', 'leave']);
    expect(onLeave).toHaveBeenCalledTimes(1);
    // Other keys are left alone.
    const other = key('F3');
    act(() => mode().onScreenKey(other));
    expect(other.preventDefault).not.toHaveBeenCalled();
  });

  it('scanning the leave barcode leaves station mode', async () => {
    const { mode, onLeave } = fakeMain();
    await waitFor(() => expect(mode().session).not.toBeNull());
    typeInScan(mode, COMMAND_CODES.leave.toLowerCase());
    await act(async () => mode().submitScan());
    expect(onLeave).toHaveBeenCalledTimes(1);
  });

  it('keys typed while focus is elsewhere go into the active input', async () => {
    const { mode } = fakeMain();
    await waitFor(() => expect(mode().session).not.toBeNull());
    act(() => void document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '4', bubbles: true })));
    act(() => void document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '2', bubbles: true })));
    expect(mode().scan).toBe('42');
    // Shortcuts and named keys are not text.
    act(() => void document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'x', ctrlKey: true, bubbles: true })));
    act(() => void document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Shift', bubbles: true })));
    expect(mode().scan).toBe('42');
    // While the command sheet is open, keys belong to it.
    act(() => mode().setSheetOpen(true));
    act(() => void document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '7', bubbles: true })));
    expect(mode().scan).toBe('42');
  });

  it('says what went wrong, until the next scan that works', async () => {
    const { fake, mode } = fakeMain();
    await waitFor(() => expect(mode().session).not.toBeNull());
    const works = fake.handlers['scan:submit']!;
    fake.handlers['scan:submit'] = () => failed('internal', 'Something went wrong in the station.');
    typeInScan(mode, 'ORD-2');
    await act(async () => mode().submitScan());
    expect(mode().error).toBe('Something went wrong in the station.');
    fake.handlers['scan:submit'] = works;
    typeInScan(mode, 'ORD-2');
    await act(async () => mode().submitScan());
    expect(mode().error).toBeNull();
  });

  it('a session main cannot read is said as the error', async () => {
    const { mode } = fakeMain({ 'scan:session': () => failed('internal', 'The station could not read this session.') });
    await waitFor(() => expect(mode().error).toBe('The station could not read this session.'));
    expect(mode().session).toBeNull();
  });

  it('Load orders opens the shared import step; keys typed meanwhile stay there; closing it reads the session main now has', async () => {
    const { fake, mode } = fakeMain();
    await waitFor(() => expect(mode().session).not.toBeNull());
    const reads = fake.callsTo('scan:session').length;
    act(() => mode().openImport());
    expect(mode().importOpen).toBe(true);
    act(() => void document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '7', bubbles: true })));
    expect(mode().scan).toBe('');
    // The dialog's import step imports a file (batch/ImportDialog.tsx; main then scans it).
    await fake.handlers['batch:import']!({ fileName: 'today.csv', base64: '' });
    await act(async () => mode().closeImport());
    expect(mode().importOpen).toBe(false);
    await waitFor(() => expect(fake.callsTo('scan:session')).toHaveLength(reads + 1));
    expect(mode().session).toMatchObject({ ordersLoaded: 3, files: ['today.csv'] });
  });

  it('sounds: on at once, saved as a preference, then the session as main has it', async () => {
    const { fake, mode } = fakeMain();
    await waitFor(() => expect(mode().session).not.toBeNull());
    await act(() => mode().toggleSounds(true));
    expect(fake.callsTo('settings:setPreferences')).toEqual([{ stationSounds: true }]);
    expect(mode().session?.sounds).toBe(true);
    expect(fake.callsTo('scan:session')).toHaveLength(2);
  });

  it('New session starts the counters again and forgets the last answer', async () => {
    const { mode } = fakeMain();
    await waitFor(() => expect(mode().session).not.toBeNull());
    typeInScan(mode, 'ORD-2');
    await act(async () => mode().submitScan());
    expect(mode().session?.labelsMade).toBe(1);
    await act(async () => mode().reset());
    await waitFor(() => expect(mode().session?.labelsMade).toBe(0));
    expect(mode().last).toBeNull();
  });
});

describe('looksLikeWeight', () => {
  it('takes what a scale or a person types as a weight, and anything else as a scan', () => {
    for (const w of ['1', '1.25', '1,5', ' 2 kg', '3lb', '4 LBS', '500g']) expect(looksLikeWeight(w)).toBe(true);
    for (const s of ['ORD-1', '12-34', '1.2.3', 'kg', '']) expect(looksLikeWeight(s)).toBe(false);
  });
});
