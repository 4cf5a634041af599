import type { ChannelName } from '../../../shared/ipc/channels';
import type { ChannelOutput, ParsedInput } from '../../../shared/ipc/contract';
import type { CreateOutcome } from '../../../shared/domain/label-draft';
import type { ScanResult } from '../../../shared/domain/scan';
import type { Handlers } from '../ipc-dispatch';
import type { AuditWithoutWho, Operators } from './operators';
import { SUPERVISOR_CLAIM_RELEASE } from './rules';
import type { AuditDetailKey } from '../../../shared/domain/operators';

type Describe<C extends ChannelName> = (
  input: ParsedInput<C>,
  output: ChannelOutput<C>,
  operators: Pick<Operators, 'printedBefore'>,
) => AuditWithoutWho[] | Promise<AuditWithoutWho[]>;

const created = (outcome: CreateOutcome): AuditWithoutWho[] => {
  if (outcome.kind !== 'created' || outcome.replayed) return [];
  const { label, printJob } = outcome;
  const base = { labelId: label.id, orderNumber: label.customerOrderNumber };
  return [
    { action: 'label_created', ...base, details: [label.courier, label.trackingNumber].filter(Boolean).join(' ') || null },
    ...(printJob?.state === 'sent' ? [{ action: 'label_printed' as const, ...base, details: printJob.printer }] : []),
  ];
};
const scanned = (result: ScanResult): AuditWithoutWho[] => {
  const base = { labelId: result.labelId, orderNumber: result.orderNumber, details: result.printer };
  // Claimed by this scan (in a workgroup), before whatever it then did with the order.
  const claimed: AuditWithoutWho[] = result.claimed
    ? [{ action: 'order_claimed', orderNumber: result.claimed, labelId: null, details: null }]
    : [];
  if (result.status === 'printed') return [...claimed, { action: 'label_created', ...base }, { action: 'label_printed', ...base }];
  if (result.status === 'reprinted') return [...claimed, { action: 'label_reprinted', ...base }];
  return claimed;
};
/** A settings change: the audit line's detail says which (never a value that could be secret). */
const setting =
  <C extends ChannelName>(key: AuditDetailKey, values: (input: ParsedInput<C>) => Record<string, string> = () => ({})): Describe<C> =>
  (input) => [{ action: 'settings_changed', detail: { key, values: values(input) } }];

/**
 * What the audit trail records of a successful call (issue 18 item 5), from its input and its
 * answer: labels created, printed and reprinted, settings changed (which channel, never a value
 * that could be secret: tokens and passwords stay out), the Production switch, claims released.
 * Sign-in, sign-out and operator changes are recorded by operators.ts itself.
 */
export const AUDITED: { [C in ChannelName]?: Describe<C> } = {
  'labels:create': (input, output) => [
    ...(input.another || input.confirmDuplicateOf
      ? [
          {
            action: 'another_label_confirmed' as const,
            orderNumber: input.draft.order?.customerOrderNumber ?? null,
            labelId: input.confirmDuplicateOf ?? null,
          },
        ]
      : []),
    ...created(output),
  ],
  'labels:resolve': (_input, output) => created(output),
  'print:labels': async (input, output, operators) => {
    if (output.state !== 'sent') return [];
    const before = await operators.printedBefore(output.labelIds);
    return output.labelIds.map((labelId) => ({
      action: before.has(labelId) ? ('label_reprinted' as const) : ('label_printed' as const),
      labelId,
      details: input.copies && input.copies > 1 ? `${output.printer} ×${input.copies}` : output.printer,
    }));
  },
  'scan:submit': (_input, output) => scanned(output.result),
  'scan:command': (_input, output) => scanned(output.result),
  'batch:start': (input) => [
    {
      action: 'batch_started',
      detail: {
        key: 'batchStarted',
        values: { importId: input.importId, labelled: input.includeAlreadyLabelled ? 'included' : 'skipped' },
      },
    },
  ],
  'env:switch': (input) => [{ action: 'environment_switched', detail: { key: 'environment', values: { environment: input.environment } } }],
  'settings:setDefaults': setting('defaults'),
  'settings:setPreferences': setting('preferences'),
  'env:setBaseUrl': setting('baseUrl', (i) => ({ environment: i.environment, url: i.baseUrl })),
  'token:set': setting('tokenSaved', (i) => ({ environment: i.environment })),
  'token:clear': setting('tokenRemoved', (i) => ({ environment: i.environment })),
  'accounts:add': setting('accountAdded', (i) => ({ account: i.id })),
  'accounts:rename': setting('accountRenamed', (i) => ({ account: i.id })),
  'accounts:remove': setting('accountRemoved', (i) => ({ account: i.id })),
  'accounts:setDefault': setting('accountDefault', (i) => ({ account: i.id })),
  'senders:save': setting('senderSaved'),
  'senders:remove': setting('senderRemoved'),
  'presets:save': setting('presetSaved'),
  'presets:remove': setting('presetRemoved'),
  'printers:saveProfile': setting('printerProfileSaved', (i) => ({ printer: i.printer })),
  'printers:removeProfile': setting('printerProfileRemoved'),
  'printers:setDefault': setting('defaultPrinter'),
  'skuCatalogue:save': setting('catalogueSaved', (i) => ({ sku: i.entry.sku })),
  'skuCatalogue:remove': setting('catalogueRemoved', (i) => ({ sku: i.sku })),
  'skuCatalogue:importCsv': setting('catalogueImported', (i) => ({ file: i.fileName })),
  'batch:saveMapping': setting('mappingSaved', (i) => ({ name: i.name })),
  'workgroup:save': setting('workgroupSettings'),
};

/**
 * The operators' gate around every handler (docs/architecture.md, "Operators, roles and the audit trail"):
 * before a call, `authorize` (sign-in required, supervisor only); after a successful one, its
 * audit lines. One place, so a new channel is gated by adding it to rules.ts rather than by an
 * edit in its handler.
 */
export function guardHandlers<H extends Handlers>(handlers: H, operators: Operators): H {
  const guarded: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const [channel, handler] of Object.entries(handlers) as [string, (input: unknown) => Promise<unknown>][]) {
    const describe = (AUDITED as Record<string, Describe<ChannelName> | undefined>)[channel];
    const claimRelease = SUPERVISOR_CLAIM_RELEASE.includes(channel);
    guarded[channel] = async (input) => {
      await operators.authorize(channel, input);
      const output = await handler(input);
      if ((describe || claimRelease) && operators.inWorkgroup()) {
        const lines = claimRelease
          ? [{ action: 'claim_released' as const, orderNumber: (input as { order?: string } | undefined)?.order ?? null }]
          : describe
            ? await Promise.resolve(describe(input as never, output as never, operators)).catch((error: unknown) => {
                // The call succeeded; a line that could not be described is logged (operators.record logs failed writes).
                operators.describeFailed(channel, error);
                return [];
              })
            : [];
        await operators.record(lines);
      }
      return output;
    };
  }
  return guarded as H;
}
