import type { Handlers } from '../ipc-dispatch';
import type { BatchService } from './batch-service';

/** Batch: the sample file, import and preview, the list of imports, saved mappings, runs and their results. */
export function batchHandlers({ batches }: { batches: BatchService }) {
  return {
    'batch:sampleCsv': () => batches.saveSample(),
    'batch:import': ({ fileName, base64, encoding, offset, limit, filter }) =>
      batches.import(fileName, Buffer.from(base64, 'base64'), encoding, { page: { offset, limit, filter } }),
    'batch:imports': () => batches.list(),
    'batch:removeImport': ({ importId }) => batches.removeImport(importId),
    'batch:preview': (input) => batches.update(input),
    'batch:saveMapping': ({ importId, name, offset, limit, filter }) => batches.saveMapping(importId, name, { offset, limit, filter }),
    'batch:start': ({ importId, includeAlreadyLabelled, printWhenDone }) =>
      batches.start(importId, { includeAlreadyLabelled, printWhenDone }),
    'batch:control': ({ runId, action }) => batches.control(runId, action),
    'batch:run': async ({ runId }) => batches.run(runId),
    'batch:exportResults': ({ runId }) => batches.exportResults(runId),
  } satisfies Partial<Handlers>;
}
