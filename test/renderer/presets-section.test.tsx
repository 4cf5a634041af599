// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DataProvider } from '../../renderer/src/data/hooks';
import { PresetsSection } from '../../renderer/src/features/settings/PresetsSection';
import { installFakeStation, ok } from './fake-station';
import { appInfo, settingsView } from './fixtures';

afterEach(cleanup);

describe('Package presets', () => {
  it('reads the numbers typed the way people type them ("1,5", "1.234,5"), in the units of the defaults', async () => {
    const fake = installFakeStation({ 'presets:save': () => ok(settingsView()), 'app:info': () => ok(appInfo()) });
    const settings = settingsView({ defaults: { ...settingsView().defaults, units: 'imperial' } });
    render(
      <DataProvider>
        <PresetsSection settings={settings} />
      </DataProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Add package preset' }));
    const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });
    type('Package name', 'Mailer');
    type('Usual weight (lb)', '1,5');
    type('Length (in)', '1.234,5');
    type('Width (in)', '12');
    type('Height (in)', '0,75');
    fireEvent.submit(screen.getByRole('form', { name: 'Package preset' }));
    await waitFor(() => expect(fake.callsTo('presets:save')).toHaveLength(1));
    expect(fake.callsTo('presets:save')[0]).toEqual({
      name: 'Mailer',
      weight: 1.5,
      dimension: { length: 1234.5, width: 12, height: 0.75 },
    });
  });
});
