// Renderer tests render single components without the shell that loads their words: every
// English namespace is there from the start (the same catalogue main uses).
import { NAMESPACES } from '../../shared/i18n/index';
import en from '../../shared/i18n/locales/en/index';
import { provideNamespace } from '../../renderer/src/i18n';

for (const ns of NAMESPACES) provideNamespace('en', ns, en[ns]);
