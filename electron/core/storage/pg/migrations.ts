import type { PoolClient } from 'pg';
import { StationError } from '../../errors';
import { t } from '../../i18n';
import type { LiveKind } from '../../../../shared/domain/live';

/** One schema step of the shared PostgreSQL database: `up` turns version - 1 into `version`, inside a transaction. */
export interface PgMigration {
  version: number;
  name: string;
  up(client: PoolClient): Promise<void>;
}

/**
 * ASCII-only case folding, as SQLite's NOCASE compares (electron/core/db/migrations.ts): what the
 * *_nocase columns hold. The stores fold a value in SQL with it too, to match those columns.
 */
export const NOCASE = (column: string) => `translate(${column}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;

/**
 * The shared schema, in order. Never edit a shipped step; append a new one. It mirrors the
 * SQLite schema (electron/core/db/migrations.ts, as of its version 11) column for column, with
 * PostgreSQL's own tools where SQLite has its own:
 * - Times are bigint milliseconds, as in SQLite; text is COLLATE "C" (code point order, as
 *   SQLite's BINARY), so the prefix ranges of history search mean the same on both.
 * - SQLite's COLLATE NOCASE columns (label id, order numbers, tracking number) get a stored
 *   generated twin folded the same way (`*_nocase`), indexed and compared instead.
 * - The FTS5 trigram index over tracking numbers and name keys is a pg_trgm GIN index on each
 *   (pg_trgm ships with the PostgreSQL server; CREATE EXTENSION needs no superuser, it is trusted).
 * - The outbox has a lease (`leased_by`, `lease_until`): one station at a time sends or
 *   resolves a request (electron/core/storage/pg/outbox.ts).
 * - The print log's tables exist so that History reads each label's print state as SQLite does.
 */
export const PG_MIGRATIONS: readonly PgMigration[] = [
  {
    version: 1,
    name: 'outbox, labels and print state',
    async up(client) {
      await client.query(`
        CREATE EXTENSION IF NOT EXISTS pg_trgm;

        CREATE TABLE outbox (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          idempotency_key text COLLATE "C" NOT NULL UNIQUE,
          environment text COLLATE "C" NOT NULL,
          account_id text COLLATE "C",
          order_number text COLLATE "C",
          body text NOT NULL,
          state text NOT NULL CHECK (state IN ('pending', 'in_doubt', 'done', 'rejected', 'invalid', 'unavailable')),
          attempts integer NOT NULL DEFAULT 0,
          last_error text,
          label_id text COLLATE "C",
          created_at bigint NOT NULL,
          updated_at bigint NOT NULL,
          -- The station sending or resolving the request now, and until when (ms); NULL: nobody.
          leased_by text,
          lease_until bigint
        );
        CREATE INDEX outbox_unresolved ON outbox (created_at, seq) WHERE state IN ('pending', 'in_doubt');
        CREATE INDEX outbox_order ON outbox (environment, order_number, created_at);

        CREATE TABLE labels (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text COLLATE "C" NOT NULL,
          id_nocase text COLLATE "C" GENERATED ALWAYS AS (${NOCASE('id')}) STORED,
          environment text COLLATE "C" NOT NULL,
          account_id text COLLATE "C",
          idempotency_key text COLLATE "C" NOT NULL,
          status text COLLATE "C" NOT NULL CHECK (status IN ('created', 'failed')),
          courier text COLLATE "C" NOT NULL,
          product_code text COLLATE "C",
          customer_order_number text COLLATE "C",
          customer_order_nocase text COLLATE "C" GENERATED ALWAYS AS (${NOCASE('customer_order_number')}) STORED,
          platform_order_number text COLLATE "C",
          platform_order_nocase text COLLATE "C" GENERATED ALWAYS AS (${NOCASE('platform_order_number')}) STORED,
          courier_order_number text COLLATE "C",
          tracking_number text COLLATE "C",
          tracking_nocase text COLLATE "C" GENERATED ALWAYS AS (${NOCASE('tracking_number')}) STORED,
          recipient_name text COLLATE "C" NOT NULL,
          recipient_country text COLLATE "C",
          recipient_city text COLLATE "C",
          error_code text,
          error_message text,
          created_at bigint NOT NULL,
          document_url text,
          document_format text CHECK (document_format IN ('pdf', 'png')),
          document_path text,
          tracking_tag text COLLATE "C",
          tracking_message text,
          tracking_updated_at bigint,
          fingerprint text COLLATE "C",
          tracking_next_check_at bigint,
          tracking_unchanged integer NOT NULL DEFAULT 0,
          tracking_seen text,
          tracking_changed_at bigint,
          recipient_postal_code text COLLATE "C",
          customer_order_key text COLLATE "C",
          platform_order_key text COLLATE "C",
          recipient_key text COLLATE "C" NOT NULL DEFAULT '',
          city_key text COLLATE "C",
          postal_key text COLLATE "C"
        );
        CREATE UNIQUE INDEX labels_id ON labels (id_nocase);
        -- Newest first (seq is the tie-breaker), alone or under one equality filter.
        CREATE INDEX labels_created ON labels (created_at, seq);
        CREATE INDEX labels_environment_created ON labels (environment, created_at, seq);
        CREATE INDEX labels_account_created ON labels (account_id, created_at, seq);
        CREATE INDEX labels_status_created ON labels (status, created_at, seq);
        -- Duplicate checks and "labels of this order".
        CREATE INDEX labels_customer_order ON labels (customer_order_nocase, created_at);
        CREATE INDEX labels_platform_order ON labels (platform_order_nocase, created_at);
        CREATE INDEX labels_tracking ON labels (tracking_nocase, created_at);
        CREATE INDEX labels_in_transit ON labels (environment, created_at)
          WHERE status = 'created' AND (tracking_tag IS NULL OR tracking_tag NOT IN ('Delivered', 'Cancelled'));
        CREATE INDEX labels_fingerprint ON labels (environment, fingerprint, created_at) WHERE fingerprint IS NOT NULL;
        -- Prefix search on the keys, and History's filters, each newest first under its value.
        CREATE INDEX labels_customer_order_key ON labels (customer_order_key, created_at);
        CREATE INDEX labels_platform_order_key ON labels (platform_order_key, created_at);
        CREATE INDEX labels_recipient_key ON labels (recipient_key, created_at);
        CREATE INDEX labels_city_key ON labels (city_key, created_at);
        CREATE INDEX labels_postal_key ON labels (postal_key, created_at);
        CREATE INDEX labels_tracking_tag_created ON labels (tracking_tag, created_at);
        CREATE INDEX labels_courier_created ON labels (courier, created_at);
        CREATE INDEX labels_product_created ON labels (product_code, created_at);
        CREATE INDEX labels_stalled ON labels ((coalesce(tracking_updated_at, created_at)), created_at)
          WHERE status = 'created' AND (tracking_tag IS NULL OR tracking_tag NOT IN ('Delivered', 'Cancelled'));
        -- Any part (3+ characters) of a tracking number or a name key.
        CREATE INDEX labels_tracking_trgm ON labels USING gin (tracking_nocase gin_trgm_ops);
        CREATE INDEX labels_recipient_trgm ON labels USING gin (recipient_key gin_trgm_ops);

        CREATE TABLE print_jobs (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text COLLATE "C" NOT NULL UNIQUE,
          profile_id text,
          printer text NOT NULL,
          copies integer NOT NULL DEFAULT 1 CHECK (copies >= 1),
          os_job_id text,
          state text NOT NULL CHECK (state IN ('sent', 'failed')),
          error_code text,
          message text,
          created_at bigint NOT NULL,
          outcome text CHECK (outcome IN ('printed', 'waiting', 'failed')),
          settled_at bigint
        );
        CREATE INDEX print_jobs_created ON print_jobs (created_at);
        CREATE TABLE print_job_labels (
          job_seq bigint NOT NULL REFERENCES print_jobs (seq) ON DELETE CASCADE,
          position integer NOT NULL,
          label_id text COLLATE "C" NOT NULL,
          label_nocase text COLLATE "C" GENERATED ALWAYS AS (${NOCASE('label_id')}) STORED,
          PRIMARY KEY (job_seq, position)
        );
        CREATE INDEX print_job_labels_label ON print_job_labels (label_nocase, job_seq);
        CREATE TABLE label_print_state (
          label_id text COLLATE "C" NOT NULL,
          label_nocase text COLLATE "C" GENERATED ALWAYS AS (${NOCASE('label_id')}) STORED PRIMARY KEY,
          job_seq bigint NOT NULL REFERENCES print_jobs (seq) ON DELETE CASCADE,
          state text NOT NULL CHECK (state IN ('sent', 'printed', 'waiting', 'failed')),
          updated_at bigint NOT NULL
        );
        CREATE INDEX label_print_state_state ON label_print_state (state);
        CREATE INDEX label_print_state_job ON label_print_state (job_seq);
      `);
    },
  },
  {
    version: 2,
    name: 'order claims',
    async up(client) {
      // One row per order (the history's order key: without "#", spaces, leading zeros or case,
      // so "#0001001" and "1001" are one order). The primary key is what makes a claim
      // exclusive: two stations can never both hold a row, whatever the timing
      // (electron/core/workgroup/claims.ts).
      await client.query(`
        CREATE TABLE order_claims (
          order_key    text PRIMARY KEY,
          order_number text NOT NULL,
          station_id   text NOT NULL,
          station_name text NOT NULL,
          operator     text NOT NULL,
          claimed_at   timestamptz NOT NULL,
          renewed_at   timestamptz NOT NULL
        );
        CREATE INDEX order_claims_station ON order_claims (station_id);
      `);
    },
  },
  {
    version: 3,
    name: 'operators',
    async up(client) {
      // The operators of the workgroup (electron/core/operators/operator-store.ts): the PIN only
      // as a salted scrypt hash; wrong PINs counted per operator, so another station does not
      // start the count again; `locked_until` is the server's clock.
      await client.query(`
        CREATE TABLE operators (
          id              text PRIMARY KEY,
          name            text NOT NULL,
          name_key        text NOT NULL UNIQUE,
          role            text NOT NULL CHECK (role IN ('packer', 'supervisor')),
          pin_hash        text NOT NULL,
          active          boolean NOT NULL DEFAULT true,
          failed_attempts integer NOT NULL DEFAULT 0,
          locked_until    timestamptz,
          created_at      timestamptz NOT NULL DEFAULT now(),
          updated_at      timestamptz NOT NULL DEFAULT now()
        );
      `);
    },
  },
  {
    version: 4,
    name: 'audit trail',
    async up(client) {
      // Who did what, which label or order, at which station, when (electron/core/operators/audit.ts).
      // Newest first by seq; the filters each have an index that keeps that order.
      await client.query(`
        CREATE TABLE audit_log (
          seq           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          at            timestamptz NOT NULL DEFAULT now(),
          operator_id   text,
          operator_name text,
          operator_key  text,
          action        text NOT NULL,
          station_id    text NOT NULL,
          station_name  text NOT NULL,
          order_number  text,
          label_id      text,
          details       text
        );
        CREATE INDEX audit_log_at ON audit_log (at, seq);
        CREATE INDEX audit_log_operator ON audit_log (operator_key, seq);
        CREATE INDEX audit_log_action ON audit_log (action, seq);
        CREATE INDEX audit_log_order ON audit_log (lower(order_number) text_pattern_ops);
        CREATE INDEX audit_log_label ON audit_log (lower(label_id) text_pattern_ops);
      `);
    },
  },
  {
    version: 5,
    name: 'live updates',
    async up(client) {
      // Stations hear of each other's changes within a second (electron/core/workgroup/live.ts,
      // docs/architecture.md, "Live updates"): one trigger function, attached per table.
      await client.query(LIVE_NOTIFY_FUNCTION);
      // A new label, or a change History shows (status, tracking, document). A tracking check
      // that found nothing new rewrites only tracking_updated_at: no notification for that.
      await client.query(
        liveTriggerSql('labels', 'labels', {
          events: 'INSERT OR DELETE',
        }) +
          liveTriggerSql('labels', 'labels', {
            events: 'UPDATE',
            name: 'labels_live_update',
            when: `(OLD.status, OLD.tracking_number, OLD.tracking_tag, OLD.tracking_message, OLD.document_url, OLD.document_format)
              IS DISTINCT FROM (NEW.status, NEW.tracking_number, NEW.tracking_tag, NEW.tracking_message, NEW.document_url, NEW.document_format)`,
          }) +
          // Each label's print state lives beside it: a print, a reprint or a job's outcome.
          liveTriggerSql('label_print_state', 'labels') +
          // Claimed, taken over or released; a renewal (renewed_at alone) changes nothing another station shows.
          liveTriggerSql('order_claims', 'claims', { events: 'INSERT OR DELETE' }) +
          liveTriggerSql('order_claims', 'claims', {
            events: 'UPDATE',
            name: 'order_claims_live_update',
            when: '(OLD.station_id, OLD.claimed_at, OLD.operator) IS DISTINCT FROM (NEW.station_id, NEW.claimed_at, NEW.operator)',
          }),
      );
    },
  },
  {
    version: 6,
    name: 'imports',
    async up(client) {
      // The imported order lists of the workgroup (electron/core/batch/pg-import-store.ts), the
      // SQLite tables of its migration 6 column for column: the packed table (cell text, and the
      // cell offsets and row numbers as little-endian uint32 bytes), the JSON columns as text
      // (read back leniently, as SQLite's), the fixes in order, and the order numbers, which
      // station mode looks a scan up in: NOCASE in SQLite, so keyed and indexed here by their
      // folded twin (an order number in two letter cases is one row of an import, as there).
      await client.query(`
        CREATE TABLE imports (
          seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          id text COLLATE "C" NOT NULL UNIQUE,
          file_name text NOT NULL,
          encoding text NOT NULL,
          created_at bigint NOT NULL,
          headers text NOT NULL,
          cells text NOT NULL,
          offsets bytea NOT NULL,
          row_numbers bytea NOT NULL,
          mapping text NOT NULL,
          mapping_source text,
          options text NOT NULL,
          reading text,
          excluded text NOT NULL DEFAULT '[]',
          orders integer NOT NULL DEFAULT 0,
          ready integer NOT NULL DEFAULT 0,
          last_run_id text
        );
        -- The list, newest first.
        CREATE INDEX imports_created ON imports (created_at, seq);
        CREATE TABLE import_fixes (
          import_seq bigint NOT NULL REFERENCES imports (seq) ON DELETE CASCADE,
          position integer NOT NULL,
          row_number integer NOT NULL,
          column_name text NOT NULL,
          value text NOT NULL,
          PRIMARY KEY (import_seq, position)
        );
        CREATE TABLE import_orders (
          import_seq bigint NOT NULL REFERENCES imports (seq) ON DELETE CASCADE,
          order_number text COLLATE "C" NOT NULL,
          order_nocase text COLLATE "C" GENERATED ALWAYS AS (${NOCASE('order_number')}) STORED,
          PRIMARY KEY (import_seq, order_nocase)
        );
        -- A scan: which imports hold this order number.
        CREATE INDEX import_orders_number ON import_orders (order_nocase);
      `);
      // Stations hear of an import loaded, changed or removed elsewhere (docs/architecture.md, "Live updates").
      await client.query(liveTriggerSql('imports', 'imports'));
    },
  },
  {
    version: 7,
    name: 'shared senders, presets, saved mappings and the product catalogue',
    async up(client) {
      // What a workgroup's stations share besides the history (electron/core/workgroup/shared-lists.ts):
      // each list item is its settings document (JSON, validated with its zod schema when read),
      // in the order it was first saved (seq). The product catalogue mirrors SQLite's
      // sku_catalogue column for column (electron/core/db/migrations.ts, migration 5), with a
      // version bumped in the same transaction as every change (the batch build's snapshot).
      // shared_list_seeds: the kinds some station's own lists were copied up into, once per workgroup.
      await client.query(`
        CREATE TABLE shared_senders (
          id         text COLLATE "C" PRIMARY KEY,
          seq        bigint GENERATED ALWAYS AS IDENTITY,
          document   jsonb NOT NULL,
          updated_at bigint NOT NULL
        );
        CREATE TABLE shared_presets (
          id         text COLLATE "C" PRIMARY KEY,
          seq        bigint GENERATED ALWAYS AS IDENTITY,
          document   jsonb NOT NULL,
          updated_at bigint NOT NULL
        );
        CREATE TABLE shared_mappings (
          id         text COLLATE "C" PRIMARY KEY,
          seq        bigint GENERATED ALWAYS AS IDENTITY,
          document   jsonb NOT NULL,
          updated_at bigint NOT NULL
        );
        CREATE TABLE sku_catalogue (
          sku               text COLLATE "C" PRIMARY KEY,
          description_en    text COLLATE "C" NOT NULL,
          description_local text COLLATE "C",
          hs_code           text COLLATE "C",
          origin_country    text COLLATE "C",
          unit_weight       double precision CHECK (unit_weight IS NULL OR unit_weight > 0),
          declared_value    double precision CHECK (declared_value IS NULL OR declared_value >= 0),
          currency          text COLLATE "C",
          updated_at        bigint NOT NULL
        );
        CREATE TABLE sku_catalogue_version (
          one     boolean PRIMARY KEY DEFAULT true CHECK (one),
          version bigint NOT NULL
        );
        INSERT INTO sku_catalogue_version (version) VALUES (1);
        CREATE TABLE shared_list_seeds (
          kind       text PRIMARY KEY,
          station_id text NOT NULL,
          seeded_at  bigint NOT NULL
        );
      `);
    },
  },
  {
    version: 8,
    name: 'moving stations in',
    async up(client) {
      // How far each station that joined has copied its own history up (electron/core/workgroup/move-in.ts):
      // the last local seq copied per kind, written in each batch's transaction, and how many rows
      // were new to the workgroup. completed_at: everything copied.
      await client.query(`
        CREATE TABLE station_move_in (
          station_id        text PRIMARY KEY,
          station_name      text NOT NULL,
          label_seq         bigint NOT NULL DEFAULT 0,
          outbox_seq        bigint NOT NULL DEFAULT 0,
          print_job_seq     bigint NOT NULL DEFAULT 0,
          labels_copied     integer NOT NULL DEFAULT 0,
          outbox_copied     integer NOT NULL DEFAULT 0,
          print_jobs_copied integer NOT NULL DEFAULT 0,
          started_at        timestamptz NOT NULL DEFAULT now(),
          updated_at        timestamptz NOT NULL DEFAULT now(),
          completed_at      timestamptz
        );
      `);
    },
  },
  {
    version: 9,
    name: 'live updates of the shared lists',
    async up(client) {
      // A station keeps the shared senders, presets and catalogue it read while it listens
      // (electron/core/workgroup/shared-lists.ts), and reads them again when it hears 'lists'.
      // Every catalogue change bumps sku_catalogue_version in its transaction: that row is enough.
      await client.query(
        liveTriggerSql('shared_senders', 'lists') +
          liveTriggerSql('shared_presets', 'lists') +
          liveTriggerSql('shared_mappings', 'lists') +
          liveTriggerSql('sku_catalogue_version', 'lists', { events: 'UPDATE' }),
      );
    },
  },
  {
    version: 10,
    name: 'finer statistics of recipient names',
    async up(client) {
      // History shows the newest labels first; a name search is either walked newest first on
      // labels_created (a common name: 50 matches come soon) or found through its index and
      // sorted (a rare one). The planner picks by how many labels it thinks match: with the
      // default 100 statistics buckets a part of a name matching 17,000 of 1,000,000 labels was
      // guessed at 95 (so 17,000 labels were fetched and sorted, 48 ms), and a start of a name
      // matching none at 5,000 (so all 1,000,000 were walked, 340 ms). A thousand buckets make
      // those guesses close enough to pick well (bench/workgroup: every name search under 11 ms).
      await client.query('ALTER TABLE labels ALTER COLUMN recipient_key SET STATISTICS 1000');
      await client.query('ANALYZE labels (recipient_key)');
    },
  },
  {
    version: 11,
    name: 'live updates of the operators',
    async up(client) {
      // A station keeps "this workgroup has no operators yet" while it listens, instead of asking
      // at every call (electron/core/operators/operators.ts), and asks again when it hears
      // 'operators': the first operator added at another station counts within a second.
      await client.query(liveTriggerSql('operators', 'operators'));
    },
  },
];

/** The channel every station LISTENs on (electron/core/workgroup/live.ts). */
export const LIVE_CHANNEL = 'ffs_live';

/**
 * The trigger function of migration 5: `pg_notify('ffs_live', '{"kind":"<its argument>"}')` once
 * per changed row. PostgreSQL sends a notification when the transaction commits, and folds
 * identical ones of one transaction into one, so a batch written in one transaction is one
 * notification; stations coalesce the rest (live.ts).
 */
const LIVE_NOTIFY_FUNCTION = `
  CREATE OR REPLACE FUNCTION ffs_notify_live() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_notify('${LIVE_CHANNEL}', json_build_object('kind', TG_ARGV[0])::text);
    RETURN NULL;
  END $$;
`;

/**
 * The SQL that makes a table notify the stations of `kind` after each INSERT, UPDATE or DELETE
 * of a row (migration 5's function, so any later step may call this: the shared imports table
 * is made by a later step, which runs `await client.query(liveTriggerSql('imports', 'imports'))`).
 * `when` limits it to the changes others show (a trigger per event set: WHEN on UPDATE may name OLD and NEW).
 */
export function liveTriggerSql(
  table: string,
  kind: LiveKind,
  { events = 'INSERT OR UPDATE OR DELETE', name = `${table}_live`, when }: { events?: string; name?: string; when?: string } = {},
): string {
  return `
    DROP TRIGGER IF EXISTS ${name} ON ${table};
    CREATE TRIGGER ${name} AFTER ${events} ON ${table}
      FOR EACH ROW ${when ? `WHEN (${when})` : ''} EXECUTE FUNCTION ffs_notify_live('${kind}');
  `;
}

/** The version table: one row per step applied. */
const VERSION_TABLE = 'ffs_schema_migrations';

/**
 * The advisory lock that serialises migrations: a station that connects while another
 * migrates waits for it, then finds the steps applied. Any fixed 64-bit number; this one is
 * "FFS" and "schema" in ASCII.
 */
export const MIGRATION_LOCK = 0x464653_736368n;

/** The shared schema's version: the newest step applied (0 for an empty database). */
export async function pgSchemaVersion(client: PoolClient): Promise<number> {
  const table = await client.query<{ exists: boolean }>('SELECT to_regclass($1) IS NOT NULL AS exists', [VERSION_TABLE]);
  if (!table.rows[0]?.exists) return 0;
  const row = await client.query<{ version: number | null }>(`SELECT max(version) AS version FROM ${VERSION_TABLE}`);
  return row.rows[0]?.version ?? 0;
}

/**
 * Brings the shared database up to the newest version at connect, one transaction per step
 * (a failed step leaves the previous version), under a session advisory lock so that two
 * stations connecting at once never both migrate. A database from a newer station is refused,
 * never touched. Returns the steps applied here.
 */
export async function migratePg(client: PoolClient, migrations: readonly PgMigration[] = PG_MIGRATIONS): Promise<number[]> {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const applied: number[] = [];
  await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK.toString()]);
  try {
    await client.query(`
      CREATE TABLE IF NOT EXISTS ${VERSION_TABLE} (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`);
    const current = await pgSchemaVersion(client);
    if (current > latest) throw new StationError('database_too_new', t('errors:db.sharedNewerSchema', { current, latest }));
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (migration.version <= current) continue;
      await client.query('BEGIN');
      try {
        await migration.up(client);
        await client.query(`INSERT INTO ${VERSION_TABLE} (version, name) VALUES ($1, $2)`, [migration.version, migration.name]);
        await client.query('COMMIT');
        applied.push(migration.version);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK.toString()]).catch(() => undefined);
  }
  return applied;
}
