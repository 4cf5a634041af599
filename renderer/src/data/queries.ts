import type { SettingsView } from '../../../shared/ipc/contract';
import type { IpcResult } from '../../../shared/ipc/result';
import { station } from '../station';
import { useAction, useQuery, type ActionOptions } from './hooks';
import { queryKeys } from './keys';

/** app:info (environment, account, token, onboarding): the header, status view and station mode share it. */
export const useAppInfo = () => useQuery(queryKeys.appInfo, () => station().app.info());

/** The settings view: New label, Settings and every print button share one read. */
export const useSettingsView = () => useQuery(queryKeys.settings, () => station().settings.get());

/**
 * A change to settings (`change.run(() => station().presets.save(…))`): its answer is the new
 * settings view, and app:info and the catalogs may change with it.
 */
export const useSettingsChange = (
  options: Omit<ActionOptions<[() => Promise<IpcResult<SettingsView>>], SettingsView>, 'sets' | 'invalidates'> = {},
) =>
  useAction((call: () => Promise<IpcResult<SettingsView>>) => call(), {
    ...options,
    sets: queryKeys.settings,
    invalidates: [queryKeys.appInfo, queryKeys.catalog],
  });
