import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBatchStore } from '../../electron/core/batch/batch-store';
import { openDatabase } from '../../electron/core/db/database';
import { labelDraft } from '../fixtures/label-drafts';
import { mountSmallDisk, type SmallDisk } from '../support/small-disk';
import { codeOf } from '../support/station-error';

// A batch item's claim (attempts, first claim time) decides whether a resumed run may buy
// "another" label for its order: a claim the disk could not take must throw, not answer a row.

let disk: SmallDisk;
beforeAll(() => {
  disk = mountSmallDisk(8 * 1024 * 1024);
});
afterAll(() => disk.unmount());

it('claimNext on a full disk throws disk_full, and the item stays queued, never claimed', () => {
  const file = join(disk.dir, 'station.sqlite');
  const database = openDatabase(file);
  const store = createBatchStore(database);
  const run = store.createRun({ drafts: [labelDraft('B-1'), labelDraft('B-2')], concurrency: 1 }, 1_000);
  disk.fill();
  expect(disk.free()).toBe(0);
  expect(codeOf(() => store.claimNext(run.id, 2_000))).toBe('disk_full');
  expect(database.db.isTransaction).toBe(false);
  database.close();

  disk.release();
  const again = openDatabase(file);
  const after = createBatchStore(again);
  expect(after.itemsPage(run.id).items.map((i) => [i.position, i.state, i.attempts, i.firstClaimedAt])).toEqual([
    [0, 'queued', 0, null],
    [1, 'queued', 0, null],
  ]);
  expect(after.claimNext(run.id, 3_000)).toMatchObject({ position: 0, state: 'running', attempts: 1, firstClaimedAt: 3_000 });
  again.close();
});
