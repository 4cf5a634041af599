import type { SenderAddress } from '../../../shared/domain/settings';
import type { SettingsService } from '../settings-store';
import { upsert } from './upsert';

/** Sender addresses (Settings → Sender addresses): the list, and the default one labels start with. */
export function createSenders(settings: SettingsService) {
  return {
    /** Saves a new sender (a new id) or replaces the one with its id; the first one becomes the default. */
    save(sender: Omit<SenderAddress, 'id'> & { id?: string }) {
      return settings.update((s) => {
        // Saved first, always: `??=` would skip the save itself once a default exists.
        const id = upsert(s.senders, sender);
        s.defaults.senderId ??= id;
      });
    },
    /** Removes a sender; when it was the default, the first one left becomes the default. */
    remove(id: string) {
      return settings.update((s) => {
        s.senders = s.senders.filter((x) => x.id !== id);
        if (s.defaults.senderId === id) s.defaults.senderId = s.senders[0]?.id ?? null;
      });
    },
  };
}
export type Senders = ReturnType<typeof createSenders>;
