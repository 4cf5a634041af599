import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { StationError } from '../errors';
import { stationLanguage, t } from '../i18n';
import type { Logger } from '../logger';
import { runImportJob, type ImportJob, type ImportJobMessage, type ImportJobResult, type JobFailure } from './import-jobs';

/** Runs the heavy steps of an import (see `ImportJob`). */
export interface ImportJobRunner {
  run<J extends ImportJob>(job: J): Promise<ImportJobResult<J>>;
  /** Stops jobs still running (their calls reject); later jobs are refused. */
  close(): Promise<void>;
}

/**
 * Where the worker's entry is, seen from the module at `moduleUrl` (this file's URL, or main.mjs
 * once bundled): in the build, `import-worker.mjs` beside main.mjs (vite.electron.config.ts
 * emits it there), and in the packaged app its unpacked copy beside the asar archive
 * (electron-builder.yml unpacks it); from the TypeScript sources (tests, benchmarks, the
 * browser harness), the `import-worker.ts` beside this file, which needs tsx's loader.
 */
export function importWorkerEntry(moduleUrl: string): { url: URL; fromSources: boolean } {
  const fromSources = /\.[cm]?tsx?$/.test(new URL(moduleUrl).pathname);
  if (fromSources) return { url: new URL('./import-worker.ts', moduleUrl), fromSources };
  const url = new URL('./import-worker.mjs', moduleUrl);
  url.pathname = url.pathname.replace(/\.asar\//, '.asar.unpacked/');
  return { url, fromSources };
}

let tsxApi: string | undefined;
/** tsx's ESM API (`tsx/esm/api`, the import entry of its exports map): its `register()` installs the loader in a worker. */
function tsxApiUrl(moduleUrl: string): string {
  if (!tsxApi) {
    const manifest = createRequire(moduleUrl).resolve('tsx/package.json');
    const { exports } = JSON.parse(readFileSync(manifest, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
    tsxApi = pathToFileURL(join(dirname(manifest), exports['./esm/api']!.import.default)).href;
  }
  return tsxApi;
}

function startWorker(moduleUrl: string): Worker {
  const entry = importWorkerEntry(moduleUrl);
  if (!entry.fromSources) return new Worker(entry.url);
  // Node loads the .ts itself (type stripping), but not the extensionless imports or the
  // TypeScript-only syntax of the sources: tsx does, once registered inside the worker.
  const bootstrap = `import(${JSON.stringify(tsxApiUrl(moduleUrl))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.url.href)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/**
 * A file's bytes move to the worker instead of being copied (20 MB less to copy on main), when
 * they are the whole of their buffer: a small Buffer shares Node's pool with other Buffers,
 * which must not be taken from them. The caller's view is empty afterwards.
 */
function transferable(job: ImportJob): ArrayBuffer[] {
  if (job.kind !== 'import') return [];
  const { buffer, byteOffset, byteLength } = job.bytes;
  return buffer instanceof ArrayBuffer && byteOffset === 0 && byteLength === buffer.byteLength ? [buffer] : [];
}

const fromFailure = (failure: JobFailure) => {
  if (failure.station) return new StationError(failure.code, failure.message, failure.fields);
  const error = new Error(failure.message);
  if (failure.stack) error.stack = failure.stack;
  return error;
};

/**
 * One worker thread per job: decoding, parsing and building a 20 MB file takes seconds of CPU
 * and a few hundred MB of short-lived objects; in a worker neither blocks main's event loop
 * (IPC, scans, batch progress), and the worker's heap is freed when it ends (the process keeps
 * the pages for the next job, so rss stays at the high-water mark of one job, not one per
 * import: bench/import/README.md). A fresh thread per job costs its start and a cold JIT
 * (about half a second on a 20 MB file) and keeps nothing between jobs that could go stale.
 */
export function createImportThreads(options: { logger: Pick<Logger, 'error'>; moduleUrl?: string }): ImportJobRunner {
  const moduleUrl = options.moduleUrl ?? import.meta.url;
  const running = new Set<Worker>();
  let closed = false;
  const crashed = (kind: ImportJob['kind'], error: unknown) => {
    options.logger.error('batch.import_worker_failed', { job: kind, error });
    return new StationError('import_failed', t('batch:errors.importFailed'));
  };

  return {
    run<J extends ImportJob>(job: J) {
      return new Promise<ImportJobResult<J>>((resolve, reject) => {
        if (closed) return reject(new StationError('station_closing', t('batch:errors.closing')));
        const worker = startWorker(moduleUrl);
        running.add(worker);
        // The answer is kept until the thread has ended, so an import returns with the worker's memory given back.
        let answer: { ok: true; result: ImportJobResult<J> } | { ok: false; failure: JobFailure } | null = null;
        let failed: unknown = null;
        worker.once('message', (message: NonNullable<typeof answer>) => (answer = message));
        worker.once('error', (error) => (failed ??= error));
        worker.once('exit', (code) => {
          running.delete(worker);
          if (answer?.ok) resolve(answer.result);
          else if (answer) reject(fromFailure(answer.failure));
          else if (closed) reject(new StationError('station_closing', t('batch:errors.closing')));
          else reject(crashed(job.kind, failed ?? new Error(`exit code ${code}`)));
        });
        // The worker writes the issues' sentences in the operator's language (its own i18n starts in English).
        const message: ImportJobMessage = { ...job, language: stationLanguage() };
        worker.postMessage(message, transferable(job));
      });
    },
    async close() {
      closed = true;
      await Promise.all([...running].map((worker) => worker.terminate()));
    },
  };
}

/** The same jobs on the calling thread (the benchmark's "in-thread" import; no worker). */
export const inThreadImportJobs: ImportJobRunner = {
  run: async (job) => runImportJob(job),
  close: async () => undefined,
};
