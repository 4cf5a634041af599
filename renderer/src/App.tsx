import { useState } from 'react';
import { AppStateProvider, useAppState } from './app-state';
import { ErrorMessage } from './components/ui';
import { Onboarding } from './features/onboarding/Onboarding';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { BatchScreen } from './features/batch/BatchScreen';
import { HistoryScreen } from './features/history/HistoryScreen';
import { NewLabelScreen } from './features/labels/NewLabelScreen';
import { PrintTargetProvider } from './features/printing/use-print-target';
import { Header, type View } from './features/shell/Header';
import { StatusView } from './features/status/StatusView';

function Station() {
  const { info, error } = useAppState();
  const [view, setView] = useState<View>('label');
  const [trackId, setTrackId] = useState<string | null>(null);
  const track = (labelId: string) => {
    setTrackId(labelId);
    setView('history');
  };
  if (!info) {
    return error ? <ErrorMessage>{error.message}</ErrorMessage> : <p role="status">Loading station…</p>;
  }
  const notice = info.notice && (
    <p className="notice-box" role="status">
      {info.notice}
    </p>
  );
  if (!info.onboarded) {
    return (
      <main className="app-main">
        {notice}
        <Onboarding />
      </main>
    );
  }
  return (
    <>
      <Header view={view} onNavigate={setView} />
      <main className="app-main">
        {notice}
        {/* Keyed by screen: print buttons see printer settings changed on the Settings screen. */}
        <PrintTargetProvider key={view}>
          {view === 'label' && <NewLabelScreen onTrack={track} />}
          {view === 'batch' && <BatchScreen />}
          {view === 'history' && <HistoryScreen initialTrack={trackId} />}
          {view === 'status' && <StatusView />}
          {view === 'settings' && <SettingsScreen />}
        </PrintTargetProvider>
      </main>
    </>
  );
}

export function App() {
  return (
    <div className="app">
      <AppStateProvider>
        <Station />
      </AppStateProvider>
    </div>
  );
}
