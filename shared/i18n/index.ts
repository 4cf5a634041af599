// The station's languages and catalogues, for main and the renderer alike. The renderer reads
// the catalogues with shared/i18n/translate.ts, main with i18next (shared/i18n/i18next.ts).
export { LANGUAGES, Language, LANGUAGE_NAMES, languageFromLocale, resolveLanguage, formatLocale, productNamesLocale } from './languages';
export { NAMESPACES, type Namespace } from './namespaces';
export { translate, isCatalogueKey, type KeyOf, type TKey, type TValues, type Translate } from './translate';
