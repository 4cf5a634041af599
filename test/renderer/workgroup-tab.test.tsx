// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { act, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkgroupStatus, WorkgroupView } from '../../shared/domain/workgroup';
import { DataProvider } from '../../renderer/src/data/hooks';
import { WorkgroupBanner } from '../../renderer/src/features/workgroup/WorkgroupBanner';
import { WorkgroupSection } from '../../renderer/src/features/workgroup/WorkgroupSection';
import { MOVE_IN_TASK } from '../../shared/ipc/progress-tasks';
import { failed, installFakeStation, ok } from './fake-station';
import { appInfo } from './fixtures';

afterEach(cleanup);

const OFF: WorkgroupStatus = { state: 'off', since: null, reason: null, code: null };
const single: WorkgroupView = { settings: null, passwordSaved: false, status: OFF };
const settings = {
  host: 'db.warehouse.lan',
  port: 6432,
  database: 'ffs',
  user: 'station',
  tlsMode: 'verify-full' as const,
  caFile: '/home/packer/warehouse-ca.crt',
  stationName: 'Bench 2',
};

function renderTab() {
  return render(
    <DataProvider>
      <WorkgroupSection />
    </DataProvider>,
  );
}
const type = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('Settings → Workgroup', () => {
  it('tests the connection with what is typed (the CA chosen through main) and says what the server answered', async () => {
    const fake = installFakeStation({
      'app:info': () => ok(appInfo()),
      'workgroup:get': () => ok(single),
      'workgroup:status': () => ok(OFF),
      'workgroup:chooseCaFile': () => ok({ path: settings.caFile }),
      'workgroup:test': () => ok({ serverVersion: '15.18', tls: true, certificateVerified: true }),
    });
    renderTab();
    await screen.findByText('This station works on its own.');
    type(/^Server/, settings.host);
    type(/^Port/, '6432');
    type(/^Database/, 'ffs');
    type(/^User/, 'station');
    type(/^Password/, 's3cret');
    fireEvent.click(screen.getByRole('button', { name: 'Choose file…' }));
    await screen.findByText(settings.caFile);
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await screen.findByText(/Connected to PostgreSQL 15\.18\. The connection is encrypted and the server's certificate is trusted\./);
    const { stationName: _name, ...connection } = settings;
    expect(fake.callsTo('workgroup:test')).toEqual([{ connection, password: 's3cret' }]);
    // Not joined: no Leave button yet.
    expect(screen.queryByRole('button', { name: 'Leave workgroup' })).toBeNull();
  });

  it('shows an operator error from the test under the field it is about, and the sentence', async () => {
    installFakeStation({
      'app:info': () => ok(appInfo()),
      'workgroup:get': () => ok(single),
      'workgroup:status': () => ok(OFF),
      'workgroup:test': () =>
        failed('workgroup_password_wrong', 'The workgroup database did not accept the password for user “station”.', {
          password: 'The workgroup database did not accept the password for user “station”.',
        }),
    });
    renderTab();
    await screen.findByText('This station works on its own.');
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(() => expect(screen.getAllByRole('alert').map((a) => a.textContent)).toHaveLength(2));
    expect(screen.getByLabelText(/^Password/).getAttribute('aria-invalid')).toBe('true');
  });

  it('saves the settings and the typed password; then says a password is saved (never shows it) and offers Leave', async () => {
    const joined: WorkgroupView = { settings, passwordSaved: true, status: { state: 'connecting', since: null, reason: null, code: null } };
    const fake = installFakeStation({
      'app:info': () => ok(appInfo()),
      'workgroup:get': () => ok(single),
      'workgroup:status': () => ok(OFF),
      'workgroup:chooseCaFile': () => ok({ path: settings.caFile }),
      'workgroup:save': () => ok(joined),
      'workgroup:leave': () => ok(single),
    });
    renderTab();
    await screen.findByText('No password saved yet.');
    type(/^Server/, settings.host);
    type(/^Port/, '6432');
    type(/^Database/, 'ffs');
    type(/^User/, 'station');
    type(/^Password/, 's3cret');
    type(/^Station name/, 'Bench 2');
    fireEvent.click(screen.getByRole('button', { name: 'Choose file…' }));
    await screen.findByText(settings.caFile);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Workgroup settings saved.');
    expect(fake.callsTo('workgroup:save')).toEqual([{ settings, password: 's3cret' }]);
    expect(screen.getByText('A password is saved in the system keychain. Type a new one only to replace it.')).toBeTruthy();
    expect((screen.getByLabelText(/^Password/) as HTMLInputElement).value).toBe('');

    // Saving again without typing a password keeps the saved one (none is sent).
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(fake.callsTo('workgroup:save')).toHaveLength(2));
    expect(fake.callsTo('workgroup:save')[1]).toEqual({ settings });

    fireEvent.click(screen.getByRole('button', { name: 'Leave workgroup' }));
    await screen.findByText('This station has left the workgroup and works on its own again.');
    expect(fake.callsTo('workgroup:leave')).toHaveLength(1);
    expect((screen.getByLabelText(/^Server/) as HTMLInputElement).value).toBe('');
  });

  it('opened again after the station joined some other way: the untouched form shows the saved settings', async () => {
    let view: WorkgroupView = single;
    installFakeStation({
      'app:info': () => ok(appInfo()),
      'workgroup:get': () => ok(view),
      'workgroup:status': () => ok(OFF),
    });
    // The tab closed and opened again in one window: it shows what it kept first, then reads again.
    function Reopened() {
      const [shown, setShown] = useState(true);
      return (
        <>
          <button type="button" onClick={() => setShown((x) => !x)}>
            toggle
          </button>
          {shown && <WorkgroupSection />}
        </>
      );
    }
    render(
      <DataProvider>
        <Reopened />
      </DataProvider>,
    );
    await screen.findByText('This station works on its own.');
    fireEvent.click(screen.getByRole('button', { name: 'toggle' }));
    view = { settings, passwordSaved: true, status: OFF };
    fireEvent.click(screen.getByRole('button', { name: 'toggle' }));
    await waitFor(() => expect((screen.getByLabelText(/^Server/) as HTMLInputElement).value).toBe(settings.host));
    expect((screen.getByLabelText(/^Station name/) as HTMLInputElement).value).toBe('Bench 2');
    expect((screen.getByLabelText(/^Port/) as HTMLInputElement).value).toBe('6432');
  });

  it('a port that is not a number is refused by main with the catalogue sentence under Port', async () => {
    const fake = installFakeStation({
      'app:info': () => ok(appInfo()),
      'workgroup:get': () => ok(single),
      'workgroup:status': () => ok(OFF),
      'workgroup:save': () => failed('invalid_input', 'Some fields need attention.', { 'settings.port': 'workgroup:validation.port' }),
    });
    renderTab();
    await screen.findByText('This station works on its own.');
    type(/^Port/, 'abc');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('The port is a whole number from 1 to 65535.');
    expect(Number.isNaN(fake.callsTo('workgroup:save')[0]!.settings.port)).toBe(true);
  });
});

describe('the workgroup banner', () => {
  it('shows while the workgroup database is unreachable and goes away by itself when it is back', async () => {
    const fake = installFakeStation({
      'workgroup:status': () =>
        ok({
          state: 'unreachable',
          since: '2026-12-02T05:00:00.000Z',
          reason: 'The workgroup server db.warehouse.lan refused the connection on port 5432.',
          code: 'workgroup_refused',
        }),
    });
    render(
      <DataProvider>
        <WorkgroupBanner />
      </DataProvider>,
    );
    const banner = await screen.findByTestId('workgroup-banner');
    expect(banner.textContent).toContain('Workgroup database unreachable');
    expect(banner.textContent).toContain('Labels cannot be bought until it is back; cached reprints still work.');
    expect(banner.textContent).toContain('refused the connection on port 5432');
    fake.emit('workgroup:changed', { state: 'connected', since: '2026-12-02T05:01:00.000Z', reason: null, code: null });
    await waitFor(() => expect(screen.queryByTestId('workgroup-banner')).toBeNull());
    fake.emit('workgroup:changed', {
      state: 'unreachable',
      since: '2026-12-02T05:02:00.000Z',
      reason: null,
      code: 'workgroup_unreachable',
    });
    await screen.findByTestId('workgroup-banner');
  });

  it('shows the move-in of this station’s history as it goes: copied X of Y labels, then main’s sentence', async () => {
    const fake = installFakeStation({
      'app:info': () => ok(appInfo()),
      'workgroup:get': () => ok({ settings, passwordSaved: true, status: OFF }),
      'workgroup:status': () => ok(OFF),
    });
    renderTab();
    await screen.findByText('This station works on its own.');
    expect(screen.queryByTestId('workgroup-move-in')).toBeNull();
    // Another task's progress is not this one.
    act(() => fake.emit('progress', { task: 'tracking:refresh', done: 1, failed: 0, total: 9 }));
    expect(screen.queryByTestId('workgroup-move-in')).toBeNull();
    act(() => fake.emit('progress', { task: MOVE_IN_TASK, done: 1000, failed: 0, total: 2500 }));
    const shown = await screen.findByTestId('workgroup-move-in');
    expect(shown.textContent).toContain("Copying this station's history into the workgroup: 1,000 of 2,500 labels copied.");
    expect(shown.textContent).toContain('Until it is done, this station keeps working on its own history');
    expect(screen.getByRole('progressbar', { name: 'Station history copied to the workgroup' }).getAttribute('value')).toBe('1000');
    const done = "This station's history is in the workgroup now (labels: 2500, label requests: 2500, print jobs: 12).";
    act(() => fake.emit('progress', { task: MOVE_IN_TASK, done: 2500, failed: 0, total: 2500, message: done }));
    await waitFor(() => expect(screen.getByTestId('workgroup-move-in').textContent).toBe(done));
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});
