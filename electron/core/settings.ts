import { Settings } from '../../shared/domain/settings';

/** The part of the `conf` / `electron-store` API the services use. */
export interface ConfLike {
  readonly store: Record<string, unknown>;
  set(key: string, value: unknown): void;
}

export interface SettingsService {
  read(): Settings;
  update(patch: Partial<Settings>): Settings;
}

/** Settings over a conf-compatible store, always read through the zod schema (defaults fill gaps). */
export function createSettings(store: ConfLike): SettingsService {
  const read = () => Settings.parse(store.store);
  return {
    read,
    update(patch) {
      const next = Settings.parse({ ...read(), ...patch });
      for (const [key, value] of Object.entries(next)) store.set(key, value);
      return next;
    },
  };
}
