import type { FormEvent } from 'react';
import { EnvironmentId } from '../../../../shared/domain/environment';
import { HistorySearchKind, TrackingStateFilter } from '../../../../shared/domain/labels';
import { SelectField, TextField } from '../../components/ui';
import { useAppState } from '../../app-state';
import { useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useT } from '../../i18n';
import { station } from '../../station';
import { PrintStateFilterField } from '../print-jobs/PrintStateFilterField';
import type { Filters } from './history-filters';

/** History's search form: the filters as typed, applied by Search (or Enter). */
export function HistoryFiltersForm({
  filters,
  onChange,
  onSearch,
  onClear,
}: {
  filters: Filters;
  onChange: (filters: Filters) => void;
  onSearch: () => void;
  onClear: () => void;
}) {
  const { t } = useT('history');
  const { info } = useAppState();
  const couriers = useQuery(queryKeys.couriers, () => station().catalog.couriers({}), { refetchOnMount: true });
  const courierList = couriers.data?.available ? couriers.data.items : null;
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch();
  };

  return (
    <form className="card filters" onSubmit={submit} aria-label={t('filters.form')}>
      <div className="history-filter-grid">
        <TextField
          label={t('filters.search')}
          type="search"
          value={filters.text}
          onChange={(e) => set({ text: e.target.value })}
          placeholder={t('filters.searchPlaceholder')}
        />
        <SelectField
          label={t('filters.searchIn')}
          value={filters.kind}
          onChange={(e) => set({ kind: e.target.value as HistorySearchKind })}
        >
          {HistorySearchKind.options.map((kind) => (
            <option key={kind} value={kind}>
              {t(`filters.kind.${kind}`)}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('filters.labelState')}
          value={filters.status}
          onChange={(e) => set({ status: e.target.value as Filters['status'] })}
        >
          <option value="">{t('filters.all')}</option>
          <option value="created">{t('labelState.created')}</option>
          <option value="failed">{t('labelState.failed')}</option>
        </SelectField>
        <PrintStateFilterField value={filters.printState} onChange={(printState) => set({ printState })} />
        <SelectField
          label={t('filters.environment')}
          value={filters.environment}
          onChange={(e) => set({ environment: e.target.value as Filters['environment'] })}
        >
          <option value="">{t('filters.all')}</option>
          {EnvironmentId.options.map((id) => (
            <option key={id} value={id}>
              {t(`environment.${id}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('filters.account')} value={filters.accountId} onChange={(e) => set({ accountId: e.target.value })}>
          <option value="">{t('filters.all')}</option>
          {(info?.accounts ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </SelectField>
        {courierList ? (
          <SelectField label={t('filters.courier')} value={filters.courier} onChange={(e) => set({ courier: e.target.value })}>
            <option value="">{t('filters.all')}</option>
            {filters.courier && !courierList.some((c) => c.code === filters.courier) && (
              <option value={filters.courier}>{filters.courier}</option>
            )}
            {courierList.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name ?? c.code}
              </option>
            ))}
          </SelectField>
        ) : (
          <TextField label={t('filters.courier')} value={filters.courier} onChange={(e) => set({ courier: e.target.value })} />
        )}
        <TextField label={t('filters.product')} value={filters.productCode} onChange={(e) => set({ productCode: e.target.value })} />
        <TextField
          label={t('filters.from')}
          type="date"
          value={filters.from}
          onChange={(e) => set({ from: e.target.value, range: null })}
        />
        <TextField label={t('filters.to')} type="date" value={filters.to} onChange={(e) => set({ to: e.target.value, range: null })} />
      </div>
      <TrackingStateField value={filters.tracking} onChange={(tracking) => set({ tracking })} />
      <div className="actions">
        <button type="submit" className="primary">
          {t('filters.submit')}
        </button>
        <button type="button" onClick={onClear}>
          {t('filters.clear')}
        </button>
      </div>
    </form>
  );
}

/** Tracking states by their names, any number ticked (none: every state); plain checkboxes, so Tab and Space work. */
function TrackingStateField({ value, onChange }: { value: TrackingStateFilter[]; onChange: (value: TrackingStateFilter[]) => void }) {
  const { t } = useT('history');
  const toggle = (state: TrackingStateFilter, on: boolean) =>
    onChange(TrackingStateFilter.options.filter((s) => (s === state ? on : value.includes(s))));
  return (
    <fieldset className="tracking-filter">
      <legend>{t('filters.tracking')}</legend>
      {TrackingStateFilter.options.map((state) => (
        <label key={state} className="check">
          <input type="checkbox" checked={value.includes(state)} onChange={(e) => toggle(state, e.target.checked)} />
          <span className={`tag tag-${state === 'untracked' ? 'Pending' : state}`}>{t(`tracking:tag.${state}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}
