import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../electron/simulator';
import type { EventName } from '../../shared/ipc/contract';
import { createTestStation } from '../support/test-station';

const TOKEN = 'ff_dev_U2V0dGluZ3NFdmVudHNUb2tlbg_c3d4';
const ACCOUNT = '11111111-2222-4333-8444-555555555555';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ tokens: [{ token: TOKEN, accounts: [ACCOUNT] }] });
});
afterAll(() => sim.close());

/** A station that records the events it sends to the renderer. */
function recordingStation() {
  const events: { event: EventName; payload: unknown }[] = [];
  const station = createTestStation({ emit: (event, payload) => void events.push({ event, payload }) });
  const changes = () => events.filter((e) => e.event === 'settings:changed').length;
  return { station, events, changes };
}

describe('settings:changed', () => {
  it('is sent after every save, whichever channel or service made it, and never for a read or a refused change', async () => {
    const { station, events, changes } = recordingStation();
    await station.client.settings.get();
    await station.client.app.info();
    expect(changes()).toBe(0);

    expect((await station.client.settings.setDefaults({ units: 'imperial' })).ok).toBe(true);
    expect(changes()).toBe(1);
    expect(events.at(-1)).toEqual({ event: 'settings:changed', payload: {} });

    // Not through a settings:* channel: an address, an environment switch, the account picked in the header.
    expect((await station.client.env.setBaseUrl({ environment: 'development', baseUrl: sim.url })).ok).toBe(true);
    expect((await station.client.accounts.add({ environment: 'development', id: ACCOUNT, name: 'Main' })).ok).toBe(true);
    expect((await station.client.env.switch({ environment: 'development' })).ok).toBe(true);
    expect((await station.client.accounts.select({ id: ACCOUNT })).ok).toBe(true);
    expect(changes()).toBe(5);

    // A refused change saves nothing and says nothing.
    expect((await station.client.accounts.add({ environment: 'development', id: ACCOUNT, name: 'Again' })).ok).toBe(false);
    expect(changes()).toBe(5);
    await station.client.settings.get();
    expect(changes()).toBe(5);
    await station.close();
  });

  it('is sent when a service saves on its own: station mode moving to the next label printer', async () => {
    const { station, changes } = recordingStation();
    for (const name of ['Desk', 'Dock']) {
      expect((await station.client.printers.saveProfile({ name, printer: `ffs-${name}`, role: 'labels' })).ok).toBe(true);
    }
    const before = changes();
    const answer = await station.client.scan.command({ command: 'next_printer' });
    expect(answer).toMatchObject({ ok: true, value: { result: { title: 'Printing on Dock' } } });
    expect(changes()).toBe(before + 1);
    await station.close();
  });
});
