import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { damageMarker, DatabaseProblemError, openDatabase } from '../../electron/core/db/database';
import { labelDraft } from '../fixtures/label-drafts';
import { createTestStation } from '../support/test-station';

// A large label history is checked in two steps: the tables that decide purchases at open,
// the whole file in the background. Tests lower the size limit to 0 to take the large-file path.

const PAGE = 4096;
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

/** A station's data folder with a few real labels and requests, its database closed (WAL checkpointed). */
async function historyWithLabels(): Promise<{ dir: string; file: string; root: (name: string) => number }> {
  const station = createTestStation();
  await station.client.env.switch({ environment: 'demo' });
  for (let i = 1; i <= 12; i++) expect(await station.client.labels.create({ draft: labelDraft(`BG-${i}`) })).toMatchObject({ ok: true });
  const roots = new Map(
    (
      station.services.database.db.prepare('SELECT name, rootpage FROM sqlite_schema WHERE rootpage > 0').all() as {
        name: string;
        rootpage: number;
      }[]
    ).map((r) => [r.name, r.rootpage]),
  );
  await station.close();
  const file = join(station.userDataDir, 'station.sqlite');
  expect(existsSync(`${file}-wal`)).toBe(false);
  return { dir: station.userDataDir, file, root: (name) => roots.get(name)! };
}

function zeroPage(file: string, page: number) {
  const bytes = readFileSync(file);
  bytes.fill(0, (page - 1) * PAGE, page * PAGE);
  writeFileSync(file, bytes);
}

async function until<T>(probe: () => Promise<T | null>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('checking a large label history', () => {
  it('damage in the label requests is refused at open, even on the large-file path', async () => {
    const { file, root } = await historyWithLabels();
    zeroPage(file, root('outbox_order'));
    expect(() => openDatabase(file, { wholeCheckMaxBytes: 0 })).toThrow(DatabaseProblemError);
  });

  it('damage elsewhere opens at once, is found in the background, told to the operator, and offered at the next start', async () => {
    const { dir, file, root } = await historyWithLabels();
    zeroPage(file, root('print_jobs_created'));
    // A small file is checked whole at open; a large one only where purchases are decided.
    expect(() => openDatabase(file).close()).toThrow(/is damaged/);
    openDatabase(file, { wholeCheckMaxBytes: 0 }).close();

    const station = createTestStation({ userDataDir: dir, wholeDatabaseCheckMaxBytes: 0 });
    opened.push(station);
    const notice = await until(async () => {
      const info = await station.client.app.info();
      return info.ok ? info.value.notice : null;
    }, 'the background check');
    expect(notice).toMatch(/is damaged \(SQLite's check found: Tree \d+ page \d+.*restart the station soon/);
    expect(existsSync(damageMarker(file))).toBe(true);
    await station.close();
    opened.length = 0;

    // The next start checks the whole file, however large, and asks.
    const asked: string[] = [];
    const next = createTestStation({
      userDataDir: dir,
      wholeDatabaseCheckMaxBytes: 0,
      onDatabaseProblem: (problem) => (asked.push(problem.kind), 'fresh'),
    });
    opened.push(next);
    expect(asked).toEqual(['corrupt']);
    expect(readdirSync(dir).filter((f) => f.startsWith('station.sqlite.corrupt-'))).toHaveLength(1);
    expect(existsSync(damageMarker(file))).toBe(false);
    const history = await next.client.labels.history({});
    expect(history).toMatchObject({ ok: true, value: { items: [] } });
  });

  it('a sound large file passes the background check quietly', async () => {
    const { dir, file } = await historyWithLabels();
    const station = createTestStation({ userDataDir: dir, wholeDatabaseCheckMaxBytes: 0 });
    opened.push(station);
    await until(async () => (readFileSync(station.logFile, 'utf8').includes('"database.checked"') ? true : null), 'the background check');
    expect(existsSync(damageMarker(file))).toBe(false);
    expect(await station.client.app.info()).toMatchObject({ ok: true, value: { notice: null } });
  });
});
