import { randomUUID } from 'node:crypto';
import type { PackagePreset } from '../../../shared/domain/settings';
import type { SettingsService } from '../settings-store';
import { promised } from '../storage/promised';
import { settingsList, type ListStore } from './list-store';

/**
 * Package presets (Settings → Package presets): weight and dimensions a label can start from. The
 * list is the workgroup's in a workgroup (`list`); the default preset stays this station's choice.
 */
export function createPresets(
  settings: SettingsService,
  list: ListStore<PackagePreset> = promised(settingsList(settings, 'packagePresets')),
) {
  return {
    /** Saves a new preset (a new id) or replaces the one with its id. */
    save: (preset: Omit<PackagePreset, 'id'> & { id?: string }) => list.save({ ...preset, id: preset.id ?? randomUUID() }),
    /** Removes a preset; it stops being this station's default if it was. */
    async remove(id: string) {
      await list.remove(id);
      settings.update((s) => {
        if (s.defaults.packagePresetId === id) s.defaults.packagePresetId = null;
      });
    },
  };
}
export type Presets = ReturnType<typeof createPresets>;
