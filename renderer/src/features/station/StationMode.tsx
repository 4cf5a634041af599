import { useCallback, useEffect, useRef, useState, type ChangeEvent, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { commandOf, FAILURE_STATUSES, type ScanResult, type StationCommand, type StationSession } from '../../../../shared/domain/station-mode';
import { useAppState } from '../../app-state';
import { ErrorMessage } from '../../components/ui';
import { bytesToBase64 } from '../../lib/base64';
import { station } from '../../station';
import { isEditable, openShortcutsHelp } from '../shell/shortcuts';
import { CommandSheetDialog } from './CommandSheetDialog';
import { STATION_COMMAND_KEYS } from './keys';
import { playTone } from './sounds';
import './station.css';


/** Text a scale types (digits, one separator, maybe a unit): anything else in the weight field is a scan. */
const looksLikeWeight = (text: string) => /^\s*\d+([.,]\d+)?\s*(kg|lb|lbs|g)?\s*$/i.test(text);

const toneOf = (status: ScanResult['status']) =>
  FAILURE_STATUSES.has(status) ? 'failure' : status === 'printed' ? 'success' : status === 'reprinted' ? 'reprint' : status === 'needs_weight' ? 'waiting' : 'info';

const time = (at: number) => new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * Station mode: a full-window scan-to-print screen for a packing station. One input always
 * has the focus (the scan input, or the weight input while an order waits for its weight), so
 * a barcode scanner's keystrokes and Enter always land there; keys typed anywhere else are
 * brought back to it. Every scan goes to main, which creates (exactly once) and prints, or
 * reprints, and answers what happened; the answer is shown large.
 */
export function StationMode({ onLeave }: { onLeave: () => void }) {
  const { info } = useAppState();
  const [session, setSession] = useState<StationSession | null>(null);
  const [scan, setScan] = useState('');
  const [weight, setWeight] = useState('');
  const [last, setLast] = useState<ScanResult | null>(null);
  const [busy, setBusy] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [loadMessage, setLoadMessage] = useState<string | null>(null);
  const scanRef = useRef<HTMLInputElement>(null);
  const weightRef = useRef<HTMLInputElement>(null);
  const waiting = session?.pending ?? null;
  const activeRef = waiting ? weightRef : scanRef;

  useEffect(() => {
    void station()
      .scan.session()
      .then((r) => (r.ok ? setSession(r.value) : setError(r.error.message)));
  }, []);

  const focusActive = useCallback(() => activeRef.current?.focus(), [activeRef]);
  useEffect(() => {
    if (!sheetOpen) focusActive();
  }, [focusActive, sheetOpen, last]);

  /** Keys typed while focus is elsewhere (a button, the page) go to the active input: a scan is never lost. */
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (sheetOpen || document.querySelector('[role="dialog"][aria-modal="true"]')) return;
      if (isEditable(e.target) || e.ctrlKey || e.metaKey || e.altKey || e.key.length !== 1) return;
      e.preventDefault();
      if (waiting) setWeight((w) => w + e.key);
      else setScan((s) => s + e.key);
      focusActive();
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [focusActive, sheetOpen, waiting]);

  const show = useCallback(
    (answer: { result: ScanResult; session: StationSession }) => {
      setSession(answer.session);
      setLast(answer.result);
      if (answer.session.sounds) playTone(toneOf(answer.result.status));
      if (commandOf(answer.result.input) === 'leave') onLeave();
    },
    [onLeave],
  );

  const send = useCallback(
    async (input: string, weightText?: string) => {
      setBusy((n) => n + 1);
      const r = await station().scan.submit({ input, ...(weightText ? { weight: weightText } : {}) });
      setBusy((n) => n - 1);
      if (r.ok) {
        setError(null);
        show(r.value);
      } else setError(r.error.message);
    },
    [show],
  );

  const command = useCallback(
    async (which: StationCommand) => {
      setBusy((n) => n + 1);
      const r = await station().scan.command({ command: which });
      setBusy((n) => n - 1);
      if (r.ok) show(r.value);
      else setError(r.error.message);
    },
    [show],
  );

  /** Station keys work from any control of the screen. */
  const onScreenKey = (e: ReactKeyboardEvent) => {
    if (sheetOpen) return;
    const which = (STATION_COMMAND_KEYS as Record<string, StationCommand>)[e.key];
    if (which) {
      e.preventDefault();
      void command(which);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (waiting) void command('cancel');
      else setScan('');
      setWeight('');
    }
  };

  const submitScan = () => {
    const text = scan.trim();
    if (!text) return;
    // The field is free for the next scan at once; main handles scans one by one, in order.
    setScan('');
    const w = weight.trim();
    setWeight('');
    void send(text, w || undefined);
  };

  const submitWeight = () => {
    const text = weight.trim();
    if (!text) return;
    setWeight('');
    // A barcode scanned while the station waits for a weight is the next scan, not a weight.
    if (!waiting || !looksLikeWeight(text)) void send(text);
    else void send(waiting.orderNumber, text);
  };

  const loadOrders = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    // Station mode's files stay in memory until the session is reset (main may close older batch imports).
    const r = await station().batch.import({ fileName: file.name, base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())), purpose: 'station', limit: 1 });
    if (!r.ok) {
      setLoadMessage(null);
      setError(r.error.message);
    } else {
      setError(null);
      const { counts } = r.value;
      setLoadMessage(`${file.name}: ${counts.orders} orders loaded${counts.withIssues ? `, ${counts.withIssues} with issues (they will say why when scanned)` : ''}.`);
      const s = await station().scan.session();
      if (s.ok) setSession(s.value);
    }
    focusActive();
  };

  const toggleSounds = async (on: boolean) => {
    setSession((s) => s && { ...s, sounds: on });
    const saved = await station().settings.setPreferences({ stationSounds: on });
    if (!saved.ok) setError(saved.error.message);
    const s = await station().scan.session();
    if (s.ok) setSession(s.value);
  };

  const reset = async () => {
    const r = await station().scan.reset();
    if (r.ok) {
      setSession(r.value);
      setLast(null);
    }
  };

  const tone = last ? toneOf(last.status) : 'idle';
  return (
    // The screen's own keys (F2, F4, F10, Esc) are handled for every control inside it.
    <div className="station-mode" onKeyDown={onScreenKey}>
      <header className="station-top">
        <h1>Station mode</h1>
        <span className={`env-badge env-${info?.environment.id ?? ''}`}>{info?.environment.production ? 'PRODUCTION' : info?.environment.label}</span>
        <span data-testid="station-printer" className={session && !session.printer ? 'error' : ''}>
          {session?.printer ? `Printer: ${session.printer.name} (${session.printer.printer})` : session ? 'No label printer: add one in Settings → Printers' : ''}
        </span>
        <span data-testid="station-orders">{session ? `${session.ordersLoaded} orders loaded${session.files.length ? ` from ${session.files.join(', ')}` : ''}` : ''}</span>
        <div className="station-top-actions">
          <label className="file-button">
            Load orders (CSV)
            <input type="file" accept=".csv,text/csv" aria-label="Load orders (CSV)" onChange={(e) => void loadOrders(e)} />
          </label>
          <label className="check">
            <input type="checkbox" checked={session?.sounds ?? false} onChange={(e) => void toggleSounds(e.target.checked)} /> Sounds
          </label>
          <button type="button" onClick={() => setSheetOpen(true)}>
            Command barcodes
          </button>
          <button type="button" onClick={() => void reset()}>
            New session
          </button>
          <button type="button" onClick={openShortcutsHelp}>
            Keys (F1)
          </button>
          <button type="button" onClick={() => void command('leave')}>
            Leave (F10)
          </button>
        </div>
      </header>

      <section className="station-inputs" aria-label="Scan">
        <div className={`station-field ${waiting ? '' : 'active'}`}>
          <label htmlFor="station-scan">Scan an order barcode (or type the order number and press Enter)</label>
          <input
            id="station-scan"
            ref={scanRef}
            className="station-scan"
            value={scan}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setScan(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), submitScan())}
            onBlur={(e) => !e.relatedTarget && !waiting && setTimeout(focusActive, 0)}
          />
        </div>
        <div className={`station-field weight ${waiting ? 'active' : ''}`}>
          <label htmlFor="station-weight">Weight ({(session?.weightUnit ?? 'KG').toLowerCase()})</label>
          <input
            id="station-weight"
            ref={weightRef}
            className="station-weight"
            inputMode="decimal"
            value={weight}
            autoComplete="off"
            onChange={(e) => setWeight(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), waiting ? submitWeight() : submitScan())}
            onBlur={(e) => !e.relatedTarget && waiting && setTimeout(focusActive, 0)}
          />
        </div>
        <p className="hint" aria-live="polite">
          {busy > 0 ? 'Working…' : waiting ? `Waiting for the weight of order ${waiting.orderNumber}: type it or put the parcel on the scale, then Enter. Esc cancels.` : 'Ready for the next scan.'}
        </p>
      </section>

      {error && <ErrorMessage>{error}</ErrorMessage>}
      {loadMessage && <p className="success-box" role="status">{loadMessage}</p>}

      <section className={`scan-result tone-${tone}`} aria-label="Last scan" data-testid="scan-result" role="status" aria-live="assertive">
        {last ? (
          <>
            <p className="scan-title">{last.title}</p>
            {last.recipient && <p className="scan-recipient">{last.recipient}</p>}
            <dl className="scan-facts">
              {last.orderNumber && (
                <>
                  <dt>Order</dt>
                  <dd>{last.orderNumber}</dd>
                </>
              )}
              {last.trackingNumber && (
                <>
                  <dt>Tracking number</dt>
                  <dd data-testid="scan-tracking">{last.trackingNumber}</dd>
                </>
              )}
              {last.printer && (
                <>
                  <dt>{last.status === 'printed' || last.status === 'reprinted' ? 'Printed on' : 'Printer'}</dt>
                  <dd>{last.printer}</dd>
                </>
              )}
            </dl>
            {last.message && <p className="scan-message">{last.message}</p>}
          </>
        ) : (
          <>
            <p className="scan-title">Scan an order to print its label</p>
            {session && session.ordersLoaded === 0 && (
              <p className="scan-message">No orders are loaded yet: use “Load orders (CSV)” with the file of today’s orders. Orders that already have labels can be scanned to reprint them.</p>
            )}
          </>
        )}
      </section>

      {session && (
        <section className="station-session" aria-label="This session">
          <dl className="station-counters" data-testid="station-counters">
            <div>
              <dt>Labels made</dt>
              <dd>{session.labelsMade}</dd>
            </div>
            <div>
              <dt>Reprints</dt>
              <dd>{session.reprints}</dd>
            </div>
            <div className={session.failures ? 'has-failures' : ''}>
              <dt>Failures</dt>
              <dd>{session.failures}</dd>
            </div>
          </dl>
          <table className="table station-recent" aria-label="Last 20 scans">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Scanned</th>
                <th scope="col">Outcome</th>
                <th scope="col">Tracking number or reason</th>
              </tr>
            </thead>
            <tbody>
              {session.recent.length === 0 && (
                <tr>
                  <td colSpan={4} className="hint">
                    No scans yet in this session.
                  </td>
                </tr>
              )}
              {session.recent.map((r) => (
                <tr key={r.seq} className={`tone-${toneOf(r.status)}`}>
                  <td>{time(r.at)}</td>
                  <td>{r.input}</td>
                  <td>{r.title}</td>
                  <td>{r.trackingNumber ?? (FAILURE_STATUSES.has(r.status) ? r.message : '')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}

      {sheetOpen && (
        <CommandSheetDialog
          onClose={() => {
            setSheetOpen(false);
          }}
        />
      )}
    </div>
  );
}
