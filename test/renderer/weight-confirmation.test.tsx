// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataProvider } from '../../renderer/src/data/hooks';
import { ShipmentForm } from '../../renderer/src/features/labels/ShipmentForm';
import { useShipmentForm } from '../../renderer/src/features/labels/use-shipment-form';
import type { CreateOutcome } from '../../shared/domain/label-draft';
import type { SettingsView } from '../../shared/ipc/contract';
import { failed, installFakeStation, ok, type FakeHandlers } from './fake-station';
import { settingsView } from './fixtures';

afterEach(cleanup);

const settings = settingsView({ defaults: { ...settingsView().defaults, courier: 'yunexpress', productCode: 'YEXP01' } });
const outcome: CreateOutcome = { kind: 'in_doubt', idempotencyKey: 'WEB-1', message: 'The API did not answer in time.' };

function Form({ settings }: { settings: SettingsView }) {
  const form = useShipmentForm(settings, vi.fn());
  return <ShipmentForm form={form} settings={settings} />;
}

function setup(more: FakeHandlers = {}) {
  const fake = installFakeStation({
    'catalog:couriers': () => ok({ available: false as const, reason: 'No list.' }),
    'catalog:products': () => ok({ available: false as const, reason: 'No list.' }),
    'labels:create': () => ok(outcome),
    'labels:unresolved': () => ok([]),
    ...more,
  });
  render(
    <DataProvider>
      <Form settings={settings} />
    </DataProvider>,
  );
  const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
  type('First name', 'Maria');
  type('Street address', '742 Evergreen Terrace');
  type('City', 'Los Angeles');
  type('Postal code', '90001');
  type('Country', 'US');
  type('Description (English), item 1 of parcel 1', 'Notebook');
  type('Quantity, item 1 of parcel 1', '2');
  type('Unit price, item 1 of parcel 1', '6.50');
  type('Currency, item 1 of parcel 1', 'USD');
  type('Unit weight, item 1 of parcel 1', '0.3');
  const create = async () => {
    await act(async () => void fireEvent.click(screen.getByRole('button', { name: 'Create label' })));
  };
  return { fake, type, create };
}

describe('New label: an implausible weight needs “Yes, the weight is right”', () => {
  it('warns as you type, refuses to send until confirmed, then sends the confirmation; a changed weight asks again', async () => {
    const { fake, type, create } = setup();
    type('Weight (kg)', '1.2');
    expect(screen.queryByTestId('weight-warning')).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'Yes, the weight is right' })).toBeNull();

    type('Weight (kg)', '120');
    expect(screen.getByTestId('weight-warning').textContent).toBe(
      '120 kg is outside 0.01–30 kg. 120 kg is more than 10 times what its items weigh (0.6 kg).',
    );
    const box = screen.getByRole('checkbox', { name: 'Yes, the weight is right' }) as HTMLInputElement;
    expect(box.checked).toBe(false);

    await create();
    expect(fake.callsTo('labels:create')).toEqual([]);
    expect(screen.getByRole('alert').textContent).toBe('Confirm the weight (or correct it) before the label is created.');

    fireEvent.click(box);
    expect(box.checked).toBe(true);
    await create();
    await waitFor(() => expect(fake.callsTo('labels:create')).toHaveLength(1));
    expect(fake.callsTo('labels:create')[0]).toMatchObject({ weightConfirmed: true, draft: { shipment: { parcels: [{ weight: 120 }] } } });

    // Another implausible weight: the confirmation was for 120 kg, not for this one.
    type('Weight (kg)', '95');
    expect((screen.getByRole('checkbox', { name: 'Yes, the weight is right' }) as HTMLInputElement).checked).toBe(false);
    await create();
    expect(fake.callsTo('labels:create')).toHaveLength(1);

    // Corrected to a plausible weight: no question, and no confirmation sent.
    type('Weight (kg)', '1,2');
    expect(screen.queryByRole('checkbox', { name: 'Yes, the weight is right' })).toBeNull();
    await create();
    await waitFor(() => expect(fake.callsTo('labels:create')).toHaveLength(2));
    expect(fake.callsTo('labels:create')[1]).not.toHaveProperty('weightConfirmed');
  });

  it('a parcel lighter than its items is asked about too', () => {
    const { type } = setup();
    type('Weight (kg)', '0.4');
    expect(screen.getByTestId('weight-warning').textContent).toBe('0.4 kg is less than its items weigh (0.6 kg: unit weight × quantity).');
    expect(screen.getByRole('checkbox', { name: 'Yes, the weight is right' })).toBeDefined();
  });

  it('main’s weight_implausible (its range changed meanwhile) shows its sentence and asks for the confirmation', async () => {
    const { fake, type, create } = setup({
      'labels:create': ({ weightConfirmed }) =>
        weightConfirmed
          ? ok(outcome)
          : failed('weight_implausible', '2 kg is outside 0.01–1 kg. Check the weight; if it is right, confirm it.', {
              'shipment.parcels[0].weight': '2 kg is outside 0.01–1 kg.',
            }),
    });
    type('Weight (kg)', '2');
    await create();
    await waitFor(() => expect(fake.callsTo('labels:create')).toHaveLength(1));
    const group = await screen.findByRole('group', { name: 'Check the weight' });
    expect(group.textContent).toMatch(/2 kg is outside 0\.01–1 kg\. Check the weight; if it is right, confirm it\./);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Yes, the weight is right' }));
    await create();
    await waitFor(() => expect(fake.callsTo('labels:create')).toHaveLength(2));
    expect(fake.callsTo('labels:create')[1]).toMatchObject({ weightConfirmed: true });
  });
});
