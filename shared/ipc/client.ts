import type { IpcResult } from './result';
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from './contract-types';
import { channelNames, eventNames } from './channels';

type Namespace<C extends string> = C extends `${infer N}:${string}` ? N : never;
type Method<C extends string, N extends string> = C extends `${N}:${infer M}` ? M : never;

type Call<C extends ChannelName> =
  undefined extends ChannelInput<C>
    ? (input?: ChannelInput<C>) => Promise<IpcResult<ChannelOutput<C>>>
    : (input: ChannelInput<C>) => Promise<IpcResult<ChannelOutput<C>>>;

/** `app:info` becomes `station.app.info()`. */
export type StationApi = {
  [N in Namespace<ChannelName>]: { [M in Method<ChannelName, N>]: Call<Extract<ChannelName, `${N}:${M}`>> };
} & {
  /** Subscribes to a typed event from main; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export type Invoke = (channel: ChannelName, input: unknown) => Promise<unknown>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

/**
 * Builds `window.station` from the channel list. The same function serves the Electron
 * preload (transport: ipcRenderer) and the browser harness (transport: a Playwright
 * binding), so the two differ only in `invoke` and `subscribe`.
 */
export function createClient(invoke: Invoke, subscribe: Subscribe): StationApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const channel of channelNames) {
    const [ns, method] = channel.split(':') as [string, string];
    api[ns] ??= {};
    api[ns][method] = (input?: unknown) => invoke(channel, input);
  }
  const on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!(eventNames as readonly string[]).includes(event)) throw new Error(`Unknown event: ${String(event)}`);
    return subscribe(event, listener);
  };
  return Object.assign(api, { on }) as unknown as StationApi;
}
