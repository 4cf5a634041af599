import type { ChannelName } from '../../../shared/ipc/channels';
import type { ParsedInput } from '../../../shared/ipc/contract';

/**
 * Which calls only a supervisor may make in a workgroup with operators (issue 18 item 5),
 * checked in main for every call (operators.ts `authorize`), not only by hiding buttons.
 * A channel named here that the contract does not have yet costs nothing; it applies once added.
 */
type Needs<C extends ChannelName> = true | ((input: ParsedInput<C>) => boolean);

export const SUPERVISOR_ONLY: { [C in ChannelName]?: Needs<C> } = {
  // Production buys real labels: only a supervisor switches to it (back to Development or Demo anyone may).
  'env:switch': (input) => input.environment === 'production',
  // Settings: the settings:* write channels and every other channel that writes the settings file or the keychain.
  'settings:setDefaults': true,
  'settings:setPreferences': true,
  'env:setBaseUrl': true,
  'token:set': true,
  'token:clear': true,
  'accounts:add': true,
  'accounts:rename': true,
  'accounts:remove': true,
  'accounts:setDefault': true,
  'senders:save': true,
  'senders:remove': true,
  'presets:save': true,
  'presets:remove': true,
  'printers:saveProfile': true,
  'printers:removeProfile': true,
  'printers:setDefault': true,
  'skuCatalogue:save': true,
  'skuCatalogue:remove': true,
  'skuCatalogue:importCsv': true,
  'batch:saveMapping': true,
  'workgroup:save': true,
  'workgroup:leave': true,
  // Another label for an order that has one: "create another", a confirmed duplicate, a batch that includes labelled orders.
  'labels:create': (input) => input.another === true || input.confirmDuplicateOf !== undefined,
  'batch:start': (input) => input.includeAlreadyLabelled === true,
  // Operators and the audit trail.
  'operators:list': true,
  'operators:add': true,
  'operators:update': true,
  'audit:search': true,
};

/**
 * Releasing a claim another station holds (issue 18 item 4): the claims channels by name, so the
 * gate holds as soon as such a channel lands in the contract. Their input names the order (`order`).
 */
export const SUPERVISOR_CLAIM_RELEASE: readonly string[] = ['claims:release'];

/** What works at a station of a workgroup with operators while nobody is signed in: the sign-in screen and the shell around it. */
export const SIGNED_OUT: ReadonlySet<string> = new Set<ChannelName>([
  'app:info',
  'app:connection',
  'operators:session',
  'operators:signIn',
  'operators:signOut',
  'workgroup:status',
  'workgroup:get',
]);

export function needsSupervisor(channel: string, input: unknown): boolean {
  if (SUPERVISOR_CLAIM_RELEASE.includes(channel)) return true;
  const rule = (SUPERVISOR_ONLY as Record<string, Needs<ChannelName> | undefined>)[channel];
  if (rule === undefined) return false;
  return rule === true || (rule as (input: unknown) => boolean)(input);
}
