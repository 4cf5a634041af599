/**
 * The channel and event names, without their schemas: the preload bundles this list (and
 * `createClient`) and nothing else, so it stays a small file that imports only `electron`.
 * `contract.ts` must declare a schema for each name (enforced by its `satisfies`).
 */
export const channelNames = [
  'app:info',
  'app:connection',
  'app:openExternal',
  'settings:get',
  'settings:setDefaults',
  'settings:setPreferences',
  'env:switch',
  'env:setBaseUrl',
  'token:set',
  'token:status',
  'token:clear',
  'accounts:add',
  'accounts:rename',
  'accounts:remove',
  'accounts:setDefault',
  'accounts:select',
  'catalog:couriers',
  'catalog:products',
  'senders:save',
  'senders:remove',
  'presets:save',
  'presets:remove',
  'labels:create',
  'labels:resolve',
  'labels:unresolved',
  'labels:history',
  'labels:get',
  'labels:document',
  'labels:saveAs',
  'tracking:get',
  'tracking:refreshInTransit',
  'app:copyText',
  'printers:list',
  'printers:saveProfile',
  'printers:removeProfile',
  'printers:setDefault',
  'print:labels',
  'print:calibration',
  'print:log',
  'batch:sampleCsv',
  'batch:import',
  'batch:preview',
  'batch:saveMapping',
  'batch:start',
  'batch:control',
  'batch:run',
  'batch:exportResults',
  'scan:session',
  'scan:submit',
  'scan:command',
  'scan:reset',
  'scan:commandSheet',
  'scan:saveCommandSheet',
] as const;
export type ChannelName = (typeof channelNames)[number];

export const eventNames = ['progress', 'settings:changed', 'connection:changed', 'print:job'] as const;
export type EventName = (typeof eventNames)[number];

/** The one IPC channel main uses to push typed events to the renderer. */
export const EVENT_CHANNEL = 'station:event';
