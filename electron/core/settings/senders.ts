import { randomUUID } from 'node:crypto';
import type { SenderAddress } from '../../../shared/domain/settings';
import type { SettingsService } from '../settings-store';
import { promised } from '../storage/promised';
import { settingsList, type ListStore } from './list-store';

/**
 * Sender addresses (Settings → Sender addresses): the list, and the default one labels start with.
 * The list is the workgroup's in a workgroup (`list`, electron/core/workgroup/shared-lists.ts); the
 * default (`defaults.senderId`) stays this station's choice.
 */
export function createSenders(settings: SettingsService, list: ListStore<SenderAddress> = promised(settingsList(settings, 'senders'))) {
  return {
    /** Saves a new sender (a new id) or replaces the one with its id; the first one becomes the default. */
    async save(sender: Omit<SenderAddress, 'id'> & { id?: string }) {
      const id = sender.id ?? randomUUID();
      // Saved first, always: `??=` would skip the save itself once a default exists.
      await list.save({ ...sender, id });
      settings.update((s) => void (s.defaults.senderId ??= id));
    },
    /** Removes a sender; when it was this station's default, the first one left becomes the default. */
    async remove(id: string) {
      await list.remove(id);
      if (settings.read().defaults.senderId !== id) return;
      const first = (await list.list())[0]?.id ?? null;
      settings.update((s) => {
        if (s.defaults.senderId === id) s.defaults.senderId = first;
      });
    },
  };
}
export type Senders = ReturnType<typeof createSenders>;
