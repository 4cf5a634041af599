import { z } from 'zod';

/**
 * Operators of a workgroup (issue 18 item 5): who works at a station, signed in with a name and
 * a PIN, as a packer or a supervisor. They live in the workgroup's PostgreSQL
 * (electron/core/operators/); a station on its own has none and asks no one to sign in.
 */
export const OPERATOR_ROLES = ['packer', 'supervisor'] as const;
export const OperatorRole = z.enum(OPERATOR_ROLES);
export type OperatorRole = z.infer<typeof OperatorRole>;

export const MAX_OPERATOR_NAME_LENGTH = 60;

export const OperatorName = z
  .string()
  .trim()
  .min(1, { error: 'operators:validation.name' })
  .max(MAX_OPERATOR_NAME_LENGTH, { error: 'operators:validation.nameTooLong' });

/** 4 to 6 digits: short enough to type at a bench, and guessing is slowed by the lockout. */
export const OperatorPin = z.string().regex(/^\d{4,6}$/, { error: 'operators:validation.pin' });

/** An operator as the renderer sees it: never the PIN or its hash. */
export const Operator = z.object({
  id: z.string(),
  name: z.string(),
  role: OperatorRole,
  active: z.boolean(),
  createdAt: z.number().int(),
});
export type Operator = z.infer<typeof Operator>;

/** Who is signed in at this station (main keeps it; the renderer learns the name and role). */
export const SignedInOperator = z.object({ id: z.string(), name: z.string(), role: OperatorRole });
export type SignedInOperator = z.infer<typeof SignedInOperator>;

export const OperatorSession = z.object({
  /** The station is in a workgroup (outside one there are no operators: everything is allowed). */
  workgroup: z.boolean(),
  /** The workgroup has operators: nothing but signing in works until someone signs in. */
  required: z.boolean(),
  /** In a workgroup without operators yet: the first one added becomes a supervisor. */
  firstOperator: z.boolean(),
  operator: SignedInOperator.nullable(),
});
export type OperatorSession = z.infer<typeof OperatorSession>;

export const OperatorInput = z.strictObject({ name: OperatorName, role: OperatorRole, pin: OperatorPin });
export const OperatorChange = z.strictObject({
  id: z.string().min(1).max(64),
  role: OperatorRole.optional(),
  pin: OperatorPin.optional(),
  active: z.boolean().optional(),
});

/** What the audit trail records (electron/core/operators/audit.ts). */
export const AUDIT_ACTIONS = [
  'label_created',
  'label_printed',
  'label_reprinted',
  'another_label_confirmed',
  'batch_started',
  'order_claimed',
  'claim_released',
  'environment_switched',
  'settings_changed',
  'signed_in',
  'signed_out',
  'sign_in_failed',
  'operator_added',
  'operator_changed',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

/**
 * What an audit line says beyond its action, kept free of any one language (stations of one
 * workgroup may show different ones): a key and its values, written to the audit trail as JSON
 * and put into words by the screen that shows it (operators.json, `audit.details.<key>`). The
 * values are data (names, printers, SKUs) or codes the screen translates (an environment, a role).
 */
export const AUDIT_DETAIL_KEYS = [
  'batchStarted',
  'environment',
  'baseUrl',
  'tokenSaved',
  'tokenRemoved',
  'accountAdded',
  'accountRenamed',
  'accountRemoved',
  'accountDefault',
  'senderSaved',
  'senderRemoved',
  'presetSaved',
  'presetRemoved',
  'printerProfileSaved',
  'printerProfileRemoved',
  'defaultPrinter',
  'catalogueSaved',
  'catalogueRemoved',
  'catalogueImported',
  'mappingSaved',
  'workgroupSettings',
  'defaults',
  'preferences',
  'signInFailed',
  'operatorAdded',
  'operatorChanged',
] as const;
export const AuditDetailKey = z.enum(AUDIT_DETAIL_KEYS);
export type AuditDetailKey = z.infer<typeof AuditDetailKey>;
export const AuditDetail = z.object({ key: AuditDetailKey, values: z.record(z.string(), z.string()) });
export type AuditDetail = z.infer<typeof AuditDetail>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  /** ms since epoch, the database server's clock. */
  at: z.number().int(),
  /** Who (null: nobody signed in, a workgroup without operators yet). */
  operator: z.string().nullable(),
  action: AuditAction,
  /** Where: the station's name in the workgroup. */
  station: z.string(),
  orderNumber: z.string().nullable(),
  labelId: z.string().nullable(),
  /** What exactly, as data: the printer, the courier and tracking number (plain text, no secret); also a line an older station wrote. */
  details: z.string().nullable(),
  /** What exactly, in words the screen chooses: the setting changed, the operator changed … (no secret). */
  detail: AuditDetail.nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AUDIT_PAGE_SIZE = 50;

export const AuditQuery = z.strictObject({
  operator: z.string().trim().max(MAX_OPERATOR_NAME_LENGTH).optional(),
  action: AuditAction.optional(),
  /** An order number or label id, or a part of one. */
  text: z.string().trim().max(200).optional(),
  /** ms since epoch, inclusive from, exclusive to. */
  from: z.number().int().nonnegative().optional(),
  to: z.number().int().nonnegative().optional(),
  /** The `nextCursor` of the page before (keyset paging, newest first). */
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ entries: z.array(AuditEntry), nextCursor: z.number().int().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;
