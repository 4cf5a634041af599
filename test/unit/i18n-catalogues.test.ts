import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, NAMESPACES, translate, type Language, type Namespace } from '../../shared/i18n/index';
import { createI18n } from '../../shared/i18n/i18next';
import en from '../../shared/i18n/locales/en/index';
import ja from '../../shared/i18n/locales/ja/index';
import zhHans from '../../shared/i18n/locales/zh-Hans/index';
import zhHant from '../../shared/i18n/locales/zh-Hant/index';

// Every catalogue (shared/i18n/locales/<language>/<namespace>.json) has every key English has,
// with no placeholder English lacks; plural keys follow each language's plural rules.
const root = join(import.meta.dirname, '..', '..', 'shared', 'i18n', 'locales');
type Tree = { [key: string]: string | Tree };

const read = (language: Language, ns: string): Tree => JSON.parse(readFileSync(join(root, language, `${ns}.json`), 'utf8')) as Tree;

/** Flattened `a.b.c` → text. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const placeholders = (text: string) => new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!));

/** The keys a language needs for English's keys: a plural base needs each category of the language's plural rules. */
function requiredKeys(english: Map<string, string>, language: Language): Map<string, string> {
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  const required = new Map<string, string>();
  for (const [key, text] of english) {
    if (!PLURAL.test(key)) {
      required.set(key, text);
      continue;
    }
    const base = key.replace(PLURAL, '');
    const other = english.get(`${base}_other`) ?? text;
    for (const category of categories) required.set(`${base}_${category}`, english.get(`${base}_${category}`) ?? other);
  }
  return required;
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;

describe('catalogues', () => {
  it('has a file for every namespace in every language, and no others', () => {
    for (const language of LANGUAGES) {
      const files = readdirSync(join(root, language)).filter((f) => f.endsWith('.json'));
      expect(files.map((f) => f.replace(/\.json$/, '')).sort(), language).toEqual([...NAMESPACES].sort());
    }
  });

  for (const language of LANGUAGES.filter((l) => l !== 'en')) {
    for (const ns of NAMESPACES) {
      it(`${language}/${ns} has every key English has, with only English's placeholders`, () => {
        const english = flatten(read('en', ns));
        const translated = flatten(read(language, ns));
        const required = requiredKeys(english, language);
        const missing = [...required.keys()].filter((key) => !translated.has(key));
        expect(missing, `missing in ${language}/${ns}.json`).toEqual([]);
        const extraPlaceholders: string[] = [];
        for (const [key, text] of translated) {
          const englishText = required.get(key) ?? english.get(key);
          if (englishText === undefined) continue;
          const allowed = placeholders(englishText);
          for (const name of placeholders(text)) if (!allowed.has(name)) extraPlaceholders.push(`${key}: {{${name}}}`);
        }
        expect(extraPlaceholders, `placeholders ${language}/${ns}.json has that English lacks`).toEqual([]);
        const stale = [...translated.keys()].filter((key) => !required.has(key) && !english.has(key));
        expect(stale, `keys in ${language}/${ns}.json that English no longer has`).toEqual([]);
      });

      it(`${language}/${ns} is translated, not copied from English`, () => {
        // A sentence of three or more English words with no Japanese or Chinese in it was not translated.
        const english = flatten(read('en', ns));
        const copied = [...flatten(read(language, ns))].filter(
          ([key, text]) => !CJK.test(text) && /[A-Za-z]+ [A-Za-z]+ [A-Za-z]+/.test(text) && english.get(key) === text,
        );
        expect(copied.map(([key]) => key)).toEqual([]);
      });
    }
  }

  it('uses only the syntax both readers share: {{name}} and plural keys', () => {
    const odd: string[] = [];
    for (const language of LANGUAGES) {
      for (const ns of NAMESPACES) {
        for (const [key, text] of flatten(read(language, ns))) {
          // i18next nesting ($t), formats ({{x, number}}), and unescaped {{- x}} are not read by shared/i18n/translate.ts.
          if (/\$t\(|\{\{[^}]*,[^}]*\}\}|\{\{-/.test(text)) odd.push(`${language}/${ns}:${key}`);
          if (/_(zero|one|two|few|many|other)$/.test(key) === false && /_(male|female)$/.test(key)) odd.push(`${language}/${ns}:${key}`);
        }
      }
    }
    expect(odd).toEqual([]);
  });

  it('the renderer’s reader and i18next (main) give the same text for every key in every language', () => {
    const catalogues = { en, ja, 'zh-Hans': zhHans, 'zh-Hant': zhHant } as const;
    const all = Object.fromEntries(LANGUAGES.map((l) => [l, createI18n(l, catalogues)]));
    const lookup = (language: string, ns: Namespace) => (catalogues as Record<string, Record<string, Tree>>)[language]?.[ns];
    let compared = 0;
    for (const language of LANGUAGES) {
      for (const ns of NAMESPACES) {
        const keys = new Set([...flatten(read('en', ns)).keys()].map((k) => k.replace(PLURAL, '')));
        for (const key of keys) {
          const names = new Set(
            [...flatten(read('en', ns))].filter(([k]) => k.replace(PLURAL, '') === key).flatMap(([, t]) => [...placeholders(t)]),
          );
          for (const count of names.has('count') ? [0, 1, 2, 5, 21] : [undefined]) {
            const values: Record<string, string | number> = Object.fromEntries([...names].map((n) => [n, `<${n}>`]));
            if (count !== undefined) values.count = count;
            const viaI18next = (all[language]!.t as unknown as (k: string, o: object) => string)(`${ns}:${key}`, values);
            expect(translate(lookup, language, ns, key, values), `${language} ${ns}:${key}`).toBe(viaI18next);
            compared += 1;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('English uses plural forms where it counts ({{count}} with _one and _other)', () => {
    for (const ns of NAMESPACES) {
      const english = flatten(read('en', ns));
      for (const [key, text] of english) {
        if (!placeholders(text).has('count') || PLURAL.test(key)) continue;
        // A count in a sentence needs both forms; "{{count}} of {{total}}"-style labels may opt out by not using "count".
        expect.soft(key, `${ns}:${key} takes {{count}} but has no _one/_other forms`).toMatch(PLURAL);
      }
    }
  });
});
