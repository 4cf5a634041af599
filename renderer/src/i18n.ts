import { useMemo, useSyncExternalStore } from 'react';
import { languageFromLocale, type Language, type Namespace } from '../../shared/i18n/index';
import {
  isCatalogueKey,
  translate,
  translateSchemaMessage,
  type Translate,
  type Tree,
  type TKey,
  type TValues,
} from '../../shared/i18n/translate';
import { importAgain } from './lib/import-again';
import common from '../../shared/i18n/locales/en/common.json';
import errors from '../../shared/i18n/locales/en/errors.json';
import labels from '../../shared/i18n/locales/en/labels.json';
import onboarding from '../../shared/i18n/locales/en/onboarding.json';
import printing from '../../shared/i18n/locales/en/printing.json';
// The first-start screen's token form and the header's environment names are Settings' words.
import settings from '../../shared/i18n/locales/en/settings.json';
import shell from '../../shared/i18n/locales/en/shell.json';
import tracking from '../../shared/i18n/locales/en/tracking.json';

/**
 * The screens' words, from the catalogues main reads too (shared/i18n/locales/), read by the
 * small reader of shared/i18n/translate.ts rather than i18next: the catalogues use only
 * interpolation and plurals, and i18next's 17 kB would not fit the first-paint budget
 * (scripts/size.mjs, 150 kB). test/unit/i18n-catalogues.test.ts holds both readers to the same text.
 *
 * Each namespace of each language is a chunk of its own. English for New label and the
 * first-start screen is in the first bundle; another language's are fetched before the first
 * paint; every lazy screen loads its namespaces with its code (features/shell/LazyScreen.tsx).
 * The language is main's (app:info `language`): the shell calls `switchLanguage` with it, and
 * every `useT` renders again on a change.
 */
const trees = new Map<string, Tree>();
const FIRST_PAINT_EN = { common, shell, onboarding, labels, printing, tracking, errors, settings } as Record<string, Tree>;
for (const [ns, tree] of Object.entries(FIRST_PAINT_EN)) trees.set(`en/${ns}`, tree);
export const FIRST_PAINT = Object.keys(FIRST_PAINT_EN) as Namespace[];

let language: Language = 'en';
const chunkLoaders = import.meta.glob<{ default: Tree }>('../../shared/i18n/locales/*/*.json');
const wanted = new Set<Namespace>(FIRST_PAINT);
const loading = new Map<string, Promise<void>>();

function loadOne(lang: Language, ns: Namespace): Promise<void> {
  const key = `${lang}/${ns}`;
  let pending = loading.get(key);
  if (!pending) {
    const loadChunk = chunkLoaders[`../../shared/i18n/locales/${key}.json`];
    pending =
      trees.has(key) || !loadChunk
        ? Promise.resolve()
        : importAgain(loadChunk).then((module) => {
            trees.set(key, module.default);
            changed();
          });
    // A chunk that failed to load is tried again next time (under a fresh URL, lib/import-again.ts).
    pending.catch(() => loading.delete(key));
    loading.set(key, pending);
  }
  return pending;
}

/** Loads namespaces in the current language, and in English (a key a language lacks falls back to it). */
export async function loadNamespaces(namespaces: readonly Namespace[]): Promise<void> {
  for (const ns of namespaces) wanted.add(ns);
  await Promise.all(namespaces.flatMap((ns) => [loadOne('en', ns), language === 'en' ? null : loadOne(language, ns)]));
}

/** Switches every screen to a language, after loading what is already in use in it. */
export async function switchLanguage(next: Language): Promise<void> {
  await Promise.all([...wanted].flatMap((ns) => [loadOne('en', ns), loadOne(next, ns)]));
  language = next;
  document.documentElement.lang = next;
  changed();
  // A screen that opened while this switch was loading asked for its namespaces in the old language.
  void Promise.all([...wanted].map((ns) => loadOne(next, ns)));
}

/** Whether a namespace is there in English and in the screens' language. */
const ready = (ns: Namespace) => trees.has(`en/${ns}`) && (language === 'en' || trees.has(`${language}/${ns}`));

/** Before app:info arrives: the browser's (in Electron, the operating system's) language. */
export function firstLanguage(): Language {
  return languageFromLocale(navigator.language);
}

/** The screens' language now. */
export const currentLanguage = (): Language => language;

/** Translate outside a component (a message built in a hook): `translateNow('labels', 'create')`. */
export function translateNow<N extends Namespace>(ns: N, key: TKey<N>, values?: TValues): string {
  if (!ready(ns)) void loadNamespaces([ns]);
  return translate((lang, space) => trees.get(`${lang}/${space}`), language, ns, key, values);
}

/**
 * A message that may be a catalogue key (shared schemas carry keys as their error messages,
 * `'settings:validation.accountName'`): its text in the screens' language; any other text as it is.
 */
export function messageText(message: string, values?: TValues): string {
  // The request schemas' messages are the API's English, registered under catalogue keys.
  if (!isCatalogueKey(message)) return translateSchemaMessage(message, (key, v) => messageText(key, v)) ?? message;
  const ns = message.slice(0, message.indexOf(':')) as Namespace;
  return translateNow(ns, message as TKey<Namespace>, values);
}

let version = 0;
const listeners = new Set<() => void>();
function changed() {
  version += 1;
  for (const listener of listeners) listener();
}
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** For tests: a namespace's tree given directly (renderer tests render components on their own). */
export function provideNamespace(lang: Language, ns: Namespace, tree: Tree): void {
  trees.set(`${lang}/${ns}`, tree);
  changed();
}

/**
 * `const { t } = useT('labels')`: one namespace's words, keys checked against English by the
 * type checker (`t('create')`, or another namespace's with its prefix: `t('common:language.label')`),
 * values interpolated (`t('created', { count: 3 })`). A namespace not loaded yet is fetched, and
 * the component renders again when it arrives.
 */
export function useT<N extends Namespace>(ns: N): { t: Translate<N>; language: Language } {
  const current = useSyncExternalStore(subscribe, () => version);
  if (!ready(ns)) void loadNamespaces([ns]);
  // A new t for every change (`current`), so memoised children that take it render again too.
  const t = useMemo<Translate<N>>(
    () => (key, values) => translate((lang, space) => trees.get(`${lang}/${space}`), language, ns, key, values),
    [ns, current],
  );
  return { t, language };
}
