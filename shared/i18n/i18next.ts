import i18next, { type i18n, type Resource } from 'i18next';
import type en from './locales/en/index';
import { LANGUAGES, type Language } from './languages';
import { NAMESPACES, type Namespace } from './namespaces';
import { isCatalogueKey, translateSchemaMessage } from './translate';

/**
 * One language's catalogue: every namespace's JSON (shared/i18n/locales/<language>/index.ts).
 * English's shape, less its plural keys a language does not have (Japanese and Chinese have no `_one`).
 */
export type Catalogue = { [N in keyof typeof en]: object };

/**
 * An i18next instance over the given catalogues (all of a language's namespaces, or none: the
 * renderer adds namespaces as screens need them), synchronously ready. Plurals follow
 * Intl.PluralRules (`key_one` / `key_other`; Japanese and Chinese have only `_other`),
 * interpolation is `{{name}}` and is not HTML-escaped (React escapes what it renders; PDFs and
 * main's sentences are not HTML). A key missing in a language falls back to English.
 */
export function createI18n(language: Language, catalogues: Partial<Record<Language, Catalogue>>): i18n {
  const instance = i18next.createInstance();
  const resources: Resource = {};
  for (const lang of LANGUAGES) {
    const catalogue = catalogues[lang];
    if (catalogue) resources[lang] = catalogue as Resource[string];
  }
  void instance.init({
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    // zh-Hans / zh-Hant are whole codes here, not a language plus region to strip.
    load: 'currentOnly',
    resources,
    partialBundledLanguages: true,
    ns: [...NAMESPACES],
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  return instance;
}

/** Adds one namespace of a language to an instance. */
export function addNamespace(instance: i18n, language: Language, ns: Namespace, entries: object): void {
  instance.addResourceBundle(language, ns, entries, true, true);
}

/**
 * Shared schemas carry catalogue keys as their error messages (`'settings:validation.accountName'`),
 * so one schema speaks every language: a message that is such a key is translated, and so is a
 * request schema's (English) message; any other text (zod's own) is shown as it is.
 */
export function translateMessage(instance: Pick<i18n, 't' | 'exists'>, message: string, values?: Record<string, unknown>): string {
  const tr = instance.t as unknown as (key: string, options?: Record<string, unknown>) => string;
  if (!isCatalogueKey(message)) return translateSchemaMessage(message, tr) ?? message;
  if (!instance.exists(message)) return message;
  return tr(message, values);
}
