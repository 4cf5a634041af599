import type en from './locales/en/index';
import type { Namespace } from './namespaces';
import { schemaMessage } from '../flexforward/schema-messages';

/**
 * The catalogues' format, which main reads with i18next (electron/core/i18n.ts) and the renderer
 * with this small reader (its size counts against the first-paint budget, scripts/size.mjs):
 * only `{{name}}` interpolation and plural keys (`key_one`, `key_other`, … chosen by
 * Intl.PluralRules on `count`), nothing else of i18next's syntax. test/unit/i18n-catalogues.test.ts
 * checks that no catalogue uses more, and that this reader and i18next give the same text for
 * every key in every language.
 */
type Catalogue = typeof en;
type Leaves<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}` }[keyof T & string];
type PluralBase<K extends string> = K extends `${infer B}_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}` ? B : K;
/** The keys of a namespace, plural keys by their base (`labels:created` for `created_one` / `created_other`). */
export type KeyOf<N extends Namespace> = PluralBase<Leaves<Catalogue[N]>>;
/** Keys a `t` of namespace N takes: its own, or another namespace's with its prefix. */
export type TKey<N extends Namespace> = KeyOf<N> | { [M in Namespace]: `${M}:${KeyOf<M>}` }[Namespace];
export type TValues = Record<string, string | number | null | undefined>;
export type Translate<N extends Namespace> = (key: TKey<N>, values?: TValues) => string;

export type Tree = { [key: string]: string | Tree };
/** Where a language's namespaces are: `lookup(language, ns)` → its tree, or undefined when not loaded. */
export type Lookup = (language: string, ns: Namespace) => Tree | undefined;

const rulesCache = new Map<string, Intl.PluralRules>();
const pluralRules = (language: string) => {
  let rules = rulesCache.get(language);
  if (!rules) rulesCache.set(language, (rules = new Intl.PluralRules(language)));
  return rules;
};

function at(tree: Tree | undefined, path: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of path.split('.')) {
    if (!node || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/** The text of `ns:key` in `language`, English when the language lacks it, the key itself when both do. */
export function translate(lookup: Lookup, language: string, ns: Namespace, key: string, values?: TValues): string {
  const colon = key.indexOf(':');
  const [space, path] = colon > 0 ? [key.slice(0, colon) as Namespace, key.slice(colon + 1)] : [ns, key];
  const count = values?.count;
  for (const lang of language === 'en' ? ['en'] : [language, 'en']) {
    const tree = lookup(lang, space);
    let text: string | undefined;
    if (typeof count === 'number') text = at(tree, `${path}_${pluralRules(lang).select(count)}`) ?? at(tree, `${path}_other`);
    text ??= at(tree, path);
    if (text !== undefined) return interpolate(text, values);
  }
  return path;
}

function interpolate(text: string, values: TValues | undefined): string {
  if (!values) return text;
  return text.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_whole, name: string) => {
    const value = values[name];
    return value === undefined || value === null ? '' : String(value);
  });
}

const KEY = /^[a-z][a-zA-Z]*:[a-zA-Z0-9_.]+$/;

/**
 * Shared schemas carry catalogue keys as their error messages (`'settings:validation.accountName'`),
 * so one schema speaks every language: a message that is such a key is translated where it is
 * shown, any other text (zod's own) as it is.
 */
export function isCatalogueKey(message: string): boolean {
  return KEY.test(message);
}

/**
 * A request schema's message (English, the API's words: shared/flexforward/schema-messages.ts) in
 * the language `tr` translates to: its catalogue key, each value that is a key (a field's name)
 * translated first. Undefined for any other text.
 */
export function translateSchemaMessage(message: string, tr: (key: string, values?: TValues) => string): string | undefined {
  const known = schemaMessage(message);
  if (!known) return undefined;
  const values = Object.fromEntries(Object.entries(known.values).map(([name, value]) => [name, isCatalogueKey(value) ? tr(value) : value]));
  return tr(known.key, values);
}
