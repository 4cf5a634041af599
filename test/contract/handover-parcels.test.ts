import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/database';
import { createHandoverParcels, createPgHandoverParcels } from '../../electron/core/handover/handover-parcels';
import { openStorage, type Storage } from '../../electron/core/storage';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { emptyTables, testPool } from './pg-support';
import { label, NOW } from './storage.contract';

// The hand-over sheet's parcels (issue 18 item 3): the same day's parcels, couriers and weights
// from the station's SQLite and from a workgroup's shared history in PostgreSQL, on the same labels.
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const DAY = 86_400_000;
const body = (weights: number[], unit: 'KG' | 'LB' = 'KG') =>
  JSON.stringify({ shipment: { parcels: weights.map((weight) => ({ weight })) }, units: { weight: unit } });

/** One day's labels and requests (with the edges of the day, other environments, failures). */
function history() {
  const couriers = ['yunexpress', 'dhl', 'Zeta', 'dhl', 'yunexpress', 'dhl', 'yunexpress', 'dhl'];
  const made = [];
  for (let i = 0; i < 40; i++) {
    const courier = couriers[i % couriers.length]!;
    const key = `HO-${i}`;
    const one = label({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      idempotencyKey: key,
      customerOrderNumber: i % 5 === 0 ? null : key,
      platformOrderNumber: i % 5 === 0 ? `PL-${i}` : null,
      courier,
      status: i % 9 === 0 ? 'failed' : 'created',
      environment: i % 11 === 0 ? 'demo' : 'production',
      // Some the day before, some at the day's very edges, the rest within it.
      createdAt: i % 13 === 0 ? NOW - DAY - 1 : i === 1 ? NOW - (NOW % DAY) : NOW - (NOW % DAY) + i * 60_000,
    });
    made.push({ label: one, key, weights: [0.5 + i / 10, 1.25], unit: i % 4 ? ('KG' as const) : ('LB' as const), kept: i % 7 !== 3 });
  }
  return made;
}

/** One history, stored through the storage interface (the outbox keeps the request, its answer the label). */
async function seed(storage: Storage, labels: ReturnType<typeof history>) {
  for (const { label: made, key, weights, unit, kept } of labels) {
    if (!kept) {
      // A label whose request is not kept (moved in without its outbox row): no weight.
      await storage.labels.save(made);
      continue;
    }
    await storage.outbox.add(
      {
        idempotencyKey: key,
        environment: made.environment,
        accountId: null,
        orderNumber: key,
        body: body(weights, unit),
      },
      NOW,
    );
    await storage.outbox.recordAnswer(key, { state: made.status === 'failed' ? 'rejected' : 'done', labelId: made.id }, made, NOW);
  }
}

describe('hand-over parcels: SQLite and PostgreSQL give the same day', () => {
  it('the same parcels in the same order, per courier, and the same couriers with their totals', async () => {
    const sqliteDb = openDatabase(join(mkdtempSync(join(tmpdir(), 'ffs-handover-')), 'station.sqlite'));
    const sqlite = await openStorage({ kind: 'sqlite', database: sqliteDb });
    const pool = testPool(database.connection);
    const postgres = await openStorage({ kind: 'postgres', connection: database.connection, station: 'bench-1' });
    try {
      await emptyTables(pool);
      const labels = history();
      await seed(sqlite, labels);
      await seed(postgres, labels);
      const local = createHandoverParcels(sqliteDb);
      const shared = createPgHandoverParcels(pool);
      const day = { start: NOW - (NOW % DAY), end: NOW - (NOW % DAY) + DAY - 1 };
      for (const environment of ['production', 'demo'] as const) {
        const parcels = await local.parcels(environment, day);
        expect(parcels.length).toBeGreaterThan(0);
        expect(await shared.parcels(environment, day)).toEqual(parcels);
        for (const courier of ['dhl', 'yunexpress', 'Zeta', 'none']) {
          expect(await shared.parcels(environment, day, courier)).toEqual(await local.parcels(environment, day, courier));
        }
        expect(await shared.couriers(environment, day)).toEqual(await local.couriers(environment, day));
      }
      // The weights are really there (kg and lb), and the labels without a kept request have none.
      const parcels = await shared.parcels('production', day);
      expect(parcels.some((p) => p.unit === 'LB' && p.weight !== null)).toBe(true);
      expect(parcels.some((p) => p.weight === null)).toBe(true);
      expect((await shared.couriers('production', day)).map((c) => c.courier)).toEqual(['Zeta', 'dhl', 'yunexpress']);
    } finally {
      await postgres.close();
      await pool.end();
      await sqlite.close();
      sqliteDb.close();
    }
  });
});
