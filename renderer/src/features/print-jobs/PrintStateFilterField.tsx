import { PrintStateFilter, printStateLabels } from '../../../../shared/domain/print-state';
import { SelectField } from '../../components/ui';

/** History's filter by print state. */
export function PrintStateFilterField({
  value,
  onChange,
}: {
  value: '' | PrintStateFilter;
  onChange: (value: '' | PrintStateFilter) => void;
}) {
  return (
    <SelectField label="Print state" value={value} onChange={(e) => onChange(e.target.value as '' | PrintStateFilter)}>
      <option value="">All</option>
      {PrintStateFilter.options.map((state) => (
        <option key={state} value={state}>
          {printStateLabels[state]}
        </option>
      ))}
    </SelectField>
  );
}
