import { z } from 'zod';
import { CreateLabelRequest, Party } from '../flexforward/schemas';
import { LabelRecord, OutboxEntry } from './labels';
import { PrintJobRecord } from './printing';

/**
 * What the renderer sends to create a label: the API request without the idempotency key
 * (main derives it) and without service.shipperAccountId (main adds the picked account).
 * The same strict schema as the API request, so the form validates exactly like the API.
 */
export const LabelDraft = CreateLabelRequest.omit({ idempotencyKey: true });
export type LabelDraft = z.infer<typeof LabelDraft>;

/** What happened to a create request. Validation and other refusals come back as IPC errors with fields. */
export const CreateOutcome = z.discriminatedUnion('kind', [
  /** A label exists (created now, or replayed: an earlier request with this key had made it). */
  z.object({
    kind: z.literal('created'),
    label: LabelRecord,
    replayed: z.boolean(),
    documentError: z.string().nullable(),
    /** The automatic print job, when the default label profile prints new labels. */
    printJob: PrintJobRecord.nullable().default(null),
  }),
  /** The courier refused: stored as a failed label with the reason. */
  z.object({ kind: z.literal('rejected'), label: LabelRecord }),
  /** No definite answer: the request stays in the outbox and is resolved with the same key. */
  z.object({ kind: z.literal('in_doubt'), idempotencyKey: z.string(), message: z.string() }),
  /** The order already has a label (or a courier refusal): only an explicit "create another" mints a new key. */
  z.object({ kind: z.literal('already_labelled'), orderNumber: z.string(), labels: z.array(LabelRecord), lastRejected: z.boolean() }),
]);
export type CreateOutcome = z.infer<typeof CreateOutcome>;

/** An outbox entry as the renderer sees it (no request body). */
export const UnresolvedRequest = OutboxEntry.pick({
  idempotencyKey: true,
  environment: true,
  orderNumber: true,
  state: true,
  attempts: true,
  lastError: true,
  createdAt: true,
});
export type UnresolvedRequest = z.infer<typeof UnresolvedRequest>;

/** A recipient of a recent label, offered as the operator types a name in New label. */
export const RecentRecipient = z.object({
  /** The name as the recipient’s country writes it (shared/domain/address-format.ts `formatPersonName`): 山田 太郎, Maria Garcia. */
  name: z.string(),
  party: Party,
  /** When the newest label for them was recorded (ms since epoch). */
  lastUsedAt: z.number().int(),
});
export type RecentRecipient = z.infer<typeof RecentRecipient>;
