// Type-only view of the contract, so `client.ts` (bundled into the preload) pulls in no zod
// code: `import type` is erased at build time.
export type { ChannelInput, ChannelOutput, EventPayload } from './contract';
export type { ChannelName, EventName } from './channels';
