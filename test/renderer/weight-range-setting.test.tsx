// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataProvider } from '../../renderer/src/data/hooks';
import { DefaultsSection } from '../../renderer/src/features/settings/DefaultsSection';
import { installFakeStation, ok } from './fake-station';
import { appInfo, settingsView } from './fixtures';

afterEach(cleanup);

describe('Settings → Defaults: the plausible parcel weight range', () => {
  it('shows the range, refuses one that makes no sense, and saves a valid one in kg', async () => {
    const fake = installFakeStation({
      'catalog:couriers': () => ok({ available: false as const, reason: 'No list.' }),
      'catalog:products': () => ok({ available: false as const, reason: 'No list.' }),
      'settings:setDefaults': () => ok(settingsView()),
      'settings:get': () => ok(settingsView()),
      'app:info': () => ok(appInfo()),
    });
    render(
      <DataProvider>
        <DefaultsSection settings={settingsView()} />
      </DataProvider>,
    );
    const min = screen.getByLabelText('Lightest plausible parcel (kg)') as HTMLInputElement;
    const max = screen.getByLabelText('Heaviest plausible parcel (kg)') as HTMLInputElement;
    expect([min.value, max.value]).toEqual(['0.01', '30']);
    const form = screen.getByRole('form', { name: 'Plausible parcel weight' });

    fireEvent.change(min, { target: { value: '5' } });
    fireEvent.change(max, { target: { value: '2' } });
    fireEvent.submit(form);
    expect(await screen.findByText('The heaviest weight must be more than the lightest.')).toBeDefined();
    fireEvent.change(min, { target: { value: '0' } });
    fireEvent.submit(form);
    expect(await screen.findByText('The lightest weight must be more than 0 kg.')).toBeDefined();
    expect(fake.callsTo('settings:setDefaults')).toEqual([]);

    fireEvent.change(min, { target: { value: '0,05' } });
    fireEvent.change(max, { target: { value: '25' } });
    fireEvent.submit(form);
    await waitFor(() => expect(fake.callsTo('settings:setDefaults')).toEqual([{ weightRange: { minKg: 0.05, maxKg: 25 } }]));
  });
});
