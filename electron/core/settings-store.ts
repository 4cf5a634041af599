import { existsSync, readdirSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { defaultBaseUrls, originOf } from '../../shared/domain/environment';
import { SETTINGS_VERSION, Settings } from '../../shared/domain/settings';
import type { Logger } from './logger';
import { t } from './i18n';

/** The part of the `conf` / `electron-store` API the station uses. */
export interface ConfLike {
  store: Record<string, unknown>;
}

/** A value that cannot be changed, all the way down (what `view()` hands out). */
export type Frozen<T> = T extends (...args: never[]) => unknown ? T : T extends object ? { readonly [K in keyof T]: Frozen<T[K]> } : T;

export interface SettingsService {
  /** A copy of the settings, the caller's to change (as a draft, or to hand on). */
  read(): Settings;
  /**
   * The settings as last written, frozen and not copied: for reading a field or two, as the
   * scan path does dozens of times per scan (a copy costs ~15 us each).
   */
  view(): Frozen<Settings>;
  /** Applies a change to a copy of the settings, validates the result, saves it and returns it. */
  update(change: (draft: Settings) => void): Settings;
  /** The message for the operator when the settings file had to be reset at start-up (once). */
  takeNotice(): string | null;
  /** Adds a message for the operator (the label history was moved aside, …); takeNotice() returns it once. */
  addNotice(message: string): void;
}

type Raw = Record<string, unknown>;

/**
 * Versioned migrations: `up` turns a file of version `to - 1` into version `to`. Version 0 is
 * the unversioned file of the first release (only `activeEnvironment`).
 */
export const migrations: { to: number; up: (raw: Raw) => Raw }[] = [
  { to: 1, up: (raw) => ({ ...raw, schemaVersion: 1 }) },
  // Tokens became bound to the API origin they may be sent to (token-vault.ts). A token saved
  // before then was in use with the environment's address of the time: bind it to that one.
  { to: 2, up: (raw) => ({ ...raw, schemaVersion: 2, environments: bindLegacyTokens(raw.environments) }) },
  // The product-names language (`preferences.locale`: en, ja, zh) became the station's language
  // (`preferences.language`). Japanese or Chinese chosen for product names is kept as the
  // station's language; English, the old default, means "follow the operating system".
  { to: 3, up: (raw) => ({ ...raw, schemaVersion: 3, preferences: languageFromProductLocale(raw.preferences) }) },
  // Workgroups (issue 18): a station starts on its own (`workgroup: null`). Its password is in
  // the keychain, never here (electron/core/workgroup/password.ts).
  { to: 4, up: (raw) => ({ ...raw, schemaVersion: 4, workgroup: null }) },
];

function languageFromProductLocale(raw: unknown): Raw {
  const preferences: Raw = raw && typeof raw === 'object' ? { ...(raw as Raw) } : {};
  const { locale, ...rest } = preferences;
  return { ...rest, language: locale === 'ja' ? 'ja' : locale === 'zh' ? 'zh-Hans' : null };
}

function bindLegacyTokens(raw: unknown): Raw {
  const environments: Raw = raw && typeof raw === 'object' ? { ...(raw as Raw) } : {};
  const fallback: Record<string, string> = { ...defaultBaseUrls, custom: '' };
  for (const id of ['development', 'production', 'custom']) {
    const env: Raw = environments[id] && typeof environments[id] === 'object' ? { ...(environments[id] as Raw) } : {};
    if (typeof env.baseUrl !== 'string') env.baseUrl = fallback[id]!;
    env.tokenOrigin = originOf(env.baseUrl as string);
    environments[id] = env;
  }
  return environments;
}

export interface OpenSettingsOptions {
  /** Where the store keeps its file, so a corrupt one can be moved aside. */
  filePath: string;
  /** Creates the store (electron-store in the app, Conf in tests). May throw on a corrupt file. */
  open: () => ConfLike;
  logger: Logger;
  now?: () => Date;
}

/**
 * Opens the settings with migrations and recovery: a file that is not JSON, fails the schema,
 * or comes from a newer version is moved aside (never deleted), defaults load, and
 * `takeNotice()` tells the operator where the old file went. The app never crashes on it.
 */
export function openSettings({ filePath, open, logger, now = () => new Date() }: OpenSettingsOptions): SettingsService {
  removeStaleTempFiles(filePath, now(), logger);
  const notices: string[] = [];
  const moveAside = (reason: string) => {
    const aside = join(dirname(filePath), `${basename(filePath, '.json')}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}.json`);
    if (existsSync(filePath)) renameSync(filePath, aside);
    logger.warn('settings.reset', { reason, movedTo: aside });
    notices.push(t('errors:settingsFile.reset', { reason, file: aside }));
  };

  let store: ConfLike;
  try {
    store = open();
  } catch (error) {
    moveAside(t('errors:settingsFile.notJson'));
    logger.warn('settings.open_failed', { error });
    store = open();
  }

  const raw = store.store;
  const version = typeof raw.schemaVersion === 'number' ? raw.schemaVersion : 0;
  let settings: Settings;
  if (version > SETTINGS_VERSION) {
    moveAside(t('errors:settingsFile.newer', { version }));
    settings = Settings.parse({});
  } else {
    const migrated = migrations.filter((m) => m.to > version).reduce((acc, m) => m.up(acc), raw);
    const parsed = Settings.safeParse(migrated);
    if (parsed.success) {
      settings = parsed.data;
    } else {
      const where = parsed.error.issues[0]?.path.join('.') || t('errors:settingsFile.topLevel');
      moveAside(t('errors:settingsFile.invalidValue', { where }));
      settings = Settings.parse({});
    }
  }
  store.store = settings;

  // The settings as last written: this service is the file's only writer while the station runs,
  // so a read is a copy of them, not a read of the file and a parse (a scan reads them ~40 times).
  // read() copies, so a caller that changes what it got changes nothing else; view() hands out
  // the frozen original.
  let current = deepFreeze(settings);
  return {
    read: () => structuredClone(current) as Settings,
    view: () => current,
    update(change) {
      const draft = structuredClone(current) as Settings;
      change(draft);
      const next = Settings.parse(draft);
      // A write that fails (a full disk) throws here, and the settings stay what they were.
      store.store = next;
      current = deepFreeze(structuredClone(next));
      return next;
    },
    takeNotice() {
      if (notices.length === 0) return null;
      return notices.splice(0).join(' ');
    },
    addNotice(message) {
      notices.push(message);
    },
  };
}

/**
 * The temporary file conf (electron-store) writes before renaming it over settings.json:
 * its `atomically` dependency names it `<file>.tmp-<10 digits><6 hex>` (Temp.create in atomically's utils/temp.js).
 */
const tempFilePattern = (file: string) => new RegExp(`^${basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.tmp-\\d{10}[a-f0-9]{6}$`);

/**
 * A crash between that write and the rename leaves the temporary file behind, and every such
 * crash adds one. Those older than this start are removed (a newer one could be another
 * process's write in progress).
 */
function removeStaleTempFiles(filePath: string, startedAt: Date, logger: Logger) {
  const pattern = tempFilePattern(filePath);
  let names: string[];
  try {
    names = readdirSync(dirname(filePath));
  } catch {
    return; // No folder yet: a first start.
  }
  for (const name of names.filter((n) => pattern.test(n))) {
    const path = join(dirname(filePath), name);
    try {
      if (statSync(path).mtimeMs >= startedAt.getTime()) continue;
      unlinkSync(path);
      logger.info('settings.temp_removed', { file: path });
    } catch (error) {
      logger.warn('settings.temp_remove_failed', { file: path, error });
    }
  }
}

/** Freezes a plain value (objects and arrays, as parsed from JSON) all the way down. */
function deepFreeze<T>(value: T): Frozen<T> {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value as Frozen<T>;
}
