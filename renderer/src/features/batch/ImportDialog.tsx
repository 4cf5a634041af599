import { keepTabInside } from '../../components/modal-focus';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { ErrorMessage } from '../../components/ui';
import { ImportsList } from './ImportsList';
import { ImportStep } from './ImportStep';
import { MappingSection } from './MappingSection';
import { OrdersSection } from './OrdersSection';
import { useBatch } from './use-batch';
import { useFormats } from '../../app-state';
import { useT } from '../../i18n';

/**
 * Station mode's Load orders: the same import steps as Batch (file, courier and product for the
 * whole file, the columns, the orders with their fixes), in a modal dialog over the station
 * screen; the import lands in the same list Batch shows. No run here: station mode creates
 * each order's label when it is scanned. Esc or Done closes it (focus stays inside meanwhile).
 */
export function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useT('batch');
  const { count } = useFormats();
  const batch = useBatch();
  const { preview } = batch;
  const dialogRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialogRef.current?.querySelector<HTMLElement>('input, select, button')?.focus();
  }, []);

  const onKey = (e: KeyboardEvent) => {
    // Station mode's own keys (F2, F4, F10, Esc) do not act behind the dialog.
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
    keepTabInside(e, dialogRef.current);
  };

  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className="modal card stack import-dialog"
        style={{ maxWidth: 1100 }}
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-dialog-title"
        onKeyDown={onKey}
      >
        <div className="new-label-head">
          <h2 id="import-dialog-title">{t('importDialog.title')}</h2>
          <button type="button" className="primary" onClick={onClose}>
            {preview
              ? t('importDialog.done', { count: preview.counts.ready, ready: count(preview.counts.ready) })
              : t('importDialog.close')}
          </button>
        </div>
        <p className="hint">{t('importDialog.hint')}</p>
        <ErrorMessage>{batch.error}</ErrorMessage>
        <ImportStep batch={batch} preview={preview} />
        {preview && <MappingSection batch={batch} preview={preview} />}
        {preview && <OrdersSection batch={batch} preview={preview} run={false} />}
        <ImportsList batch={batch} compact />
      </div>
    </div>
  );
}
