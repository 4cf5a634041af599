import { useCallback, useEffect, useState } from 'react';
import type { SettingsView } from '../../../../shared/ipc/contract';
import type { IpcError, IpcResult } from '../../../../shared/ipc/result';
import { useAppState } from '../../app-state';
import { station } from '../../station';

/** The settings view plus a helper that applies a change through main and shows its result. */
export function useSettings() {
  const { refresh: refreshInfo } = useAppState();
  const [settings, setSettings] = useState<SettingsView | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const reload = useCallback(async () => {
    const result = await station().settings.get();
    if (result.ok) setSettings(result.value);
    else setError(result.error);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  /** Runs a settings change; returns the error (for field messages) or null. */
  const apply = useCallback(
    async (change: Promise<IpcResult<SettingsView>>): Promise<IpcError | null> => {
      const result = await change;
      if (!result.ok) return result.error;
      setSettings(result.value);
      await refreshInfo();
      return null;
    },
    [refreshInfo],
  );

  return { settings, error, reload, apply };
}
export type SettingsApi = ReturnType<typeof useSettings>;
