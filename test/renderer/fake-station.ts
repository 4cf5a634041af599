import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '../../shared/ipc/contract';
import { createClient } from '../../shared/ipc/client';
import type { IpcResult } from '../../shared/ipc/result';
import type { ErrorCode } from '../../shared/ipc/error-codes';

type Handler<C extends ChannelName> = (input: ChannelInput<C>) => IpcResult<ChannelOutput<C>> | Promise<IpcResult<ChannelOutput<C>>>;
export type FakeHandlers = { [C in ChannelName]?: Handler<C> };

/**
 * A stand-in for main behind `window.station`: the real typed client (shared/ipc/client.ts)
 * over handlers the test gives, recording every call, with events the test sends. A channel
 * the test gave no handler for fails the test (the code under test asked for something
 * unexpected).
 */
export function installFakeStation(handlers: FakeHandlers) {
  const calls: { channel: ChannelName; input: unknown }[] = [];
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const client = createClient(
    async (channel, input) => {
      calls.push({ channel, input });
      const handler = handlers[channel] as ((input: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`The fake station has no handler for ${channel}`);
      return handler(input);
    },
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
  );
  Object.defineProperty(window, 'station', { value: client, configurable: true });
  return {
    handlers,
    calls,
    /** The inputs of every call to one channel, in order. */
    callsTo: <C extends ChannelName>(channel: C) => calls.filter((c) => c.channel === channel).map((c) => c.input as ChannelInput<C>),
    emit: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    listenerCount: (event: EventName) => listeners.get(event)?.size ?? 0,
  };
}

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
export const failed = (code: ErrorCode, message: string, fields?: Record<string, string>): IpcResult<never> => ({
  ok: false,
  error: fields ? { code, message, fields } : { code, message },
});

/** A promise the test resolves when it wants the answer to arrive. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
