import type { AppInfo } from '../../shared/ipc/contract';
import type { IpcError } from '../../shared/ipc/result';
import { useAppInfo } from './data/queries';

/** app:info for every screen, from the query cache: read once, and again whenever settings change. */
export function useAppState(): { info: AppInfo | null; error: IpcError | null } {
  const { data, error } = useAppInfo();
  return { info: data ?? null, error };
}
