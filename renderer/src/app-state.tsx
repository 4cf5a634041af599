import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AppInfo } from '../../shared/ipc/contract';
import type { IpcError } from '../../shared/ipc/result';
import { station } from './station';

interface AppState {
  info: AppInfo | null;
  error: IpcError | null;
  /** Re-reads app:info (after switching environment, saving a token, …). */
  refresh(): Promise<void>;
  /** Replaces the info with an answer main already sent (env:switch, accounts:select). */
  setInfo(info: AppInfo): void;
}

const AppStateContext = createContext<AppState | null>(null);

export function AppStateProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const refresh = useCallback(async () => {
    const result = await station().app.info();
    if (result.ok) {
      setInfo(result.value);
      setError(null);
    } else setError(result.error);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return <AppStateContext.Provider value={{ info, error, refresh, setInfo }}>{children}</AppStateContext.Provider>;
}

export function useAppState(): AppState {
  const state = useContext(AppStateContext);
  if (!state) throw new Error('useAppState outside AppStateProvider');
  return state;
}
