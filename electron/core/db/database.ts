import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { StationError } from '../errors';
import { migrate } from './migrations';

/** The station's SQLite file (labels, outbox, history): one connection, owned by main. */
export interface StationDatabase {
  db: DatabaseSync;
  file: string;
  close(): void;
}

/**
 * Opens (creating folder and file), sets WAL, synchronous=NORMAL, foreign_keys, busy_timeout,
 * and runs versioned migrations (PRAGMA user_version). Throws StationError('database_too_new')
 * for a file written by a newer station.
 */
export function openDatabase(file: string): StationDatabase {
  mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    const mode = db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string };
    if (mode.journal_mode.toLowerCase() !== 'wal') {
      throw new StationError('database_unavailable', `The label history at ${file} could not be opened in WAL mode (got ${mode.journal_mode}).`);
    }
    // NORMAL is crash-safe in WAL mode; the outbox raises it to FULL for its own writes.
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
    // With a million labels (~650 MB) the indexes outgrow SQLite's 2 MB default cache; random
    // keys (UUIDs, order numbers) then turn every insert into page reads. Memory-mapped reads
    // (address space, not memory: pages come from the OS cache) make a label lookup cheap.
    db.exec('PRAGMA cache_size = -65536');
    db.exec('PRAGMA mmap_size = 2147418112');
    db.exec('PRAGMA temp_store = MEMORY');
    migrate(db);
    refreshStatistics(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    db,
    file,
    close() {
      if (db.isOpen) db.close();
    },
  };
}

/**
 * Planner statistics let history filters pick the right index (environment vs status, …).
 * They are refreshed when missing or when the label count has doubled or halved since, from
 * a bounded sample (~0.1 s with a million labels), so most opens skip it. Only the labels
 * table: statistics on the FTS5 shadow tables, taken while they are small (as a plain
 * ANALYZE or PRAGMA optimize would), make every later FTS merge crawl.
 */
function refreshStatistics(db: DatabaseSync) {
  const labels = (db.prepare('SELECT max(seq) AS n FROM labels').get() as { n: number | null }).n ?? 0;
  const hasStats = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'sqlite_stat1'").get() !== undefined;
  const stat = hasStats ? (db.prepare("SELECT stat FROM sqlite_stat1 WHERE idx = 'labels_created'").get() as { stat: string } | undefined) : undefined;
  const analysed = stat ? Number.parseInt(stat.stat, 10) : -1;
  if (analysed >= 0 && labels <= analysed * 2 + 1_000 && labels >= analysed / 2) return;
  db.exec('PRAGMA analysis_limit = 1000');
  db.exec('ANALYZE labels');
}
