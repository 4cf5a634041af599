import { keepTabInside } from '../../components/modal-focus';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { COMMAND_CODES, COMMAND_TITLES, ScanCommand } from '../../../../shared/domain/scan';
import { PdfPage } from '../../components/PdfPage';
import { ErrorMessage, SelectField, SuccessMessage } from '../../components/ui';
import { useAction, useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { station } from '../../station';

type Paper = 'a4' | 'letter';

/**
 * The printable sheet of command barcodes: a preview (it can be scanned off the screen too)
 * and "Save as PDF" to print it on an office printer. A modal dialog: focus starts inside,
 * Tab stays inside, Esc closes.
 */
export function CommandSheetDialog({ onClose }: { onClose: () => void }) {
  const [paper, setPaper] = useState<Paper>('a4');
  const sheet = useQuery(queryKeys.commandSheet(paper), () => station().scan.commandSheet({ paper }), { transient: true });
  const pdf = sheet.data?.base64 ?? null;
  // The sheet's own error, or the last one of saving or drawing it.
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const saveSheet = useAction(() => station().scan.saveCommandSheet({ paper }), {
    onSuccess: (r) => setSaved(r.saved ? `Saved to ${r.path}. Print it and keep it at the station.` : null),
    onError: (e) => setError(e.message),
  });

  useEffect(() => {
    dialogRef.current?.querySelector<HTMLElement>('select, button')?.focus();
  }, []);
  useEffect(() => {
    if (sheet.error) setError(sheet.error.message);
  }, [sheet.error]);

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
    keepTabInside(e, dialogRef.current);
  };

  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className="modal card command-sheet"
        role="dialog"
        aria-modal="true"
        aria-labelledby="command-sheet-title"
        onKeyDown={onKey}
      >
        <h2 id="command-sheet-title">Command barcodes</h2>
        <p className="hint">Scan these at the scan input instead of reaching for the keyboard:</p>
        <ul className="command-list">
          {ScanCommand.options.map((c) => (
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
          <button type="button" className="primary" onClick={() => void saveSheet.run()}>
            Save as PDF
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
        {error && <ErrorMessage>{error}</ErrorMessage>}
        {saved && <SuccessMessage>{saved}</SuccessMessage>}
        <figure className="command-sheet-preview">
          {pdf ? <PdfPage base64={pdf} label="Command barcode sheet" onError={setError} /> : <p role="status">Preparing the sheet…</p>}
        </figure>
      </div>
    </div>
  );
}
