import { useEffect, useState } from 'react';
import { MAX_PRINT_LABELS } from '../../../../shared/domain/labels';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { useFormats } from '../../app-state';
import { ErrorMessage } from '../../components/ui';
import { useAction } from '../../data/hooks';
import { useT } from '../../i18n';
import { station } from '../../station';
import { PrintButton } from '../printing/PrintButton';
import { selectableFilter, type HistoryFilter } from './history-filters';

type Matching = ChannelOutput<'labels:historyIds'> & { key: string };

/**
 * What is picked and what can be done with it (print all as one job, in the order picked). With
 * every label of the page picked and more pages to come, it offers "Select all N matching" (as
 * Gmail does): every created label of the filter, not just the page, counted by main. Main
 * returns at most one print job's labels (HISTORY_SELECT_CAP) and counts up to 10,000.
 */
export function SelectionBar({
  selected,
  onSelect,
  filter,
  pageAllPicked,
  morePages,
}: {
  selected: string[];
  onSelect: (ids: string[]) => void;
  filter: HistoryFilter;
  pageAllPicked: boolean;
  morePages: boolean;
}) {
  const { t } = useT('history');
  const formats = useFormats();
  const selectable = selectableFilter(filter);
  const key = JSON.stringify(selectable);
  const [matching, setMatching] = useState<Matching | null>(null);
  const count = useAction((q: HistoryFilter, _key: string) => station().labels.historyIds(q), {
    onSuccess: (value, _q, k) => setMatching({ ...value, key: k }),
  });
  const { run, pending } = count;
  const current = matching?.key === key ? matching : null;
  const offer = pageAllPicked && morePages && selectable !== null;
  // Counted only once the operator shows they want more than the page (a count of millions is not free).
  useEffect(() => {
    if (offer && selectable && matching?.key !== key) void run(selectable, key);
    // `selectable` is the filter `key` names.
  }, [offer, key, run, matching?.key]);

  if (selected.length === 0) return null;
  const allMatching = current !== null && selected.length === current.ids.length && current.ids.every((id) => selected.includes(id));
  const shown = formats.count(selected.length);
  return (
    <div className="selection-bar" role="region" aria-label={t('selection.region')}>
      <span>
        {!allMatching
          ? t('selection.count', { count: selected.length, shown })
          : !current.capped
            ? t('selection.allMatching', { count: selected.length, shown })
            : t(current.moreThanTotal ? 'selection.firstSelectedOfMore' : 'selection.firstSelected', {
                shown,
                total: formats.count(current.total),
              })}
      </span>
      {offer && !allMatching && pending && <span className="hint">{t('selection.finding')}</span>}
      {offer && !allMatching && current && current.ids.length > selected.length && (
        <button type="button" className="link-button" onClick={() => onSelect(current.ids)}>
          {current.capped
            ? t(current.moreThanTotal ? 'selection.selectFirstOfMore' : 'selection.selectFirst', {
                shown: formats.count(current.ids.length),
                total: formats.count(current.total),
              })
            : t('selection.selectAll', { count: current.total, shown: formats.count(current.total) })}
        </button>
      )}
      {selected.length <= MAX_PRINT_LABELS ? (
        <PrintButton key={selected.join(',')} labelIds={selected} label={t('selection.printAll', { count: selected.length, shown })} />
      ) : (
        <span className="hint">{t('selection.tooMany', { max: formats.count(MAX_PRINT_LABELS) })}</span>
      )}
      <button type="button" onClick={() => onSelect([])}>
        {t('selection.clear')}
      </button>
      <ErrorMessage>{count.error?.message}</ErrorMessage>
    </div>
  );
}
