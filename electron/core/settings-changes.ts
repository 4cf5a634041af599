import type { EventName } from '../../shared/ipc/channels';
import type { EventPayload } from '../../shared/ipc/contract';
import type { Logger } from './logger';
import type { SettingsService } from './settings-store';

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * The settings service, telling the renderer after every save (`settings:changed`), whoever
 * saved: a settings screen, the environment or account picked in the header, station mode's
 * next-printer key, a token the API has just accepted. Screens that show settings or app:info
 * read them again (renderer/src/data/). A refused change saves nothing and says nothing.
 */
export function announcingSaves(settings: SettingsService, emit: Emit | undefined, logger: Logger, onSaved?: () => void): SettingsService {
  return {
    ...settings,
    update(change) {
      const saved = settings.update(change);
      // Main's own followers first (the station language), so the screens' re-read sees them.
      onSaved?.();
      try {
        emit?.('settings:changed', {});
      } catch (error) {
        // The save happened: a window that cannot be told must not turn it into an error.
        logger.warn('settings.event_failed', { error: (error as Error).message });
      }
      return saved;
    },
  };
}
