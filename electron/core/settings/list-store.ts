import type { SavedMapping } from '../../../shared/domain/batch-mapping';
import type { PackagePreset, SenderAddress, Settings } from '../../../shared/domain/settings';
import type { SkuCatalogueStore } from '../catalogue/sku-catalogue-store';
import type { SettingsService } from '../settings-store';
import { promised, type Synchronous } from '../storage/promised';
import { upsert } from './upsert';

/**
 * A list of items with ids that a workgroup's stations share (senders, package presets, saved
 * CSV mappings): this station's settings file on its own, the workgroup's PostgreSQL in one
 * (electron/core/workgroup/shared-lists.ts). Items keep the order they were first saved in.
 */
export interface ListStore<T extends { id: string }> {
  list(): Promise<T[]>;
  get(id: string): Promise<T | null>;
  /** Replaces the item with its id, or appends it. */
  save(item: T): Promise<void>;
  /** Removes the item; false when there was none with that id. */
  remove(id: string): Promise<boolean>;
}

/** What a workgroup shares besides the history (issue 18 item 3); printer profiles stay per station. */
export interface SharedLists {
  senders: ListStore<SenderAddress>;
  presets: ListStore<PackagePreset>;
  mappings: ListStore<SavedMapping>;
  catalogue: SkuCatalogueStore;
}

type ListKey = 'senders' | 'packagePresets' | 'batchMappings';

/** One list of the settings file, synchronous (each call one settings write, validated by the Settings schema). */
export function settingsList<K extends ListKey>(settings: SettingsService, key: K): Synchronous<ListStore<Settings[K][number]>> {
  type Item = Settings[K][number];
  const items = (s: Settings) => s[key] as Item[];
  return {
    list: () => items(settings.read()),
    get: (id) => items(settings.read()).find((x) => x.id === id) ?? null,
    save(item) {
      settings.update((s) => void upsert(items(s), item));
    },
    remove(id) {
      let found = false;
      settings.update((s) => {
        found = items(s).some((x) => x.id === id);
        (s[key] as Item[]) = items(s).filter((x) => x.id !== id);
      });
      return found;
    },
  };
}

/** This station's own lists: its settings file and its SQLite catalogue (a station on its own). */
export function settingsLists(settings: SettingsService, catalogue: Synchronous<SkuCatalogueStore>): SharedLists {
  return {
    senders: promised(settingsList(settings, 'senders')),
    presets: promised(settingsList(settings, 'packagePresets')),
    mappings: promised(settingsList(settings, 'batchMappings')),
    catalogue: promised(catalogue),
  };
}
