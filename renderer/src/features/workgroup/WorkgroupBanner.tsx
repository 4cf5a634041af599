import { useEffect, useState } from 'react';
import { loadNamespaces, useT } from '../../i18n';
import { useWorkgroupStatus } from './use-workgroup';
import './workgroup.css';

/**
 * "Workgroup database unreachable": shown while main's health check cannot reach the shared
 * PostgreSQL (electron/core/workgroup/health.ts), gone by itself when it answers again. Its
 * words are loaded when it is first needed, and it shows only once they are there (no keys flash).
 */
export function WorkgroupBanner() {
  const status = useWorkgroupStatus();
  const unreachable = status?.state === 'unreachable' ? status : null;
  const [wordsReady, setWordsReady] = useState(false);
  useEffect(() => {
    if (unreachable && !wordsReady) void loadNamespaces(['workgroup']).then(() => setWordsReady(true));
  }, [unreachable, wordsReady]);
  if (!unreachable || !wordsReady) return null;
  return <BannerText reason={unreachable.reason} />;
}

function BannerText({ reason }: { reason: string | null }) {
  const { t } = useT('workgroup');
  return (
    <div className="offline-banner workgroup-banner" role="alert" data-testid="workgroup-banner">
      <strong>{t('banner.title')}</strong> {t('banner.body')}
      {reason && <small className="workgroup-banner-reason">{reason}</small>}
    </div>
  );
}
