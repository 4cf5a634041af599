import { readFileSync, writeFileSync } from 'node:fs';
import type pg from 'pg';
import type { AuditPage, AuditQuery, Operator, OperatorRole, OperatorSession, SignedInOperator } from '../../../shared/domain/operators';
import { StationError } from '../errors';
import { t } from '../i18n';
import type { Logger } from '../logger';
import type { SharedDatabase } from '../workgroup/shared-database';
import type { ClaimStation } from '../workgroup/claims';
import { createListCache } from '../workgroup/shared-lists';
import { createAuditStore, type AuditRecord, type AuditStore } from './audit-store';
import { createOperatorStore, type LockoutOptions, type OperatorStore } from './operator-store';
import { needsSupervisor, SIGNED_OUT } from './rules';

export interface OperatorsDeps {
  shared: Pick<SharedDatabase, 'pool' | 'onReset'>;
  /** Who this station is in the workgroup (null: a station on its own). */
  station: () => ClaimStation | null;
  /**
   * Where the station remembers that its workgroup has operators (a small JSON file in userData),
   * so that a station started while the database is down still asks for a sign-in.
   */
  seenFile: string;
  /** The workgroup's identity for that memory (host, port, database), null outside one. */
  workgroupKey: () => string | null;
  /** The signed-in operator changed (sign-in, sign-out, another workgroup): the renderer's shell follows. */
  onChange?: (session: OperatorSession) => void;
  lockout?: LockoutOptions;
  /**
   * Whether live updates are heard now (workgroup/live.ts): while they are, "no operators yet" is
   * kept between calls and asked again on `forget()` (a live 'operators' notification).
   */
  listening?: () => boolean;
  logger: Logger;
}

export type AuditWithoutWho = Omit<AuditRecord, 'operator' | 'station'>;

export interface Operators {
  session(): Promise<OperatorSession>;
  signIn(input: { name: string; pin: string }): Promise<OperatorSession>;
  signOut(): Promise<OperatorSession>;
  list(): Promise<Operator[]>;
  /** A supervisor adds an operator; in a workgroup without any, whoever is at the station adds the first (a supervisor) and is signed in. */
  add(input: { name: string; role: OperatorRole; pin: string }): Promise<Operator[]>;
  update(input: { id: string; role?: OperatorRole; pin?: string; active?: boolean }): Promise<Operator[]>;
  /** Who is signed in at this station (null: nobody, or not in a workgroup). The claims and the audit name them. */
  current(): SignedInOperator | null;
  /**
   * Refuses a call this station may not make now: in a workgroup with operators, anything but
   * signing in while nobody is (`operator_sign_in_required`), and a supervisor's call by a packer
   * (`operator_supervisor_required`). Outside a workgroup, or in one without operators yet, everything is allowed.
   */
  authorize(channel: string, input: unknown): Promise<void>;
  /** Writes audit lines as the signed-in operator at this station; outside a workgroup, nothing. Never throws (logged). */
  record(records: readonly AuditWithoutWho[]): Promise<void>;
  search(query: AuditQuery): Promise<AuditPage>;
  /** The station is in a workgroup (operators and the audit trail apply). */
  inWorkgroup(): boolean;
  describeFailed(channel: string, error: unknown): void;
  /** An operator was added or changed at some station (a live 'operators' notification): what was kept is asked again. */
  forget(): void;
  /** Of these labels, the ones printed before anywhere in the workgroup. */
  printedBefore(labelIds: readonly string[]): Promise<Set<string>>;
}

export function createOperators(deps: OperatorsDeps): Operators {
  const { logger } = deps;
  let signedIn: SignedInOperator | null = null;
  /** The stores on the current pool (null: not opened yet, or reset). */
  let stores: { pool: pg.Pool; operators: OperatorStore; audit: AuditStore } | null = null;
  /**
   * The workgroup has operators: true stays true until another workgroup (operators are never
   * deleted, only deactivated). Until then it is asked at each call, or, while live updates are
   * heard, kept until an 'operators' notification (a scan in a workgroup without operators asked at every scan).
   */
  let known = false;
  const kept = createListCache(deps.listening ?? (() => false));
  const anyOperators = kept.value(async () => (await open()).operators.hasAny());

  const open = async () => {
    const pool = await deps.shared.pool();
    if (!stores || stores.pool !== pool)
      stores = { pool, operators: createOperatorStore(pool, deps.lockout), audit: createAuditStore(pool) };
    return stores;
  };
  const readSeen = (): string[] => {
    try {
      const parsed: unknown = JSON.parse(readFileSync(deps.seenFile, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  };
  const remember = () => {
    const key = deps.workgroupKey();
    if (!key) return;
    const seen = readSeen();
    if (seen.includes(key)) return;
    try {
      writeFileSync(deps.seenFile, JSON.stringify([...seen, key]));
    } catch (error) {
      logger.warn('operators.seen_not_saved', { error });
    }
  };

  /** Whether the workgroup has operators; when the database cannot be asked, what this station saw before. */
  const operatorsExist = async (): Promise<boolean> => {
    if (known) return true;
    try {
      const any = await anyOperators();
      known = any;
      if (any) remember();
      return any;
    } catch (error) {
      const key = deps.workgroupKey();
      if (key && readSeen().includes(key)) return true;
      logger.warn('operators.unknown', { reason: error instanceof Error ? error.message : String(error) });
      return false;
    }
  };

  const session = async (): Promise<OperatorSession> => {
    if (!deps.station()) return { workgroup: false, required: false, firstOperator: false, operator: null };
    if (signedIn) return { workgroup: true, required: true, firstOperator: false, operator: signedIn };
    const any = await operatorsExist();
    return { workgroup: true, required: any, firstOperator: !any, operator: null };
  };
  const changed = async () => {
    const next = await session();
    deps.onChange?.(next);
    return next;
  };

  const record = async (records: readonly AuditWithoutWho[], who: SignedInOperator | null = signedIn) => {
    const station = deps.station();
    if (!station || records.length === 0) return;
    try {
      const operator = who ? { id: who.id, name: who.name } : null;
      await (await open()).audit.record(records.map((r) => ({ ...r, operator, station })));
    } catch (error) {
      logger.error('operators.audit_failed', { actions: records.map((r) => r.action), error });
    }
  };

  const supervisorRequired = () => new StationError('operator_supervisor_required', t('operators:errors.supervisorRequired'));
  const signInRequired = () => new StationError('operator_sign_in_required', t('operators:errors.signInRequired'));

  /** The signed-in operator as the database has them now (a role changed or deactivated at another station counts at once). */
  const refresh = async (): Promise<SignedInOperator | null> => {
    if (!signedIn) return null;
    let row: Operator | null;
    try {
      row = await (await open()).operators.get(signedIn.id);
    } catch {
      return signedIn;
    }
    if (!row || !row.active) {
      signedIn = null;
      await changed();
      return null;
    }
    if (row.role !== signedIn.role || row.name !== signedIn.name) {
      signedIn = { id: row.id, name: row.name, role: row.role };
      await changed();
    }
    return signedIn;
  };

  deps.shared.onReset(() => {
    // Another workgroup (or none): nobody is signed in there yet.
    const was = signedIn;
    signedIn = null;
    stores = null;
    known = false;
    kept.forget();
    if (was) logger.info('operators.signed_out', { reason: 'workgroup_changed' });
    void changed().catch(() => undefined);
  });

  return {
    session,
    async signIn({ name, pin }) {
      if (!deps.station()) throw new StationError('workgroup_not_joined', t('workgroup:errors.notJoined'));
      const { operators } = await open();
      let operator: Operator;
      try {
        operator = await operators.verify(name, pin);
      } catch (error) {
        if (error instanceof StationError && (error.code === 'operator_sign_in_wrong' || error.code === 'operator_locked')) {
          await record(
            [
              {
                action: 'sign_in_failed',
                detail: {
                  key: 'signInFailed',
                  values: { name: name.trim().slice(0, 60), reason: error.code === 'operator_locked' ? 'locked' : 'wrong' },
                },
              },
            ],
            null,
          );
        }
        throw error;
      }
      const previous = signedIn;
      if (previous && previous.id !== operator.id) await record([{ action: 'signed_out' }], previous);
      signedIn = { id: operator.id, name: operator.name, role: operator.role };
      known = true;
      remember();
      logger.info('operators.signed_in', { role: operator.role });
      await record([{ action: 'signed_in' }]);
      return changed();
    },
    async signOut() {
      if (signedIn) {
        await record([{ action: 'signed_out' }]);
        signedIn = null;
        logger.info('operators.signed_out', { reason: 'operator' });
      }
      return changed();
    },
    async list() {
      return (await open()).operators.list();
    },
    async add(input) {
      const { operators } = await open();
      const first = !signedIn;
      const added = await operators.add(input, { firstOnly: first });
      await record(
        [{ action: 'operator_added', detail: { key: 'operatorAdded', values: { name: added.name, role: added.role } } }],
        first ? added : signedIn,
      );
      if (first) {
        // The first operator is a supervisor and is signed in here: the workgroup now asks everyone to sign in.
        signedIn = { id: added.id, name: added.name, role: added.role };
        known = true;
        remember();
        await record([{ action: 'signed_in' }]);
        await changed();
      }
      return operators.list();
    },
    async update(input) {
      const { operators } = await open();
      const { before, after } = await operators.update(input);
      // What changed, as codes the audit screen puts into words (operators.json, audit.details.operatorChanged*).
      const values: Record<string, string> = { name: after.name };
      if (before.role !== after.role) Object.assign(values, { roleFrom: before.role, roleTo: after.role });
      if (input.pin !== undefined) values.pin = 'changed';
      if (before.active !== after.active) values.active = after.active ? 'activated' : 'deactivated';
      await record([{ action: 'operator_changed', detail: { key: 'operatorChanged', values } }]);
      if (signedIn?.id === after.id) await refresh();
      return operators.list();
    },
    current: () => signedIn,
    forget: () => kept.forget(),
    async authorize(channel, input) {
      if (!deps.station() || SIGNED_OUT.has(channel)) return;
      const supervisor = needsSupervisor(channel, input);
      if (!signedIn) {
        if (await operatorsExist()) throw signInRequired();
        return;
      }
      if (!supervisor) return;
      const now = await refresh();
      if (!now) throw signInRequired();
      if (now.role !== 'supervisor') throw supervisorRequired();
    },
    record: (records) => record(records),
    inWorkgroup: () => deps.station() !== null,
    describeFailed: (channel, error) => logger.error('operators.audit_failed', { channel, error }),
    async search(query) {
      return (await open()).audit.search(query);
    },
    async printedBefore(labelIds) {
      return (await open()).audit.printedBefore(labelIds);
    },
  };
}
