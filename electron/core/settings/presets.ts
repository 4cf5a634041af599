import type { PackagePreset } from '../../../shared/domain/settings';
import type { SettingsService } from '../settings-store';
import { upsert } from './upsert';

/** Package presets (Settings → Package presets): weight and dimensions a label can start from. */
export function createPresets(settings: SettingsService) {
  return {
    /** Saves a new preset (a new id) or replaces the one with its id. */
    save(preset: Omit<PackagePreset, 'id'> & { id?: string }) {
      return settings.update((s) => void upsert(s.packagePresets, preset));
    },
    /** Removes a preset; it stops being the default if it was. */
    remove(id: string) {
      return settings.update((s) => {
        s.packagePresets = s.packagePresets.filter((x) => x.id !== id);
        if (s.defaults.packagePresetId === id) s.defaults.packagePresetId = null;
      });
    },
  };
}
export type Presets = ReturnType<typeof createPresets>;
