import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewLabel } from '../../electron/core/labels/label-store';
import { createSqliteLabelStore } from '../../electron/core/labels/label-store';
import { pgStorageOn } from '../../electron/core/storage/pg';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { createTestStation } from '../support/test-station';
import { joinWorkgroup } from '../support/workgroup-station';

// The Today screen of a station in a workgroup counts the shared history (every station's
// labels), and its own again once it leaves (electron/core/station.ts, todayTally).
const NOW = Date.UTC(2026, 11, 2, 3, 0);
const label = (createdAt: number, courier: string): NewLabel => ({
  id: randomUUID(),
  environment: 'development',
  accountId: null,
  idempotencyKey: randomUUID(),
  status: 'created',
  courier,
  productCode: null,
  customerOrderNumber: `T-${randomUUID().slice(0, 8)}`,
  platformOrderNumber: null,
  courierOrderNumber: null,
  trackingNumber: null,
  recipientName: 'Hanako Yamada',
  recipientCountry: 'JP',
  recipientCity: 'Tokyo',
  errorCode: null,
  errorMessage: null,
  createdAt,
  documentUrl: null,
  documentFormat: null,
  trackingTag: null,
  trackingMessage: null,
  trackingUpdatedAt: null,
});

describe('Today in a workgroup', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
  });

  it('counts every station’s labels while joined, and the station’s own after leaving', async () => {
    const station = createTestStation({ clock: { timeZone: 'UTC', locale: 'en-GB' }, now: () => new Date(NOW) });
    try {
      // One label of its own, before it joined.
      createSqliteLabelStore(station.services.database).save(label(NOW - 60_000, 'dhl'));
      await joinWorkgroup(station, db, 'Bench 1');
      // Two made at other stations, in the shared history.
      const shared = pgStorageOn(await station.services.shared.pool(), { station: 'bench-2' });
      await shared.labels.save(label(NOW - 120_000, 'yunexpress'));
      await shared.labels.save(label(NOW - 180_000, 'yunexpress'));
      const joined = await station.client.today.summary();
      // Its own label came along when it joined (electron/core/workgroup/move-in.ts).
      expect(joined.ok && joined.value.todayBreakdown.byCourier).toEqual([
        { courier: 'yunexpress', count: 2 },
        { courier: 'dhl', count: 1 },
      ]);
      await station.client.workgroup.leave();
      const alone = await station.client.today.summary();
      expect(alone.ok && alone.value.todayBreakdown.byCourier).toEqual([{ courier: 'dhl', count: 1 }]);
    } finally {
      await station.close();
    }
  });
});
