import 'i18next';
import type en from './locales/en/index';

// Keys are checked by the type checker against the English catalogue: `t('labels:create')`
// with a key English lacks does not compile.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: typeof en;
    returnNull: false;
  }
}
