import { useEffect, useState } from 'react';
import type { IpcError } from '../../../../shared/ipc/result';
import { PdfPage } from '../../components/PdfPage';
import { ErrorMessage } from '../../components/ui';
import { station } from '../../station';

/**
 * Shows a label's stored document: PDF pages rendered with pdf.js on a canvas, PNG as an
 * image. The bytes come from main (which downloaded them once); nothing here touches the network.
 */
export function DocumentPreview({ labelId }: { labelId: string }) {
  const [doc, setDoc] = useState<{ format: 'pdf' | 'png'; base64: string } | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [pages, setPages] = useState(0);

  useEffect(() => {
    let live = true;
    setDoc(null);
    setError(null);
    void station()
      .labels.document({ id: labelId })
      .then((r) => {
        if (!live) return;
        if (r.ok) setDoc(r.value);
        else setError(r.error);
      });
    return () => {
      live = false;
    };
  }, [labelId]);

  if (error) return <ErrorMessage>{error.message}</ErrorMessage>;
  if (!doc) return <p role="status">Loading the label…</p>;
  return (
    <figure className="label-preview" aria-label="Label preview">
      {doc.format === 'pdf' ? (
        <PdfPage base64={doc.base64} label="PDF label" onPages={setPages} onError={(m) => setError({ code: 'preview_failed', message: `The label could not be shown: ${m}` })} />
      ) : <img src={`data:image/png;base64,${doc.base64}`} alt="PNG label" />}
      <figcaption className="hint">
        {doc.format.toUpperCase()} label{pages > 1 ? `, page 1 of ${pages}` : ''}
      </figcaption>
    </figure>
  );
}
