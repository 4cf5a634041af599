import { useEffect } from 'react';
import type { Language } from '../../shared/i18n/index';
import { numberFormats, type NumberFormats } from '../../shared/i18n/format';
import { systemClock, timeFormat, type TimeFormat } from '../../shared/domain/time-format';
import type { AppInfo } from '../../shared/ipc/contract';
import type { IpcError } from '../../shared/ipc/result';
import { useAppInfo } from './data/queries';
import { switchLanguage } from './i18n';

/** app:info for every screen, from the query cache: read once, and again whenever settings change. */
export function useAppState(): { info: AppInfo | null; error: IpcError | null } {
  const { data, error } = useAppInfo();
  return { info: data ?? null, error };
}

/**
 * The station's clock for this screen: every time shown is formatted with it, in the zone and
 * format main chose (app:info `clock`), so screens and main's own sentences agree. Before
 * app:info arrives, the system's.
 */
export function useTimes(): TimeFormat {
  const { info } = useAppState();
  return timeFormat(info?.clock ?? systemClock());
}

/** Keeps every screen in main's language (app:info `language`), switching without a restart when it changes. */
export function useStationLanguage(language: Language | undefined): void {
  useEffect(() => {
    if (language) void switchLanguage(language);
  }, [language]);
}

/** Counts, weights, money and shares in the operator's format (the same locale as `useTimes`). */
export function useFormats(): NumberFormats {
  return numberFormats(useTimes().clock.locale);
}
