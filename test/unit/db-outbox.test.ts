import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type StationDatabase } from '../../electron/core/db/database';
import { createSqliteOutbox as createOutbox, type NewOutboxEntry } from '../../electron/core/labels/outbox';
import { mountSmallDisk, type SmallDisk } from '../support/small-disk';
import { codeOf } from '../support/station-error';

const opened: StationDatabase[] = [];
const open = (file = join(mkdtempSync(join(tmpdir(), 'ffs-db-outbox-')), 'station.sqlite')) => {
  const database = openDatabase(file);
  opened.push(database);
  return { database, outbox: createOutbox(database), file };
};
afterEach(() => opened.splice(0).forEach((d) => d.close()));

const entry = (overrides: Partial<NewOutboxEntry> = {}): NewOutboxEntry => ({
  idempotencyKey: 'SO-1001',
  environment: 'production',
  accountId: '5b0c7f52-1111-4222-8333-944444444444',
  orderNumber: 'SO-1001',
  body: '{"order":{"customerOrderNumber":"SO-1001"}}',
  ...overrides,
});

describe('outbox', () => {
  it('writes a request before it is sent as pending with no attempts, exactly as given', () => {
    const { outbox } = open();
    const added = outbox.add(entry(), 1_000);
    expect(added).toEqual({
      ...entry(),
      state: 'pending',
      attempts: 0,
      lastError: null,
      labelId: null,
      createdAt: 1_000,
      updatedAt: 1_000,
    });
    expect(outbox.get('SO-1001')).toEqual(added);
    expect(outbox.get('SO-9999')).toBeNull();
  });

  it('refuses a second request with the same key and keeps the first body', () => {
    const { outbox } = open();
    outbox.add(entry());
    expect(codeOf(() => outbox.add(entry({ body: '{"changed":true}' })))).toBe('outbox_key_exists');
    expect(outbox.get('SO-1001')?.body).toBe(entry().body);
  });

  it('survives close and reopen (the bytes to replay are on disk when add returns)', () => {
    const first = open();
    first.outbox.add(entry(), 1_000);
    first.outbox.recordAttempt('SO-1001', { state: 'in_doubt', lastError: 'The connection timed out.' }, 2_000);
    first.database.close();

    const { outbox } = open(first.file);
    expect(outbox.get('SO-1001')).toMatchObject({
      body: entry().body,
      state: 'in_doubt',
      attempts: 1,
      lastError: 'The connection timed out.',
    });
    expect(outbox.unresolved().map((e) => e.idempotencyKey)).toEqual(['SO-1001']);
  });

  it('lists an in-doubt entry as unresolved until its replay is recorded', () => {
    const { outbox } = open();
    outbox.add(entry());
    outbox.recordAttempt('SO-1001', { state: 'in_doubt', lastError: 'HTTP 502 without a label' });
    outbox.recordAttempt('SO-1001', { state: 'in_doubt', lastError: 'timeout' });
    expect(outbox.unresolved().map((e) => e.state)).toEqual(['in_doubt']);
    const done = outbox.recordAttempt('SO-1001', { state: 'done', labelId: 'label-1' });
    expect(done).toMatchObject({ state: 'done', attempts: 3, labelId: 'label-1', lastError: null });
    expect(outbox.unresolved()).toEqual([]);
  });

  it('lists pending and in-doubt entries oldest first, optionally for one environment, and never the answered ones', () => {
    const { outbox } = open();
    outbox.add(entry({ idempotencyKey: 'C', environment: 'demo' }), 3_000);
    outbox.add(entry({ idempotencyKey: 'A' }), 1_000);
    outbox.add(entry({ idempotencyKey: 'B' }), 2_000);
    outbox.add(entry({ idempotencyKey: 'A2' }), 1_000); // same millisecond as A: insertion order decides
    for (const [key, state] of [
      ['D', 'done'],
      ['R', 'rejected'],
      ['I', 'invalid'],
    ] as const) {
      outbox.add(entry({ idempotencyKey: key }), 500);
      outbox.recordAttempt(key, { state });
    }
    outbox.recordAttempt('B', { state: 'in_doubt' }, 4_000);
    expect(outbox.unresolved().map((e) => e.idempotencyKey)).toEqual(['A', 'A2', 'B', 'C']);
    expect(outbox.unresolved('production').map((e) => e.idempotencyKey)).toEqual(['A', 'A2', 'B']);
    expect(outbox.unresolved('development')).toEqual([]);
  });

  it('records each attempt: counts it, keeps a known label id, and sets or clears the error', () => {
    const { outbox } = open();
    outbox.add(entry(), 1_000);
    expect(outbox.recordAttempt('SO-1001', { state: 'in_doubt', lastError: 'timeout', labelId: null }, 2_000)).toMatchObject({
      attempts: 1,
      state: 'in_doubt',
      lastError: 'timeout',
      labelId: null,
      createdAt: 1_000,
      updatedAt: 2_000,
    });
    expect(outbox.recordAttempt('SO-1001', { state: 'done', labelId: 'label-7' }, 3_000)).toMatchObject({
      attempts: 2,
      lastError: null,
      labelId: 'label-7',
      updatedAt: 3_000,
    });
  });

  it('keeps a courier outage (unavailable) with its failed label, final for its key like a refusal', () => {
    const { outbox } = open();
    outbox.add(entry({ idempotencyKey: 'DOWN' }));
    const down = outbox.recordAttempt('DOWN', {
      state: 'unavailable',
      labelId: 'label-2',
      lastError: 'The courier is not answering right now.',
    });
    expect(down).toMatchObject({ state: 'unavailable', labelId: 'label-2', attempts: 1 });
    expect(outbox.unresolved()).toEqual([]);
    expect(codeOf(() => outbox.recordAttempt('DOWN', { state: 'done' }))).toBe('outbox_entry_final');
  });

  it('treats done and rejected as final: a different outcome is refused and changes nothing', () => {
    const { outbox } = open();
    outbox.add(entry({ idempotencyKey: 'OK' }));
    outbox.add(entry({ idempotencyKey: 'NO' }));
    outbox.recordAttempt('OK', { state: 'done', labelId: 'label-1' });
    outbox.recordAttempt('NO', { state: 'rejected', lastError: 'Postal code unknown to the courier.' });
    expect(codeOf(() => outbox.recordAttempt('OK', { state: 'in_doubt' }))).toBe('outbox_entry_final');
    expect(codeOf(() => outbox.recordAttempt('NO', { state: 'done' }))).toBe('outbox_entry_final');
    expect(outbox.get('OK')).toMatchObject({ state: 'done', attempts: 1, labelId: 'label-1' });
    expect(outbox.get('NO')).toMatchObject({ state: 'rejected', attempts: 1 });
  });

  it('records the same final answer again (two replays of one request both answered) without losing the label id', () => {
    const { outbox } = open();
    outbox.add(entry());
    outbox.recordAttempt('SO-1001', { state: 'done', labelId: 'label-1' });
    expect(outbox.recordAttempt('SO-1001', { state: 'done' })).toMatchObject({ state: 'done', attempts: 2, labelId: 'label-1' });
  });

  it('reports an unknown key as outbox_key_unknown', () => {
    const { outbox } = open();
    expect(codeOf(() => outbox.recordAttempt('nope', { state: 'done' }))).toBe('outbox_key_unknown');
    expect(codeOf(() => outbox.replaceBody('nope', '{}'))).toBe('outbox_key_unknown');
  });

  it('replaces the body only after an invalid (400) answer, and puts the request back to pending under the same key', () => {
    const { outbox } = open();
    outbox.add(entry(), 1_000);
    expect(codeOf(() => outbox.replaceBody('SO-1001', '{"fixed":true}'))).toBe('outbox_not_invalid');
    outbox.recordAttempt('SO-1001', { state: 'invalid', lastError: 'receiver.postalCode is required' }, 2_000);
    const fixed = outbox.replaceBody('SO-1001', '{"fixed":true}', 3_000);
    expect(fixed).toMatchObject({
      idempotencyKey: 'SO-1001',
      body: '{"fixed":true}',
      state: 'pending',
      attempts: 1,
      lastError: null,
      updatedAt: 3_000,
    });
    expect(outbox.unresolved().map((e) => e.body)).toEqual(['{"fixed":true}']);
    outbox.recordAttempt('SO-1001', { state: 'in_doubt' });
    expect(codeOf(() => outbox.replaceBody('SO-1001', '{"again":true}'))).toBe('outbox_not_invalid');
  });

  it('finds the newest entry and counts every entry for an order, per environment', () => {
    const { outbox } = open();
    expect(outbox.latestForOrder('production', 'SO-1001')).toBeNull();
    expect(outbox.countForOrder('production', 'SO-1001')).toBe(0);
    outbox.add(entry(), 1_000);
    outbox.recordAttempt('SO-1001', { state: 'done', labelId: 'label-1' });
    outbox.add(entry({ idempotencyKey: 'SO-1001#2' }), 2_000);
    outbox.add(entry({ idempotencyKey: 'SO-1001#3' }), 2_000);
    outbox.add(entry({ idempotencyKey: 'demo-SO-1001', environment: 'demo' }), 5_000);
    outbox.add(entry({ idempotencyKey: 'uuid-1', orderNumber: null }), 6_000);
    expect(outbox.latestForOrder('production', 'SO-1001')?.idempotencyKey).toBe('SO-1001#3');
    expect(outbox.countForOrder('production', 'SO-1001')).toBe(3);
    expect(outbox.countForOrder('demo', 'SO-1001')).toBe(1);
    expect(outbox.latestForOrder('development', 'SO-1001')).toBeNull();
  });

  it('also writes inside a transaction of the caller (which then decides durability by committing)', () => {
    const { outbox, database } = open();
    database.db.exec('BEGIN IMMEDIATE');
    outbox.add(entry());
    outbox.recordAttempt('SO-1001', { state: 'in_doubt' });
    database.db.exec('ROLLBACK');
    expect(outbox.get('SO-1001')).toBeNull();
  });

  it('leaves the connection at synchronous=NORMAL after its fully synced writes', () => {
    const { outbox, database } = open();
    outbox.add(entry());
    outbox.recordAttempt('SO-1001', { state: 'invalid' });
    outbox.replaceBody('SO-1001', '{}');
    expect(database.db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 1 });
  });
});

describe('outbox on a full disk (a real tmpfs: SQLITE_FULL when the log cannot grow at commit)', () => {
  let disk: SmallDisk;
  beforeAll(() => {
    disk = mountSmallDisk(8 * 1024 * 1024);
  });
  afterAll(() => disk.unmount());
  afterEach(() => {
    opened.splice(0).forEach((d) => d.close());
    disk.release();
  });

  let files = 0;
  /** An outbox on the small disk with SO-1001 written, then the disk filled to the last byte. */
  const full = (prepare: (outbox: ReturnType<typeof open>['outbox']) => void = () => undefined) => {
    const db = open(join(disk.dir, `station-${++files}.sqlite`));
    db.outbox.add(entry(), 1_000);
    prepare(db.outbox);
    disk.fill();
    expect(disk.free()).toBe(0);
    return db;
  };
  /** The same file opened again after the space came back: what is really on disk. */
  const reopened = (file: string) => {
    disk.release();
    return open(file).outbox;
  };

  it('add throws disk_full instead of returning a row that was never stored', () => {
    const { outbox, file, database } = full();
    expect(codeOf(() => outbox.add(entry({ idempotencyKey: 'UUID-1', orderNumber: null }), 2_000))).toBe('disk_full');
    expect(outbox.get('UUID-1')).toBeNull();
    // The connection is usable again: no transaction left open, synced writes back to NORMAL.
    expect(database.db.isTransaction).toBe(false);
    expect(database.db.prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 1 });

    const after = reopened(file);
    expect(after.get('UUID-1')).toBeNull();
    expect(after.add(entry({ idempotencyKey: 'UUID-1', orderNumber: null }), 3_000)).toMatchObject({
      idempotencyKey: 'UUID-1',
      state: 'pending',
      createdAt: 3_000,
    });
  });

  it('recordAttempt throws disk_full and leaves the entry as it was', () => {
    const { outbox, file } = full();
    expect(codeOf(() => outbox.recordAttempt('SO-1001', { state: 'done', labelId: 'label-1' }, 2_000))).toBe('disk_full');
    expect(codeOf(() => outbox.recordAttempt('SO-1001', { state: 'in_doubt', lastError: 'timeout' }, 2_000))).toBe('disk_full');
    expect(outbox.get('SO-1001')).toMatchObject({ state: 'pending', attempts: 0, labelId: null, updatedAt: 1_000 });
    expect(reopened(file).get('SO-1001')).toMatchObject({ state: 'pending', attempts: 0, labelId: null });
  });

  it('replaceBody throws disk_full and keeps the refused body', () => {
    const { outbox, file } = full((o) => o.recordAttempt('SO-1001', { state: 'invalid', lastError: 'postal code' }, 1_500));
    expect(codeOf(() => outbox.replaceBody('SO-1001', '{"fixed":true}', 2_000))).toBe('disk_full');
    expect(outbox.get('SO-1001')).toMatchObject({ state: 'invalid', body: entry().body, updatedAt: 1_500 });
    expect(reopened(file).get('SO-1001')).toMatchObject({ state: 'invalid', body: entry().body });
  });

  it('a transaction of several writes throws disk_full and keeps none of them', () => {
    const { outbox, file } = full();
    expect(
      codeOf(() =>
        outbox.transaction(() => {
          outbox.add(entry({ idempotencyKey: 'SO-1002', orderNumber: 'SO-1002' }), 2_000);
          outbox.recordAttempt('SO-1001', { state: 'done', labelId: 'label-1' }, 2_000);
        }),
      ),
    ).toBe('disk_full');
    const after = reopened(file);
    expect(after.get('SO-1002')).toBeNull();
    expect(after.get('SO-1001')).toMatchObject({ state: 'pending', attempts: 0 });
  });
});
