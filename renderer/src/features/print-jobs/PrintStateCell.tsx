import type { LabelRecord } from '../../../../shared/domain/labels';
import type { PrintJobRecord } from '../../../../shared/domain/printing';
import { useT } from '../../i18n';
import { ReprintOn } from './ReprintOn';
import './print-jobs.css';

/**
 * History's print column: the state of the label's newest print job (printed, failed, waiting
 * at the printer, sent but not confirmed, or never printed), why, and "Reprint on…". A failed
 * print stays shown as failed until a reprint prints.
 */
export function PrintStateCell({ label, onSent }: { label: LabelRecord; onSent?: (job: PrintJobRecord) => void }) {
  const { t } = useT('printing');
  if (label.status !== 'created') return <span className="hint">—</span>;
  const state = label.print?.state ?? 'never';
  const what = label.customerOrderNumber ?? label.trackingNumber ?? label.id;
  return (
    <div className="print-state" data-testid="print-state">
      <span className={`tag tag-print-${state}`} title={label.print?.message ?? undefined}>
        {t(`state.${state}`)}
      </span>
      {label.print && <span className="hint">{t('stateCell.on', { printer: label.print.printer })}</span>}
      {label.print?.message && (state === 'failed' || state === 'waiting') && <span className="hint">{label.print.message}</span>}
      <ReprintOn labelIds={[label.id]} what={what} onSent={onSent} />
    </div>
  );
}
