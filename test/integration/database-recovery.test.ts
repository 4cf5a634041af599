import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseProblem, DatabaseProblemKind } from '../../electron/core/db/database';
import { labelDraft } from '../fixtures/label-drafts';
import { createTestStation } from '../support/test-station';

const PAGE = 4096;
const stations: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const s of stations) await s.close();
});

/** A userData folder whose station.sqlite is whatever `write` puts there. */
function userDataWith(write: (file: string) => void) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'ffs-db-recovery-'));
  const file = join(userDataDir, 'station.sqlite');
  write(file);
  return { userDataDir, file };
}

/** A real station database with a label in it, as a station leaves it after a quit. */
async function usedDatabaseBytes(): Promise<Buffer> {
  const station = createTestStation();
  await station.client.env.switch({ environment: 'demo' });
  expect(await station.client.labels.create({ draft: labelDraft('BEFORE-1') })).toMatchObject({ ok: true, value: { kind: 'created' } });
  await station.close();
  return readFileSync(join(station.userDataDir, 'station.sqlite'));
}

const asideFiles = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('station.sqlite.corrupt-'));

describe('a station started over a label database that cannot be used', () => {
  let used: Buffer;
  beforeAll(async () => {
    used = await usedDatabaseBytes();
  });
  const kinds: { kind: DatabaseProblemKind; write: (file: string) => void }[] = [
    { kind: 'empty', write: (file) => writeFileSync(file, '') },
    { kind: 'not_a_database', write: (file) => writeFileSync(file, randomBytes(6 * PAGE)) },
    { kind: 'truncated', write: (file) => writeFileSync(file, used.subarray(0, Math.floor(used.length / 2 / PAGE) * PAGE)) },
    {
      kind: 'corrupt',
      write: (file) => {
        const bytes = Buffer.from(used);
        randomBytes(bytes.length - PAGE).copy(bytes, PAGE);
        writeFileSync(file, bytes);
      },
    },
    { kind: 'unreadable', write: (file) => mkdirSync(file) },
  ];

  it.each(kinds)(
    '$kind: asks, moves the file aside keeping its bytes, starts fresh, tells the operator, and a label can be created',
    async ({ kind, write }) => {
      const { userDataDir, file } = userDataWith(write);
      const original = kind === 'unreadable' ? null : readFileSync(file);
      const asked: DatabaseProblem[] = [];
      const station = createTestStation({
        userDataDir,
        onDatabaseProblem: (problem) => {
          asked.push(problem);
          return 'fresh';
        },
      });
      stations.push(station);

      expect(asked).toEqual([{ file, kind, message: expect.stringContaining(file) }]);
      const [aside] = asideFiles(userDataDir);
      expect(aside).toMatch(/^station\.sqlite\.corrupt-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
      if (original) expect(readFileSync(join(userDataDir, aside!)).equals(original)).toBe(true);

      const info = await station.client.env.switch({ environment: 'demo' });
      expect(info).toMatchObject({ ok: true, value: { notice: expect.stringContaining(`kept as ${join(userDataDir, aside!)}`) } });
      const created = await station.client.labels.create({ draft: labelDraft('AFTER-1') });
      expect(created).toMatchObject({ ok: true, value: { kind: 'created', label: { customerOrderNumber: 'AFTER-1' } } });
      const history = await station.client.labels.history({});
      expect(history.ok && history.value.items.map((l) => l.customerOrderNumber)).toEqual(['AFTER-1']);

      const log = readFileSync(station.logFile, 'utf8');
      expect(log).toContain('"event":"database.unusable"');
      expect(log).toContain('"event":"database.moved_aside"');
    },
  );

  it('"quit" leaves the file exactly as it was, moves nothing and starts nothing', () => {
    const bytes = randomBytes(6 * PAGE);
    const { userDataDir, file } = userDataWith((f) => writeFileSync(f, bytes));
    const onDatabaseProblem = vi.fn(() => 'quit' as const);
    expect(() => createTestStation({ userDataDir, onDatabaseProblem })).toThrow(
      expect.objectContaining({ code: 'database_corrupt', fields: { file, kind: 'not_a_database' } }),
    );
    expect(onDatabaseProblem).toHaveBeenCalledTimes(1);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(asideFiles(userDataDir)).toEqual([]);
  });

  it('with no one to ask (no dep), it refuses with database_corrupt naming the file and touches nothing', () => {
    const bytes = used.subarray(0, 60);
    const { userDataDir, file } = userDataWith((f) => writeFileSync(f, bytes));
    expect(() => createTestStation({ userDataDir })).toThrow(
      expect.objectContaining({ code: 'database_corrupt', message: expect.stringContaining(file) }),
    );
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(asideFiles(userDataDir)).toEqual([]);
  });

  it('a healthy database is not asked about and keeps its labels', async () => {
    const { userDataDir } = userDataWith((f) => writeFileSync(f, used));
    const onDatabaseProblem = vi.fn(() => 'fresh' as const);
    const station = createTestStation({ userDataDir, onDatabaseProblem });
    stations.push(station);
    const history = await station.client.labels.history({});
    expect(history.ok && history.value.items.map((l) => l.customerOrderNumber)).toEqual(['BEFORE-1']);
    expect(onDatabaseProblem).not.toHaveBeenCalled();
    expect(asideFiles(userDataDir)).toEqual([]);
  });
});
