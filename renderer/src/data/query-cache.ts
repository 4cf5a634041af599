import type { IpcError, IpcResult } from '../../../shared/ipc/result';

/** Reads one value from main: an IPC call, which answers with a value or an error (never throws on purpose). */
export type Fetcher<T> = () => Promise<IpcResult<T>>;

/** What a screen sees of one query. `data` stays while it is read again, so nothing flickers. */
export interface QuerySnapshot<T> {
  data: T | undefined;
  error: IpcError | null;
  loading: boolean;
}

interface Entry {
  snapshot: QuerySnapshot<unknown>;
  fetcher: Fetcher<unknown> | null;
  /** Bumped by every read and every set: an answer that is no longer the latest is dropped. */
  version: number;
  inFlight: Promise<void> | null;
  /** Invalidated while nothing showed it: read again when something does. */
  stale: boolean;
  /** Forgotten once nothing shows it (large or per-item answers: label documents, tracking). */
  transient: boolean;
  listeners: Set<() => void>;
}

const IDLE: QuerySnapshot<never> = { data: undefined, error: null, loading: false };

/** What a call that never answered (the IPC transport itself failed) reads as. */
export const NO_ANSWER: IpcError = {
  code: 'internal',
  message: 'The station did not answer. Try again; if it keeps happening, restart Flex Forward Station.',
};
export const orNoAnswer = <T>(call: Promise<IpcResult<T>>): Promise<IpcResult<T>> =>
  call.catch((): IpcResult<T> => ({ ok: false, error: NO_ANSWER }));

/** `settings` covers `settings` and `settings/…`: keys are paths, invalidation works on whole prefixes. */
const covers = (prefix: string, key: string) => key === prefix || key.startsWith(`${prefix}/`);

/**
 * The renderer's cache of answers from main, keyed by string and shared by every component
 * that asks for the same key: one request in flight per key, one answer for all of them.
 * No React here (hooks.tsx binds it); no timers: data is read again when it is invalidated.
 */
export function createQueryCache() {
  const entries = new Map<string, Entry>();

  const entry = (key: string): Entry => {
    let e = entries.get(key);
    if (!e) {
      e = { snapshot: IDLE, fetcher: null, version: 0, inFlight: null, stale: false, transient: false, listeners: new Set() };
      entries.set(key, e);
    }
    return e;
  };
  const publish = (e: Entry, snapshot: QuerySnapshot<unknown>) => {
    e.snapshot = snapshot;
    for (const listener of [...e.listeners]) listener();
  };

  /** Reads the key again now (with the fetcher it was last shown with); resolves when that read is done. */
  function read(key: string): Promise<void> {
    const e = entry(key);
    const fetcher = e.fetcher;
    if (!fetcher) return Promise.resolve();
    const version = ++e.version;
    e.stale = false;
    if (!e.snapshot.loading) publish(e, { ...e.snapshot, loading: true });
    const done = orNoAnswer(fetcher()).then((result) => {
      if (e.version !== version) return;
      e.inFlight = null;
      publish(
        e,
        result.ok ? { data: result.value, error: null, loading: false } : { data: e.snapshot.data, error: result.error, loading: false },
      );
    });
    e.inFlight = done;
    return done;
  }

  return {
    get: <T>(key: string): QuerySnapshot<T> => (entries.get(key)?.snapshot ?? IDLE) as QuerySnapshot<T>,

    /** A component shows the key: it is read unless an answer is cached (or on the way), or `refetch` asks for a fresh one. */
    ensure(key: string, fetcher: Fetcher<unknown>, { refetch = false } = {}) {
      const e = entry(key);
      e.fetcher = fetcher;
      if (e.inFlight) return;
      if (refetch || e.stale || e.snapshot.data === undefined) void read(key);
    },

    read,

    subscribe(key: string, listener: () => void, { transient = false } = {}): () => void {
      const e = entry(key);
      e.transient ||= transient;
      e.listeners.add(listener);
      return () => {
        e.listeners.delete(listener);
        // After the commit that unmounted it: the next screen may show the same key.
        if (e.transient) queueMicrotask(() => e.listeners.size === 0 && entries.get(key) === e && entries.delete(key));
      };
    },

    /** An answer main already sent (an action's result) is the key's new value. */
    set(key: string, data: unknown) {
      const e = entry(key);
      e.version++;
      e.inFlight = null;
      e.stale = false;
      publish(e, { data, error: null, loading: false });
    },

    /** The data under these keys (and their sub-keys) changed in main: shown ones are read again now, others when next shown. */
    invalidate(prefixes: readonly string[]) {
      for (const [key, e] of entries) {
        if (!prefixes.some((p) => covers(p, key))) continue;
        if (e.listeners.size > 0) void read(key);
        else e.stale = true;
      }
    },
  };
}
export type QueryCache = ReturnType<typeof createQueryCache>;
