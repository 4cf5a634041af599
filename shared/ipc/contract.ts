import { z } from 'zod';
import { EnvironmentId } from '../domain/environment';
import { TokenStatus } from '../domain/token';
import type { ChannelName, EventName } from './channels';

/** Input of a channel that takes no argument: only `undefined` is accepted. */
const NoInput = z.undefined();

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  environment: z.object({
    id: EnvironmentId,
    label: z.string(),
    production: z.boolean(),
  }),
  token: TokenStatus,
});
export type AppInfo = z.infer<typeof AppInfo>;

export const ProgressEvent = z.object({
  /** Which long-running task this is about, e.g. `batch:3f2a…`, `tracking:refresh`. */
  task: z.string().min(1),
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  message: z.string().optional(),
});
export type ProgressEvent = z.infer<typeof ProgressEvent>;

/**
 * Every IPC channel, renderer -> main, with a strict input schema and the output schema
 * main's reply is parsed with before it leaves (so no extra field can ride along).
 */
export const contract = {
  'app:info': { input: NoInput, output: AppInfo },
  'app:openExternal': { input: z.strictObject({ url: z.url({ protocol: /^https$/ }) }), output: z.object({ opened: z.boolean() }) },
} as const satisfies Record<ChannelName, { input: z.ZodType; output: z.ZodType }>;

/** Typed events, main -> renderer. */
export const events = {
  progress: ProgressEvent,
} as const satisfies Record<EventName, z.ZodType>;

export type Contract = typeof contract;
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Contract[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
