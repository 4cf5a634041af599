import { useState } from 'react';
import { ErrorMessage } from '../../components/ui';
import { CatalogueSection } from './CatalogueSection';
import { DefaultsSection } from './DefaultsSection';
import { EnvironmentsSection } from './EnvironmentsSection';
import { PresetsSection } from './PresetsSection';
import { PrintersSection } from './PrintersSection';
import { SendersSection } from './SendersSection';
import { useSettingsView } from '../../data/queries';

const tabs = [
  { id: 'environments', label: 'Environments' },
  { id: 'defaults', label: 'Label defaults' },
  { id: 'senders', label: 'Sender addresses' },
  { id: 'presets', label: 'Package presets' },
  { id: 'catalogue', label: 'Products by SKU' },
  { id: 'printers', label: 'Printers' },
] as const;
type Tab = (typeof tabs)[number]['id'];

export function SettingsScreen({ initialTab = 'environments' }: { initialTab?: Tab }) {
  const { data: settings, error } = useSettingsView();
  const [tab, setTab] = useState<Tab>(initialTab);
  if (!settings) return error ? <ErrorMessage>{error.message}</ErrorMessage> : <p role="status">Loading settings…</p>;

  const moveFocus = (delta: number) => {
    const index = (tabs.findIndex((t) => t.id === tab) + delta + tabs.length) % tabs.length;
    setTab(tabs[index]!.id);
    document.getElementById(`tab-${tabs[index]!.id}`)?.focus();
  };

  return (
    <section className="settings" aria-labelledby="settings-heading">
      <h1 id="settings-heading">Settings</h1>
      <div
        role="tablist"
        aria-label="Settings sections"
        className="tabs"
        onKeyDown={(e) => (e.key === 'ArrowRight' ? moveFocus(1) : e.key === 'ArrowLeft' ? moveFocus(-1) : undefined)}
      >
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
        {tab === 'environments' && <EnvironmentsSection settings={settings} />}
        {tab === 'defaults' && <DefaultsSection settings={settings} />}
        {tab === 'senders' && <SendersSection settings={settings} />}
        {tab === 'presets' && <PresetsSection settings={settings} />}
        {tab === 'catalogue' && <CatalogueSection />}
        {tab === 'printers' && <PrintersSection settings={settings} />}
      </div>
    </section>
  );
}
