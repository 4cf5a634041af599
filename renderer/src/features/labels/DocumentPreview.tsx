import { useEffect, useState } from 'react';
import { PdfPage } from '../../components/PdfPage';
import { ErrorMessage } from '../../components/ui';
import { useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useT } from '../../i18n';
import { station } from '../../station';

/**
 * Shows a label's stored document: PDF pages rendered with pdf.js on a canvas, PNG as an
 * image. The bytes come from main (which downloaded them once); nothing here touches the network.
 */
export function DocumentPreview({ labelId }: { labelId: string }) {
  const { t } = useT('labels');
  // Transient: documents are large, and each preview asks main (which reads its stored copy) anew.
  const answer = useQuery(queryKeys.document(labelId), () => station().labels.document({ id: labelId }), { transient: true });
  const doc = answer.data ?? null;
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [pages, setPages] = useState(0);
  useEffect(() => setPreviewError(null), [labelId]);

  const error = answer.error?.message ?? previewError;
  if (error) return <ErrorMessage>{error}</ErrorMessage>;
  if (!doc) return <p role="status">{t('preview.loading')}</p>;
  return (
    <figure className="label-preview" aria-label={t('preview.name')}>
      {doc.format === 'pdf' ? (
        <PdfPage
          base64={doc.base64}
          label={t('preview.pdf')}
          onPages={setPages}
          onError={(reason) => setPreviewError(t('preview.failed', { reason }))}
        />
      ) : (
        <img src={`data:image/png;base64,${doc.base64}`} alt={t('preview.png')} />
      )}
      <figcaption className="hint">
        {pages > 1
          ? t('preview.captionPages', { format: doc.format.toUpperCase(), pages })
          : t('preview.caption', { format: doc.format.toUpperCase() })}
      </figcaption>
    </figure>
  );
}
