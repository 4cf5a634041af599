import { useState } from 'react';
import { ErrorMessage } from '../../components/ui';
import { DefaultsSection } from './DefaultsSection';
import { EnvironmentsSection } from './EnvironmentsSection';
import { PresetsSection } from './PresetsSection';
import { PrintersSection } from './PrintersSection';
import { SendersSection } from './SendersSection';
import { useSettings } from './use-settings';

const tabs = [
  { id: 'environments', label: 'Environments' },
  { id: 'defaults', label: 'Label defaults' },
  { id: 'senders', label: 'Sender addresses' },
  { id: 'presets', label: 'Package presets' },
  { id: 'printers', label: 'Printers' },
] as const;
type Tab = (typeof tabs)[number]['id'];

export function SettingsScreen() {
  const api = useSettings();
  const [tab, setTab] = useState<Tab>('environments');
  if (!api.settings) return api.error ? <ErrorMessage>{api.error.message}</ErrorMessage> : <p role="status">Loading settings…</p>;

  const moveFocus = (delta: number) => {
    const index = (tabs.findIndex((t) => t.id === tab) + delta + tabs.length) % tabs.length;
    setTab(tabs[index]!.id);
    document.getElementById(`tab-${tabs[index]!.id}`)?.focus();
  };

  return (
    <section className="settings" aria-labelledby="settings-heading">
      <h1 id="settings-heading">Settings</h1>
      <div role="tablist" aria-label="Settings sections" className="tabs" onKeyDown={(e) => (e.key === 'ArrowRight' ? moveFocus(1) : e.key === 'ArrowLeft' ? moveFocus(-1) : undefined)}>
        {tabs.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'environments' && <EnvironmentsSection api={api} />}
        {tab === 'defaults' && <DefaultsSection api={api} />}
        {tab === 'senders' && <SendersSection api={api} />}
        {tab === 'presets' && <PresetsSection api={api} />}
        {tab === 'printers' && <PrintersSection api={api} />}
      </div>
    </section>
  );
}
