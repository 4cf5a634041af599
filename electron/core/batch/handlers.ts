import type { Handlers } from '../ipc-dispatch';
import type { BatchService } from './batch-service';

/** Batch: the sample file, import and preview, saved mappings, runs and their results. */
export function batchHandlers({ batches }: { batches: BatchService }) {
  return {
    'batch:sampleCsv': () => batches.saveSample(),
    'batch:import': async ({ fileName, base64, encoding }) => batches.import(fileName, Buffer.from(base64, 'base64'), encoding),
    'batch:preview': async (input) => batches.update(input),
    'batch:saveMapping': async ({ importId, name }) => batches.saveMapping(importId, name),
    'batch:start': async ({ importId, includeAlreadyLabelled, printWhenDone }) => batches.start(importId, { includeAlreadyLabelled, printWhenDone }),
    'batch:control': ({ runId, action }) => batches.control(runId, action),
    'batch:run': async ({ runId }) => batches.run(runId),
    'batch:exportResults': ({ runId }) => batches.exportResults(runId),
  } satisfies Partial<Handlers>;
}
