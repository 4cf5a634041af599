import type { BatchState } from './use-batch';
import { useFormats, useTimes } from '../../app-state';
import { useT } from '../../i18n';

/** The imports main keeps (they survive leaving the screen and a restart): open one, or take it off the list. */
export function ImportsList({ batch, compact = false }: { batch: BatchState; compact?: boolean }) {
  const { t } = useT('batch');
  const { count } = useFormats();
  const { dateTime: when } = useTimes();
  const { imports, preview } = batch;
  if (!imports || imports.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="batch-imports">
      <h2 id="batch-imports">{t('imports.heading')}</h2>
      {!compact && <p className="hint">{t('imports.hint')}</p>}
      <table className="table" data-testid="imports-list">
        <caption className="sr-only">{t('imports.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('imports.file')}</th>
            <th scope="col">{t('imports.imported')}</th>
            <th scope="col">{t('imports.orders')}</th>
            <th scope="col">{t('imports.ready')}</th>
            <th scope="col">{t('imports.labelled')}</th>
            <th scope="col">
              <span className="sr-only">{t('imports.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {imports.map((i) => (
            <tr key={i.importId} aria-current={preview?.importId === i.importId ? 'true' : undefined}>
              <td>{i.fileName}</td>
              <td>{when(i.createdAt)}</td>
              <td>{count(i.orders)}</td>
              <td>{count(i.ready)}</td>
              <td>{count(i.labelled)}</td>
              <td className="actions">
                <button type="button" onClick={() => void batch.openImport(i.importId)} disabled={preview?.importId === i.importId}>
                  {preview?.importId === i.importId ? t('imports.onScreen') : t('imports.open')}
                </button>
                <button
                  type="button"
                  aria-label={t('imports.removeLabel', { file: i.fileName })}
                  onClick={() => void batch.removeImport(i.importId)}
                >
                  {t('imports.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
