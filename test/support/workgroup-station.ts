import type { WorkgroupConnection } from '../../shared/domain/workgroup';
import type { TestDatabase } from './postgres';
import { workgroupOf } from './workgroup-pg';
import type { createTestStation } from './test-station';

type TestStation = ReturnType<typeof createTestStation>;

/** The Workgroup tab's connection settings for a test database (plain TCP on loopback). */
export const connectionOf = (db: Pick<TestDatabase, 'url'>): WorkgroupConnection => workgroupOf(db);

/**
 * Joins a test station to a workgroup on the test database as the operator would in
 * Settings → Workgroup (the password goes to the station's keychain), and waits until its
 * shared database is open and migrated.
 */
export async function joinWorkgroup(station: TestStation, db: Pick<TestDatabase, 'url'>, stationName: string): Promise<void> {
  const saved = await station.client.workgroup.save({
    settings: { ...connectionOf(db), stationName },
    password: decodeURIComponent(new URL(db.url).password),
  });
  if (!saved.ok) throw new Error(`joining the workgroup failed: ${saved.error.code} ${saved.error.message}`);
  await station.services.shared.pool();
}
