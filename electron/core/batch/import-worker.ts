// Worker thread entry (built as dist/main/import-worker.mjs): answers one import job with
// runImportJob's result, or with the failure, then ends. See import-thread.ts for how it is started.
import { parentPort } from 'node:worker_threads';
import { setStationLanguage } from '../i18n';
import { runImportJob, toFailure, type ImportJobMessage } from './import-jobs';

if (!parentPort) throw new Error('import-worker.ts runs as a worker thread');
const port = parentPort;
port.once('message', ({ language, ...job }: ImportJobMessage) => {
  try {
    if (language) setStationLanguage(language);
    const result = runImportJob(job);
    // The table's typed arrays move to the main thread instead of being copied.
    const transfer = 'table' in result ? [result.table.offsets.buffer, result.table.rowNumbers.buffer] : [];
    const orders = 'orders' in result ? [result.orders.starts.buffer, result.orders.rowIndexes.buffer] : [];
    port.postMessage({ ok: true, result }, [...transfer, ...orders] as ArrayBuffer[]);
  } catch (error) {
    port.postMessage({ ok: false, failure: toFailure(error) });
  }
  port.close();
});
