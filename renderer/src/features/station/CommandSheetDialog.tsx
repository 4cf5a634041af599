import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { COMMAND_CODES, COMMAND_TITLES, StationCommand } from '../../../../shared/domain/station-mode';
import { PdfPage } from '../../components/PdfPage';
import { ErrorMessage, SelectField, SuccessMessage } from '../../components/ui';
import { station } from '../../station';

type Paper = 'a4' | 'letter';

/**
 * The printable sheet of command barcodes: a preview (it can be scanned off the screen too)
 * and "Save as PDF" to print it on an office printer. A modal dialog: focus starts inside,
 * Tab stays inside, Esc closes.
 */
export function CommandSheetDialog({ onClose }: { onClose: () => void }) {
  const [paper, setPaper] = useState<Paper>('a4');
  const [pdf, setPdf] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    dialogRef.current?.querySelector<HTMLElement>('select, button')?.focus();
  }, []);
  useEffect(() => {
    let live = true;
    setPdf(null);
    void station()
      .scan.commandSheet({ paper })
      .then((r) => live && (r.ok ? setPdf(r.value.base64) : setError(r.error.message)));
    return () => {
      live = false;
    };
  }, [paper]);

  const save = async () => {
    const r = await station().scan.saveCommandSheet({ paper });
    if (!r.ok) setError(r.error.message);
    else setSaved(r.value.saved ? `Saved to ${r.value.path}. Print it and keep it at the station.` : null);
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
    if (e.key !== 'Tab' || !dialogRef.current) return;
    const focusable = [...dialogRef.current.querySelectorAll<HTMLElement>('select, button, input, [tabindex]:not([tabindex="-1"])')];
    const first = focusable[0];
    const lastOne = focusable.at(-1);
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      lastOne?.focus();
    } else if (!e.shiftKey && document.activeElement === lastOne) {
      e.preventDefault();
      first?.focus();
    }
  };

  return (
    <div className="modal-backdrop">
      <div ref={dialogRef} className="modal card command-sheet" role="dialog" aria-modal="true" aria-labelledby="command-sheet-title" onKeyDown={onKey}>
        <h2 id="command-sheet-title">Command barcodes</h2>
        <p className="hint">Scan these at the scan input instead of reaching for the keyboard:</p>
        <ul className="command-list">
          {StationCommand.options.map((c) => (
            <li key={c}>
              <strong>{COMMAND_TITLES[c]}</strong> <code>{COMMAND_CODES[c]}</code>
            </li>
          ))}
        </ul>
        <div className="command-sheet-controls">
          <SelectField label="Paper" value={paper} onChange={(e) => setPaper(e.target.value as Paper)}>
            <option value="a4">A4</option>
            <option value="letter">Letter</option>
          </SelectField>
          <button type="button" className="primary" onClick={() => void save()}>
            Save as PDF
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
        {error && <ErrorMessage>{error}</ErrorMessage>}
        {saved && <SuccessMessage>{saved}</SuccessMessage>}
        <figure className="command-sheet-preview">{pdf ? <PdfPage base64={pdf} label="Command barcode sheet" onError={setError} /> : <p role="status">Preparing the sheet…</p>}</figure>
      </div>
    </div>
  );
}
