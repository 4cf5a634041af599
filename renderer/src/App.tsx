import { OfflineBanner } from './features/shell/OfflineBanner';
import { WorkgroupBanner } from './features/workgroup/WorkgroupBanner';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryQuery } from '../../shared/domain/labels';
import { useAppState, useStationLanguage } from './app-state';
import { ErrorMessage } from './components/ui';
import { DataProvider } from './data/hooks';
import { useT } from './i18n';
import { Onboarding } from './features/onboarding/Onboarding';
import { NewLabelScreen } from './features/labels/NewLabelScreen';
import { Header, type View } from './features/shell/Header';
import { LazyScreen, lazyScreen } from './features/shell/LazyScreen';
import { focusScreen, useScreenFocus } from './features/shell/screen-focus';
import { HELP_EVENT, useGlobalShortcuts } from './features/shell/shortcuts';
import { ShortcutsHelp } from './features/shell/ShortcutsHelp';
import { OPEN_PRINTER_SETTINGS_EVENT } from './features/printing/printer-state';
import { OperatorBadge } from './features/operators/OperatorBadge';
import { useOperatorSession } from './features/operators/use-operator-session';

// The first paint shows the first-start screen, New label or Today's frame; every other screen's
// code is fetched when it is first opened (scripts/size.mjs holds the initial JS to its budget).
// Today, the home screen, is fetched at once; its charts (uPlot) come later, inside it.
const TodayScreen = lazyScreen(
  () => import('./features/today/TodayScreen'),
  (m) => m.TodayScreen,
  ['today', 'handover'],
);
const BatchScreen = lazyScreen(
  () => import('./features/batch/BatchScreen'),
  (m) => m.BatchScreen,
  ['batch'],
);
const HistoryScreen = lazyScreen(
  () => import('./features/history/HistoryScreen'),
  (m) => m.HistoryScreen,
  ['history', 'handover'],
);
const SettingsScreen = lazyScreen(
  () => import('./features/settings/SettingsScreen'),
  (m) => m.SettingsScreen,
  ['settings', 'workgroup', 'operators'],
);
const ScanScreen = lazyScreen(
  () => import('./features/scan/ScanScreen'),
  (m) => m.ScanScreen,
  ['scan', 'batch'],
);
const SignInScreen = lazyScreen(
  () => import('./features/operators/SignInScreen'),
  (m) => m.SignInScreen,
  ['operators'],
);
const StatusView = lazyScreen(
  () => import('./features/status/StatusView'),
  (m) => m.StatusView,
  ['status'],
);

function Shell() {
  const { info, error } = useAppState();
  const { t } = useT('shell');
  // A workgroup with operators: nothing but the sign-in screen until someone signs in (main refuses the rest too).
  const operatorSession = useOperatorSession();
  const [view, setView] = useState<View>('today');
  /** A number on Today: History opens filtered to exactly the labels it counted (a new key each time). */
  const [historyQuery, setHistoryQuery] = useState<{ query: Partial<HistoryQuery>; key: number } | null>(null);
  const [trackId, setTrackId] = useState<string | null>(null);
  /** History's "Duplicate": New label opens with a copy of this label's request. */
  const [duplicateFrom, setDuplicateFrom] = useState<{ labelId: string; trackingNumber: string | null } | null>(null);
  const [help, setHelp] = useState(false);
  const mainRef = useRef<HTMLElement>(null);

  useStationLanguage(info?.language);
  // Today is the home screen of an onboarded station; right after the first-start screen the
  // operator goes on to their first label.
  // (Set while rendering, so Today is not even fetched on the way.)
  const [firstStart, setFirstStart] = useState(false);
  if (info && !info.onboarded && !firstStart) setFirstStart(true);
  if (info?.onboarded && firstStart) {
    setFirstStart(false);
    setView('label');
  }
  const screen = info?.onboarded ? view : 'onboarding';
  const focusAgain = useScreenFocus(mainRef, screen);
  // Every navigation moves focus to the screen, also to the one already shown.
  const navigate = useCallback(
    (next: View) => {
      setHistoryQuery(null);
      setView(next);
      focusAgain();
    },
    [focusAgain],
  );
  const openHistory = (query: Partial<HistoryQuery>) => {
    navigate('history');
    setHistoryQuery((previous) => ({ query, key: (previous?.key ?? 0) + 1 }));
  };
  const track = (labelId: string) => {
    setTrackId(labelId);
    navigate('history');
  };
  const duplicate = (label: { id: string; trackingNumber: string | null }) => {
    setDuplicateFrom({ labelId: label.id, trackingNumber: label.trackingNumber });
    navigate('label');
  };
  const openHelp = useCallback(() => setHelp(true), []);
  useEffect(() => {
    window.addEventListener(HELP_EVENT, openHelp);
    return () => window.removeEventListener(HELP_EVENT, openHelp);
  }, [openHelp]);
  // "Settings → Printers" links next to Print buttons (features/printing/printer-state.ts).
  const [printerSettings, setPrinterSettings] = useState(0);
  useEffect(() => {
    const open = () => (setPrinterSettings((n) => n + 1), navigate('settings'));
    window.addEventListener(OPEN_PRINTER_SETTINGS_EVENT, open);
    return () => window.removeEventListener(OPEN_PRINTER_SETTINGS_EVENT, open);
  }, [navigate]);
  // The first-start screen has no screens to go to: only the help overlay opens there.
  useGlobalShortcuts({ navigation: Boolean(info?.onboarded), onNavigate: navigate, onHelp: openHelp });

  const leaveStation = () => navigate('label');
  // "Settings → Printers" opens Settings on its Printers tab.
  const settingsTab = printerSettings ? ('printers' as const) : undefined;
  const helpOverlay = help && <ShortcutsHelp onClose={() => setHelp(false)} />;
  if (!info) {
    return (
      <>
        {error ? <ErrorMessage>{error.message}</ErrorMessage> : <p role="status">{t('loading')}</p>}
        {helpOverlay}
      </>
    );
  }
  const notice = info.notice && (
    <p className="notice-box" role="status">
      {info.notice}
    </p>
  );
  if (!info.onboarded) {
    return (
      <>
        <main className="app-main" ref={mainRef}>
          {notice}
          <Onboarding />
        </main>
        {helpOverlay}
      </>
    );
  }
  if (operatorSession?.required && !operatorSession.operator) {
    return (
      <>
        <OfflineBanner />
        <WorkgroupBanner />
        <main className="app-main" id="main-content" ref={mainRef}>
          <LazyScreen view={view}>
            <SignInScreen />
          </LazyScreen>
        </main>
        {helpOverlay}
      </>
    );
  }
  if (view === 'station') {
    // Full window, no header: the station screen is all there is.
    return (
      <>
        <div
          className="station-shell"
          ref={(el) => {
            mainRef.current = el;
          }}
        >
          <OfflineBanner />
          <WorkgroupBanner />
          <LazyScreen view={view} onLeave={leaveStation}>
            <ScanScreen onLeave={leaveStation} />
          </LazyScreen>
        </div>
        {helpOverlay}
      </>
    );
  }
  return (
    <>
      <a
        className="skip-link"
        href="#main-content"
        onClick={(e) => {
          e.preventDefault();
          focusScreen(mainRef.current, view);
        }}
      >
        {t('skipToContent')}
      </a>
      <Header view={view} onNavigate={navigate} onHelp={openHelp} />
      {operatorSession?.operator && <OperatorBadge operator={operatorSession.operator} />}
      <OfflineBanner />
      <WorkgroupBanner />
      <main className="app-main" id="main-content" ref={mainRef}>
        {notice}
        <LazyScreen view={view}>
          {view === 'today' && <TodayScreen onOpenHistory={openHistory} />}
          {view === 'label' && (
            <NewLabelScreen onTrack={track} duplicateFrom={duplicateFrom} onDuplicateLoaded={() => setDuplicateFrom(null)} />
          )}
          {view === 'batch' && <BatchScreen />}
          {view === 'history' && (
            <HistoryScreen key={historyQuery?.key ?? 0} initialTrack={trackId} initialQuery={historyQuery?.query} onDuplicate={duplicate} />
          )}
          {view === 'status' && <StatusView />}
          {view === 'settings' && <SettingsScreen key={printerSettings} initialTab={settingsTab} />}
        </LazyScreen>
      </main>
      {helpOverlay}
    </>
  );
}

export function App() {
  return (
    <div className="app">
      <DataProvider>
        <Shell />
      </DataProvider>
    </div>
  );
}
