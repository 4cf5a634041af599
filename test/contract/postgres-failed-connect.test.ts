import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../../electron/core/storage/pg/pool';
import { createTestDatabase, type TestDatabase } from '../support/postgres';

// A connection that fails to open (here: no password where the server asks for one) must not
// leave its socket open: the server would keep that backend in "authentication" for 60 s
// (authentication_timeout), holding a slot, and a DROP DATABASE anywhere in the cluster waits for
// it (electron/core/storage/pg/pool.ts, ClosingClient).
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

/** The server's backends still authenticating a client for this database (process titles, as `ps` shows them). */
function authenticating(databaseName: string): string[] {
  const titles: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let title: string;
    try {
      title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue; // Gone meanwhile, or not ours to read.
    }
    if (title.startsWith('postgres: ') && title.includes(` ${databaseName} `) && title.includes('authentication'))
      titles.push(title.trim());
  }
  return titles;
}

describe('a connection that fails to open (PostgreSQL)', () => {
  it('closes its socket: no backend is left authenticating after a refused connect', async () => {
    const url = new URL(database.url);
    url.password = '';
    const pool = createPool({ connectionString: url.toString() });
    pool.on('error', () => undefined);
    try {
      for (let i = 0; i < 3; i += 1) await expect(pool.query('SELECT 1')).rejects.toThrow(/password/i);
      // The server notices a closed socket at once; give it a moment to end those backends.
      await expect.poll(() => authenticating(database.name), { timeout: 3_000, interval: 100 }).toEqual([]);
    } finally {
      await pool.end();
    }
  });
});
