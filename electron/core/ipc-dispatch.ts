import { t, translateStationMessage } from './i18n';
import { z } from 'zod';
import { contract, type ChannelOutput, type ParsedInput } from '../../shared/ipc/contract';
import { channelNames, type ChannelName } from '../../shared/ipc/channels';
import { fail, issuesToFields, ok, type IpcResult } from '../../shared/ipc/result';
import { StationError } from './errors';
import type { Logger } from './logger';

/** One handler per channel, typed from the contract. */
export type Handlers = { [C in ChannelName]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>> };

export type Dispatch = (channel: string, raw: unknown) => Promise<IpcResult<unknown>>;

/**
 * The Electron-free half of IPC registration: strict input parsing, the handler, output
 * parsing (which strips anything the contract does not name), and errors turned into values.
 * `electron/ipc-register.ts` puts the sender check in front of it; the browser harness
 * binds it to its own page.
 */
export function createDispatch(handlers: Handlers, logger: Logger): Dispatch {
  return async (channel, raw) => {
    if (!isChannel(channel)) return fail('unknown_channel', t('errors:ipc.unknownChannel'));
    const spec = contract[channel];
    let input: ReturnType<typeof spec.input.safeParse>;
    try {
      // Inside a try: input that makes parsing itself throw (a getter that throws, nesting
      // deep enough to overflow a recursive check) is refused as a value, never a rejected call.
      input = spec.input.safeParse(raw);
    } catch (error) {
      logger.warn('ipc.input_unreadable', { channel, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      return fail('invalid_input', t('errors:ipc.unreadable'));
    }
    if (!input.success) {
      return fail('invalid_input', t('errors:ipc.invalid'), translated(issuesToFields(input.error.issues)));
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      const value = await handler(input.data);
      const output = spec.output.safeParse(value);
      if (!output.success) {
        logger.error('ipc.bad_output', { channel, issues: issuesToFields(output.error.issues) });
        return fail('internal', t('errors:ipc.badOutput'));
      }
      return ok(output.data);
    } catch (error) {
      if (error instanceof StationError) return fail(error.code, error.message, error.fields);
      // A service that validates with a shared schema (settings, accounts) reports field by field.
      if (error instanceof z.ZodError) {
        const fields = translated(issuesToFields(error.issues));
        return fail('invalid_input', Object.values(fields)[0] ?? t('errors:ipc.invalid'), fields);
      }
      logger.error('ipc.handler_failed', { channel, error });
      return fail('internal', t('errors:ipc.internal'));
    }
  };
}

/** Field messages from shared schemas are catalogue keys: each in the station's language. */
function translated(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([path, message]) => [path, translateStationMessage(message)]));
}

export function isChannel(channel: string): channel is ChannelName {
  return (channelNames as readonly string[]).includes(channel);
}
