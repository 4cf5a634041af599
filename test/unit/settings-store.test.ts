import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../electron/core/logger';
import { openSettings } from '../../electron/core/settings-store';
import { SETTINGS_VERSION } from '../../shared/domain/settings';
import { settingsFor } from '../support/test-station';

const fresh = () => mkdtempSync(join(tmpdir(), 'ffs-settings-'));
const open = (dir: string) =>
  openSettings({
    ...settingsFor(dir),
    logger: createLogger({ file: join(dir, 'logs', 'station.log') }),
    now: () => new Date('2026-11-28T10:00:00Z'),
  });
const asideFiles = (dir: string) => readdirSync(dir).filter((f) => f.includes('.corrupt-'));

describe('settings', () => {
  it('start with defaults on a first run: Development, not onboarded, documented base URLs', () => {
    const settings = open(fresh()).read();
    expect(settings).toMatchObject({
      schemaVersion: SETTINGS_VERSION,
      onboarded: false,
      activeEnvironment: 'development',
      environments: { development: { baseUrl: 'https://sandbox.flexforward.com' }, production: { baseUrl: 'https://api.flexforward.com' } },
      defaults: { labelFormat: 'PDF', units: 'metric' },
    });
  });

  it('persist changes to the file and refuse invalid ones', () => {
    const dir = fresh();
    const service = open(dir);
    service.update((s) => {
      s.defaults.courier = 'yunexpress';
    });
    expect(open(dir).read().defaults.courier).toBe('yunexpress');
    expect(() =>
      service.update((s) => {
        (s.defaults as { labelFormat: string }).labelFormat = 'TIFF';
      }),
    ).toThrow();
    expect(open(dir).read().defaults.labelFormat).toBe('PDF');
  });

  it('hand out copies of what was last written; a write the file refuses changes nothing', () => {
    const dir = fresh();
    let refuse = false;
    const conf = settingsFor(dir).open();
    const service = openSettings({
      ...settingsFor(dir),
      open: () => ({
        get store() {
          return conf.store;
        },
        set store(value) {
          if (refuse) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
          conf.store = value;
        },
      }),
      logger: createLogger({ file: join(dir, 'logs', 'station.log') }),
    });
    const read = service.read();
    read.defaults.courier = 'changed by a caller';
    read.printerProfiles.push({ id: 'x', name: 'x', printer: 'x', role: 'labels' } as never);
    expect(service.read().defaults.courier).not.toBe('changed by a caller');
    expect(service.read().printerProfiles).toEqual([]);
    const returned = service.update((s) => void (s.defaults.courier = 'yunexpress'));
    returned.defaults.courier = 'changed by a caller';
    expect(service.read().defaults.courier).toBe('yunexpress');
    refuse = true;
    expect(() => service.update((s) => void (s.defaults.courier = 'sf-express'))).toThrow('no space left on device');
    expect(service.read().defaults.courier).toBe('yunexpress');
    expect(open(dir).read().defaults.courier).toBe('yunexpress');
  });

  it('view() hands out the settings as last written, frozen all the way down, without a copy', () => {
    const dir = fresh();
    const service = open(dir);
    const before = service.view();
    expect(service.view()).toBe(before);
    expect(before).toEqual(service.read());
    // Frozen: a caller cannot change them by mistake (modules run in strict mode, so it throws).
    expect(() => ((before.defaults as { courier: string }).courier = 'changed')).toThrow(TypeError);
    expect(() => (before.printerProfiles as unknown[]).push({})).toThrow(TypeError);
    service.update((s) => void (s.defaults.courier = 'yunexpress'));
    const after = service.view();
    expect(after.defaults.courier).toBe('yunexpress');
    expect(Object.isFrozen(after.defaults)).toBe(true);
    // What was handed out before stays what it was.
    expect(before.defaults.courier).not.toBe('yunexpress');
    // The copy update() returns is the caller's own.
    const returned = service.update((s) => void (s.defaults.courier = 'sf-express'));
    returned.defaults.courier = 'changed by a caller';
    expect(service.view().defaults.courier).toBe('sf-express');
  });

  it('migrate the unversioned file of the first release', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ activeEnvironment: 'production' }));
    const service = open(dir);
    expect(service.read()).toMatchObject({ schemaVersion: SETTINGS_VERSION, activeEnvironment: 'production', onboarded: false });
    expect(service.takeNotice()).toBeNull();
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).schemaVersion).toBe(SETTINGS_VERSION);
  });

  it('move a file that is not JSON aside, load defaults and tell the operator once', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'settings.json'), '{"activeEnvironment": "production", oops');
    const service = open(dir);
    expect(service.read().activeEnvironment).toBe('development');
    const [aside] = asideFiles(dir);
    expect(aside).toBe('settings.corrupt-2026-11-28T10-00-00-000Z.json');
    expect(readFileSync(join(dir, aside!), 'utf8')).toContain('oops');
    expect(service.takeNotice()).toMatch(/could not be read \(it is not valid JSON\).*default settings.*settings\.corrupt-/);
    expect(service.takeNotice()).toBeNull();
  });

  it('move a hand-edited file with wrong values aside', () => {
    const dir = fresh();
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({ schemaVersion: 1, activeEnvironment: 'staging', environments: { development: { accounts: 'many' } } }),
    );
    const service = open(dir);
    expect(service.read().activeEnvironment).toBe('development');
    expect(asideFiles(dir)).toHaveLength(1);
    expect(service.takeNotice()).toMatch(/a value at activeEnvironment is not valid/);
  });

  it('keep a file written by a newer version instead of overwriting it', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 99, activeEnvironment: 'production' }));
    const service = open(dir);
    expect(service.read().schemaVersion).toBe(SETTINGS_VERSION);
    const [aside] = asideFiles(dir);
    expect(JSON.parse(readFileSync(join(dir, aside!), 'utf8')).schemaVersion).toBe(99);
    expect(service.takeNotice()).toMatch(/newer version/);
    expect(existsSync(join(dir, 'settings.json'))).toBe(true);
  });

  it('keep several notices for the operator and hand them out once', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'settings.json'), 'not json');
    const service = open(dir);
    service.addNotice('The label history was moved aside.');
    expect(service.takeNotice()).toMatch(/^Your settings file could not be read .* The label history was moved aside\.$/);
    expect(service.takeNotice()).toBeNull();
  });
});

describe('settings temp files left by a crash', () => {
  // conf writes settings.json.tmp-<10 digits><6 hex> and renames it over settings.json (atomically).
  const TEMP_NAMES = ['settings.json.tmp-7423998521a3f9c0', 'settings.json.tmp-0000000000ffffff'];

  it('are removed at start when older than the start; other files and a newer one stay', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 1, activeEnvironment: 'production' }));
    const before = new Date('2026-11-28T09:00:00Z');
    for (const name of TEMP_NAMES) {
      writeFileSync(join(dir, name), '{"half":');
      utimesSync(join(dir, name), before, before);
    }
    // A write in progress by someone else (newer than this start), and files that only look alike.
    const after = new Date('2026-11-28T11:00:00Z');
    const kept = [
      'settings.json.tmp-1111111111abcdef',
      'settings.json.tmp-notours',
      'other.json.tmp-7423998521a3f9c0',
      'settings.json.bak',
    ];
    for (const name of kept) {
      writeFileSync(join(dir, name), 'x');
      utimesSync(join(dir, name), name === kept[0] ? after : before, name === kept[0] ? after : before);
    }
    const service = open(dir);
    expect(service.read().activeEnvironment).toBe('production');
    expect(readdirSync(dir).sort()).toEqual(['logs', 'settings.json', ...kept].sort());
    expect(readFileSync(join(dir, 'logs', 'station.log'), 'utf8')).toContain('"event":"settings.temp_removed"');
  });

  it('match the name conf really leaves behind when the process dies mid-save', () => {
    const dir = fresh();
    const root = join(import.meta.dirname, '..', '..');
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'test/support/settings-crash-child.ts', dir], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(child.signal).toBe('SIGKILL');
    const [temp, ...more] = readdirSync(dir).filter((n) => n.startsWith('settings.json.'));
    expect(more).toEqual([]);
    expect(temp).toMatch(/^settings\.json\.tmp-\d{10}[a-f0-9]{6}$/);
    expect(JSON.parse(readFileSync(join(dir, temp!), 'utf8'))).toMatchObject({ activeEnvironment: 'production' });

    openSettings({ ...settingsFor(dir), logger: createLogger({ file: join(dir, 'logs', 'station.log') }) });
    expect(readdirSync(dir).filter((n) => n.startsWith('settings.json.'))).toEqual([]);
  });
});
