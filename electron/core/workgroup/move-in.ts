import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SQLInputValue } from 'node:sqlite';
import type pg from 'pg';
import type { ProgressEvent } from '../../../shared/ipc/contract';
import { MOVE_IN_TASK } from '../../../shared/ipc/progress-tasks';
import type { StationDatabase } from '../db/database';
import { StationError } from '../errors';
import { t } from '../i18n';
import { LABEL_ROW_COLUMNS } from '../labels/label-store';
import type { Logger } from '../logger';
import { DEFAULT_LEASE_MS } from '../storage/pg/outbox';
import { inTransaction } from '../storage/pg/pool';
import type { SharedDatabase } from './shared-database';

/** Who this station is in the workgroup it joined, and which workgroup (host:port/database). */
export interface JoinedStation {
  stationId: string;
  stationName: string;
  workgroupKey: string;
}

export interface MoveInDeps {
  /** The station's own SQLite: the history it made on its own. */
  database: StationDatabase;
  shared: Pick<SharedDatabase, 'pool'>;
  /** The workgroup this station is in now (settings `workgroup`), null on its own. */
  joined: () => JoinedStation | null;
  /** Where this station remembers the workgroups it moved into (a JSON file in userData). */
  stateFile: string;
  /** The `progress` event (task MOVE_IN_TASK). */
  onProgress: (progress: ProgressEvent) => void;
  /** The history is up and the storage is the workgroup's: the requests copied unresolved are resolved there. */
  onMovedIn?: () => void;
  logger: Logger;
  /** Rows per transaction (default 1,000). */
  batchSize?: number;
  /** How long the copied unresolved requests stay leased to this station (default the outbox's lease). */
  leaseMs?: number;
  now?: () => number;
}

export type MoveInResult =
  { state: 'off' } | { state: 'done'; labels: number; requests: number; printJobs: number } | { state: 'paused'; reason: string };

export interface MoveIn {
  /**
   * Whether this station's history, outbox and print log are the workgroup's now: it moved its
   * own history up (or had none). Until then the routed storage stays on the station's SQLite.
   * Synchronous and cheap: the routed storage asks on every call.
   */
  movedIn(): boolean;
  /** Copies what is still to copy (one run at a time); resolves when done or paused, never rejects. */
  run(): Promise<MoveInResult>;
}

/** The label columns the workgroup's history keeps (electron/core/storage/pg/migrations.ts), without seq and the local document path. */
const LABEL_COLUMNS = [
  ...LABEL_ROW_COLUMNS.filter((c) => c !== 'seq'),
  'tracking_tag',
  'tracking_message',
  'tracking_updated_at',
  'fingerprint',
  'tracking_next_check_at',
  'tracking_unchanged',
  'tracking_seen',
  'tracking_changed_at',
  'recipient_postal_code',
  'customer_order_key',
  'platform_order_key',
  'recipient_key',
  'city_key',
  'postal_key',
].join(', ');
const OUTBOX_COLUMNS =
  'idempotency_key, environment, account_id, order_number, body, state, attempts, last_error, label_id, created_at, updated_at';
const JOB_COLUMNS = 'id, profile_id, printer, copies, os_job_id, state, error_code, message, created_at, outcome, settled_at';

type Kind = 'labels' | 'outbox' | 'print_jobs';
const KINDS: readonly Kind[] = ['labels', 'outbox', 'print_jobs'];
/** The cursor (the last local seq copied) and the count of rows new to the workgroup, per kind, in station_move_in. */
const CURSOR: Record<Kind, { seq: string; copied: string }> = {
  labels: { seq: 'label_seq', copied: 'labels_copied' },
  outbox: { seq: 'outbox_seq', copied: 'outbox_copied' },
  print_jobs: { seq: 'print_job_seq', copied: 'print_jobs_copied' },
};

type Row = Record<string, SQLInputValue> & { seq: number };
type Cursors = Record<Kind, number>;

/**
 * Moving a station that worked on its own into a workgroup (issue 18 item 2;
 * docs/architecture.md, "Joining a workgroup: moving history up"): its labels, its outbox
 * (every request with its key and bytes, so what is pending or in doubt is resolved by the
 * workgroup with the same key) and its print log are copied into the workgroup's
 * PostgreSQL, a batch per transaction in local seq order, each row `ON CONFLICT DO NOTHING`
 * on its natural key (label id, idempotency key, print job id): a second run, or two
 * stations at once, copy each row once. The cursor per kind is written in the batch's own
 * transaction (table station_move_in, one row per station id), so a run stopped anywhere
 * (quit, crash, server gone) continues after the last batch that committed.
 *
 * Until the copy is through the station keeps working on its own SQLite (movedIn() is false,
 * the routed storage stays local); the switch happens in the same synchronous step that finds
 * nothing left to copy, then one more pass copies what calls already under way wrote locally.
 */
export function createMoveIn(deps: MoveInDeps): MoveIn {
  const { db } = deps.database;
  const { logger } = deps;
  const batchSize = deps.batchSize ?? 1000;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const now = deps.now ?? Date.now;

  /** Workgroups (station id + workgroup) this station moved into for good: kept in the state file. */
  const persisted = new Set<string>(readState(deps.stateFile, logger));
  /** Switched in this process (the last pass may still be running). */
  const switched = new Set<string>();
  const keyOf = (joined: JoinedStation) => `${joined.stationId} ${joined.workgroupKey}`;

  const persist = (key: string) => {
    if (persisted.has(key)) return;
    persisted.add(key);
    try {
      const temp = `${deps.stateFile}.tmp`;
      writeFileSync(temp, JSON.stringify({ movedIn: [...persisted] }));
      renameSync(temp, deps.stateFile);
    } catch (error) {
      // Not remembered: the next start copies again from the workgroup's cursor (nothing twice).
      logger.warn('workgroup.move_in_state_unwritten', { error });
    }
  };

  const hasAny = db.prepare(
    'SELECT EXISTS (SELECT 1 FROM labels) OR EXISTS (SELECT 1 FROM outbox) OR EXISTS (SELECT 1 FROM print_jobs) AS any',
  );
  const select: Record<Kind, ReturnType<typeof db.prepare>> = {
    labels: db.prepare(`SELECT seq, ${LABEL_COLUMNS} FROM labels WHERE seq > ? ORDER BY seq LIMIT ?`),
    outbox: db.prepare(`SELECT seq, ${OUTBOX_COLUMNS} FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?`),
    print_jobs: db.prepare(`SELECT seq, ${JOB_COLUMNS} FROM print_jobs WHERE seq > ? ORDER BY seq LIMIT ?`),
  };
  const jobLabels = db.prepare(`
    SELECT j.id AS job_id, pl.position, pl.label_id FROM print_job_labels AS pl JOIN print_jobs AS j ON j.seq = pl.job_seq
    WHERE pl.job_seq > ? AND pl.job_seq <= ?`);
  const jobStates = db.prepare(`
    SELECT j.id AS job_id, s.label_id, s.state, s.updated_at FROM label_print_state AS s JOIN print_jobs AS j ON j.seq = s.job_seq
    WHERE s.job_seq > ? AND s.job_seq <= ?`);
  const countAll = db.prepare('SELECT count(*) AS n FROM labels');
  const countUpTo = db.prepare('SELECT count(*) AS n FROM labels WHERE seq <= ?');

  const movedIn = () => {
    const joined = deps.joined();
    if (!joined) return false;
    const key = keyOf(joined);
    if (persisted.has(key) || switched.has(key)) return true;
    // Nothing of its own to bring: the workgroup's storage from the start.
    if ((hasAny.get() as { any: number }).any === 0) {
      persist(key);
      return true;
    }
    return false;
  };

  /** The next batch of the first kind that has rows after its cursor, or null when everything is copied. */
  const nextBatch = (cursors: Cursors): { kind: Kind; rows: Row[] } | null => {
    for (const kind of KINDS) {
      const rows = select[kind].all(cursors[kind], batchSize) as Row[];
      if (rows.length > 0) return { kind, rows };
    }
    return null;
  };

  /** Writes one batch and moves its cursor, in one transaction; the rows new to the workgroup. */
  async function write(pool: pg.Pool, joined: JoinedStation, kind: Kind, rows: Row[], from: number): Promise<number> {
    const last = rows.at(-1)!.seq;
    return inTransaction(pool, async (client) => {
      let copied: number;
      if (kind === 'labels') {
        const result = await client.query(
          `INSERT INTO labels (${LABEL_COLUMNS}) SELECT ${LABEL_COLUMNS} FROM json_populate_recordset(NULL::labels, $1::json)
          ON CONFLICT (id_nocase) DO NOTHING`,
          [JSON.stringify(rows)],
        );
        copied = result.rowCount ?? 0;
      } else if (kind === 'outbox') {
        // What is still open is leased to this station, which resolves it once moved in (no other station meanwhile).
        const result = await client.query(
          `INSERT INTO outbox (${OUTBOX_COLUMNS}, leased_by, lease_until)
          SELECT ${OUTBOX_COLUMNS},
            CASE WHEN state IN ('pending', 'in_doubt') THEN $2 END, CASE WHEN state IN ('pending', 'in_doubt') THEN $3::bigint END
          FROM json_populate_recordset(NULL::outbox, $1::json)
          ON CONFLICT (idempotency_key) DO NOTHING`,
          [JSON.stringify(rows), joined.stationId, now() + leaseMs],
        );
        copied = result.rowCount ?? 0;
      } else {
        const inserted = await client.query<{ id: string }>(
          `INSERT INTO print_jobs (${JOB_COLUMNS}) SELECT ${JOB_COLUMNS} FROM json_populate_recordset(NULL::print_jobs, $1::json)
          ON CONFLICT (id) DO NOTHING RETURNING id`,
          [JSON.stringify(rows)],
        );
        const ids = inserted.rows.map((row) => row.id);
        copied = ids.length;
        if (ids.length > 0) {
          await client.query(
            `INSERT INTO print_job_labels (job_seq, position, label_id)
            SELECT j.seq, x.position, x.label_id FROM json_to_recordset($1::json) AS x (job_id text, position integer, label_id text)
            JOIN print_jobs AS j ON j.id = x.job_id WHERE j.id = ANY($2::text[])`,
            [JSON.stringify(jobLabels.all(from, last)), ids],
          );
          // A label's print state is its newest job's: one the workgroup recorded later stays.
          await client.query(
            `INSERT INTO label_print_state (label_id, job_seq, state, updated_at)
            SELECT x.label_id, j.seq, x.state, x.updated_at FROM json_to_recordset($1::json) AS x (job_id text, label_id text, state text, updated_at bigint)
            JOIN print_jobs AS j ON j.id = x.job_id WHERE j.id = ANY($2::text[])
            ON CONFLICT (label_nocase) DO UPDATE SET job_seq = excluded.job_seq, state = excluded.state, updated_at = excluded.updated_at
            WHERE excluded.updated_at > label_print_state.updated_at`,
            [JSON.stringify(jobStates.all(from, last)), ids],
          );
        }
      }
      const { seq, copied: counter } = CURSOR[kind];
      await client.query(
        `UPDATE station_move_in SET ${seq} = greatest(${seq}, $2), ${counter} = ${counter} + $3, updated_at = now() WHERE station_id = $1`,
        [joined.stationId, last, copied],
      );
      return copied;
    });
  }

  async function copy(joined: JoinedStation): Promise<MoveInResult> {
    const key = keyOf(joined);
    let pool: pg.Pool;
    let cursors: Cursors;
    try {
      pool = await deps.shared.pool();
      await pool.query(
        `INSERT INTO station_move_in (station_id, station_name) VALUES ($1, $2)
        ON CONFLICT (station_id) DO UPDATE SET station_name = excluded.station_name`,
        [joined.stationId, joined.stationName],
      );
      const row = (
        await pool.query<{ label_seq: number; outbox_seq: number; print_job_seq: number }>(
          'SELECT label_seq, outbox_seq, print_job_seq FROM station_move_in WHERE station_id = $1',
          [joined.stationId],
        )
      ).rows[0]!;
      cursors = { labels: row.label_seq, outbox: row.outbox_seq, print_jobs: row.print_job_seq };
    } catch (error) {
      return paused(error);
    }

    let total = (countAll.get() as { n: number }).n;
    let done = (countUpTo.get(cursors.labels) as { n: number }).n;
    const report = (message?: string) =>
      deps.onProgress({
        task: MOVE_IN_TASK,
        done,
        failed: 0,
        total,
        remaining: Math.max(0, total - done),
        ...(message ? { message } : {}),
      });
    logger.info('workgroup.move_in_started', { labels: total, from: cursors });
    report();

    try {
      for (;;) {
        // Left or changed the workgroup meanwhile: the next run is about the new one.
        const still = deps.joined();
        if (!still || keyOf(still) !== key) return { state: 'off' };
        const batch = nextBatch(cursors);
        if (!batch) {
          if (switched.has(key)) break;
          // Nothing left, found in this synchronous step: every call from now on goes to the workgroup.
          switched.add(key);
          logger.info('workgroup.move_in_switched', {});
          // Calls already under way finish their local writes first; the last pass copies them.
          await new Promise((resolve) => setImmediate(resolve));
          continue;
        }
        await write(pool, joined, batch.kind, batch.rows, cursors[batch.kind]);
        cursors[batch.kind] = batch.rows.at(-1)!.seq;
        if (batch.kind === 'labels') {
          done += batch.rows.length;
          total = Math.max(total, done);
          report();
        }
      }
      const counts = (
        await pool.query<{ labels_copied: number; outbox_copied: number; print_jobs_copied: number }>(
          `UPDATE station_move_in SET completed_at = coalesce(completed_at, now()), updated_at = now() WHERE station_id = $1
          RETURNING labels_copied, outbox_copied, print_jobs_copied`,
          [joined.stationId],
        )
      ).rows[0]!;
      persist(key);
      const result = { state: 'done', labels: done, requests: counts.outbox_copied, printJobs: counts.print_jobs_copied } as const;
      logger.info('workgroup.move_in_done', { ...result, labelsNew: counts.labels_copied });
      done = total;
      report(t('workgroup:moveIn.done', { labels: result.labels, requests: result.requests, printJobs: result.printJobs }));
      deps.onMovedIn?.();
      return result;
    } catch (error) {
      return paused(error);
    }

    function paused(error: unknown): MoveInResult {
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn('workgroup.move_in_paused', { reason, code: error instanceof StationError ? error.code : undefined });
      deps.onProgress({
        task: MOVE_IN_TASK,
        done: 0,
        failed: 0,
        total: 0,
        message: t('workgroup:moveIn.paused', { reason }),
      });
      return { state: 'paused', reason };
    }
  }

  let running: Promise<MoveInResult> | null = null;
  return {
    movedIn,
    run() {
      if (running) return running;
      const joined = deps.joined();
      if (!joined) return Promise.resolve({ state: 'off' });
      const key = keyOf(joined);
      if (persisted.has(key) || (!switched.has(key) && movedIn()))
        return Promise.resolve({ state: 'done', labels: 0, requests: 0, printJobs: 0 });
      const attempt = copy(joined).finally(() => {
        if (running === attempt) running = null;
      });
      running = attempt;
      return attempt;
    },
  };
}

function readState(file: string, logger: Logger): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  try {
    const parsed = JSON.parse(text) as { movedIn?: unknown };
    return Array.isArray(parsed.movedIn) ? parsed.movedIn.filter((k): k is string => typeof k === 'string') : [];
  } catch (error) {
    // Unreadable: copied again from the workgroup's cursor (nothing twice).
    logger.warn('workgroup.move_in_state_unreadable', { error });
    return [];
  }
}
