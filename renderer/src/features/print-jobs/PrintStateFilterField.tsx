import { PrintStateFilter } from '../../../../shared/domain/print-state';
import { SelectField } from '../../components/ui';
import { useT } from '../../i18n';

/** History's filter by print state. */
export function PrintStateFilterField({
  value,
  onChange,
}: {
  value: '' | PrintStateFilter;
  onChange: (value: '' | PrintStateFilter) => void;
}) {
  const { t } = useT('printing');
  return (
    <SelectField label={t('filter.label')} value={value} onChange={(e) => onChange(e.target.value as '' | PrintStateFilter)}>
      <option value="">{t('filter.all')}</option>
      {PrintStateFilter.options.map((state) => (
        <option key={state} value={state}>
          {t(`state.${state}`)}
        </option>
      ))}
    </SelectField>
  );
}
