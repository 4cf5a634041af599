import { getDocument, GlobalWorkerOptions } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef } from 'react';
import { base64ToBytes } from '../lib/base64';

// The worker is bundled with the app and served from 'self' (the CSP allows nothing else).
GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * The first page of a PDF (bytes from main, base64) drawn with pdf.js on a canvas, at 2x for
 * crisp barcodes on dense screens (CSS scales it back). Nothing here touches the network.
 */
export function PdfPage({ base64, label, onPages, onError }: { base64: string; label: string; onPages?: (pages: number) => void; onError: (message: string) => void }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvasRef.current) return;
    let cancelled = false;
    const task = getDocument({ data: base64ToBytes(base64), useSystemFonts: true });
    void task.promise
      .then(async (pdf) => {
        if (cancelled) return;
        onPages?.(pdf.numPages);
        const page = await pdf.getPage(1);
        const canvas = canvasRef.current;
        if (!canvas || cancelled) return;
        const viewport = page.getViewport({ scale: 2 });
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        await page.render({ canvas, viewport }).promise;
      })
      .catch((e: Error) => !cancelled && onError(e.message));
    return () => {
      cancelled = true;
      void task.destroy();
    };
    // The callbacks are the caller's state setters; only new bytes redraw.
  }, [base64]);
  return <canvas ref={canvasRef} data-testid="pdf-canvas" role="img" aria-label={label} />;
}
