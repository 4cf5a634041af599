import { useState } from 'react';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { useFormats } from '../../app-state';
import { ErrorMessage } from '../../components/ui';
import { useAction } from '../../data/hooks';
import { useT } from '../../i18n';
import { station } from '../../station';
import type { HistoryFilter } from './history-filters';

/** "Export CSV": the labels of the filter the list shows (every page), saved where the operator chooses. */
export function ExportButton({ filter }: { filter: HistoryFilter }) {
  const { t } = useT('history');
  const formats = useFormats();
  const [saved, setSaved] = useState<ChannelOutput<'labels:exportHistory'> | null>(null);
  const exporting = useAction((q: HistoryFilter) => station().labels.exportHistory(q), { onSuccess: setSaved });
  const run = () => {
    setSaved(null);
    exporting.clearError();
    void exporting.run(filter);
  };
  return (
    <div className="history-export">
      <button type="button" onClick={run} disabled={exporting.pending}>
        {exporting.pending ? t('export.busy') : t('export.button')}
      </button>
      {saved?.saved && saved.path && (
        <p role="status" className="success-box">
          {t('export.saved', { count: saved.rows, rows: formats.count(saved.rows), path: saved.path })}
        </p>
      )}
      <ErrorMessage>{exporting.error?.message}</ErrorMessage>
    </div>
  );
}
