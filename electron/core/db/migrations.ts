import { t } from '../i18n';
import type { DatabaseSync } from 'node:sqlite';
import { StationError } from '../errors';
import { nameKey, orderKey, placeKey } from '../labels/history-keys';

/** How many characters of each suffix the part indexes keep (a longer search is checked on the label). */
export const TEXT_PART_LENGTH = 12;
/** Suffixes start at positions 1…this (names and tracking numbers are far shorter). */
const TEXT_PART_POSITIONS = 256;
/** The rows of label `l`'s suffixes ("p" the positions): names from any position, tracking numbers where 6+ characters remain. */
const NAME_PARTS = (l: string) =>
  `SELECT substr(${l}.recipient_key, p.i, ${TEXT_PART_LENGTH}), ${l}.created_at, ${l}.seq FROM text_part_positions AS p WHERE p.i <= length(${l}.recipient_key)`;
const TRACKING_PARTS = (l: string) =>
  `SELECT lower(substr(${l}.tracking_number, p.i, ${TEXT_PART_LENGTH})), ${l}.created_at, ${l}.seq FROM text_part_positions AS p
   WHERE ${l}.tracking_number IS NOT NULL AND p.i <= length(${l}.tracking_number) - 5`;
/** Every label's parts, in index order (the benchmark's build runs it too, bench/history/run.ts). */
export const FILL_TEXT_PARTS = `
  INSERT OR IGNORE INTO label_name_parts (part, created_at, seq)
    SELECT substr(l.recipient_key, p.i, ${TEXT_PART_LENGTH}) AS part, l.created_at, l.seq
    FROM labels AS l CROSS JOIN text_part_positions AS p WHERE p.i <= length(l.recipient_key) ORDER BY 1, 2, 3;
  INSERT OR IGNORE INTO label_tracking_parts (part, created_at, seq)
    SELECT lower(substr(l.tracking_number, p.i, ${TEXT_PART_LENGTH})) AS part, l.created_at, l.seq
    FROM labels AS l CROSS JOIN text_part_positions AS p
    WHERE l.tracking_number IS NOT NULL AND p.i <= length(l.tracking_number) - 5 ORDER BY 1, 2, 3;`;
/** Keeps the parts as labels are saved, changed or deleted (an old part is deleted by its key, never by a scan). */
const TEXT_PARTS_TRIGGERS = `
  CREATE TRIGGER labels_parts_insert AFTER INSERT ON labels BEGIN
    INSERT OR IGNORE INTO label_name_parts (part, created_at, seq) ${NAME_PARTS('new')};
    INSERT OR IGNORE INTO label_tracking_parts (part, created_at, seq) ${TRACKING_PARTS('new')};
  END;
  CREATE TRIGGER labels_parts_delete AFTER DELETE ON labels BEGIN
    DELETE FROM label_name_parts WHERE (part, created_at, seq) IN (${NAME_PARTS('old')});
    DELETE FROM label_tracking_parts WHERE (part, created_at, seq) IN (${TRACKING_PARTS('old')});
  END;
  CREATE TRIGGER labels_parts_update_name AFTER UPDATE OF recipient_key, created_at ON labels
  WHEN old.recipient_key IS NOT new.recipient_key OR old.created_at IS NOT new.created_at BEGIN
    DELETE FROM label_name_parts WHERE (part, created_at, seq) IN (${NAME_PARTS('old')});
    INSERT OR IGNORE INTO label_name_parts (part, created_at, seq) ${NAME_PARTS('new')};
  END;
  CREATE TRIGGER labels_parts_update_tracking AFTER UPDATE OF tracking_number, created_at ON labels
  WHEN old.tracking_number IS NOT new.tracking_number OR old.created_at IS NOT new.created_at BEGIN
    DELETE FROM label_tracking_parts WHERE (part, created_at, seq) IN (${TRACKING_PARTS('old')});
    INSERT OR IGNORE INTO label_tracking_parts (part, created_at, seq) ${TRACKING_PARTS('new')};
  END;`;

/** The Today screen's counting period (ms): a quarter hour, the step of every time zone's offset and clock change. */
export const QUARTER_MS = 900_000;
/** A UTC day (ms): the longer period the product counts are also kept by. */
export const UTC_DAY_MS = 86_400_000;
/** The print states counted per quarter hour, each in its own column `print_<state>` (created labels). */
const PRINT_STATES = ['never', 'sent', 'waiting', 'printed', 'failed'] as const;

/** One label's contribution to label_quarters (`sign` 1 added, -1 taken away), as column names and values. */
const quarterTerms = (l: string, sign: 1 | -1) => {
  const created = `(${l}.status = 'created')`;
  const terms: [string, string][] = [
    ['created', created],
    ['failed', `(${l}.status = 'failed')`],
    ['exception', `(${l}.tracking_tag IS 'Exception')`],
    ...PRINT_STATES.map((state): [string, string] => [
      `print_${state}`,
      `(${created} AND coalesce(${l}.print_state, 'never') = '${state}')`,
    ]),
  ];
  return terms.map(([column, value]) => [column, sign === 1 ? value : `-${value}`] as const);
};
const upsertQuarter = (l: string, sign: 1 | -1) => {
  const terms = quarterTerms(l, sign);
  return `INSERT INTO label_quarters (environment, quarter, ${terms.map(([c]) => c).join(', ')})
    VALUES (${l}.environment, ${l}.created_at / ${QUARTER_MS}, ${terms.map(([, v]) => v).join(', ')})
    ON CONFLICT (environment, quarter) DO UPDATE SET ${terms.map(([c]) => `${c} = ${c} + excluded.${c}`).join(', ')};`;
};
/** A created label counted by courier and product ('' for none) in the quarter and the UTC day it was made. */
const upsertProducts = (l: string, sign: 1 | -1) =>
  (['label_products_quarter', 'label_products_day'] as const)
    .map(
      (table) => `INSERT INTO ${table} (environment, period, courier, product, n)
    SELECT ${l}.environment, ${l}.created_at / ${table === 'label_products_quarter' ? QUARTER_MS : UTC_DAY_MS}, ${l}.courier, coalesce(${l}.product_code, ''), ${sign}
    WHERE ${l}.status = 'created'
    ON CONFLICT (environment, period, courier, product) DO UPDATE SET n = n + excluded.n;`,
    )
    .join('\n');
/** The columns whose change moves a label between counts. */
const COUNTED = ['environment', 'created_at', 'status', 'courier', 'product_code', 'print_state', 'tracking_tag'];
const LABEL_COUNTS_TRIGGERS = `
  CREATE TRIGGER labels_counts_insert AFTER INSERT ON labels BEGIN
    ${upsertQuarter('new', 1)}
    ${upsertProducts('new', 1)}
  END;
  CREATE TRIGGER labels_counts_delete AFTER DELETE ON labels BEGIN
    ${upsertQuarter('old', -1)}
    ${upsertProducts('old', -1)}
  END;
  CREATE TRIGGER labels_counts_update AFTER UPDATE OF ${COUNTED.join(', ')} ON labels
  WHEN ${COUNTED.map((c) => `old.${c} IS NOT new.${c}`).join(' OR ')} BEGIN
    ${upsertQuarter('old', -1)}
    ${upsertProducts('old', -1)}
    ${upsertQuarter('new', 1)}
    ${upsertProducts('new', 1)}
  END;`;
/** Every label's counts from scratch (migration 16 and the benchmark's build, bench/history/run.ts). */
export const FILL_LABEL_COUNTS = `
  DELETE FROM label_quarters;
  DELETE FROM label_products_quarter;
  DELETE FROM label_products_day;
  INSERT INTO label_quarters (environment, quarter, ${quarterTerms('l', 1)
    .map(([c]) => c)
    .join(', ')})
    SELECT l.environment, l.created_at / ${QUARTER_MS}, ${quarterTerms('l', 1)
      .map(([, v]) => `sum(${v})`)
      .join(', ')}
    FROM labels AS l GROUP BY 1, 2 ORDER BY 1, 2;
  INSERT INTO label_products_quarter (environment, period, courier, product, n)
    SELECT l.environment, l.created_at / ${QUARTER_MS}, l.courier, coalesce(l.product_code, ''), count(*)
    FROM labels AS l WHERE l.status = 'created' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
  INSERT INTO label_products_day (environment, period, courier, product, n)
    SELECT environment, period / ${UTC_DAY_MS / QUARTER_MS}, courier, product, sum(n)
    FROM label_products_quarter GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;`;

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
    name: 'shipment fingerprints',
    // The fingerprint of a label's request (electron/core/labels/fingerprint.ts): a second
    // request for the same shipment without an order number is caught by it. Labels made
    // before this step have none and are not matched.
    up(db) {
      db.exec(`
        ALTER TABLE labels ADD COLUMN fingerprint TEXT;
        CREATE INDEX labels_fingerprint ON labels (environment, fingerprint, created_at) WHERE fingerprint IS NOT NULL;
        `);
    },
  },
  {
    version: 6,
    name: 'imports',
    // Imported files (electron/core/batch/import-store.ts): the packed table as the worker
    // made it (csv-table.ts: cell text, and the cell offsets and row numbers as little-endian
    // uint32 blobs), the mapping as JSON (validated when read, so its shape may grow), the
    // whole-file options, and per-order state: excluded orders, the operator's cell fixes in
    // order (applied again when the import is read back), and the order numbers, which station
    // mode looks a scan up in and counts (case-insensitively, like label history).
    up(db) {
      db.exec(`
        CREATE TABLE imports (
          seq INTEGER PRIMARY KEY,
          id TEXT NOT NULL UNIQUE,
          file_name TEXT NOT NULL,
          encoding TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          headers TEXT NOT NULL,
          cells TEXT NOT NULL,
          offsets BLOB NOT NULL,
          row_numbers BLOB NOT NULL,
          mapping TEXT NOT NULL,
          mapping_source TEXT,
          options TEXT NOT NULL,
          reading TEXT,
          excluded TEXT NOT NULL DEFAULT '[]',
          orders INTEGER NOT NULL DEFAULT 0,
          ready INTEGER NOT NULL DEFAULT 0,
          last_run_id TEXT
        );
        CREATE TABLE import_fixes (
          import_seq INTEGER NOT NULL REFERENCES imports (seq) ON DELETE CASCADE,
          position INTEGER NOT NULL,
          row_number INTEGER NOT NULL,
          column_name TEXT NOT NULL,
          value TEXT NOT NULL,
          PRIMARY KEY (import_seq, position)
        ) WITHOUT ROWID;
        CREATE TABLE import_orders (
          import_seq INTEGER NOT NULL REFERENCES imports (seq) ON DELETE CASCADE,
          order_number TEXT NOT NULL COLLATE NOCASE,
          PRIMARY KEY (import_seq, order_number)
        ) WITHOUT ROWID;
        -- A scan: which imports hold this order number.
        CREATE INDEX import_orders_number ON import_orders (order_number);
      `);
    },
  },
  {
    version: 7,
    name: 'product catalogue by SKU',
    // Keyed by the normalised SKU (shared/domain/sku-catalogue.ts: normaliseSku); unit_weight in kg.
    // The Settings table lists by SKU and searches SKU and descriptions.
    up(db) {
      db.exec(`
        CREATE TABLE sku_catalogue (
          sku TEXT PRIMARY KEY,
          description_en TEXT NOT NULL,
          description_local TEXT,
          hs_code TEXT,
          origin_country TEXT,
          unit_weight REAL CHECK (unit_weight IS NULL OR unit_weight > 0),
          declared_value REAL CHECK (declared_value IS NULL OR declared_value >= 0),
          currency TEXT,
          updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
      `);
    },
  },
  {
    version: 8,
    name: 'print outcomes',
    // Closed-loop printing (electron/core/printing/job-follow.ts): a job the OS accepted gets
    // its outcome once known (printed, waiting, failed); print_jobs.state stays how sending
    // went. label_print_state is each label's newest job and what became of it, so History
    // shows and filters by print state with one lookup per label. The outcome list equals
    // PrintJobState (shared/domain/printing.ts) less 'sent', which is no outcome.
    up(db) {
      db.exec(`
        ALTER TABLE print_jobs ADD COLUMN outcome TEXT CHECK (outcome IN ('printed', 'waiting', 'failed'));
        ALTER TABLE print_jobs ADD COLUMN settled_at INTEGER;

        CREATE TABLE label_print_state (
          label_id TEXT PRIMARY KEY COLLATE NOCASE,
          job_seq INTEGER NOT NULL REFERENCES print_jobs (seq) ON DELETE CASCADE,
          state TEXT NOT NULL CHECK (state IN ('sent', 'printed', 'waiting', 'failed')),
          updated_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        -- History's print-state filter; "never printed" is a label without a row.
        CREATE INDEX label_print_state_state ON label_print_state (state);
        CREATE INDEX label_print_state_job ON label_print_state (job_seq);

        -- Labels printed before this step: their newest job, as it was sent (or failed to be).
        INSERT INTO label_print_state (label_id, job_seq, state, updated_at)
        SELECT pl.label_id, j.seq, j.state, j.created_at
        FROM print_job_labels AS pl CROSS JOIN print_jobs AS j ON j.seq = pl.job_seq
        WHERE pl.job_seq = (SELECT max(p2.job_seq) FROM print_job_labels AS p2 WHERE p2.label_id = pl.label_id)
        GROUP BY pl.label_id;
      `);
    },
  },
  {
    version: 9,
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
  {
    version: 10,
    name: 'tracking schedule',
    up(db) {
      // The scheduled tracking refresh (electron/core/tracking/schedule.ts): when a label is next
      // asked about, how many checks in a row found nothing new (its back-off), what the last
      // check saw, and when its tracking last changed (a refresh that finds nothing new keeps it).
      db.exec(`
        ALTER TABLE labels ADD COLUMN tracking_next_check_at INTEGER;
        ALTER TABLE labels ADD COLUMN tracking_unchanged INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE labels ADD COLUMN tracking_seen TEXT;
        ALTER TABLE labels ADD COLUMN tracking_changed_at INTEGER;
      `);
    },
  },
  {
    version: 11,
    name: 'history finds what people type',
    // Search keys beside each label (electron/core/labels/history-keys.ts: order numbers without
    // "#", spaces or leading zeros; names, cities and postal codes without case, width or
    // spaces), the recipient's postal code, one trigram index over tracking numbers and name
    // keys (substrings: the tail of a tracking number, a part of a name in any script; it
    // replaces version 2's index over the raw names), and an index per History filter
    // (tracking state, courier, product, parcels not moving). Existing labels are filled in
    // here: keys from their own columns, the postal code from the request in the outbox.
    up(db) {
      db.function('ffs_order_key', { deterministic: true }, (value) => (typeof value === 'string' ? orderKey(value) : null));
      db.function('ffs_name_key', { deterministic: true }, (value) => nameKey(typeof value === 'string' ? value : null));
      db.function('ffs_place_key', { deterministic: true }, (value) => (typeof value === 'string' ? placeKey(value) : null));
      db.exec(`
        DROP TRIGGER labels_recipient_fts_insert;
        DROP TRIGGER labels_recipient_fts_delete;
        DROP TRIGGER labels_recipient_fts_update;
        DROP TABLE labels_recipient_fts;

        ALTER TABLE labels ADD COLUMN recipient_postal_code TEXT;
        ALTER TABLE labels ADD COLUMN customer_order_key TEXT;
        ALTER TABLE labels ADD COLUMN platform_order_key TEXT;
        ALTER TABLE labels ADD COLUMN recipient_key TEXT NOT NULL DEFAULT '';
        ALTER TABLE labels ADD COLUMN city_key TEXT;
        ALTER TABLE labels ADD COLUMN postal_key TEXT;

        UPDATE labels SET recipient_postal_code = (
          SELECT CAST(json_extract(o.body, '$.shipment.shipTo.address.postalCode') AS TEXT) FROM outbox AS o
          WHERE o.idempotency_key = labels.idempotency_key AND json_valid(o.body)
        );
        UPDATE labels SET
          customer_order_key = ffs_order_key(customer_order_number),
          platform_order_key = ffs_order_key(platform_order_number),
          recipient_key = ffs_name_key(recipient_name),
          city_key = ffs_place_key(recipient_city),
          postal_key = ffs_place_key(recipient_postal_code);

        -- Prefix search on the keys, newest first (created_at and seq in the index, as version 1's).
        CREATE INDEX labels_customer_order_key ON labels (customer_order_key, created_at);
        CREATE INDEX labels_platform_order_key ON labels (platform_order_key, created_at);
        CREATE INDEX labels_recipient_key ON labels (recipient_key, created_at);
        CREATE INDEX labels_city_key ON labels (city_key, created_at);
        CREATE INDEX labels_postal_key ON labels (postal_key, created_at);
        -- History's filters, each newest first under its value.
        CREATE INDEX labels_tracking_tag_created ON labels (tracking_tag, created_at);
        CREATE INDEX labels_courier_created ON labels (courier, created_at);
        CREATE INDEX labels_product_created ON labels (product_code, created_at);
        -- Parcels not moving: open labels by their last tracking news (else their creation).
        CREATE INDEX labels_stalled ON labels (coalesce(tracking_updated_at, created_at), created_at)
          WHERE status = 'created' AND (tracking_tag IS NULL OR tracking_tag NOT IN ('Delivered', 'Cancelled'));

        CREATE VIRTUAL TABLE labels_text_fts USING fts5 (
          tracking_number, recipient_key, content = 'labels', content_rowid = 'seq', tokenize = 'trigram'
        );
        INSERT INTO labels_text_fts (labels_text_fts) VALUES ('rebuild');
        CREATE TRIGGER labels_text_fts_insert AFTER INSERT ON labels BEGIN
          INSERT INTO labels_text_fts (rowid, tracking_number, recipient_key) VALUES (new.seq, new.tracking_number, new.recipient_key);
        END;
        CREATE TRIGGER labels_text_fts_delete AFTER DELETE ON labels BEGIN
          INSERT INTO labels_text_fts (labels_text_fts, rowid, tracking_number, recipient_key)
            VALUES ('delete', old.seq, old.tracking_number, old.recipient_key);
        END;
        CREATE TRIGGER labels_text_fts_update AFTER UPDATE OF tracking_number, recipient_key ON labels
        WHEN old.tracking_number IS NOT new.tracking_number OR old.recipient_key IS NOT new.recipient_key BEGIN
          INSERT INTO labels_text_fts (labels_text_fts, rowid, tracking_number, recipient_key)
            VALUES ('delete', old.seq, old.tracking_number, old.recipient_key);
          INSERT INTO labels_text_fts (rowid, tracking_number, recipient_key) VALUES (new.seq, new.tracking_number, new.recipient_key);
        END;
      `);
    },
  },
  {
    version: 12,
    name: 'print state beside each label',
    // History's print-state filters and the Today screen read each label's newest print state
    // from labels.print_state, kept equal to label_print_state.state by triggers (print-log.ts
    // writes only label_print_state). With it in the (print_state, created_at) index, "failed at
    // the printer" lists its newest labels from one index range instead of joining every failed
    // job to its label by id, and Today counts print states without a join.
    up(db) {
      db.exec(`
        ALTER TABLE labels ADD COLUMN print_state TEXT;
        UPDATE labels SET print_state = (SELECT p.state FROM label_print_state AS p WHERE p.label_id = labels.id)
          WHERE id IN (SELECT label_id FROM label_print_state);
        CREATE INDEX labels_print_state_created ON labels (print_state, created_at);
        -- The Today screen's one pass (electron/core/today/today-summary.ts): an environment's
        -- labels of two weeks with every column it counts, read from the index alone. It also
        -- serves what (environment, created_at) served, which it replaces.
        CREATE INDEX labels_today ON labels (environment, created_at, status, courier, product_code, print_state, tracking_tag, tracking_updated_at);
        DROP INDEX labels_environment_created;

        CREATE TRIGGER label_print_state_insert AFTER INSERT ON label_print_state BEGIN
          UPDATE labels SET print_state = new.state WHERE id = new.label_id;
        END;
        CREATE TRIGGER label_print_state_update AFTER UPDATE OF state, label_id ON label_print_state BEGIN
          UPDATE labels SET print_state = NULL WHERE id = old.label_id AND old.label_id <> new.label_id;
          UPDATE labels SET print_state = new.state WHERE id = new.label_id;
        END;
        -- Also when a print job is deleted (label_print_state.job_seq cascades).
        CREATE TRIGGER label_print_state_delete AFTER DELETE ON label_print_state BEGIN
          UPDATE labels SET print_state = NULL WHERE id = old.label_id;
        END;
        -- A label recorded after its print state (a history copied in from elsewhere).
        CREATE TRIGGER labels_print_state_on_insert AFTER INSERT ON labels
        WHEN EXISTS (SELECT 1 FROM label_print_state WHERE label_id = new.id) BEGIN
          UPDATE labels SET print_state = (SELECT state FROM label_print_state WHERE label_id = new.id) WHERE seq = new.seq;
        END;
      `);
    },
  },
  {
    version: 13,
    name: 'name and tracking parts',
    // History's "any part" searches at ten million labels: the trigram index (version 11) reads
    // whole posting lists of common trigrams (every digit triple of every tracking number), so
    // a rare tracking number part cost ~75 ms there. Instead every suffix of a label's name key
    // and of its tracking number (6+ characters), cut to TEXT_PART_LENGTH characters, is a row
    // of an index beside the label's created_at: any part of the text is the start of one of its
    // suffixes, so a search is one range of that index, counted cheaply and read newest first
    // without touching the labels (electron/core/labels/history-query.ts, partSource).
    up(db) {
      db.exec(`
        DROP TRIGGER labels_text_fts_insert;
        DROP TRIGGER labels_text_fts_delete;
        DROP TRIGGER labels_text_fts_update;
        DROP TABLE labels_text_fts;
        CREATE TABLE text_part_positions (i INTEGER PRIMARY KEY);
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${TEXT_PART_POSITIONS})
        INSERT INTO text_part_positions (i) SELECT i FROM n;
        CREATE TABLE label_name_parts (part TEXT NOT NULL, created_at INTEGER NOT NULL, seq INTEGER NOT NULL,
          PRIMARY KEY (part, created_at, seq)) WITHOUT ROWID;
        CREATE TABLE label_tracking_parts (part TEXT NOT NULL, created_at INTEGER NOT NULL, seq INTEGER NOT NULL,
          PRIMARY KEY (part, created_at, seq)) WITHOUT ROWID;
        ${FILL_TEXT_PARTS}
        ${TEXT_PARTS_TRIGGERS}
      `);
    },
  },
  {
    version: 14,
    name: 'print state with label state',
    // "Failed at the printer" counts created labels only (AttentionFilter): with the label's own
    // state in the print-state index, its count and its select-all read the index alone (ten
    // million labels: 43,000 failed prints were 43,000 label reads).
    up(db) {
      db.exec(`
        DROP INDEX labels_print_state_created;
        CREATE INDEX labels_print_state ON labels (print_state, status, created_at);
      `);
    },
  },
  {
    version: 15,
    name: 'courier and product together',
    // History filtered by a product with its courier (Today's product numbers open it so): one
    // ordered range, and select-all's exact total counted from the index alone (ten million
    // labels: ~200,000 labels of one product were read to check their courier).
    up(db) {
      db.exec('CREATE INDEX labels_courier_product ON labels (courier, product_code, created_at)');
    },
  },
  {
    version: 16,
    name: 'counts kept for the Today screen',
    // The Today screen at ten million labels: counting an environment's two weeks label by label
    // (~134,000 in the benchmark's production) cost 280 ms at p95. Its numbers are now kept as
    // labels change, by triggers, per environment and quarter hour (every zone's day and hour
    // start on one: offsets and clock changes move by quarters), so the screen adds up ~1,300 rows:
    // - label_quarters: created and failed labels, tracking exceptions, created labels by print state;
    // - label_products_quarter / _day: created labels by courier and product (product '' = none),
    //   by quarter hour and by UTC day, so two weeks read 13 days and two partial days.
    // "Not moving" depends on the moment asked; labels_open_created counts it from the open
    // labels of the window alone.
    up(db) {
      db.exec(`
        CREATE TABLE label_quarters (
          environment TEXT NOT NULL, quarter INTEGER NOT NULL,
          created INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0, exception INTEGER NOT NULL DEFAULT 0,
          ${PRINT_STATES.map((state) => `print_${state} INTEGER NOT NULL DEFAULT 0`).join(', ')},
          PRIMARY KEY (environment, quarter)) WITHOUT ROWID;
        CREATE TABLE label_products_quarter (environment TEXT NOT NULL, period INTEGER NOT NULL, courier TEXT NOT NULL,
          product TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (environment, period, courier, product)) WITHOUT ROWID;
        CREATE TABLE label_products_day (environment TEXT NOT NULL, period INTEGER NOT NULL, courier TEXT NOT NULL,
          product TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (environment, period, courier, product)) WITHOUT ROWID;
        ${FILL_LABEL_COUNTS}
        ${LABEL_COUNTS_TRIGGERS}
        CREATE INDEX labels_open_created ON labels (environment, created_at, coalesce(tracking_updated_at, created_at))
          WHERE status = 'created' AND (tracking_tag IS NULL OR tracking_tag NOT IN ('Delivered', 'Cancelled'));
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
    throw new StationError('database_too_new', t('errors:db.newerSchema', { current, latest }));
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
