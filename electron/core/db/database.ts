import { t } from '../i18n';
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { basename, dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { StationError } from '../errors';
import type { Logger } from '../logger';
import { migrate } from './migrations';

/** The station's SQLite file (labels, outbox, history): one connection, owned by main. */
export interface StationDatabase {
  db: DatabaseSync;
  file: string;
  /**
   * Whether the planner statistics were stale at open and left to be refreshed in the
   * background (a large history: {@link refreshStatisticsInBackground}).
   */
  statisticsStale: boolean;
  close(): void;
}

/**
 * Why a label history file cannot be used: `empty` (0 bytes: the history is gone, not new),
 * `not_a_database` (not SQLite at all), `truncated` (shorter than its own header says),
 * `corrupt` (SQLite's own check fails), `unreadable` (the file cannot be opened: a folder in
 * its place, no permission, an I/O error).
 */
export type DatabaseProblemKind = 'empty' | 'not_a_database' | 'truncated' | 'corrupt' | 'unreadable';

export interface DatabaseProblem {
  file: string;
  kind: DatabaseProblemKind;
  /** What is wrong, in the operator's words, naming the file. */
  message: string;
}

/** The operator's answer to a DatabaseProblem: move the file aside and start an empty history, or quit. */
export type DatabaseProblemAnswer = 'fresh' | 'quit';

/** openDatabase found the file unusable. StationError code `database_corrupt`; fields name the file and the kind. */
export class DatabaseProblemError extends StationError {
  constructor(readonly problem: DatabaseProblem) {
    super('database_corrupt', problem.message, { file: problem.file, kind: problem.kind });
    this.name = 'DatabaseProblemError';
  }
}

// SQLite result codes (https://www.sqlite.org/rescode.html) that say the file itself is bad.
const SQLITE_PERM = 3;
const SQLITE_READONLY = 8;
const SQLITE_IOERR = 10;
const SQLITE_CORRUPT = 11;
const SQLITE_CANTOPEN = 14;
const SQLITE_AUTH = 23;
const SQLITE_NOTADB = 26;

/**
 * Opens (creating folder and file), checks the file (`PRAGMA quick_check`), sets WAL,
 * synchronous=NORMAL, foreign_keys, busy_timeout, and runs versioned migrations (PRAGMA
 * user_version). A missing file is a first start and is created. A file that exists but
 * cannot be used throws DatabaseProblemError (a 0-byte file included: that is a history
 * that was lost, not an empty one). Throws StationError('database_too_new') for a file
 * written by a newer station.
 */
export interface OpenDatabaseOptions {
  /**
   * A file up to this size is checked whole at open (`PRAGMA quick_check` reads every page:
   * ~0.8 s for a million labels, 630 MB, from the OS cache). A larger one has the tables that
   * decide whether a label may be bought (outbox, batch runs) checked at open, and the rest in
   * the background ({@link checkInBackground}). Default {@link WHOLE_CHECK_MAX_BYTES}.
   */
  wholeCheckMaxBytes?: number;
  /**
   * Stale planner statistics are refreshed at open up to this many labels (~0.1 s at 50,000);
   * above, the open leaves them to {@link refreshStatisticsInBackground} (seconds at ten million).
   * Default {@link INLINE_STATISTICS_MAX_LABELS}.
   */
  inlineStatisticsMaxLabels?: number;
}

export const INLINE_STATISTICS_MAX_LABELS = 50_000;

/** 64 MB: about 100,000 labels, checked whole in ~80 ms. */
export const WHOLE_CHECK_MAX_BYTES = 64 * 1024 * 1024;

/** The tables whose damage could buy a label twice or lose one: checked at every open. */
const PURCHASE_TABLES = ['outbox', 'batch_runs', 'batch_items'];

/** Beside the database: written when a background check found damage, so the next open checks the whole file. */
export const damageMarker = (file: string) => `${file}.damaged`;

export function openDatabase(file: string, options: OpenDatabaseOptions = {}): StationDatabase {
  mkdirSync(dirname(file), { recursive: true });
  const problem = (kind: DatabaseProblemKind, message: string) => new DatabaseProblemError({ file, kind, message });
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(file, { throwIfNoEntry: false });
  } catch (error) {
    // ELOOP (a link that leads back to itself), EACCES on the folder, an I/O error: the file is there but out of reach.
    throw problem('unreadable', t('errors:db.unreadable', { file, reason: (error as Error).message }));
  }
  if (stat && !stat.isFile()) {
    throw problem('unreadable', stat.isDirectory() ? t('errors:db.folderInstead', { file }) : t('errors:db.notAFile', { file }));
  }
  if (stat && stat.size === 0) {
    throw problem('empty', t('errors:db.empty', { file }));
  }
  let db: DatabaseSync;
  let statisticsLeft: boolean;
  try {
    db = new DatabaseSync(file);
  } catch (error) {
    throw classify(file, error) ?? error;
  }
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    // With a million labels (~650 MB) the indexes outgrow SQLite's 2 MB default cache; random
    // keys (UUIDs, order numbers) then turn every insert into page reads. Memory-mapped reads
    // (address space, not memory: pages come from the OS cache) make a label lookup cheap.
    db.exec('PRAGMA cache_size = -65536');
    db.exec('PRAGMA mmap_size = 2147418112');
    db.exec('PRAGMA temp_store = MEMORY');
    // Before anything writes to it: a damaged file is reported, not used until a query trips on
    // it. A large file is checked whole only after a background check found damage there.
    const whole = (stat?.size ?? 0) <= (options.wholeCheckMaxBytes ?? WHOLE_CHECK_MAX_BYTES) || existsSync(damageMarker(file));
    const found = whole ? quickCheck(db) : PURCHASE_TABLES.flatMap((table) => quickCheck(db, table));
    if (found.length > 0) throw truncation(file) ?? problem('corrupt', t('errors:db.damagedCheck', { file, found: found.join('; ') }));
    if (whole) rmSync(damageMarker(file), { force: true });
    const mode = db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string };
    if (mode.journal_mode.toLowerCase() !== 'wal') {
      throw new StationError('database_unavailable', t('errors:db.notWal', { file, mode: mode.journal_mode }));
    }
    // NORMAL is crash-safe in WAL mode; the outbox raises it to FULL for its own writes.
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    migrate(db);
    const stale = statisticsStale(db);
    if (stale && stale.labels <= (options.inlineStatisticsMaxLabels ?? INLINE_STATISTICS_MAX_LABELS)) analyseLabels(db);
    statisticsLeft = stale !== null && stale.labels > (options.inlineStatisticsMaxLabels ?? INLINE_STATISTICS_MAX_LABELS);
  } catch (error) {
    db.close();
    throw classify(file, error) ?? error;
  }
  return {
    db,
    file,
    statisticsStale: statisticsLeft,
    close() {
      if (db.isOpen) db.close();
    },
  };
}

/**
 * `PRAGMA quick_check` of the whole file, or of one table and its indexes (skipped when the
 * table does not exist yet): what it found, at most 5 findings; empty when the file is sound.
 */
function quickCheck(db: DatabaseSync, table?: string): string[] {
  if (table && !db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table)) return [];
  const rows = db.prepare(table ? `PRAGMA quick_check("${table}")` : 'PRAGMA quick_check(5)').all() as { quick_check: string }[];
  if (rows.length === 1 && rows[0]!.quick_check === 'ok') return [];
  return rows.slice(0, 5).map((row) => row.quick_check.replace(/^\*\*\* in database \w+ \*\*\*\s*/, '').split('\n')[0]!);
}

/**
 * The whole-file check of a large database, run after open on a read-only connection in a
 * worker thread so start-up stays quick. Damage found there is written beside the file
 * ({@link damageMarker}), so the next open checks the whole file and offers to move it aside,
 * and `onDamage` tells the operator now. Returns a stop function (terminates the check).
 */
export function checkInBackground(file: string, onDamage: (problem: DatabaseProblem) => void, logger: Logger): () => Promise<void> {
  // Inline (eval) so the worker needs no file of its own in the build.
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { DatabaseSync } = require('node:sqlite');
    try {
      const db = new DatabaseSync(workerData.file, { readOnly: true });
      db.exec('PRAGMA busy_timeout = 5000');
      const rows = db.prepare('PRAGMA quick_check(5)').all();
      db.close();
      parentPort.postMessage({ found: rows.length === 1 && rows[0].quick_check === 'ok' ? [] : rows.map((r) => String(r.quick_check)) });
    } catch (error) {
      parentPort.postMessage({ error: String(error && error.message), errcode: error && error.errcode });
    }`;
  const worker = new Worker(source, { eval: true, workerData: { file } });
  worker.unref();
  worker.on('message', (message: { found?: string[]; error?: string; errcode?: number }) => {
    const corrupt = message.errcode !== undefined && [SQLITE_CORRUPT, SQLITE_NOTADB].includes(message.errcode & 0xff);
    if (message.error !== undefined && !corrupt) {
      logger.warn('database.background_check_failed', { file, error: message.error });
      return;
    }
    const found = (message.found ?? [message.error!]).map((line) => line.replace(/^\*\*\* in database \w+ \*\*\*\s*/, '').split('\n')[0]);
    if (found.length === 0) {
      logger.info('database.checked', { file });
      return;
    }
    const problem: DatabaseProblem = {
      file,
      kind: 'corrupt',
      message: t('errors:db.damagedCheck', { file, found: found.join('; ') }),
    };
    logger.error('database.damage_found', { file, found });
    try {
      writeFileSync(damageMarker(file), `${new Date().toISOString()} ${found.join('\n')}\n`);
    } catch (error) {
      logger.warn('database.marker_failed', { file, error });
    }
    onDamage(problem);
  });
  worker.on('error', (error) => logger.warn('database.background_check_failed', { file, error }));
  return async () => {
    await worker.terminate();
  };
}

/** A DatabaseProblemError for an SQLite error that says the file is bad; null for anything else (busy, too new, …). */
function classify(file: string, error: unknown): DatabaseProblemError | null {
  if (error instanceof DatabaseProblemError) return error;
  const code = (error as { errcode?: unknown })?.errcode;
  if (typeof code !== 'number') return null;
  // Extended result codes carry the primary code in their low byte.
  const primary = code & 0xff;
  const reason = (error as Error).message;
  const problem = (kind: DatabaseProblemKind, message: string) => new DatabaseProblemError({ file, kind, message });
  if (primary === SQLITE_NOTADB) return problem('not_a_database', t('errors:db.notADatabase', { file, reason }));
  if (primary === SQLITE_CORRUPT) return truncation(file) ?? problem('corrupt', t('errors:db.damaged', { file, reason }));
  if ([SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_AUTH].includes(primary)) {
    return problem('unreadable', t('errors:db.unreadable', { file, reason }));
  }
  return null;
}

/**
 * For a file SQLite found damaged: is it shorter than its header says (a copy or a disk that
 * stopped part-way)? The header's page count counts only when its "valid for" stamp matches
 * the change counter (https://www.sqlite.org/fileformat.html, offsets 24, 28 and 92).
 */
function truncation(file: string): DatabaseProblemError | null {
  const header = Buffer.alloc(100);
  let read: number;
  let size: number;
  try {
    size = statSync(file).size;
    const fd = openSync(file, 'r');
    try {
      read = readSync(fd, header, 0, 100, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
  if (read < 16 || header.toString('latin1', 0, 16) !== 'SQLite format 3\0') return null;
  const problem = (message: string) => new DatabaseProblemError({ file, kind: 'truncated', message });
  if (read < 100) return problem(t('errors:db.cutInHeader', { file, size }));
  const pageSize = header.readUInt16BE(16) === 1 ? 65536 : header.readUInt16BE(16);
  const pages = header.readUInt32BE(28);
  const valid = pages > 0 && header.readUInt32BE(24) === header.readUInt32BE(92);
  const expected = pageSize * pages;
  if (valid && size < expected) return problem(t('errors:db.cutShort', { file, size, expected }));
  return null;
}

export interface RecoveryOptions {
  /**
   * Asked when the file cannot be used (main shows a dialog). Without it nothing is moved and
   * the DatabaseProblemError is thrown: the safe default for a caller that cannot ask.
   */
  onProblem?: (problem: DatabaseProblem) => DatabaseProblemAnswer;
  /** Damage the background check of a large file found after open (see {@link checkInBackground}). */
  onLateDamage?: (problem: DatabaseProblem) => void;
  wholeCheckMaxBytes?: number;
  logger: Logger;
  now?: () => Date;
}

/**
 * openDatabase, and when the file cannot be used, the operator's choice: "fresh" moves the
 * file (with its -wal and -shm) aside, never deleting it, opens a new empty history and returns
 * a notice for the operator; "quit" (or no one to ask) leaves the file as it is and throws.
 */
export function openDatabaseWithRecovery(
  file: string,
  options: RecoveryOptions,
): { database: StationDatabase; notice: string | null; stopCheck: () => Promise<void>; statistics: Promise<void> } {
  const { logger } = options;
  const maxWhole = options.wholeCheckMaxBytes ?? WHOLE_CHECK_MAX_BYTES;
  try {
    const checkedWhole = (statSync(file, { throwIfNoEntry: false })?.size ?? 0) <= maxWhole;
    const database = openDatabase(file, { wholeCheckMaxBytes: maxWhole });
    const stopCheck = checkedWhole ? async () => undefined : checkInBackground(file, (problem) => options.onLateDamage?.(problem), logger);
    const statistics = database.statisticsStale ? refreshStatisticsInBackground(database, logger) : Promise.resolve();
    return { database, notice: null, stopCheck, statistics };
  } catch (error) {
    if (!(error instanceof DatabaseProblemError)) throw error;
    const { problem } = error;
    logger.error('database.unusable', { file, kind: problem.kind, message: problem.message });
    const answer = options.onProblem ? options.onProblem(problem) : 'quit';
    if (answer !== 'fresh') {
      logger.warn('database.left_in_place', { file, kind: problem.kind });
      throw error;
    }
    const movedTo = moveDatabaseAside(file, (options.now ?? (() => new Date()))());
    logger.warn('database.moved_aside', { file, kind: problem.kind, movedTo });
    rmSync(damageMarker(file), { force: true });
    const database = openDatabase(file);
    logger.info('database.started_fresh', { file });
    return {
      database,
      stopCheck: async () => undefined,
      statistics: Promise.resolve(),
      notice: t('errors:db.keptAs', { problem: problem.message, movedTo }),
    };
  }
}

/**
 * Renames the database and its -wal and -shm to `<file>.corrupt-<time>` (-wal, -shm beside it,
 * so the kept copy still opens with its journal). Never deletes. Returns the new name.
 */
export function moveDatabaseAside(file: string, when: Date): string {
  const stamp = when
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  let target = `${file}.corrupt-${stamp}`;
  for (let n = 2; [target, `${target}-wal`, `${target}-shm`].some((f) => existsSync(f)); n += 1) target = `${file}.corrupt-${stamp}-${n}`;
  const moves: [string, string][] = [
    [file, target],
    [`${file}-wal`, `${target}-wal`],
    [`${file}-shm`, `${target}-shm`],
  ];
  for (const [from, to] of moves) {
    try {
      renameSync(from, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && from !== file) continue;
      // A -wal left behind would be replayed into the fresh file: stop rather than start on it.
      throw new StationError(
        'database_unavailable',
        t('errors:db.moveAsideFailed', { file: basename(from), folder: dirname(file), reason: (error as Error).message }),
      );
    }
  }
  return target;
}

/**
 * Planner statistics let history filters pick the right index (environment vs status, …).
 * They are refreshed when missing or when the label count has doubled or halved since, from
 * a bounded sample, so most opens skip it. Only the labels table: statistics on the FTS5
 * shadow tables, taken while they are small (as a plain ANALYZE or PRAGMA optimize would),
 * make every later FTS merge crawl. Returns the label count when stale, else null.
 */
export function statisticsStale(db: DatabaseSync): { labels: number } | null {
  const labels = (db.prepare('SELECT max(seq) AS n FROM labels').get() as { n: number | null }).n ?? 0;
  const hasStats = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get() !== undefined;
  const stat = hasStats
    ? (db.prepare("SELECT stat FROM sqlite_stat1 WHERE idx = 'labels_created'").get() as { stat: string } | undefined)
    : undefined;
  const analysed = stat ? Number.parseInt(stat.stat, 10) : -1;
  if (analysed >= 0 && labels <= analysed * 2 + 1_000 && labels >= analysed / 2) return null;
  return { labels };
}

/** The statistics SQL (a sample of 1,000 rows per index): ~0.1 s at 50,000 labels, seconds at ten million (every index is sampled). */
const ANALYSE_SQL = 'PRAGMA analysis_limit = 1000; ANALYZE labels;';
function analyseLabels(db: DatabaseSync) {
  db.exec(ANALYSE_SQL);
}

/**
 * Refreshes stale statistics of a large history on a connection of its own in a worker
 * thread, so the first open after the history doubled does not wait for it (25 s at ten
 * million labels). Until it ends the queries plan with the old statistics (the history
 * queries choose their indexes themselves, so they stay right, if not always the fastest);
 * then `database` rereads them (`ANALYZE sqlite_schema`, https://www.sqlite.org/lang_analyze.html).
 * Resolves when done (a failure is logged: the next open tries again).
 */
export function refreshStatisticsInBackground(database: StationDatabase, logger: Logger): Promise<void> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { DatabaseSync } = require('node:sqlite');
    try {
      const db = new DatabaseSync(workerData.file);
      db.exec('PRAGMA busy_timeout = 30000');
      db.exec(workerData.sql);
      db.close();
      parentPort.postMessage({});
    } catch (error) {
      parentPort.postMessage({ error: String(error && error.message) });
    }`;
  const started = Date.now();
  return new Promise((resolve) => {
    const worker = new Worker(source, { eval: true, workerData: { file: database.file, sql: ANALYSE_SQL } });
    worker.unref();
    worker.once('message', (message: { error?: string }) => {
      if (message.error !== undefined) logger.warn('database.statistics_failed', { file: database.file, error: message.error });
      else {
        if (database.db.isOpen) database.db.exec('ANALYZE sqlite_schema');
        logger.info('database.statistics_refreshed', { file: database.file, ms: Date.now() - started });
      }
      void worker.terminate().then(() => resolve());
    });
    worker.once('error', (error) => {
      logger.warn('database.statistics_failed', { file: database.file, error });
      resolve();
    });
  });
}
