import { useEffect, useState } from 'react';
import { PdfPage } from '../../components/PdfPage';
import { ErrorMessage } from '../../components/ui';
import { useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { station } from '../../station';

/**
 * Shows a label's stored document: PDF pages rendered with pdf.js on a canvas, PNG as an
 * image. The bytes come from main (which downloaded them once); nothing here touches the network.
 */
export function DocumentPreview({ labelId }: { labelId: string }) {
  // Transient: documents are large, and each preview asks main (which reads its stored copy) anew.
  const answer = useQuery(queryKeys.document(labelId), () => station().labels.document({ id: labelId }), { transient: true });
  const doc = answer.data ?? null;
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [pages, setPages] = useState(0);
  useEffect(() => setPreviewError(null), [labelId]);

  const error = answer.error?.message ?? previewError;
  if (error) return <ErrorMessage>{error}</ErrorMessage>;
  if (!doc) return <p role="status">Loading the label…</p>;
  return (
    <figure className="label-preview" aria-label="Label preview">
      {doc.format === 'pdf' ? (
        <PdfPage
          base64={doc.base64}
          label="PDF label"
          onPages={setPages}
          onError={(m) => setPreviewError(`The label could not be shown: ${m}`)}
        />
      ) : (
        <img src={`data:image/png;base64,${doc.base64}`} alt="PNG label" />
      )}
      <figcaption className="hint">
        {doc.format.toUpperCase()} label{pages > 1 ? `, page 1 of ${pages}` : ''}
      </figcaption>
    </figure>
  );
}
