import { useEffect, useRef, useState, type FormEvent } from 'react';
import { LABEL_SIZES, PAPER_CHOICES, type PaperChoice } from '../../../../shared/domain/printing';
import type { IpcError } from '../../../../shared/ipc/result';
import { ErrorMessage, SelectField } from '../../components/ui';
import { useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useSettingsChange } from '../../data/queries';
import { translateNow, useT } from '../../i18n';
import { station } from '../../station';
import { NOT_READY_CODES, openPrinterSettings, printerStateLabel, printerWarning } from './printer-state';
import './printing.css';

/** The two groups of paper choices: label stock, and office paper. */
const PAPER_GROUPS = ['label', 'sheet'] as const;

/** A profile name from the printer and paper: "Office_Laser, A4 paper", "Zebra_ZD421, 4 × 6 in labels". */
function profileName(printer: string, choice: PaperChoice): string {
  const paper =
    choice.paper === 'label'
      ? translateNow('printing', 'firstPrint.profileLabels', { size: LABEL_SIZES[choice.labelSize].title })
      : translateNow('printing', 'firstPrint.profilePaper', { paper: choice.paper });
  const suffix = `, ${paper}`;
  return printer.slice(0, 80 - suffix.length) + suffix;
}

/**
 * The first Print with no printer profile yet: which system printer, and what paper is in it
 * (label stock, or A4/Letter with one or two labels per sheet). Saved as the default label
 * printer, then `onSaved` prints with it. A printer the system reports as stopped or not
 * accepting jobs is flagged as soon as it is chosen, and saving on it asks to confirm.
 */
export function FirstPrintDialog({ onSaved, onClose }: { onSaved: (profileId: string) => void; onClose: () => void }) {
  const { t } = useT('printing');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const printers = useQuery(queryKeys.printers, () => station().printers.list(), { refetchOnMount: true });
  const list = printers.data ?? [];
  const [printer, setPrinter] = useState('');
  const [paperId, setPaperId] = useState(PAPER_CHOICES[0]!.id);
  const [error, setError] = useState<IpcError | null>(null);
  const change = useSettingsChange({ onError: setError });
  const chosen = printer || list.find((p) => p.isDefault)?.name || list[0]?.name || '';
  const info = list.find((p) => p.name === chosen);
  const warning = printerWarning(info);
  const notReady = error !== null && NOT_READY_CODES.includes(error.code);

  useEffect(() => {
    const dialog = dialogRef.current!;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal?.();
    return () => {
      if (dialog.open) dialog.close();
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, []);

  const save = async (confirmNotReady: boolean) => {
    const choice = PAPER_CHOICES.find((c) => c.id === paperId)!;
    setError(null);
    const saved = await change.run(() =>
      station().printers.saveProfile({
        name: profileName(chosen, choice),
        printer: chosen,
        role: 'labels',
        labelSize: choice.labelSize,
        paper: choice.paper,
        labelsPerSheet: choice.labelsPerSheet,
        ...(confirmNotReady ? { confirmNotReady } : {}),
      }),
    );
    if (saved.ok && saved.value.defaultLabelProfileId) onSaved(saved.value.defaultLabelProfileId);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save(false);
  };
  const choices = (paper: 'label' | 'sheet') => PAPER_CHOICES.filter((c) => (paper === 'label') === (c.paper === 'label'));

  return (
    <dialog
      ref={dialogRef}
      className="first-print"
      role="dialog"
      aria-modal="true"
      aria-labelledby="first-print-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit} className="stack" aria-label={t('firstPrint.title')}>
        <h2 id="first-print-title">{t('firstPrint.title')}</h2>
        <p className="hint">
          {t('firstPrint.intro')}{' '}
          <button type="button" className="link-button" onClick={() => (onClose(), openPrinterSettings())}>
            {t('firstPrint.settingsLink')}
          </button>
          {t('firstPrint.introEnd')}
        </p>
        <ErrorMessage>{printers.error?.message}</ErrorMessage>
        {printers.data && list.length === 0 && <p className="hint">{t('firstPrint.noPrinters')}</p>}
        <SelectField
          label={t('firstPrint.systemPrinter')}
          value={chosen}
          onChange={(e) => (setPrinter(e.target.value), setError(null))}
          error={error?.fields?.printer}
          required
        >
          {list.map((p) => (
            <option key={p.name} value={p.name}>
              {t(p.isDefault ? 'firstPrint.optionDefault' : 'firstPrint.option', { name: p.name, state: printerStateLabel(p) })}
            </option>
          ))}
        </SelectField>
        {warning && !error && (
          <p className="printer-warning" role="alert">
            {warning}
          </p>
        )}
        <fieldset className="paper-choice">
          <legend>{t('firstPrint.paperLegend')}</legend>
          <div className="paper-groups">
            {PAPER_GROUPS.map((group) => (
              <div key={group} className="paper-group">
                <h3>{group === 'label' ? t('firstPrint.labelGroup') : t('firstPrint.sheetGroup')}</h3>
                {choices(group).map((c) => (
                  <label key={c.id} className="checkbox">
                    <input type="radio" name="paper" value={c.id} checked={paperId === c.id} onChange={() => setPaperId(c.id)} />{' '}
                    {t(`paper.${c.id}` as 'paper.A4-1')}
                  </label>
                ))}
              </div>
            ))}
          </div>
        </fieldset>
        {error && !error.fields && <ErrorMessage>{error.message}</ErrorMessage>}
        <div className="actions">
          {notReady ? (
            <button type="button" className="primary" onClick={() => void save(true)} disabled={change.pending}>
              {t('firstPrint.anyway')}
            </button>
          ) : (
            <button type="submit" className="primary" disabled={change.pending || !chosen}>
              {change.pending ? t('firstPrint.saving') : t('firstPrint.save')}
            </button>
          )}
          <button type="button" onClick={onClose}>
            {t('firstPrint.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
