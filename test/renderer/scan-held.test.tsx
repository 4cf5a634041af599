// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataProvider } from '../../renderer/src/data/hooks';
import { ScanResultPanel, SessionPanel } from '../../renderer/src/features/scan/ScanParts';
import { toneOf } from '../../renderer/src/features/scan/use-scan-mode';
import type { OperatorSession } from '../../shared/domain/operators';
import type { ScanResult, ScanSession } from '../../shared/domain/scan';
import { failed, installFakeStation, ok, type FakeHandlers } from './fake-station';
import { appInfo } from './fixtures';

afterEach(cleanup);

const SENTENCE =
  'Order CL-3 is being packed at Bench B by Pia since 2 Dec 2026, 16:42. Pack another order, or ask a supervisor to release this one.';
const held: ScanResult = {
  seq: 4,
  at: Date.parse('2026-12-02T07:45:00Z'),
  input: 'CL-3',
  status: 'held_elsewhere',
  orderNumber: 'CL-3',
  title: 'Order CL-3 is taken',
  message: SENTENCE,
  recipient: 'Dana Reyes, New York, US',
  trackingNumber: null,
  labelId: null,
  printer: null,
  osJobId: null,
  // 07:42 UTC is 16:42 at the station (Asia/Tokyo, the fixture's clock).
  heldBy: { order: 'CL-3', station: 'Bench B', operator: 'Pia', since: '2026-12-02T07:42:00.000Z' },
};
const session = (result: ScanResult): ScanSession => ({
  labelsMade: 0,
  reprints: 0,
  failures: 0,
  recent: [result],
  pending: null,
  printer: null,
  printerCount: 0,
  ordersLoaded: 5,
  files: ['today.csv'],
  sounds: false,
  weightUnit: 'KG',
  lastLabelId: null,
});
const signedIn = (role: 'packer' | 'supervisor' | null, required = true): OperatorSession => ({
  workgroup: true,
  required,
  firstOperator: false,
  operator: role ? { id: `op-${role}`, name: role === 'supervisor' ? 'Sam' : 'Kai', role } : null,
});

function setup(operators: OperatorSession, more: FakeHandlers = {}, result: ScanResult = held) {
  const fake = installFakeStation({
    'app:info': () => ok(appInfo()),
    'operators:session': () => ok(operators),
    ...more,
  });
  render(
    <DataProvider>
      <ScanResultPanel last={result} session={session(result)} />
    </DataProvider>,
  );
  return fake;
}
const card = () => screen.getByTestId('scan-result');

describe('station mode: an order another station of the workgroup packs', () => {
  it('shows the sentence large, who holds it and since when in the station’s clock, in its own colour', async () => {
    setup(signedIn('packer'));
    expect(card().className).toContain('tone-held');
    expect(toneOf('held_elsewhere')).toBe('held');
    expect(within(card()).getByText('Order CL-3 is taken')).toBeTruthy();
    const box = screen.getByTestId('scan-held');
    expect(box.querySelector('.scan-held-sentence')!.textContent).toBe(SENTENCE);
    const facts = () => [...box.querySelectorAll('dt')].map((dt) => `${dt.textContent}: ${dt.nextElementSibling!.textContent}`);
    await waitFor(() => expect(facts()).toEqual(['Station: Bench B', 'Packed by: Pia', 'Since: 16:42']));
    // The message is not shown twice (the plain message line is replaced by the box).
    expect(within(card()).getAllByText(SENTENCE)).toHaveLength(1);
  });

  it('a packer sees whom to ask and no release button', async () => {
    setup(signedIn('packer'));
    await waitFor(() =>
      expect(
        screen.getByText(
          /^Pack another order\. If Bench B is not packing it any more, ask Pia there to finish or cancel it, or ask a supervisor/,
        ),
      ).toBeTruthy(),
    );
    expect(screen.queryByRole('button', { name: 'Release claim' })).toBeNull();
  });

  it('nobody signed in (a workgroup with operators) sees no release button either', async () => {
    setup(signedIn(null));
    await waitFor(() => expect(screen.getByText(/ask a supervisor to release it/)).toBeTruthy());
    expect(screen.queryByRole('button', { name: 'Release claim' })).toBeNull();
  });

  it('a supervisor releases the claim: claims:release with the order, then what to do next', async () => {
    const fake = setup(signedIn('supervisor'), {
      'claims:release': () => ok({ released: held.heldBy! }),
    });
    const button = await screen.findByRole('button', { name: 'Release claim' });
    expect(screen.queryByText(/ask Pia there/)).toBeNull();
    await act(async () => void fireEvent.click(button));
    expect(fake.callsTo('claims:release')).toEqual([{ order: 'CL-3' }]);
    expect(await screen.findByText('Released. Scan order CL-3 again to pack it here.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Release claim' })).toBeNull();
  });

  it('a claim that was already gone says so', async () => {
    setup(signedIn('supervisor'), { 'claims:release': () => ok({ released: null }) });
    const button = await screen.findByRole('button', { name: 'Release claim' });
    await act(async () => void fireEvent.click(button));
    expect(await screen.findByText('Order CL-3 was no longer held. Scan it again to pack it here.')).toBeTruthy();
  });

  it('a refusal from main is shown with its sentence, and the button stays', async () => {
    setup(signedIn('supervisor'), {
      'claims:release': () => failed('operator_supervisor_required', 'Only a supervisor can do this.'),
    });
    const button = await screen.findByRole('button', { name: 'Release claim' });
    await act(async () => void fireEvent.click(button));
    expect((await screen.findByRole('alert')).textContent).toBe('Only a supervisor can do this.');
    expect(screen.getByRole('button', { name: 'Release claim' })).toBeTruthy();
  });

  it('in a workgroup without operators yet anyone may release (as main’s gate allows)', async () => {
    setup(signedIn(null, false), { 'claims:release': () => ok({ released: held.heldBy! }) });
    expect(await screen.findByRole('button', { name: 'Release claim' })).toBeTruthy();
  });

  it('the scan list gives the reason for a held order', () => {
    installFakeStation({ 'app:info': () => ok(appInfo()) });
    render(
      <DataProvider>
        <SessionPanel session={session(held)} />
      </DataProvider>,
    );
    const row = screen.getByRole('table').querySelector('tbody tr')!;
    expect(row.className).toBe('tone-held');
    expect(row.textContent).toContain(SENTENCE);
  });
});
