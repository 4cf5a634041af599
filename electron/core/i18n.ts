import { createI18n, translateMessage } from '../../shared/i18n/i18next';
import type { Language } from '../../shared/i18n/languages';
import en from '../../shared/i18n/locales/en/index';
import ja from '../../shared/i18n/locales/ja/index';
import zhHans from '../../shared/i18n/locales/zh-Hans/index';
import zhHant from '../../shared/i18n/locales/zh-Hant/index';

/**
 * Main's sentences in the operator's language: operator errors (their `code` stays the same in
 * every language, only the sentence follows), notices, station-mode answers, and the text of
 * the PDFs main draws. All four catalogues are loaded at start (shared/i18n/locales/).
 *
 * The language is the station's one setting (Settings → Language, or the OS's at first start),
 * set by the station when it opens and whenever the preference changes (electron/core/station.ts).
 * One station runs per process, so it is held here rather than passed through every service.
 */
const instance = createI18n('en', { en, ja, 'zh-Hans': zhHans, 'zh-Hant': zhHant });
let current: Language = 'en';

export function setStationLanguage(language: Language): void {
  current = language;
  void instance.changeLanguage(language);
}

export function stationLanguage(): Language {
  return current;
}

/** Translate in the station's current language: `t('labels:errors.duplicate', { order })`. */
export const t = instance.t.bind(instance);

/** Translate in a given language (a PDF or export made for a language other than the screen's). */
export function tIn(language: Language): typeof t {
  return instance.getFixedT(language) as unknown as typeof t;
}

/** A schema message that is a catalogue key, in the station's language (other text as it is). */
export function translateStationMessage(message: string, values?: Record<string, unknown>): string {
  return translateMessage(instance, message, values);
}
