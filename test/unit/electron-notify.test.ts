import { beforeEach, describe, expect, it, vi } from 'vitest';

// A recording stand-in for Electron's Notification (the real module cannot load without its binary).
const electron = vi.hoisted(() => {
  const shown: unknown[] = [];
  const state = { supported: true };
  class Notification {
    static isSupported = () => state.supported;
    constructor(public options: unknown) {}
    show = vi.fn(() => void shown.push(this.options));
  }
  return { Notification, shown, state };
});
vi.mock('electron', () => ({ ...electron, default: electron }));

describe('desktop notifications (electron/notify.ts)', () => {
  beforeEach(() => {
    electron.shown.length = 0;
    electron.state.supported = true;
  });

  it('shows the title and body as given, not silent', async () => {
    const { showNotification } = await import('../../electron/notify');
    showNotification({ title: 'Delivery problem', body: 'Parcel SCH-2: Delivery exception' });
    expect(electron.shown).toEqual([{ title: 'Delivery problem', body: 'Parcel SCH-2: Delivery exception', silent: false }]);
  });

  it('shows nothing where the desktop has no notifications', async () => {
    const { showNotification } = await import('../../electron/notify');
    electron.state.supported = false;
    showNotification({ title: 'Delivery problem', body: 'x' });
    expect(electron.shown).toEqual([]);
  });

  it('is what main passes to the station as notify', async () => {
    const { readFileSync } = await import('node:fs');
    const main = readFileSync(new URL('../../electron/main.ts', import.meta.url), 'utf8');
    expect(main).toMatch(/notify: showNotification,/);
  });
});
