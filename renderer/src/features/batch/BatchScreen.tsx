import { ErrorMessage, SuccessMessage } from '../../components/ui';
import { ImportsList } from './ImportsList';
import { ImportStep } from './ImportStep';
import { MappingSection } from './MappingSection';
import { OrdersSection } from './OrdersSection';
import { RunSection } from './RunSection';
import { useBatch } from './use-batch';
import { useT } from '../../i18n';

/**
 * Hundreds of labels from a CSV of orders: the imports kept, import, map, fix, run with
 * progress, results. The state lives in `useBatch`; the import steps are the ones station
 * mode's Load orders shows too.
 */
export function BatchScreen() {
  const { t } = useT('batch');
  const batch = useBatch();
  const { preview, run } = batch;
  return (
    <div className="batch stack">
      <div className="new-label-head">
        <h1>{t('screen.title')}</h1>
        <button type="button" onClick={() => void batch.downloadSample()}>
          {t('screen.downloadSample')}
        </button>
      </div>
      <SuccessMessage>{batch.message}</SuccessMessage>
      <ErrorMessage>{batch.error}</ErrorMessage>

      <ImportsList batch={batch} />
      <ImportStep batch={batch} preview={preview} />
      {preview && <MappingSection batch={batch} preview={preview} />}
      {preview && <OrdersSection batch={batch} preview={preview} />}
      {run && <RunSection batch={batch} run={run} />}
    </div>
  );
}
