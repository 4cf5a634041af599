import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Operator, OperatorRole } from '../../../shared/domain/operators';
import { StationError } from '../errors';
import { t } from '../i18n';
import { inTransaction } from '../storage/pg/pool';
import { hashPin, verifyPin } from './pin-hash';

/** Wrong PINs in a row before sign-in for that name pauses, and for how long. */
export interface LockoutOptions {
  maxAttempts?: number;
  lockMs?: number;
}
export const DEFAULT_LOCKOUT = { maxAttempts: 5, lockMs: 60_000 } as const;

/** Serialises "is this the first operator?" across stations (any fixed 64-bit number: "FFS" "oper"). */
const FIRST_OPERATOR_LOCK = 0x464653_6f706572n;

interface OperatorRow {
  id: string;
  name: string;
  role: OperatorRole;
  active: boolean;
  created_at: Date;
}
const COLUMNS = 'id, name, role, active, created_at';
const fromRow = (row: OperatorRow): Operator => ({
  id: row.id,
  name: row.name,
  role: row.role,
  active: row.active,
  createdAt: row.created_at.getTime(),
});

/** Names are compared without case and surrounding spaces: "aiko " signs in Aiko. */
export const nameKey = (name: string) => name.trim().normalize('NFC').toLowerCase();

export interface OperatorStore {
  /** Whether the workgroup has any operator (then every station asks for a sign-in). */
  hasAny(): Promise<boolean>;
  list(): Promise<Operator[]>;
  get(id: string): Promise<Operator | null>;
  /**
   * Adds an operator. `firstOnly`: only while the workgroup has none (someone not signed in sets
   * the workgroup up); the first operator is always a supervisor, whatever role was asked for.
   */
  add(input: { name: string; role: OperatorRole; pin: string }, options?: { firstOnly?: boolean }): Promise<Operator>;
  /** Changes the role, the PIN or whether the operator may sign in; the last active supervisor stays one. */
  update(input: { id: string; role?: OperatorRole; pin?: string; active?: boolean }): Promise<{ before: Operator; after: Operator }>;
  /** The operator of this name if the PIN is theirs; wrong PINs counted, and refused while paused. */
  verify(name: string, pin: string): Promise<Operator>;
}

/** A hash to compare with when the name is unknown, so an unknown name takes as long as a wrong PIN. */
let decoy: Promise<string> | null = null;

export function createOperatorStore(pool: pg.Pool, lockout: LockoutOptions = {}): OperatorStore {
  const maxAttempts = lockout.maxAttempts ?? DEFAULT_LOCKOUT.maxAttempts;
  const lockMs = lockout.lockMs ?? DEFAULT_LOCKOUT.lockMs;

  const taken = (error: unknown, name: string): never => {
    if ((error as { code?: string }).code === '23505') {
      throw new StationError('operator_name_taken', t('operators:errors.nameTaken', { name: name.trim() }), {
        name: t('operators:errors.nameTaken', { name: name.trim() }),
      });
    }
    throw error;
  };

  return {
    async hasAny() {
      const { rows } = await pool.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM operators) AS any');
      return rows[0]?.any ?? false;
    },
    async list() {
      const { rows } = await pool.query<OperatorRow>(`SELECT ${COLUMNS} FROM operators ORDER BY active DESC, name_key`);
      return rows.map(fromRow);
    },
    async get(id) {
      const { rows } = await pool.query<OperatorRow>(`SELECT ${COLUMNS} FROM operators WHERE id = $1`, [id]);
      return rows[0] ? fromRow(rows[0]) : null;
    },
    async add({ name, role, pin }, { firstOnly = false } = {}) {
      const pinHash = await hashPin(pin);
      return inTransaction(pool, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [FIRST_OPERATOR_LOCK.toString()]);
        const { rows: any } = await client.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM operators) AS any');
        const first = !any[0]?.any;
        if (firstOnly && !first) throw new StationError('operator_supervisor_required', t('operators:errors.supervisorRequired'));
        try {
          const { rows } = await client.query<OperatorRow>(
            `INSERT INTO operators (id, name, name_key, role, pin_hash) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
            [randomUUID(), name.trim(), nameKey(name), first ? 'supervisor' : role, pinHash],
          );
          return fromRow(rows[0]!);
        } catch (error) {
          return taken(error, name);
        }
      });
    },
    async update({ id, role, pin, active }) {
      const pinHash = pin === undefined ? null : await hashPin(pin);
      return inTransaction(pool, async (client) => {
        // Supervisors locked in a fixed order: two stations demoting the last two at once cannot both pass the check.
        await client.query(`SELECT id FROM operators WHERE role = 'supervisor' ORDER BY id FOR UPDATE`);
        const { rows } = await client.query<OperatorRow>(`SELECT ${COLUMNS} FROM operators WHERE id = $1 FOR UPDATE`, [id]);
        const before = rows[0] ? fromRow(rows[0]) : null;
        if (!before) throw new StationError('operator_not_found', t('operators:errors.notFound'));
        const nextRole = role ?? before.role;
        const nextActive = active ?? before.active;
        if (before.role === 'supervisor' && before.active && (nextRole !== 'supervisor' || !nextActive)) {
          const { rows: others } = await client.query<{ n: number }>(
            `SELECT count(*)::int AS n FROM operators WHERE role = 'supervisor' AND active AND id <> $1`,
            [id],
          );
          if ((others[0]?.n ?? 0) === 0) throw new StationError('operator_last_supervisor', t('operators:errors.lastSupervisor'));
        }
        const { rows: updated } = await client.query<OperatorRow>(
          `UPDATE operators SET role = $2, active = $3, pin_hash = coalesce($4, pin_hash),
             failed_attempts = CASE WHEN $4::text IS NULL THEN failed_attempts ELSE 0 END,
             locked_until = CASE WHEN $4::text IS NULL THEN locked_until ELSE NULL END,
             updated_at = now()
           WHERE id = $1 RETURNING ${COLUMNS}`,
          [id, nextRole, nextActive, pinHash],
        );
        return { before, after: fromRow(updated[0]!) };
      });
    },
    async verify(name, pin) {
      type Outcome =
        | { kind: 'ok'; operator: Operator }
        | { kind: 'wrong' }
        | { kind: 'locked'; name: string; waitMs: number }
        | { kind: 'lockedNow'; name: string };
      // The outcome is returned, not thrown, so the count and the pause are committed with the refusal.
      const outcome = await inTransaction(pool, async (client): Promise<Outcome> => {
        const { rows } = await client.query<OperatorRow & { pin_hash: string; failed_attempts: number; wait_ms: number | null }>(
          `SELECT ${COLUMNS}, pin_hash, failed_attempts,
             CASE WHEN locked_until > now() THEN ceil(extract(epoch FROM locked_until - now()) * 1000)::bigint END AS wait_ms
           FROM operators WHERE name_key = $1 FOR UPDATE`,
          [nameKey(name)],
        );
        const row = rows[0];
        if (!row || !row.active) {
          await verifyPin(pin, await (decoy ??= hashPin('000000')));
          return { kind: 'wrong' };
        }
        if (row.wait_ms !== null) return { kind: 'locked', name: row.name, waitMs: Number(row.wait_ms) };
        if (await verifyPin(pin, row.pin_hash)) {
          if (row.failed_attempts > 0) await client.query('UPDATE operators SET failed_attempts = 0 WHERE id = $1', [row.id]);
          return { kind: 'ok', operator: fromRow(row) };
        }
        const attempts = row.failed_attempts + 1;
        if (attempts >= maxAttempts) {
          await client.query(
            `UPDATE operators SET failed_attempts = 0, locked_until = now() + $2::double precision * interval '1 millisecond' WHERE id = $1`,
            [row.id, lockMs],
          );
          return { kind: 'lockedNow', name: row.name };
        }
        await client.query('UPDATE operators SET failed_attempts = $2 WHERE id = $1', [row.id, attempts]);
        return { kind: 'wrong' };
      });
      const seconds = Math.ceil(lockMs / 1000);
      switch (outcome.kind) {
        case 'ok':
          return outcome.operator;
        case 'wrong':
          throw new StationError('operator_sign_in_wrong', t('operators:errors.wrong', { tries: maxAttempts, seconds }));
        case 'lockedNow':
          throw new StationError('operator_locked', t('operators:errors.lockedNow', { name: outcome.name, tries: maxAttempts, seconds }));
        case 'locked':
          throw new StationError(
            'operator_locked',
            t('operators:errors.locked', { name: outcome.name, seconds: Math.max(1, Math.ceil(outcome.waitMs / 1000)) }),
          );
      }
    },
  };
}
