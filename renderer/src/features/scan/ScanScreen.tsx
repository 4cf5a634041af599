import { openPrinterSettings } from '../printing/printer-state';
import { useAppState } from '../../app-state';
import { ErrorMessage } from '../../components/ui';
import { openShortcutsHelp } from '../shell/shortcuts';
import { ImportDialog } from '../batch/ImportDialog';
import { CommandSheetDialog } from './CommandSheetDialog';
import { ScanResultPanel, SessionPanel } from './ScanParts';
import { useScanMode } from './use-scan-mode';
import './scan.css';

/**
 * Station mode: a full-window scan-to-print screen for a packing station. Every scan goes to
 * main, which creates (exactly once) and prints, or reprints, and answers what happened; the
 * answer is shown large. The state and the keys live in `useScanMode`.
 */
export function ScanScreen({ onLeave }: { onLeave: () => void }) {
  const { info } = useAppState();
  const s = useScanMode(onLeave);
  const { session, waiting } = s;
  return (
    // The screen's own keys (F2, F4, F10, Esc) are handled for every control inside it.
    <div className="station-mode" onKeyDown={s.onScreenKey}>
      <header className="station-top">
        <h1>Station mode</h1>
        <span className={`env-badge env-${info?.environment.id ?? ''}`}>
          {info?.environment.production ? 'PRODUCTION' : info?.environment.label}
        </span>
        <span data-testid="station-printer" className={session && !session.printer ? 'error' : ''}>
          {session?.printer
            ? `Printer: ${session.printer.name} (${session.printer.printer})`
            : session && (
                <>
                  No label printer: add one in{' '}
                  <button type="button" className="link-button" onClick={openPrinterSettings}>
                    Settings → Printers
                  </button>
                </>
              )}
        </span>
        <span data-testid="station-orders">
          {session ? `${session.ordersLoaded} orders loaded${session.files.length ? ` from ${session.files.join(', ')}` : ''}` : ''}
        </span>
        <div className="station-top-actions">
          <button type="button" onClick={s.openImport}>
            Load orders (CSV)
          </button>
          <label className="check">
            <input type="checkbox" checked={session?.sounds ?? false} onChange={(e) => void s.toggleSounds(e.target.checked)} /> Sounds
          </label>
          <button type="button" onClick={() => s.setSheetOpen(true)}>
            Command barcodes
          </button>
          <button type="button" onClick={s.reset}>
            New session
          </button>
          <button type="button" onClick={openShortcutsHelp}>
            Keys (F1)
          </button>
          <button type="button" onClick={() => s.command('leave')}>
            Leave (F10)
          </button>
        </div>
      </header>

      <section className="station-inputs" aria-label="Scan">
        <div className={`station-field ${waiting ? '' : 'active'}`}>
          <label htmlFor="station-scan">Scan an order barcode (or type the order number and press Enter)</label>
          <input
            id="station-scan"
            ref={s.scanRef}
            className="station-scan"
            value={s.scan}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => s.setScan(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), s.submitScan())}
            onBlur={(e) => !e.relatedTarget && !waiting && setTimeout(s.focusActive, 0)}
          />
        </div>
        <div className={`station-field weight ${waiting ? 'active' : ''}`}>
          <label htmlFor="station-weight">Weight ({(session?.weightUnit ?? 'KG').toLowerCase()})</label>
          <input
            id="station-weight"
            ref={s.weightRef}
            className="station-weight"
            inputMode="decimal"
            value={s.weight}
            autoComplete="off"
            onChange={(e) => s.setWeight(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), waiting ? s.submitWeight() : s.submitScan())}
            onBlur={(e) => !e.relatedTarget && waiting && setTimeout(s.focusActive, 0)}
          />
        </div>
        <p className="hint" aria-live="polite">
          {s.busy
            ? `Working on ${s.working ?? 'the scan'}…`
            : waiting?.confirm
              ? `Order ${waiting.orderNumber}: Enter (or scanning the order again) confirms ${waiting.confirm}; type a new weight to correct it. Esc cancels.`
              : waiting
                ? `Waiting for the weight of order ${waiting.orderNumber}: type it or put the parcel on the scale, then Enter. Esc cancels.`
                : 'Ready for the next scan.'}
        </p>
      </section>

      {s.error && <ErrorMessage>{s.error}</ErrorMessage>}

      <ScanResultPanel last={s.last} session={session} working={s.working} />
      {session && <SessionPanel session={session} />}
      {s.sheetOpen && <CommandSheetDialog onClose={() => s.setSheetOpen(false)} />}
      {s.importOpen && <ImportDialog onClose={s.closeImport} />}
    </div>
  );
}
