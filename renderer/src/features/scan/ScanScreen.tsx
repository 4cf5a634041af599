import { openPrinterSettings } from '../printing/printer-state';
import { useAppState, useFormats } from '../../app-state';
import { useT } from '../../i18n';
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
  const { t } = useT('scan');
  const { count } = useFormats();
  const { info } = useAppState();
  const s = useScanMode(onLeave);
  const { session, waiting } = s;
  return (
    // The screen's own keys (F2, F4, F10, Esc) are handled for every control inside it.
    <div className="station-mode" onKeyDown={s.onScreenKey}>
      <header className="station-top">
        <h1>{t('screen.title')}</h1>
        <span className={`env-badge env-${info?.environment.id ?? ''}`}>
          {info?.environment.production ? t('screen.production') : info?.environment.label}
        </span>
        <span data-testid="station-printer" className={session && !session.printer ? 'error' : ''}>
          {session?.printer
            ? t('screen.printer', { name: session.printer.name, printer: session.printer.printer })
            : session && (
                <>
                  {t('screen.noPrinter')}{' '}
                  <button type="button" className="link-button" onClick={openPrinterSettings}>
                    {t('screen.printerSettings')}
                  </button>
                </>
              )}
        </span>
        <span data-testid="station-orders">
          {session
            ? session.files.length
              ? t('screen.ordersLoadedFrom', {
                  count: session.ordersLoaded,
                  orders: count(session.ordersLoaded),
                  files: session.files.join(', '),
                })
              : t('screen.ordersLoaded', { count: session.ordersLoaded, orders: count(session.ordersLoaded) })
            : ''}
        </span>
        <div className="station-top-actions">
          <button type="button" onClick={s.openImport}>
            {t('screen.loadOrders')}
          </button>
          <label className="check">
            <input type="checkbox" checked={session?.sounds ?? false} onChange={(e) => void s.toggleSounds(e.target.checked)} />{' '}
            {t('screen.sounds')}
          </label>
          <button type="button" onClick={() => s.setSheetOpen(true)}>
            {t('screen.commandBarcodes')}
          </button>
          <button type="button" onClick={s.reset}>
            {t('screen.newSession')}
          </button>
          <button type="button" onClick={openShortcutsHelp}>
            {t('screen.keys')}
          </button>
          <button type="button" onClick={() => s.command('leave')}>
            {t('screen.leave')}
          </button>
        </div>
      </header>

      <section className="station-inputs" aria-label={t('screen.scanArea')}>
        <div className={`station-field ${waiting ? '' : 'active'}`}>
          <label htmlFor="station-scan">{t('screen.scanLabel')}</label>
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
          <label htmlFor="station-weight">{t('screen.weightLabel', { unit: (session?.weightUnit ?? 'KG').toLowerCase() })}</label>
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
            ? s.working
              ? t('screen.workingOn', { order: s.working })
              : t('screen.workingOnScan')
            : waiting?.confirm
              ? t('screen.confirmWeight', { order: waiting.orderNumber, weight: waiting.confirm })
              : waiting
                ? t('screen.waitingWeight', { order: waiting.orderNumber })
                : t('screen.ready')}
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
