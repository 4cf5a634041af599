import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/logger';
import { createScanClaims } from '../../electron/core/scan/scan-claims';
import { migratePg } from '../../electron/core/storage/pg/migrations';
import { createOrderClaims } from '../../electron/core/workgroup/claims';
import { closedPort } from '../support/closed-port';
import { createTestDatabase, type TestDatabase } from '../support/postgres';

// Station mode's claims (electron/core/scan/scan-claims.ts) on a real PostgreSQL: an order a
// station let go of while the shared database was away is released at its next claim, instead of
// blocking the other stations until the claim's TTL (15 minutes).
let db: TestDatabase;
let good: pg.Pool;
let away: pg.Pool;
beforeAll(async () => {
  db = await createTestDatabase();
  good = new pg.Pool(db.connection);
  // The database is dropped WITH (FORCE) at the end: a connection still closing then is told so.
  good.on('error', () => undefined);
  const client = await good.connect();
  await migratePg(client).finally(() => client.release());
  // The same database as a station sees it while the server is away: nothing listens there.
  away = new pg.Pool({
    ...db.connection,
    connectionString: undefined,
    host: '127.0.0.1',
    port: await closedPort(),
    connectionTimeoutMillis: 2_000,
  });
  away.on('error', () => undefined);
});
afterAll(async () => {
  await good?.end();
  await away?.end();
  await db?.drop();
});

it('an order let go while the database was away is released before the station’s next claim; one claimed again is kept', async () => {
  let pool = good;
  const station = (id: string, name: string) =>
    createScanClaims({
      settings: { view: () => ({ workgroup: { stationId: id, stationName: name } }) } as never,
      shared: { pool: async () => pool, onReset: () => () => undefined },
      operator: () => name,
      logger: silentLogger,
    });
  const a = station('station-a', 'Bench A');
  const b = station('station-b', 'Bench B');
  const holder = (order: string) => createOrderClaims({ pool: good }).holder(order);
  try {
    expect(await a.take('R-1')).toBeNull();
    pool = away;
    // The label was made (or the scan ended) while the server was away: the release is refused.
    await a.letGo();
    expect(a.held()).toBeNull();
    pool = good;
    expect(await b.take('R-1')).toMatchObject({ station: 'Bench A' });

    // Bench A's next scan releases it first: Bench B may take it now.
    expect(await a.take('R-2')).toBeNull();
    expect(await holder('R-1')).toBeNull();
    expect(await b.take('R-1')).toBeNull();
    expect(await holder('R-1')).toMatchObject({ station: 'Bench B' });

    // Let go of while away, then scanned again at the same station: it stays claimed there.
    pool = away;
    await a.letGo();
    pool = good;
    expect(await a.take('r-2')).toBeNull();
    expect(await a.take('R-3')).toBeNull();
    // R-2 was given up by moving on to R-3 (a release that worked), not by the left-over one.
    expect(await holder('R-2')).toBeNull();
    expect(await holder('R-3')).toMatchObject({ station: 'Bench A' });
    pool = away;
    await a.letGo();
    pool = good;
    // Scanned again at A: the left-over release of R-3 is dropped, A holds it.
    expect(await a.take('R-3')).toBeNull();
    expect(await a.take('R-3')).toBeNull();
    expect(await holder('R-3')).toMatchObject({ station: 'Bench A' });
    expect(await b.take('R-3')).toMatchObject({ station: 'Bench A' });
  } finally {
    await a.close();
    await b.close();
  }
});
