import { keepTabInside } from '../../components/modal-focus';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { COMMAND_CODES, ScanCommand } from '../../../../shared/domain/scan';
import { translateNow, useT } from '../../i18n';
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
  const { t } = useT('scan');
  const [paper, setPaper] = useState<Paper>('a4');
  const sheet = useQuery(queryKeys.commandSheet(paper), () => station().scan.commandSheet({ paper }), { transient: true });
  const pdf = sheet.data?.base64 ?? null;
  // The sheet's own error, or the last one of saving or drawing it.
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const dialogRef = useRef<HTMLDivElement>(null);
  const saveSheet = useAction(() => station().scan.saveCommandSheet({ paper }), {
    onSuccess: (r) => setSaved(r.saved ? translateNow('scan', 'sheet.saved', { path: r.path }) : null),
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
        <h2 id="command-sheet-title">{t('sheet.title')}</h2>
        <p className="hint">{t('sheet.hint')}</p>
        <ul className="command-list">
          {ScanCommand.options.map((c) => (
            <li key={c}>
              <strong>{t(`commands.${c}`)}</strong> <code>{COMMAND_CODES[c]}</code>
            </li>
          ))}
        </ul>
        <div className="command-sheet-controls">
          <SelectField label={t('sheet.paper')} value={paper} onChange={(e) => setPaper(e.target.value as Paper)}>
            <option value="a4">{t('sheet.a4')}</option>
            <option value="letter">{t('sheet.letter')}</option>
          </SelectField>
          <button type="button" className="primary" onClick={() => void saveSheet.run()}>
            {t('sheet.save')}
          </button>
          <button type="button" onClick={onClose}>
            {t('sheet.close')}
          </button>
        </div>
        {error && <ErrorMessage>{error}</ErrorMessage>}
        {saved && <SuccessMessage>{saved}</SuccessMessage>}
        <figure className="command-sheet-preview">
          {pdf ? <PdfPage base64={pdf} label={t('sheet.preview')} onError={setError} /> : <p role="status">{t('sheet.preparing')}</p>}
        </figure>
      </div>
    </div>
  );
}
