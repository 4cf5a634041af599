import type { DatabaseSync } from 'node:sqlite';
import { StationError } from '../errors';

/** One schema step: `up` turns a database of `version - 1` into `version`, inside a transaction. */
export interface Migration {
  version: number;
  name: string;
  up(db: DatabaseSync): void;
}

/**
 * The schema, in order. Never edit a shipped step; append a new one. Text columns that are
 * searched case-insensitively are declared COLLATE NOCASE so their indexes serve the
 * prefix ranges of history search (ASCII case folding, which covers order, tracking and
 * label ids).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'outbox and labels',
    up(db) {
      db.exec(`
        CREATE TABLE outbox (
          seq INTEGER PRIMARY KEY,
          idempotency_key TEXT NOT NULL UNIQUE,
          environment TEXT NOT NULL,
          account_id TEXT,
          order_number TEXT,
          body TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('pending', 'in_doubt', 'done', 'rejected', 'invalid')),
          attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          label_id TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        -- Start-up recovery reads only the few unresolved entries, however long the outbox grows.
        CREATE INDEX outbox_unresolved ON outbox (created_at, seq) WHERE state IN ('pending', 'in_doubt');
        CREATE INDEX outbox_order ON outbox (environment, order_number, created_at);

        CREATE TABLE labels (
          -- seq orders labels that share a createdAt, so history pages never repeat or skip one.
          seq INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE COLLATE NOCASE,
          environment TEXT NOT NULL,
          account_id TEXT,
          idempotency_key TEXT NOT NULL,
          status TEXT NOT NULL CHECK (status IN ('created', 'failed')),
          courier TEXT NOT NULL,
          product_code TEXT,
          customer_order_number TEXT COLLATE NOCASE,
          platform_order_number TEXT COLLATE NOCASE,
          courier_order_number TEXT,
          tracking_number TEXT COLLATE NOCASE,
          recipient_name TEXT NOT NULL COLLATE NOCASE,
          recipient_country TEXT,
          recipient_city TEXT,
          error_code TEXT,
          error_message TEXT,
          created_at INTEGER NOT NULL,
          document_url TEXT,
          document_format TEXT CHECK (document_format IN ('pdf', 'png')),
          document_path TEXT,
          tracking_tag TEXT,
          tracking_message TEXT,
          tracking_updated_at INTEGER
        );
        -- Newest first (the index carries seq, the tie-breaker), alone or under one equality filter.
        CREATE INDEX labels_created ON labels (created_at);
        CREATE INDEX labels_environment_created ON labels (environment, created_at);
        CREATE INDEX labels_account_created ON labels (account_id, created_at);
        CREATE INDEX labels_status_created ON labels (status, created_at);
        -- Exact-or-prefix search and duplicate checks. created_at (and seq) in the index let a
        -- search pick its newest matches without reading the labels themselves.
        CREATE INDEX labels_customer_order ON labels (customer_order_number, created_at);
        CREATE INDEX labels_platform_order ON labels (platform_order_number, created_at);
        CREATE INDEX labels_tracking ON labels (tracking_number, created_at);
        CREATE INDEX labels_recipient ON labels (recipient_name, created_at);
        -- Tracking refresh: the few labels still moving, without scanning delivered ones.
        CREATE INDEX labels_in_transit ON labels (environment, created_at)
          WHERE status = 'created' AND (tracking_tag IS NULL OR tracking_tag NOT IN ('Delivered', 'Cancelled'));
      `);
    },
  },
  {
    version: 2,
    name: 'recipient substring search',
    up(db) {
      // Trigram FTS over recipient_name (external content: the text lives once, in labels).
      db.exec(`
        CREATE VIRTUAL TABLE labels_recipient_fts USING fts5 (
          recipient_name, content = 'labels', content_rowid = 'seq', tokenize = 'trigram'
        );
        INSERT INTO labels_recipient_fts (labels_recipient_fts) VALUES ('rebuild');
        CREATE TRIGGER labels_recipient_fts_insert AFTER INSERT ON labels BEGIN
          INSERT INTO labels_recipient_fts (rowid, recipient_name) VALUES (new.seq, new.recipient_name);
        END;
        CREATE TRIGGER labels_recipient_fts_delete AFTER DELETE ON labels BEGIN
          INSERT INTO labels_recipient_fts (labels_recipient_fts, rowid, recipient_name) VALUES ('delete', old.seq, old.recipient_name);
        END;
        CREATE TRIGGER labels_recipient_fts_update AFTER UPDATE OF recipient_name ON labels
        WHEN old.recipient_name IS NOT new.recipient_name BEGIN
          INSERT INTO labels_recipient_fts (labels_recipient_fts, rowid, recipient_name) VALUES ('delete', old.seq, old.recipient_name);
          INSERT INTO labels_recipient_fts (rowid, recipient_name) VALUES (new.seq, new.recipient_name);
        END;
      `);
    },
  },
  {
    version: 3,
    name: 'print job log',
    up(db) {
      db.exec(`
        CREATE TABLE print_jobs (
          seq INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          profile_id TEXT,
          printer TEXT NOT NULL,
          copies INTEGER NOT NULL DEFAULT 1 CHECK (copies >= 1),
          os_job_id TEXT,
          state TEXT NOT NULL CHECK (state IN ('sent', 'failed')),
          error_code TEXT,
          message TEXT,
          created_at INTEGER NOT NULL
        );
        -- The log screen: newest first.
        CREATE INDEX print_jobs_created ON print_jobs (created_at);

        CREATE TABLE print_job_labels (
          job_seq INTEGER NOT NULL REFERENCES print_jobs (seq) ON DELETE CASCADE,
          position INTEGER NOT NULL,
          label_id TEXT NOT NULL COLLATE NOCASE,
          PRIMARY KEY (job_seq, position)
        ) WITHOUT ROWID;
        -- A label's print history.
        CREATE INDEX print_job_labels_label ON print_job_labels (label_id, job_seq);
      `);
    },
  },
  {
    version: 4,
    name: 'batch runs',
    // Items are keyed by (run, position) and read in position order; a partial index keeps
    // "what is left" (queued, running, in doubt) cheap however many finished items a run has.
    // The state lists of the CHECKs are shipped schema history, so they stay written out here:
    // they equal BatchRunState and BatchItemState (shared/domain/batch-view.ts), which
    // test/unit/db-migrations.test.ts checks; a new state needs a new migration.
    up(db) {
      db.exec(`
        CREATE TABLE batch_runs (
          id TEXT PRIMARY KEY,
          state TEXT NOT NULL CHECK (state IN ('running', 'paused', 'cancelled', 'done')),
          concurrency INTEGER NOT NULL CHECK (concurrency >= 1),
          include_already_labelled INTEGER NOT NULL DEFAULT 0,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        CREATE INDEX batch_runs_unfinished ON batch_runs (created_at) WHERE state IN ('running', 'paused');

        CREATE TABLE batch_items (
          run_id TEXT NOT NULL REFERENCES batch_runs (id) ON DELETE CASCADE,
          position INTEGER NOT NULL,
          order_number TEXT,
          draft TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'created', 'rejected', 'failed', 'skipped', 'in_doubt')),
          label_id TEXT,
          tracking_number TEXT,
          message TEXT,
          attempts INTEGER NOT NULL DEFAULT 0,
          first_claimed_at INTEGER,
          updated_at INTEGER NOT NULL,
          PRIMARY KEY (run_id, position)
        ) WITHOUT ROWID;
        CREATE INDEX batch_items_open ON batch_items (run_id, state, position) WHERE state IN ('queued', 'running', 'in_doubt');
        CREATE INDEX batch_items_in_doubt ON batch_items (run_id) WHERE state = 'in_doubt';
      `);
    },
  },
  {
    version: 5,
    name: 'outbox state for a courier outage',
    up(db) {
      // SQLite cannot change a CHECK in place: the table is copied into one that also allows
      // 'unavailable' (shared/domain/labels.ts), rows, seq and indexes unchanged.
      db.exec(`
        CREATE TABLE outbox_v5 (
          seq INTEGER PRIMARY KEY,
          idempotency_key TEXT NOT NULL UNIQUE,
          environment TEXT NOT NULL,
          account_id TEXT,
          order_number TEXT,
          body TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('pending', 'in_doubt', 'done', 'rejected', 'invalid', 'unavailable')),
          attempts INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          label_id TEXT,
          created_at INTEGER NOT NULL,
          updated_at INTEGER NOT NULL
        );
        INSERT INTO outbox_v5 (seq, idempotency_key, environment, account_id, order_number, body, state, attempts, last_error, label_id, created_at, updated_at)
          SELECT seq, idempotency_key, environment, account_id, order_number, body, state, attempts, last_error, label_id, created_at, updated_at FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE outbox_v5 RENAME TO outbox;
        CREATE INDEX outbox_unresolved ON outbox (created_at, seq) WHERE state IN ('pending', 'in_doubt');
        CREATE INDEX outbox_order ON outbox (environment, order_number, created_at);
      `);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

export function schemaVersion(db: DatabaseSync): number {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number };
  return row.user_version;
}

/**
 * Brings the database up to the newest version, one transaction per step (a failed step
 * leaves the previous version intact). A database from a newer station is refused, never
 * touched: its schema may mean something this version does not understand.
 */
export function migrate(db: DatabaseSync, migrations: readonly Migration[] = MIGRATIONS): void {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const current = schemaVersion(db);
  if (current > latest) {
    throw new StationError(
      'database_too_new',
      `The label history was written by a newer version of Flex Forward Station (schema ${current}; this version understands up to ${latest}). Update the station to open it.`,
    );
  }
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (migration.version <= current) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      // Re-read under the write lock: another connection may have migrated meanwhile.
      if (schemaVersion(db) >= migration.version) {
        db.exec('COMMIT');
        continue;
      }
      migration.up(db);
      db.exec(`PRAGMA user_version = ${Number(migration.version)}`);
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      throw error;
    }
  }
}
