import { useState, type FormEvent } from 'react';
import { LABEL_SIZES, type LabelSize, type PrinterProfile, type PrintJobRecord } from '../../../../shared/domain/printing';
import type { SettingsView } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { ErrorMessage, SelectField, TextField, SaveCancel } from '../../components/ui';
import { useTimes } from '../../app-state';
import { useAction, useQuery } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { useSettingsChange } from '../../data/queries';
import { station } from '../../station';
import { PrintJobStatus } from '../printing/PrintButton';

type Draft = {
  id?: string;
  name: string;
  printer: string;
  role: 'labels' | 'documents';
  labelSize: LabelSize;
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
  const times = useTimes();
  // The system's printers and the job log change outside the station: read each time the tab opens.
  const systemPrinters = useQuery(queryKeys.printers, () => station().printers.list(), { refetchOnMount: true });
  const log = useQuery(queryKeys.printLog, () => station().print.log({}), { refetchOnMount: true });
  const printers = systemPrinters.data ?? null;
  const jobs = log.data ?? [];
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

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    const saved = await change.run(() =>
      station().printers.saveProfile({
        id: editing.id,
        name: editing.name,
        printer: editing.printer,
        role: editing.role,
        labelSize: editing.labelSize,
        dpi: Number(editing.dpi) as 203 | 300,
        orientation: editing.orientation,
        offsetXmm: Number(editing.offsetXmm || 0),
        offsetYmm: Number(editing.offsetYmm || 0),
        autoPrint: editing.autoPrint,
      }),
    );
    if (saved.ok) setEditing(null);
  };
  const edit = (p: PrinterProfile) =>
    setEditing({ ...p, dpi: String(p.dpi) as '203' | '300', offsetXmm: String(p.offsetXmm), offsetYmm: String(p.offsetYmm) });

  return (
    <div className="stack">
      <section className="card stack" aria-labelledby="system-printers">
        <div className="panel-head">
          <h2 id="system-printers">Printers on this computer</h2>
          <button type="button" onClick={() => void systemPrinters.reload()}>
            Refresh
          </button>
        </div>
        <ErrorMessage>{systemPrinters.error?.message}</ErrorMessage>
        {printers && printers.length === 0 && (
          <p className="hint">No printers are set up on this computer. Add your label printer in the system settings first.</p>
        )}
        {printers && printers.length > 0 && (
          <ul className="plain-list">
            {printers.map((p) => (
              <li key={p.name} className="list-row">
                <span>
                  <strong>{p.name}</strong> {p.isDefault && <span className="pill">System default</span>}
                </span>
                <span className={`tag ${p.state === 'stopped' ? 'tag-Exception' : 'tag-Delivered'}`}>
                  {p.state}
                  {p.message ? `: ${p.message}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card stack" aria-labelledby="printer-profiles">
        <h2 id="printer-profiles">Printer profiles</h2>
        {printerProfiles.length === 0 && !editing && (
          <p className="hint">
            No printer profiles yet. Add one for your label printer, then print a calibration label before the first real one.
          </p>
        )}
        <ul className="plain-list">
          {printerProfiles.map((p) => (
            <li key={p.id} className="list-row">
              <div>
                <strong>{p.name}</strong> {defaultLabelProfileId === p.id && <span className="pill">Default label printer</span>}{' '}
                {p.autoPrint && <span className="pill">Auto-print</span>}
                <div className="muted">
                  {p.printer} · {p.role === 'labels' ? 'Labels' : 'Documents'} · {sizeNames[p.labelSize]} · {p.dpi} dpi · {p.orientation}
                  {p.offsetXmm || p.offsetYmm ? ` · offset ${p.offsetXmm}/${p.offsetYmm} mm` : ''}
                </div>
              </div>
              <div className="row-actions">
                <button type="button" onClick={() => void calibration.run(p)} aria-label={`Print a calibration label on ${p.name}`}>
                  Calibration label
                </button>
                {defaultLabelProfileId !== p.id && p.role === 'labels' && (
                  <button
                    type="button"
                    onClick={() => void change.run(() => station().printers.setDefault({ id: p.id }))}
                    aria-label={`Make ${p.name} the default label printer`}
                  >
                    Make default
                  </button>
                )}
                <button type="button" onClick={() => edit(p)} aria-label={`Edit ${p.name}`}>
                  Edit
                </button>
                <button
                  type="button"
                  onClick={() => void change.run(() => station().printers.removeProfile({ id: p.id }))}
                  aria-label={`Remove ${p.name}`}
                >
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ul>
        {lastJob && (
          <p>
            Calibration label: <PrintJobStatus job={lastJob} />
          </p>
        )}
        {editing ? (
          <form onSubmit={(e) => void save(e)} aria-label="Printer profile" className="stack">
            <div className="grid-3">
              <TextField
                label="Profile name"
                value={editing.name}
                onChange={(e) => setEditing({ ...editing, name: e.target.value })}
                error={error?.fields?.name}
                required
                autoFocus
              />
              <SelectField
                label="System printer"
                value={editing.printer}
                onChange={(e) => setEditing({ ...editing, printer: e.target.value })}
                error={error?.fields?.printer}
                required
              >
                <option value="">Choose a printer</option>
                {(printers ?? []).map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label="Used for"
                value={editing.role}
                onChange={(e) => setEditing({ ...editing, role: e.target.value as Draft['role'] })}
              >
                <option value="labels">Labels</option>
                <option value="documents">Documents</option>
              </SelectField>
              <SelectField
                label="Label size"
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
                label="Resolution"
                value={editing.dpi}
                onChange={(e) => setEditing({ ...editing, dpi: e.target.value as Draft['dpi'] })}
              >
                <option value="203">203 dpi</option>
                <option value="300">300 dpi</option>
              </SelectField>
              <SelectField
                label="Orientation"
                value={editing.orientation}
                onChange={(e) => setEditing({ ...editing, orientation: e.target.value as Draft['orientation'] })}
              >
                <option value="portrait">Portrait</option>
                <option value="landscape">Landscape</option>
              </SelectField>
              <TextField
                label="Offset right (mm)"
                inputMode="decimal"
                value={editing.offsetXmm}
                onChange={(e) => setEditing({ ...editing, offsetXmm: e.target.value })}
                error={error?.fields?.offsetXmm}
              />
              <TextField
                label="Offset down (mm)"
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
              Print each new label automatically as soon as it is created
            </label>
            {error && !error.fields && <ErrorMessage>{error.message}</ErrorMessage>}
            <SaveCancel saveLabel="Save profile" onCancel={() => (setEditing(null), setError(null))} />
          </form>
        ) : (
          <div className="actions">
            <button
              type="button"
              onClick={() => setEditing(emptyDraft(printers?.find((p) => p.isDefault)?.name ?? printers?.[0]?.name ?? ''))}
            >
              Add printer profile
            </button>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="print-log">
        <div className="panel-head">
          <h2 id="print-log">Recent print jobs</h2>
          <button type="button" onClick={() => void log.reload()}>
            Refresh
          </button>
        </div>
        {jobs.length === 0 ? (
          <p className="hint">Nothing printed yet.</p>
        ) : (
          <table className="table">
            <caption className="sr-only">Recent print jobs, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Printer</th>
                <th scope="col">Labels</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((j) => (
                <tr key={j.id}>
                  <td>{times.dateTime(j.createdAt)}</td>
                  <td>{j.printer}</td>
                  <td>{j.labelIds.length === 0 ? 'Calibration' : j.labelIds.length}</td>
                  <td>
                    <PrintJobStatus job={j} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
