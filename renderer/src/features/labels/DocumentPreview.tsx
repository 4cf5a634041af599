import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import type { IpcError } from '../../../../shared/ipc/result';
import { ErrorMessage } from '../../components/ui';
import { station } from '../../station';

// The worker is bundled with the app and served from 'self' (the CSP allows nothing else).
GlobalWorkerOptions.workerSrc = workerUrl;

const base64ToBytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

/**
 * Shows a label's stored document: PDF pages rendered with pdf.js on a canvas, PNG as an
 * image. The bytes come from main (which downloaded them once); nothing here touches the network.
 */
export function DocumentPreview({ labelId }: { labelId: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
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

  useEffect(() => {
    if (doc?.format !== 'pdf' || !canvasRef.current) return;
    let cancelled = false;
    const task = getDocument({ data: base64ToBytes(doc.base64), useSystemFonts: true });
    void task.promise
      .then(async (pdf) => {
        if (cancelled) return;
        setPages(pdf.numPages);
        const page = await pdf.getPage(1);
        const canvas = canvasRef.current;
        if (!canvas || cancelled) return;
        // 2x for a crisp barcode on high-density screens; CSS scales it back.
        const viewport = page.getViewport({ scale: 2 });
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        await page.render({ canvas, viewport }).promise;
      })
      .catch((e: Error) => !cancelled && setError({ code: 'preview_failed', message: `The label could not be shown: ${e.message}` }));
    return () => {
      cancelled = true;
      void task.destroy();
    };
  }, [doc]);

  if (error) return <ErrorMessage>{error.message}</ErrorMessage>;
  if (!doc) return <p role="status">Loading the label…</p>;
  return (
    <figure className="label-preview" aria-label="Label preview">
      {doc.format === 'pdf' ? <canvas ref={canvasRef} data-testid="pdf-canvas" role="img" aria-label="PDF label" /> : <img src={`data:image/png;base64,${doc.base64}`} alt="PNG label" />}
      <figcaption className="hint">
        {doc.format.toUpperCase()} label{pages > 1 ? `, page 1 of ${pages}` : ''}
      </figcaption>
    </figure>
  );
}
