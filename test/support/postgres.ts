import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** How to get a PostgreSQL server for the tests, said when there is none. */
const HOW =
  "These tests need PostgreSQL: run them through `npm test`, or run vitest as root with Debian's postgresql package installed " +
  '(apt-get install postgresql; test/support/postgres-global-setup.ts then starts a throw-away server with test/services/start-postgres.sh), ' +
  'or set FFS_PG_URL and FFS_PG_ADMIN_URL to a server of your own.';

/** The test server's URLs, or an error saying how to get one (PostgreSQL tests never skip). */
export function postgresUrls(): { url: string; adminUrl: string } {
  const url = process.env.FFS_PG_URL;
  const adminUrl = process.env.FFS_PG_ADMIN_URL;
  if (!url || !adminUrl) {
    const why = process.env.FFS_PG_UNAVAILABLE ? ` (starting one failed: ${process.env.FFS_PG_UNAVAILABLE})` : '';
    throw new Error(`No PostgreSQL server for this test${why}. ${HOW}`);
  }
  return { url, adminUrl };
}

export interface TestDatabase {
  /** Its name (random) and how to reach it as the tests' own user (not a superuser). */
  name: string;
  url: string;
  connection: pg.PoolConfig;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file (or test), so that files run in parallel: made
 * with a random name through the admin URL, owned by the test server's ordinary user, and
 * dropped (with any connection left open) by `drop`.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { url, adminUrl } = postgresUrls();
  const name = `ffs_test_${randomBytes(6).toString('hex')}`;
  const owner = new URL(url).username;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} OWNER ${owner}`);
  } finally {
    await admin.end();
  }
  const own = new URL(url);
  own.pathname = `/${name}`;
  return {
    name,
    url: own.toString(),
    connection: { connectionString: own.toString(), max: 10 },
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
