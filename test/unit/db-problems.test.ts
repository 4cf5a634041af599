import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  DatabaseProblemError,
  moveDatabaseAside,
  openDatabase,
  openDatabaseWithRecovery,
  type DatabaseProblemKind,
} from '../../electron/core/db/database';
import { createSqliteOutbox as createOutbox } from '../../electron/core/labels/outbox';
import { StationError } from '../../electron/core/errors';
import { silentLogger } from '../../electron/core/logger';

const folder = () => mkdtempSync(join(tmpdir(), 'ffs-db-problems-'));

/** A real station database with enough rows to span many pages, checkpointed into the main file. */
function healthyDatabase(): { file: string; bytes: Buffer; rootPage: (name: string) => number } {
  const file = join(folder(), 'station.sqlite');
  const database = openDatabase(file);
  const outbox = createOutbox(database);
  database.db.exec('BEGIN');
  for (let i = 0; i < 400; i += 1) {
    outbox.add(
      {
        idempotencyKey: `SO-${i}`,
        environment: 'demo',
        accountId: null,
        orderNumber: `SO-${i}`,
        body: JSON.stringify({ pad: 'x'.repeat(300), i }),
      },
      i,
    );
  }
  database.db.exec('COMMIT');
  const roots = new Map(
    (database.db.prepare('SELECT name, rootpage FROM sqlite_schema WHERE rootpage > 0').all() as { name: string; rootpage: number }[]).map(
      (r) => [r.name, r.rootpage],
    ),
  );
  database.close(); // the last connection checkpoints the WAL into the file
  expect(existsSync(`${file}-wal`)).toBe(false);
  return { file, bytes: readFileSync(file), rootPage: (name) => roots.get(name)! };
}

/** `bytes` written as station.sqlite in a folder of its own. */
function fileWith(bytes: Buffer | string): string {
  const file = join(folder(), 'station.sqlite');
  writeFileSync(file, bytes);
  return file;
}

function problemOf(file: string): DatabaseProblemError {
  try {
    openDatabase(file).close();
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseProblemError);
    return error as DatabaseProblemError;
  }
  throw new Error(`${file} opened without a problem`);
}

const PAGE = 4096;

describe('opening a label database that cannot be used', () => {
  const healthy = healthyDatabase();
  expect(healthy.bytes.length).toBeGreaterThan(40 * PAGE);

  const cases: { name: string; kind: DatabaseProblemKind; make: () => string; says: RegExp }[] = [
    { name: 'a 0-byte file', kind: 'empty', make: () => fileWith(''), says: /is empty \(0 bytes\)/ },
    { name: 'random bytes', kind: 'not_a_database', make: () => fileWith(randomBytes(8 * PAGE)), says: /is not a database/ },
    {
      name: 'a text file',
      kind: 'not_a_database',
      make: () => fileWith('order,weight\nSO-1,0.5\n'.repeat(300)),
      says: /is not a database/,
    },
    {
      name: 'a copy that stopped half-way',
      kind: 'truncated',
      make: () => fileWith(healthy.bytes.subarray(0, Math.floor(healthy.bytes.length / 2 / PAGE) * PAGE)),
      says: /is cut short: it holds \d+ bytes of the \d+ it should/,
    },
    {
      name: 'a file cut inside its header',
      kind: 'truncated',
      make: () => fileWith(healthy.bytes.subarray(0, 60)),
      says: /cut short: it ends inside its own header/,
    },
    {
      // Nothing that opening reads touches this index: only quick_check finds it.
      name: 'a zeroed index page under a good header and schema',
      kind: 'corrupt',
      make: () => {
        const bytes = Buffer.from(healthy.bytes);
        const page = healthy.rootPage('outbox_order');
        bytes.fill(0, (page - 1) * PAGE, page * PAGE);
        return fileWith(bytes);
      },
      says: /is damaged \(SQLite's check found: Tree \d+ page \d+: .*outbox_order\)/,
    },
    {
      name: 'a good header over garbage pages',
      kind: 'corrupt',
      make: () => {
        const bytes = Buffer.from(healthy.bytes);
        randomBytes(bytes.length - PAGE).copy(bytes, PAGE);
        return fileWith(bytes);
      },
      says: /is damaged \(/,
    },
    {
      name: 'a few garbage pages in the middle',
      kind: 'corrupt',
      make: () => {
        const bytes = Buffer.from(healthy.bytes);
        randomBytes(3 * PAGE).copy(bytes, 20 * PAGE);
        return fileWith(bytes);
      },
      says: /is damaged/,
    },
    {
      name: 'a folder where the file should be',
      kind: 'unreadable',
      make: () => {
        const file = join(folder(), 'station.sqlite');
        mkdirSync(file);
        return file;
      },
      says: /could not be opened: a folder is where the file should be/,
    },
    {
      // chmod 000 does not stop root (the tests run as root); a link to itself stops everyone.
      name: 'a link that leads back to itself',
      kind: 'unreadable',
      make: () => {
        const file = join(folder(), 'station.sqlite');
        symlinkSync(file, file);
        return file;
      },
      says: /could not be opened \(ELOOP/,
    },
  ];

  it.each(cases)('$name is reported as $kind, naming the file', ({ kind, make, says }) => {
    const file = make();
    const error = problemOf(file);
    expect(error.problem).toEqual({ file, kind, message: expect.stringContaining(file) });
    expect(error.message).toMatch(says);
    // The safe default answer for a caller that cannot ask: a StationError naming the file.
    expect(error).toBeInstanceOf(StationError);
    expect(error.code).toBe('database_corrupt');
    expect(error.fields).toEqual({ file, kind });
  });

  it('opens a good database, a brand-new one and one whose last writes are only in its -wal', () => {
    // No file at all is a first start: created, not a problem.
    const fresh = join(folder(), 'nested', 'station.sqlite');
    openDatabase(fresh).close();
    expect(existsSync(fresh)).toBe(true);
    openDatabase(fileWith(healthy.bytes)).close();

    // A station killed before a checkpoint: the file and its -wal as they were on disk.
    const live = healthyDatabase();
    const database = openDatabase(live.file);
    database.db.exec(
      "INSERT INTO outbox (idempotency_key, environment, body, state, attempts, created_at, updated_at) VALUES ('WAL-ONLY', 'demo', '{}', 'pending', 0, 1, 1)",
    );
    const killed = join(folder(), 'station.sqlite');
    copyFileSync(live.file, killed);
    copyFileSync(`${live.file}-wal`, `${killed}-wal`);
    database.close();
    const reopened = openDatabase(killed);
    expect(createOutbox(reopened).get('WAL-ONLY')).toMatchObject({ state: 'pending' });
    reopened.close();
  });
});

describe('moving a database aside', () => {
  it('renames the file and its -wal and -shm with a timestamp, keeping every byte; a second move the same second gets its own name', () => {
    const dir = folder();
    const file = join(dir, 'station.sqlite');
    writeFileSync(file, 'main bytes');
    writeFileSync(`${file}-wal`, 'wal bytes');
    writeFileSync(`${file}-shm`, 'shm bytes');
    const when = new Date('2026-12-01T21:30:00.123Z');
    const moved = moveDatabaseAside(file, when);
    expect(moved).toBe(join(dir, 'station.sqlite.corrupt-2026-12-01T21-30-00Z'));
    expect(readFileSync(moved, 'utf8')).toBe('main bytes');
    expect(readFileSync(`${moved}-wal`, 'utf8')).toBe('wal bytes');
    expect(readFileSync(`${moved}-shm`, 'utf8')).toBe('shm bytes');
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}-wal`)).toBe(false);

    writeFileSync(file, 'second');
    const again = moveDatabaseAside(file, when);
    expect(again).toBe(join(dir, 'station.sqlite.corrupt-2026-12-01T21-30-00Z-2'));
    expect(readFileSync(again, 'utf8')).toBe('second');
    expect(readdirSync(dir).sort()).toEqual([
      'station.sqlite.corrupt-2026-12-01T21-30-00Z',
      'station.sqlite.corrupt-2026-12-01T21-30-00Z-2',
      'station.sqlite.corrupt-2026-12-01T21-30-00Z-shm',
      'station.sqlite.corrupt-2026-12-01T21-30-00Z-wal',
    ]);
  });

  it('asks, and on "fresh" moves the file aside and opens an empty history with a notice', () => {
    const bytes = randomBytes(3 * PAGE);
    const file = fileWith(bytes);
    const onProblem = vi.fn(() => 'fresh' as const);
    const { database, notice } = openDatabaseWithRecovery(file, {
      onProblem,
      logger: silentLogger,
      now: () => new Date('2026-12-01T21:30:00Z'),
    });
    expect(onProblem).toHaveBeenCalledWith({ file, kind: 'not_a_database', message: expect.stringContaining(file) });
    expect(createOutbox(database).unresolved()).toEqual([]);
    database.close();
    expect(readFileSync(`${file}.corrupt-2026-12-01T21-30-00Z`).equals(bytes)).toBe(true);
    expect(notice).toMatch(/is not a database.*kept as .*station\.sqlite\.corrupt-2026-12-01T21-30-00Z.*empty label history/);
  });

  it('on "quit", or with no one to ask, leaves the file exactly as it was and throws database_corrupt', () => {
    const bytes = randomBytes(3 * PAGE);
    const file = fileWith(bytes);
    const onProblem = vi.fn(() => 'quit' as const);
    expect(() => openDatabaseWithRecovery(file, { onProblem, logger: silentLogger })).toThrow(
      expect.objectContaining({ code: 'database_corrupt', fields: { file, kind: 'not_a_database' } }),
    );
    expect(() => openDatabaseWithRecovery(file, { logger: silentLogger })).toThrow(
      expect.objectContaining({ code: 'database_corrupt', message: expect.stringContaining(file) }),
    );
    expect(onProblem).toHaveBeenCalledTimes(1);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(readdirSync(join(file, '..'))).toEqual(['station.sqlite']);
  });
});
