import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { IpcError, IpcResult } from '../../../shared/ipc/result';
import { station } from '../station';
import { SETTINGS_DEPENDENT } from './keys';
import { createQueryCache, orNoAnswer, type Fetcher, type QueryCache, type QuerySnapshot } from './query-cache';

const CacheContext = createContext<QueryCache | null>(null);

/** Holds the query cache for everything inside, and marks settings-based answers stale when main says settings changed. */
export function DataProvider({ cache, children }: { cache?: QueryCache; children: ReactNode }) {
  const [value] = useState(() => cache ?? createQueryCache());
  useEffect(() => station().on('settings:changed', () => value.invalidate(SETTINGS_DEPENDENT)), [value]);
  return <CacheContext.Provider value={value}>{children}</CacheContext.Provider>;
}

export function useQueryCache(): QueryCache {
  const cache = useContext(CacheContext);
  if (!cache) throw new Error('useQueryCache outside DataProvider');
  return cache;
}

export interface QueryResult<T> extends QuerySnapshot<T> {
  /** Reads the key again now; resolves when the answer is in. */
  reload(): Promise<void>;
}

const NOTHING: QuerySnapshot<never> = { data: undefined, error: null, loading: false };
const noSubscription = () => () => undefined;

/**
 * One answer from main, shared by every component that asks for the same key. Read when first
 * shown and whenever it is invalidated (an action, main's settings:changed event), else served
 * from the cache; `refetchOnMount` reads it again each time a component shows it (for data main
 * changes without saying so, such as the label requests still in doubt). A null key asks nothing.
 */
export function useQuery<T>(
  key: string | null,
  fetcher: Fetcher<T>,
  options: { refetchOnMount?: boolean; transient?: boolean } = {},
): QueryResult<T> {
  const cache = useQueryCache();
  const { refetchOnMount = false, transient = false } = options;
  const subscribe = useCallback(
    (listener: () => void) => (key === null ? noSubscription() : cache.subscribe(key, listener, { transient })),
    [cache, key, transient],
  );
  const snapshot = useSyncExternalStore(subscribe, () => (key === null ? NOTHING : cache.get<T>(key)));
  // The fetcher of the render that showed this key: it asks main for exactly this key.
  useEffect(() => {
    if (key !== null) cache.ensure(key, fetcher as Fetcher<unknown>, { refetch: refetchOnMount });
  }, [cache, key]);
  const reload = useCallback(() => (key === null ? Promise.resolve() : cache.read(key)), [cache, key]);
  return { ...snapshot, reload };
}

export interface ActionOptions<A extends unknown[], T> {
  /** The answer is the new value of this query (settings changes answer the new settings view). */
  sets?: string;
  /** Queries whose data the action changes in main: read again after it succeeded. */
  invalidates?: readonly string[];
  onSuccess?: (value: T, ...args: A) => void;
  onError?: (error: IpcError, ...args: A) => void;
}

export interface Action<A extends unknown[], T> {
  /** Runs the call; resolves with its answer once the cache is updated and the callbacks ran. */
  run(...args: A): Promise<IpcResult<T>>;
  /** True while any run has not answered yet (several may be on the way). */
  pending: boolean;
  /** The error of the last run that answered; null after a success. */
  error: IpcError | null;
  clearError(): void;
}

/** A call that changes something in main: runs it, keeps `pending` and `error`, and updates the queries it affects on success. */
export function useAction<A extends unknown[], T>(
  fn: (...args: A) => Promise<IpcResult<T>>,
  options: ActionOptions<A, T> = {},
): Action<A, T> {
  const cache = useQueryCache();
  const [running, setRunning] = useState(0);
  const [error, setError] = useState<IpcError | null>(null);
  // The latest render's function and callbacks, so `run` stays the same function.
  const latest = useRef({ fn, options });
  latest.current = { fn, options };
  const run = useCallback(
    async (...args: A) => {
      const { fn: call, options: o } = latest.current;
      setRunning((n) => n + 1);
      const result = await orNoAnswer(call(...args));
      setRunning((n) => n - 1);
      if (result.ok) {
        setError(null);
        if (o.sets) cache.set(o.sets, result.value);
        if (o.invalidates) cache.invalidate(o.invalidates);
        o.onSuccess?.(result.value, ...args);
      } else {
        setError(result.error);
        o.onError?.(result.error, ...args);
      }
      return result;
    },
    [cache],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, pending: running > 0, error, clearError };
}
