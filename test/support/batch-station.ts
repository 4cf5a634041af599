import type { StationDatabase } from '../../electron/core/db/database';
import { createBatchStore } from '../../electron/core/batch/batch-store';
import { createBatchRunner, type BatchProgress, type BatchRunnerDeps } from '../../electron/core/batch/batch-runner';
import type { createTestStation } from './test-station';

type TestStation = ReturnType<typeof createTestStation>;

/** The batch tables on a station's database (migration step 4 created them). */
export function batchStoreFor(database: StationDatabase) {
  return createBatchStore(database);
}

/** A batch runner on a test station's label service, recording every progress event. */
export function batchRunnerFor(station: TestStation, options: Partial<Omit<BatchRunnerDeps, 'store' | 'onProgress'>> = {}) {
  const store = batchStoreFor(station.services.database);
  const progress: BatchProgress[] = [];
  const runner = createBatchRunner({
    store,
    create: (draft, opts) => station.services.labelService.create(draft, opts),
    onProgress: (p) => progress.push(p),
    ...options,
  });
  return { store, runner, progress };
}
