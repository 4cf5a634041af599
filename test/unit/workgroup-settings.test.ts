import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/logger';
import { openSettings } from '../../electron/core/settings-store';
import { SETTINGS_VERSION } from '../../shared/domain/settings';
import { settingsFor } from '../support/test-station';

// Settings migration 4 (electron/core/settings-store.ts): a station starts on its own
// (`workgroup: null`); the settings file never keeps a workgroup password.
describe('the workgroup in the settings file', () => {
  it('migrates a version 3 file to version 4 with no workgroup, keeping the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ffs-wg-settings-'));
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 3, activeEnvironment: 'production', onboarded: true }));
    const settings = openSettings({ ...settingsFor(dir), logger: silentLogger });
    expect(settings.read()).toMatchObject({
      schemaVersion: SETTINGS_VERSION,
      activeEnvironment: 'production',
      onboarded: true,
      workgroup: null,
    });
    expect(SETTINGS_VERSION).toBe(4);
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8'))).toMatchObject({ schemaVersion: 4, workgroup: null });
  });

  it('drops a password written into the workgroup settings by hand: only the keychain keeps it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ffs-wg-settings-'));
    const workgroup = {
      host: 'db.warehouse.lan',
      port: 5432,
      database: 'ffs',
      user: 'station',
      tlsMode: 'verify-full',
      caFile: null,
      stationName: 'Bench 1',
      stationId: '6f1c1f54-5b7e-4a47-9d7e-2b7b4a3c2d10',
      password: 'written-by-hand',
    };
    writeFileSync(join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 4, workgroup }));
    const settings = openSettings({ ...settingsFor(dir), logger: silentLogger });
    const { password: _password, ...kept } = workgroup;
    expect(settings.read().workgroup).toEqual(kept);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).not.toContain('written-by-hand');
  });
});
