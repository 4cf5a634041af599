import type * as PdfJs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { base64ToBytes } from '../lib/base64';

let pdfjs: Promise<typeof PdfJs> | null = null;

/**
 * pdf.js, fetched the first time a document is shown (it is most of the renderer's code and no
 * screen needs it at first paint). The worker is bundled with the app and served from 'self',
 * as a file of its own (the CSP allows nothing else). A failed load is tried again next time.
 */
function loadPdfJs(): Promise<typeof PdfJs> {
  pdfjs ??= import('pdfjs-dist').then(
    (lib) => {
      lib.GlobalWorkerOptions.workerSrc = workerUrl;
      return lib;
    },
    (e: unknown) => {
      pdfjs = null;
      throw e;
    },
  );
  return pdfjs;
}

/**
 * The first page of a PDF (bytes from main, base64) drawn with pdf.js on a canvas, at 2x for
 * crisp barcodes on dense screens (CSS scales it back). Nothing here touches the network.
 * The canvas is aria-busy until the page is drawn.
 */
export function PdfPage({
  base64,
  label,
  onPages,
  onError,
}: {
  base64: string;
  label: string;
  onPages?: (pages: number) => void;
  onError: (message: string) => void;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    if (!canvasRef.current) return;
    let cancelled = false;
    let task: PdfJs.PDFDocumentLoadingTask | null = null;
    setDrawn(false);
    void loadPdfJs()
      .then(async ({ getDocument }) => {
        if (cancelled) return;
        task = getDocument({ data: base64ToBytes(base64), useSystemFonts: true });
        const pdf = await task.promise;
        if (cancelled) return;
        onPages?.(pdf.numPages);
        const page = await pdf.getPage(1);
        const canvas = canvasRef.current;
        if (!canvas || cancelled) return;
        const viewport = page.getViewport({ scale: 2 });
        canvas.width = viewport.width;
        canvas.height = viewport.height;
        await page.render({ canvas, viewport }).promise;
        if (!cancelled) setDrawn(true);
      })
      .catch((e: Error) => !cancelled && onError(e.message));
    return () => {
      cancelled = true;
      void task?.destroy();
    };
    // The callbacks are the caller's state setters; only new bytes redraw.
  }, [base64]);
  return <canvas ref={canvasRef} data-testid="pdf-canvas" role="img" aria-label={label} aria-busy={!drawn} />;
}
