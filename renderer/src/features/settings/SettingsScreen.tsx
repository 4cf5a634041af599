import { useState } from 'react';
import { ErrorMessage } from '../../components/ui';
import { CatalogueSection } from './CatalogueSection';
import { DefaultsSection } from './DefaultsSection';
import { EnvironmentsSection } from './EnvironmentsSection';
import { PresetsSection } from './PresetsSection';
import { PrintersSection } from './PrintersSection';
import { SendersSection } from './SendersSection';
import { WorkgroupSection } from '../workgroup/WorkgroupSection';
import { AuditSection } from '../operators/AuditSection';
import { OperatorsSection } from '../operators/OperatorsSection';
import { useSettingsView } from '../../data/queries';
import { useT } from '../../i18n';
import './settings.css';

/** The sections, in order; each tab's name is `screen.tabs.<id>` in the settings catalogue. */
const tabs = [
  { id: 'environments' },
  { id: 'defaults' },
  { id: 'senders' },
  { id: 'presets' },
  { id: 'catalogue' },
  { id: 'printers' },
  { id: 'workgroup' },
  { id: 'operators' },
  { id: 'audit' },
] as const;
type Tab = (typeof tabs)[number]['id'];

export function SettingsScreen({ initialTab = 'environments' }: { initialTab?: Tab }) {
  const { t } = useT('settings');
  const { data: settings, error } = useSettingsView();
  const [tab, setTab] = useState<Tab>(initialTab);
  if (!settings) return error ? <ErrorMessage>{error.message}</ErrorMessage> : <p role="status">{t('screen.loading')}</p>;

  const moveFocus = (delta: number) => {
    const index = (tabs.findIndex((x) => x.id === tab) + delta + tabs.length) % tabs.length;
    setTab(tabs[index]!.id);
    document.getElementById(`tab-${tabs[index]!.id}`)?.focus();
  };

  return (
    <section className="settings" aria-labelledby="settings-heading">
      <h1 id="settings-heading">{t('screen.title')}</h1>
      <div
        role="tablist"
        aria-label={t('screen.sections')}
        className="tabs"
        onKeyDown={(e) => (e.key === 'ArrowRight' ? moveFocus(1) : e.key === 'ArrowLeft' ? moveFocus(-1) : undefined)}
      >
        {tabs.map(({ id }) => (
          <button
            key={id}
            id={`tab-${id}`}
            role="tab"
            type="button"
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            onClick={() => setTab(id)}
          >
            {id === 'workgroup'
              ? t('workgroup:tab')
              : id === 'operators'
                ? t('operators:manage.tab')
                : id === 'audit'
                  ? t('operators:audit.tab')
                  : t(`screen.tabs.${id}`)}
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
        {tab === 'workgroup' && <WorkgroupSection />}
        {tab === 'operators' && <OperatorsSection />}
        {tab === 'audit' && <AuditSection />}
      </div>
    </section>
  );
}
