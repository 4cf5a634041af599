import { useState, type FormEvent } from 'react';
import {
  LABEL_SIZES,
  type LabelSize,
  type PaperKind,
  paperChoiceId,
  type PrinterProfile,
  type PrintJobRecord,
} from '../../../../shared/domain/printing';
import type { SettingsView } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { ErrorMessage, SelectField, TextField, SaveCancel } from '../../components/ui';
import { useAction, useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useSettingsChange } from '../../data/queries';
import { useT } from '../../i18n';
import { station } from '../../station';
import { PrintLogCard } from '../print-jobs/PrintLogCard';
import { PrintJobStatus } from '../printing/PrintButton';
import { NOT_READY_CODES, printerStateLabel, printerStateText, printerWarning } from '../printing/printer-state';
import '../printing/printing.css';

type Draft = {
  id?: string;
  name: string;
  printer: string;
  role: 'labels' | 'documents';
  labelSize: LabelSize;
  paper: PaperKind;
  labelsPerSheet: '1' | '2';
  dpi: '203' | '300';
  orientation: 'portrait' | 'landscape';
  offsetXmm: string;
  offsetYmm: string;
  autoPrint: boolean;
};
const emptyDraft = (printer = ''): Draft => ({
  name: '',
  printer,
  role: 'labels',
  labelSize: '4x6in',
  paper: 'label',
  labelsPerSheet: '1',
  dpi: '203',
  orientation: 'portrait',
  offsetXmm: '0',
  offsetYmm: '0',
  autoPrint: false,
});
const sizeNames: Record<LabelSize, string> = { '4x6in': '4 × 6 in', '100x150mm': '100 × 150 mm', A6: 'A6 (105 × 148 mm)' };

/** The system's printers, the station's printer profiles (size, DPI, offsets, auto-print), calibration and the print job log. */
export function PrintersSection({ settings }: { settings: SettingsView }) {
  const { printerProfiles, defaultLabelProfileId } = settings;
  const { t } = useT('settings');
  // The system's printers change outside the station: read each time the tab opens.
  const systemPrinters = useQuery(queryKeys.printers, () => station().printers.list(), { refetchOnMount: true });
  const printers = systemPrinters.data ?? null;
  const [editing, setEditing] = useState<Draft | null>(null);
  // One message place for the profile list and its form: the last change or calibration that failed.
  const [error, setError] = useState<IpcError | null>(null);
  const change = useSettingsChange({ onSuccess: () => setError(null), onError: setError });
  const [lastJob, setLastJob] = useState<PrintJobRecord | null>(null);
  const calibration = useAction((profile: PrinterProfile) => station().print.calibration({ id: profile.id }), {
    invalidates: [queryKeys.printLog],
    onSuccess: setLastJob,
    onError: setError,
  });

  const save = async (event: FormEvent | null, confirmNotReady = false) => {
    event?.preventDefault();
    if (!editing) return;
    const saved = await change.run(() =>
      station().printers.saveProfile({
        id: editing.id,
        name: editing.name,
        printer: editing.printer,
        role: editing.role,
        labelSize: editing.labelSize,
        paper: editing.paper,
        labelsPerSheet: Number(editing.labelsPerSheet) as 1 | 2,
        dpi: Number(editing.dpi) as 203 | 300,
        orientation: editing.orientation,
        offsetXmm: Number(editing.offsetXmm || 0),
        offsetYmm: Number(editing.offsetYmm || 0),
        autoPrint: editing.autoPrint,
        ...(confirmNotReady ? { confirmNotReady } : {}),
      }),
    );
    if (saved.ok) setEditing(null);
  };
  const edit = (p: PrinterProfile) =>
    setEditing({
      ...p,
      dpi: String(p.dpi) as '203' | '300',
      labelsPerSheet: String(p.labelsPerSheet) as '1' | '2',
      offsetXmm: String(p.offsetXmm),
      offsetYmm: String(p.offsetYmm),
    });
  const selectedWarning = editing ? printerWarning(printers?.find((p) => p.name === editing.printer)) : null;
  const notReady = error !== null && NOT_READY_CODES.includes(error.code);

  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="system-printers">
        <div className="panel-head">
          <h2 id="system-printers">{t('printers.system')}</h2>
          <button type="button" onClick={() => void systemPrinters.reload()}>
            {t('printers.refresh')}
          </button>
        </div>
        <ErrorMessage>{systemPrinters.error?.message}</ErrorMessage>
        {printers && printers.length === 0 && <p className="hint">{t('printers.noSystem')}</p>}
        {printers && printers.length > 0 && (
          <ul className="plain-list">
            {printers.map((p) => (
              <li key={p.name} className="list-row">
                <span>
                  <strong>{p.name}</strong> {p.isDefault && <span className="pill">{t('printers.systemDefault')}</span>}
                </span>
                <span className={`tag ${p.state === 'stopped' || p.state === 'rejecting' ? 'tag-Exception' : 'tag-Delivered'}`}>
                  {printerStateText(p)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card stack" aria-labelledby="printer-profiles">
        <h2 id="printer-profiles">{t('printers.profiles')}</h2>
        {printerProfiles.length === 0 && !editing && <p className="hint">{t('printers.noProfiles')}</p>}
        <ul className="plain-list">
          {printerProfiles.map((p) => (
            <li key={p.id} className="list-row">
              <div>
                <strong>{p.name}</strong>{' '}
                {defaultLabelProfileId === p.id && <span className="pill">{t('printers.defaultLabelPrinter')}</span>}{' '}
                {p.autoPrint && <span className="pill">{t('printers.autoPrint')}</span>}
                <div className="muted">
                  {p.printer} · {p.role === 'labels' ? t('printers.roleLabels') : t('printers.roleDocuments')} ·{' '}
                  {t(`printing:paper.${paperChoiceId(p)}`)} · {t('printers.dpi', { dpi: p.dpi })} · {t(`printers.${p.orientation}`)}
                  {p.offsetXmm || p.offsetYmm ? t('printers.offset', { x: p.offsetXmm, y: p.offsetYmm }) : ''}
                </div>
              </div>
              <div className="row-actions">
                <button type="button" onClick={() => void calibration.run(p)} aria-label={t('printers.calibrationOn', { name: p.name })}>
                  {t('printers.calibration')}
                </button>
                {defaultLabelProfileId !== p.id && p.role === 'labels' && (
                  <button
                    type="button"
                    onClick={() => void change.run(() => station().printers.setDefault({ id: p.id }))}
                    aria-label={t('printers.makeDefaultFor', { name: p.name })}
                  >
                    {t('printers.makeDefault')}
                  </button>
                )}
                <button type="button" onClick={() => edit(p)} aria-label={t('printers.editFor', { name: p.name })}>
                  {t('printers.edit')}
                </button>
                <button
                  type="button"
                  onClick={() => void change.run(() => station().printers.removeProfile({ id: p.id }))}
                  aria-label={t('printers.removeFor', { name: p.name })}
                >
                  {t('printers.remove')}
                </button>
              </div>
            </li>
          ))}
        </ul>
        {lastJob && (
          <p>
            {t('printers.calibrationResult')} <PrintJobStatus job={lastJob} />
          </p>
        )}
        {editing ? (
          <form onSubmit={(e) => void save(e)} aria-label={t('printers.form')} className="stack">
            <div className="grid-3">
              <TextField
                label={t('printers.name')}
                value={editing.name}
                onChange={(e) => setEditing({ ...editing, name: e.target.value })}
                error={error?.fields?.name}
                required
                autoFocus
              />
              <SelectField
                label={t('printers.printer')}
                value={editing.printer}
                onChange={(e) => (setEditing({ ...editing, printer: e.target.value }), setError(null))}
                error={error?.fields?.printer}
                required
              >
                <option value="">{t('printers.choosePrinter')}</option>
                {(printers ?? []).map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name} ({printerStateLabel(p)})
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t('printers.usedFor')}
                value={editing.role}
                onChange={(e) => setEditing({ ...editing, role: e.target.value as Draft['role'] })}
              >
                <option value="labels">{t('printers.roleLabels')}</option>
                <option value="documents">{t('printers.roleDocuments')}</option>
              </SelectField>
              <SelectField
                label={t('printers.labelSize')}
                value={editing.labelSize}
                onChange={(e) => setEditing({ ...editing, labelSize: e.target.value as LabelSize })}
              >
                {(Object.keys(LABEL_SIZES) as LabelSize[]).map((size) => (
                  <option key={size} value={size}>
                    {sizeNames[size]}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t('printers.paper')}
                value={editing.paper}
                onChange={(e) => setEditing({ ...editing, paper: e.target.value as PaperKind })}
              >
                <option value="label">{t('printers.paperLabel')}</option>
                <option value="A4">{t('printers.paperA4')}</option>
                <option value="Letter">{t('printers.paperLetter')}</option>
              </SelectField>
              {editing.paper !== 'label' && (
                <SelectField
                  label={t('printers.perSheet')}
                  value={editing.labelsPerSheet}
                  onChange={(e) => setEditing({ ...editing, labelsPerSheet: e.target.value as Draft['labelsPerSheet'] })}
                >
                  <option value="1">{t('printers.perSheetOne')}</option>
                  <option value="2">{t('printers.perSheetTwo')}</option>
                </SelectField>
              )}
              <SelectField
                label={t('printers.resolution')}
                value={editing.dpi}
                onChange={(e) => setEditing({ ...editing, dpi: e.target.value as Draft['dpi'] })}
              >
                <option value="203">{t('printers.dpi', { dpi: 203 })}</option>
                <option value="300">{t('printers.dpi', { dpi: 300 })}</option>
              </SelectField>
              <SelectField
                label={t('printers.orientation')}
                value={editing.orientation}
                onChange={(e) => setEditing({ ...editing, orientation: e.target.value as Draft['orientation'] })}
              >
                <option value="portrait">{t('printers.portrait')}</option>
                <option value="landscape">{t('printers.landscape')}</option>
              </SelectField>
              <TextField
                label={t('printers.offsetRight')}
                inputMode="decimal"
                value={editing.offsetXmm}
                onChange={(e) => setEditing({ ...editing, offsetXmm: e.target.value })}
                error={error?.fields?.offsetXmm}
              />
              <TextField
                label={t('printers.offsetDown')}
                inputMode="decimal"
                value={editing.offsetYmm}
                onChange={(e) => setEditing({ ...editing, offsetYmm: e.target.value })}
                error={error?.fields?.offsetYmm}
              />
            </div>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={editing.autoPrint}
                onChange={(e) => setEditing({ ...editing, autoPrint: e.target.checked })}
              />{' '}
              {t('printers.autoPrintEach')}
            </label>
            {selectedWarning && !error && (
              <p className="printer-warning" role="alert">
                {selectedWarning}
              </p>
            )}
            {error && !error.fields && <ErrorMessage>{error.message}</ErrorMessage>}
            {notReady && (
              <div className="actions">
                <button type="button" onClick={() => void save(null, true)}>
                  {t('printers.saveAnyway')}
                </button>
              </div>
            )}
            <SaveCancel saveLabel={t('printers.save')} onCancel={() => (setEditing(null), setError(null))} />
          </form>
        ) : (
          <div className="actions">
            <button
              type="button"
              onClick={() => setEditing(emptyDraft(printers?.find((p) => p.isDefault)?.name ?? printers?.[0]?.name ?? ''))}
            >
              {t('printers.add')}
            </button>
          </div>
        )}
      </section>

      <PrintLogCard />
    </div>
  );
}
