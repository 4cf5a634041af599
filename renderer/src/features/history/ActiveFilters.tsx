import { DEFAULT_NOT_MOVING_DAYS } from '../../../../shared/domain/labels';
import { useAppState, useTimes } from '../../app-state';
import { useT } from '../../i18n';
import { noFilters, type Filters } from './history-filters';

interface Chip {
  key: string;
  text: string;
  /** The filters without this one. */
  without: Partial<Filters>;
}

/**
 * The filters the list shows, as a sentence of chips ("Showing: Print failed ×"), each removable
 * on its own: a screen that opened History with a filter (Today's tiles) says what it shows,
 * including filters the form has no field for (attention).
 */
export function ActiveFilters({ applied, onRemove }: { applied: Filters; onRemove: (without: Partial<Filters>) => void }) {
  const { t } = useT('history');
  const times = useTimes();
  const { info } = useAppState();
  const chips: Chip[] = [];
  const add = (key: string, text: string, without: Partial<Filters>) => chips.push({ key, text, without });

  if (applied.attention) {
    const text =
      applied.attention === 'not_moving'
        ? t('attention.not_moving', { count: applied.notMovingDays ?? DEFAULT_NOT_MOVING_DAYS })
        : t(`attention.${applied.attention}`);
    add('attention', text, { attention: undefined, notMovingDays: undefined });
  }
  const text = applied.text.trim();
  if (text) {
    const chip =
      applied.kind === 'any' ? t('active.searchAny', { text }) : t('active.search', { text, field: t(`filters.kind.${applied.kind}`) });
    add('search', chip, { text: '', kind: 'any' });
  }
  if (applied.status) add('status', t('active.labelState', { state: t(`labelState.${applied.status}`) }), { status: '' });
  if (applied.printState) add('printState', t('active.printState', { state: t(`printState.${applied.printState}`) }), { printState: '' });
  if (applied.tracking.length) {
    const states = applied.tracking.map((s) => t(`tracking:tag.${s}`)).join(t('active.listSeparator'));
    add('tracking', t('active.tracking', { states }), { tracking: [] });
  }
  if (applied.courier.trim()) add('courier', t('active.courier', { courier: applied.courier.trim() }), { courier: '' });
  if (applied.productCode.trim()) add('product', t('active.product', { product: applied.productCode.trim() }), { productCode: '' });
  if (applied.environment)
    add('environment', t('active.environment', { environment: t(`environment.${applied.environment}`) }), { environment: '' });
  if (applied.accountId) {
    const account = info?.accounts.find((a) => a.id === applied.accountId)?.name ?? applied.accountId;
    add('account', t('active.account', { account }), { accountId: '' });
  }
  const day = (d: string) => {
    const range = times.day(d);
    return range ? times.date(range.start) : d;
  };
  if (applied.from) add('from', t('active.from', { date: day(applied.from) }), { from: '' });
  else if (applied.range?.from !== undefined)
    add('from', t('active.from', { date: times.dateTime(applied.range.from) }), { range: { ...applied.range, from: undefined } });
  if (applied.to) add('to', t('active.to', { date: day(applied.to) }), { to: '' });
  else if (applied.range?.to !== undefined)
    add('to', t('active.to', { date: times.dateTime(applied.range.to) }), { range: { ...applied.range, to: undefined } });

  if (chips.length === 0) return null;
  return (
    <div className="active-filters" role="region" aria-label={t('active.region')}>
      <span className="active-filters-lead">{t('active.showing')}</span>
      <ul>
        {chips.map((chip) => (
          <li key={chip.key} className="filter-chip">
            <span>{chip.text}</span>
            <button type="button" onClick={() => onRemove(chip.without)} aria-label={t('active.remove', { filter: chip.text })}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {chips.length > 1 && (
        <button type="button" className="link-button" onClick={() => onRemove(noFilters)}>
          {t('active.showAll')}
        </button>
      )}
    </div>
  );
}
