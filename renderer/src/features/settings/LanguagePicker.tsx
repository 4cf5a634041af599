import { LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../../shared/i18n/index';
import { useAppState } from '../../app-state';
import { ErrorMessage, SelectField } from '../../components/ui';
import { useSettingsChange } from '../../data/queries';
import { useT } from '../../i18n';
import { station } from '../../station';

/**
 * The station's language (screens, main's messages, the PDFs it draws, product names): changes
 * at once, no restart. Each language is listed in itself, so anyone can find their own.
 */
export function LanguagePicker({ label }: { label?: string }) {
  const { t } = useT('common');
  const { info } = useAppState();
  const change = useSettingsChange();
  if (!info) return null;
  return (
    <div className="language-picker">
      <SelectField
        label={label ?? t('language.label')}
        value={info.language}
        disabled={change.pending}
        onChange={(e) => void change.run(() => station().settings.setPreferences({ language: e.target.value as Language }))}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </SelectField>
      <ErrorMessage>{change.error?.message}</ErrorMessage>
    </div>
  );
}
