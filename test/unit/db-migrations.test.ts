import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openDatabase, refreshStatisticsInBackground } from '../../electron/core/db/database';
import { createSqliteLabelStore as createLabelStore } from '../../electron/core/labels/label-store';
import { MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from '../../electron/core/db/migrations';
import { createSqliteOutbox as createOutbox } from '../../electron/core/labels/outbox';
import { createSqlitePrintLog as createPrintLog } from '../../electron/core/printing/print-log';
import { StationError } from '../../electron/core/errors';
import { BatchItemState, BatchRunState } from '../../shared/domain/batch-view';
import { HistoryQuery } from '../../shared/domain/labels';

const freshFile = () => join(mkdtempSync(join(tmpdir(), 'ffs-db-migrations-')), 'nested', 'station.sqlite');
const pragma = (db: DatabaseSync, name: string) => Object.values(db.prepare(`PRAGMA ${name}`).get() as object)[0];

/** A plain label for the statistics tests: only its number varies. */
const statsLabel = (i: number): Parameters<ReturnType<typeof createLabelStore>['save']>[0] => ({
  id: `label-${i}`,
  environment: 'production',
  accountId: null,
  idempotencyKey: `K-${i}`,
  status: 'created',
  courier: 'dhl',
  productCode: null,
  customerOrderNumber: `SO-${i}`,
  platformOrderNumber: null,
  courierOrderNumber: null,
  trackingNumber: null,
  recipientName: `Name ${i}`,
  recipientCountry: null,
  recipientCity: null,
  errorCode: null,
  errorMessage: null,
  createdAt: i,
  documentUrl: null,
  documentFormat: null,
  trackingTag: null,
  trackingMessage: null,
  trackingUpdatedAt: null,
});

describe('station database', () => {
  it('creates its folder and file at the newest schema, in WAL mode with NORMAL sync, foreign keys and a busy timeout', () => {
    const file = freshFile();
    const database = openDatabase(file);
    expect(existsSync(file)).toBe(true);
    expect(database.file).toBe(file);
    expect(pragma(database.db, 'journal_mode')).toBe('wal');
    expect(pragma(database.db, 'synchronous')).toBe(1);
    expect(pragma(database.db, 'foreign_keys')).toBe(1);
    expect(pragma(database.db, 'busy_timeout')).toBeGreaterThan(0);
    expect(schemaVersion(database.db)).toBe(SCHEMA_VERSION);
    database.close();
    database.close(); // closing twice is harmless
  });

  it('numbers its migrations 1, 2, 3… without gaps, so user_version says exactly which steps ran', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('lets the batch tables hold exactly the run and item states of shared/domain/batch-view.ts (their CHECKs are literal schema history)', () => {
    const database = openDatabase(freshFile());
    const checkedStates = (table: string) => {
      const { sql } = database.db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table) as { sql: string };
      const list = /\bstate TEXT NOT NULL CHECK \(state IN \(([^)]*)\)\)/.exec(sql)?.[1] ?? '';
      return list
        .split(',')
        .map((state) => state.trim().replace(/^'(.*)'$/, '$1'))
        .sort();
    };
    expect(checkedStates('batch_runs')).toEqual([...BatchRunState.options].sort());
    expect(checkedStates('batch_items')).toEqual([...BatchItemState.options].sort());
    database.close();
  });

  it('lets the outbox of an older database record a courier outage, keeping its rows and their order', () => {
    const file = freshFile();
    mkdirSync(dirname(file), { recursive: true });
    const old = new DatabaseSync(file);
    migrate(old, MIGRATIONS.slice(0, 4));
    old.exec(`
      INSERT INTO outbox (idempotency_key, environment, body, state, attempts, created_at, updated_at)
        VALUES ('SO-1', 'production', '{}', 'in_doubt', 1, 5, 5), ('SO-2', 'production', '{}', 'pending', 0, 5, 5);`);
    expect(() => old.exec(`UPDATE outbox SET state = 'unavailable' WHERE idempotency_key = 'SO-2'`)).toThrow(/CHECK/);
    old.close();

    const database = openDatabase(file);
    const outbox = createOutbox(database);
    expect(outbox.unresolved().map((e) => e.idempotencyKey)).toEqual(['SO-1', 'SO-2']);
    expect(outbox.recordAttempt('SO-2', { state: 'unavailable', labelId: 'label-1' })).toMatchObject({ state: 'unavailable', attempts: 1 });
    database.close();
  });

  it('upgrades a database of an older version, keeping its outbox and labels and indexing them for search', () => {
    const file = freshFile();
    mkdirSync(dirname(file), { recursive: true });
    // A database as the first schema left it, before recipient search existed.
    const old = new DatabaseSync(file);
    migrate(old, MIGRATIONS.slice(0, 1));
    expect(schemaVersion(old)).toBe(1);
    old.exec(`
      INSERT INTO outbox (idempotency_key, environment, body, state, attempts, created_at, updated_at)
        VALUES ('SO-1', 'production', '{}', 'in_doubt', 1, 1, 1);
      INSERT INTO labels (id, environment, idempotency_key, status, courier, recipient_name, created_at)
        VALUES ('0b6c1f2e-0000-4000-8000-000000000001', 'production', 'SO-1', 'created', 'dhl', 'Marguerite Yourcenar', 1);`);
    old.close();

    const database = openDatabase(file);
    expect(schemaVersion(database.db)).toBe(SCHEMA_VERSION);
    expect(
      createOutbox(database)
        .unresolved()
        .map((e) => e.idempotencyKey),
    ).toEqual(['SO-1']);
    const found = createLabelStore(database).page(HistoryQuery.parse({ search: { kind: 'recipient', text: 'guerite' } }));
    expect(found.items.map((l) => l.recipientName)).toEqual(['Marguerite Yourcenar']);
    database.close();
  });

  it('refuses a database written by a newer station with database_too_new, and leaves it as it was', () => {
    const file = freshFile();
    openDatabase(file).close();
    const newer = new DatabaseSync(file);
    newer.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    newer.close();

    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StationError);
    expect(error).toMatchObject({ code: 'database_too_new' });
    expect((error as Error).message).toMatch(/newer version of Flex Forward Station.*Update the station/);

    const check = new DatabaseSync(file);
    expect(schemaVersion(check)).toBe(SCHEMA_VERSION + 1);
    check.close();
  });

  it('rolls back a failing migration step, leaving the database at the previous version', () => {
    const db = new DatabaseSync(':memory:');
    const broken = [
      ...MIGRATIONS,
      {
        version: SCHEMA_VERSION + 1,
        name: 'broken',
        up(d: DatabaseSync) {
          d.exec('CREATE TABLE half_done (x)');
          throw new Error('disk full');
        },
      },
    ];
    expect(() => migrate(db, broken)).toThrow('disk full');
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half_done'").get()).toEqual({ n: 0 });
    expect(db.isTransaction).toBe(false);
    db.close();
  });

  it('refreshes planner statistics for labels once their number has grown, and never keeps any on the search index', () => {
    const file = freshFile();
    const first = openDatabase(file);
    const store = createLabelStore(first);
    first.db.exec('BEGIN');
    for (let i = 0; i < 2_500; i++) {
      store.save(statsLabel(i));
    }
    first.db.exec('COMMIT');
    first.close();

    const again = openDatabase(file);
    const stat = again.db.prepare("SELECT stat FROM sqlite_stat1 WHERE idx = 'labels_created'").get() as { stat: string };
    expect(Number.parseInt(stat.stat, 10)).toBe(2_500);
    expect(again.db.prepare("SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl NOT IN ('labels')").get()).toEqual({ n: 0 });
    again.close();
  });

  it('leaves stale statistics of a large history to a worker thread, then the open connection rereads them', async () => {
    const file = freshFile();
    const first = openDatabase(file);
    first.db.exec('BEGIN');
    const store = createLabelStore(first);
    for (let i = 0; i < 3_000; i++) store.save(statsLabel(i));
    first.db.exec('COMMIT');
    first.close();

    // Above the inline limit: the open does not analyse (it would wait seconds at ten million labels).
    const big = openDatabase(file, { inlineStatisticsMaxLabels: 1_000 });
    expect(big.statisticsStale).toBe(true);
    const stat = () => big.db.prepare("SELECT stat FROM sqlite_stat1 WHERE idx = 'labels_created'").get() as { stat: string } | undefined;
    const before = stat();
    expect(before === undefined || Number.parseInt(before.stat, 10) < 3_000).toBe(true);
    const warnings: string[] = [];
    await refreshStatisticsInBackground(big, { info() {}, warn: (event) => warnings.push(event), error() {}, addSecret() {} });
    expect(warnings).toEqual([]);
    expect(Number.parseInt(stat()!.stat, 10)).toBe(3_000);
    // The planner now plans with them: a status filter reads its index.
    const plan = big.db.prepare("EXPLAIN QUERY PLAN SELECT id FROM labels WHERE status = 'failed'").all() as { detail: string }[];
    expect(plan.map((row) => row.detail).join(' ')).toMatch(/INDEX/);
    big.close();

    // Fresh now: the next open has nothing to do, at any limit.
    const next = openDatabase(file, { inlineStatisticsMaxLabels: 1_000 });
    expect(next.statisticsStale).toBe(false);
    next.close();
  });

  it('fills the search keys, the postal code (from the request) and the trigram index of labels made before version 10', () => {
    const file = freshFile();
    mkdirSync(dirname(file), { recursive: true });
    const old = new DatabaseSync(file);
    migrate(old, MIGRATIONS.slice(0, 9));
    const body = JSON.stringify({ idempotencyKey: 'K-1', shipment: { shipTo: { address: { city: '大阪市', postalCode: '530-0001' } } } });
    old
      .prepare(
        `INSERT INTO outbox (idempotency_key, environment, body, state, attempts, created_at, updated_at) VALUES ('K-1', 'production', ?, 'done', 1, 1, 1)`,
      )
      .run(body);
    old.exec(`
      INSERT INTO labels (id, environment, idempotency_key, status, courier, customer_order_number, tracking_number, recipient_name, recipient_city, created_at)
        VALUES ('0b6c1f2e-0000-4000-8000-000000000001', 'production', 'K-1', 'created', 'dhl', '#0001001', 'YT2409180000123456', 'ＹＡＭＡＤＡ Taro', '大阪市', 1),
               ('0b6c1f2e-0000-4000-8000-000000000002', 'production', 'K-2', 'created', 'dhl', 'SO-2', NULL, '山田 花子', 'London', 2);`);
    old.close();

    const database = openDatabase(file);
    expect(schemaVersion(database.db)).toBe(SCHEMA_VERSION);
    const row = database.db
      .prepare(
        "SELECT customer_order_key, recipient_key, city_key, recipient_postal_code, postal_key FROM labels WHERE idempotency_key = 'K-1'",
      )
      .get();
    expect(row).toEqual({
      customer_order_key: '1001',
      recipient_key: 'yamadataro',
      city_key: '大阪市',
      recipient_postal_code: '530-0001',
      postal_key: '5300001',
    });
    // Version 2's index over raw names is gone; its replacement holds the old labels.
    expect(database.db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name LIKE 'labels_recipient_fts%'").get()).toEqual({ n: 0 });
    const store = createLabelStore(database);
    const ids = (search: { kind: 'order' | 'tracking' | 'recipient' | 'place'; text: string }) =>
      store.page(HistoryQuery.parse({ search })).items.map((l) => l.idempotencyKey);
    expect(ids({ kind: 'order', text: '1001' })).toEqual(['K-1']);
    expect(ids({ kind: 'tracking', text: '00123456' })).toEqual(['K-1']);
    expect(ids({ kind: 'recipient', text: 'yamada' })).toEqual(['K-1']);
    expect(ids({ kind: 'recipient', text: '山田花子' })).toEqual(['K-2']);
    expect(ids({ kind: 'place', text: '5300001' })).toEqual(['K-1']);
    // Labels saved after the upgrade are indexed as they are saved (the triggers).
    store.save({
      ...store.get('0b6c1f2e-0000-4000-8000-000000000002')!,
      id: '0b6c1f2e-0000-4000-8000-000000000003',
      idempotencyKey: 'K-3',
      trackingNumber: 'JD0000999888777',
      recipientPostalCode: '〒100-0001',
    });
    expect(ids({ kind: 'tracking', text: '999888' })).toEqual(['K-3']);
    expect(ids({ kind: 'place', text: '1000001' })).toEqual(['K-3']);
    database.close();
  });

  it("keeps every label's print state beside it (version 12): filled on upgrade, then kept by every write to label_print_state", () => {
    const file = freshFile();
    mkdirSync(dirname(file), { recursive: true });
    const old = new DatabaseSync(file);
    migrate(old, MIGRATIONS.slice(0, 11));
    const id = (n: number) => `0b6c1f2e-0000-4000-8000-00000000000${n}`;
    old.exec(`
      INSERT INTO labels (id, environment, idempotency_key, status, courier, recipient_name, created_at)
        VALUES ('${id(1)}', 'demo', 'K-1', 'created', 'dhl', 'A', 1), ('${id(2)}', 'demo', 'K-2', 'created', 'dhl', 'B', 2);
      INSERT INTO print_jobs (id, printer, state, created_at) VALUES ('J-1', 'P', 'sent', 1);
      INSERT INTO label_print_state (label_id, job_seq, state, updated_at) VALUES ('${id(1).toUpperCase()}', 1, 'failed', 1);`);
    old.close();

    const database = openDatabase(file);
    const states = () =>
      Object.fromEntries(
        (
          database.db.prepare('SELECT idempotency_key AS k, print_state AS s FROM labels ORDER BY seq').all() as {
            k: string;
            s: string | null;
          }[]
        ).map((r) => [r.k, r.s]),
      );
    // Upgrade: the old row is copied, matching the label's id without case.
    expect(states()).toEqual({ 'K-1': 'failed', 'K-2': null });
    const log = createPrintLog(database);
    const job = (jobId: string, labelIds: string[], at: number) =>
      log.record({
        id: jobId,
        labelIds,
        profileId: null,
        printer: 'P',
        copies: 1,
        osJobId: null,
        state: 'sent',
        errorCode: null,
        message: null,
        createdAt: at,
      });
    // A reprint of both (the newest job wins), then its outcome.
    job('J-2', [id(1), id(2)], 3);
    expect(states()).toEqual({ 'K-1': 'sent', 'K-2': 'sent' });
    log.settle('J-2', { state: 'printed', errorCode: null, message: null, at: 4 });
    expect(states()).toEqual({ 'K-1': 'printed', 'K-2': 'printed' });
    // A job deleted with its labels' state (the cascade) leaves them never printed.
    database.db.exec("DELETE FROM print_jobs WHERE id = 'J-2'");
    expect(states()).toEqual({ 'K-1': null, 'K-2': null });
    // A label recorded after its print state gets it.
    job('J-3', [id(3)], 5);
    createLabelStore(database).save({ ...createLabelStore(database).get(id(2))!, id: id(3), idempotencyKey: 'K-3' });
    expect(states()).toEqual({ 'K-1': null, 'K-2': null, 'K-3': 'sent' });
    // History's print-state filters read the column.
    const store = createLabelStore(database);
    expect(store.page(HistoryQuery.parse({ printState: 'sent' })).items.map((l) => l.idempotencyKey)).toEqual(['K-3']);
    expect(store.page(HistoryQuery.parse({ printState: 'never' })).items.map((l) => l.idempotencyKey)).toEqual(['K-2', 'K-1']);
    database.close();
  });

  it('finds any part of names and tracking numbers through the part indexes (version 13), kept as labels are saved, changed and deleted', () => {
    const file = freshFile();
    mkdirSync(dirname(file), { recursive: true });
    const old = new DatabaseSync(file);
    migrate(old, MIGRATIONS.slice(0, 12));
    old.exec(`
      INSERT INTO labels (id, environment, idempotency_key, status, courier, tracking_number, recipient_name, recipient_key, created_at)
        VALUES ('0b6c1f2e-0000-4000-8000-000000000001', 'demo', 'K-1', 'created', 'dhl', 'YT2409180000123456', 'Ananas Banana', 'ananasbanana', 1);`);
    old.close();

    const database = openDatabase(file);
    expect(database.db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name LIKE 'labels_text_fts%'").get()).toEqual({ n: 0 });
    const store = createLabelStore(database);
    const keys = (search: { kind: 'tracking' | 'recipient'; text: string }, limit = 50) =>
      store.page(HistoryQuery.parse({ search, limit })).items.map((l) => l.idempotencyKey);
    // Upgraded: a part in the middle, the last digits, longer than a part (checked on the label), a part seen twice.
    expect(keys({ kind: 'tracking', text: '180000' })).toEqual(['K-1']);
    expect(keys({ kind: 'tracking', text: 'yt2409180000123456' })).toEqual(['K-1']);
    expect(keys({ kind: 'tracking', text: 'YT2409180000123457' })).toEqual([]);
    expect(keys({ kind: 'recipient', text: 'nanas' })).toEqual(['K-1']);
    const base = store.get('0b6c1f2e-0000-4000-8000-000000000001')!;
    for (let i = 2; i <= 4; i++)
      store.save({ ...base, id: `0b6c1f2e-0000-4000-8000-00000000000${i}`, idempotencyKey: `K-${i}`, createdAt: i });
    // "ana" starts three suffixes of each label: each label is listed once, the page full.
    expect(keys({ kind: 'recipient', text: 'ana' }, 3)).toEqual(['K-4', 'K-3', 'K-2']);
    // A changed name and tracking number: found by the new text only.
    store.save({ ...base, recipientName: 'Hanako Yamada', trackingNumber: 'JD0000999888777' });
    expect(keys({ kind: 'recipient', text: 'nanas' })).toEqual(['K-4', 'K-3', 'K-2']);
    expect(keys({ kind: 'recipient', text: 'koyama' })).toEqual(['K-1']);
    expect(keys({ kind: 'tracking', text: '999888' })).toEqual(['K-1']);
    expect(keys({ kind: 'tracking', text: '180000' })).toEqual(['K-4', 'K-3', 'K-2']);
    // Deleted labels leave no parts behind.
    database.db.exec("DELETE FROM labels WHERE idempotency_key <> 'K-1'");
    const parts = (table: string) => (database.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(parts('label_name_parts')).toBe('hanakoyamada'.length);
    expect(parts('label_tracking_parts')).toBe('JD0000999888777'.length - 5);
    database.close();
  });

  it('opens again without re-running migrations', () => {
    const file = freshFile();
    const first = openDatabase(file);
    createOutbox(first).add({ idempotencyKey: 'K', environment: 'demo', accountId: null, orderNumber: null, body: '{}' });
    first.close();
    const again = openDatabase(file);
    expect(createOutbox(again).get('K')).not.toBeNull();
    again.close();
  });
});
