import { StatusView } from './features/status/StatusView';

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <span className="app-title">Flex Forward Station</span>
      </header>
      <main className="app-main">
        <StatusView />
      </main>
    </div>
  );
}
