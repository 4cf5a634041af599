import { useEffect, useRef, useState } from 'react';
import type { BatchField, CsvEncodingChoice, FieldSource } from '../../../../shared/domain/batch';
import type { BatchPreview, BatchPreviewFilter, BatchRunView, ImportOptions } from '../../../../shared/domain/batch-view';
import type { ChannelInput, ProgressEvent } from '../../../../shared/ipc/contract';
import type { IpcError } from '../../../../shared/ipc/result';
import { useAction, useQuery, useQueryCache } from '../../data/hooks';
import { queryKeys } from '../../data/keys';
import { bytesToBase64 } from '../../lib/base64';
import { station } from '../../station';
import { batchTask } from '../../../../shared/ipc/progress-tasks';
import { translateNow } from '../../i18n';

/** Orders per preview page (main answers at most MAX_BATCH_PAGE). */
export const PAGE_SIZE = 100;
/** How often the results table is read again while the run goes (the whole table, so not on every item). */
export const RUN_POLL_MS = 2000;

/** A change to the preview on screen: everything of `batch:preview` but the import, which the hook knows. */
type PreviewChange = Omit<ChannelInput<'batch:preview'>, 'importId'>;
type Control = ChannelInput<'batch:control'>['action'];

/**
 * The state of the import steps (Batch, and station mode's Load orders): the list of imports
 * main keeps, the open import's preview (one page of its orders, which main keeps and answers
 * anew after every change), the run it started (its results table, read again while it runs,
 * and its progress events), the operator's choices that go with them, and one message place
 * for the last call that failed. The open import is remembered in the query cache, so leaving
 * the screen and coming back shows it again; an import taken off the list (`import_expired`)
 * can no longer be changed, so it goes.
 */
export function useBatch() {
  const cache = useQueryCache();
  const [preview, setPreviewState] = useState<BatchPreview | null>(
    () => cache.get<BatchPreview | null>(queryKeys.batchCurrent).data ?? null,
  );
  const setPreview = (next: BatchPreview | null) => {
    setPreviewState(next);
    cache.set(queryKeys.batchCurrent, next);
  };
  const [runId, setRunId] = useState<string | null>(() => preview?.lastRunId ?? null);
  // The whole-file options last asked for, so two quick changes build on each other, not on the answer still on its way.
  const askedOptions = useRef<{ importId: string; options: ImportOptions } | null>(null);
  const importsAnswer = useQuery(queryKeys.batchImports, () => station().batch.imports(), { refetchOnMount: true });
  const [progress, setProgress] = useState<ProgressEvent | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [encoding, setEncoding] = useState<'' | CsvEncodingChoice>('');
  const [includeLabelled, setIncludeLabelled] = useState(false);
  const [printWhenDone, setPrintWhenDone] = useState(false);
  const [mappingName, setMappingName] = useState('');

  // The run's results table: start and every pause, resume or cancel answer it; read again while it runs.
  const runKey = runId === null ? null : queryKeys.batchRun(runId);
  const runAnswer = useQuery(runKey, () => station().batch.run({ runId: runId! }), { transient: true });
  const run = runId === null ? null : (runAnswer.data ?? null);
  const { reload: reloadRun } = runAnswer;
  useEffect(() => {
    if (!runKey || run?.state !== 'running') return;
    // A read still on the way is not overtaken by the next one (it would be dropped, and on a slow answer every one would).
    const timer = setInterval(() => void (cache.get(runKey).loading || reloadRun()), RUN_POLL_MS);
    return () => clearInterval(timer);
  }, [cache, runKey, run, reloadRun]);
  useEffect(() => (runId === null ? undefined : station().on('progress', (p) => p.task === batchTask(runId) && setProgress(p))), [runId]);

  const failed = (e: IpcError) => {
    setError(e);
    if (e.code === 'import_expired' || e.code === 'import_not_found') setPreview(null);
  };
  /** Import, page, change and save-mapping calls all answer the preview to show (and change the list's counts). */
  const previewAnswer = {
    onSuccess: (next: BatchPreview) => {
      setPreview(next);
      setError(null);
      void importsAnswer.reload();
    },
    onError: failed,
  };
  // Reading the file is part of the call: "Reading the file…" shows from the pick to main's answer.
  const importFile = useAction(
    async (file: File, choice: '' | CsvEncodingChoice) =>
      station().batch.import({
        fileName: file.name,
        base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())),
        limit: PAGE_SIZE,
        ...(choice ? { encoding: choice } : {}),
      }),
    previewAnswer,
  );
  const changePreview = useAction(
    (importId: string, change: PreviewChange) => station().batch.preview({ importId, ...change }),
    previewAnswer,
  );
  const openAction = useAction((importId: string) => station().batch.preview({ importId, limit: PAGE_SIZE }), {
    onSuccess: (next: BatchPreview) => {
      setPreview(next);
      setError(null);
      setProgress(null);
      setRunId(next.lastRunId);
    },
    onError: failed,
  });
  const removeAction = useAction((importId: string) => station().batch.removeImport({ importId }), {
    sets: queryKeys.batchImports,
    onError: failed,
  });
  const saveMappingAction = useAction(
    (p: BatchPreview, name: string) =>
      station().batch.saveMapping({ importId: p.importId, name, offset: p.page.offset, limit: PAGE_SIZE, filter: p.page.filter }),
    previewAnswer,
  );

  const showRun = (next: BatchRunView) => {
    cache.set(queryKeys.batchRun(next.runId), next);
    setRunId(next.runId);
    setError(null);
  };
  const startAction = useAction(
    (p: BatchPreview, options: { includeAlreadyLabelled: boolean; printWhenDone: boolean }) =>
      station().batch.start({ importId: p.importId, ...options }),
    {
      onSuccess: showRun,
      onError: failed,
    },
  );
  const controlAction = useAction((id: string, action: Control) => station().batch.control({ runId: id, action }), {
    onSuccess: showRun,
    onError: failed,
  });

  const sample = useAction(() => station().batch.sampleCsv(), {
    onSuccess: ({ saved, path }) => saved && setMessage(translateNow('batch', 'screen.sampleSaved', { path })),
  });
  const results = useAction((id: string) => station().batch.exportResults({ runId: id }), {
    onSuccess: ({ saved, path }) => saved && setMessage(translateNow('batch', 'screen.resultsSaved', { path })),
  });

  /** Asks main for the page on screen (or the one `change` names), after the change it carries. */
  // Preview changes go to main one after another: two quick changes (a product, then "use them for
  // every order") answered out of order would show the older answer last, undoing the newer.
  const changes = useRef<Promise<unknown>>(Promise.resolve());
  const update = (change: PreviewChange) => {
    if (!preview) return Promise.resolve();
    const { offset, filter } = preview.page;
    const { importId } = preview;
    const next = changes.current.then(() => changePreview.run(importId, { offset, limit: PAGE_SIZE, filter, ...change }));
    changes.current = next.catch(() => undefined);
    return next.then(() => undefined);
  };

  return {
    /** The imports main keeps, newest first (null until read). */
    imports: importsAnswer.data ?? null,
    preview,
    run,
    /** The run's last progress event (its ETA); null until one comes, and for a new run or file. */
    progress,
    /** What the last import, preview change, start or pause/resume/cancel said went wrong; cleared by the next that works. */
    error: error?.message ?? null,
    /** Where the sample or the results were saved. */
    message,
    /** The file is being read and imported. */
    reading: importFile.pending,
    encoding,
    setEncoding,
    includeLabelled,
    setIncludeLabelled,
    printWhenDone,
    setPrintWhenDone,
    mappingName,
    setMappingName,
    canStart: preview !== null && preview.counts.ready > 0 && !preview.missingText && run?.state !== 'running',

    /** An import from the list: its preview, and the run last started from it. */
    openImport: async (importId: string) => {
      await openAction.run(importId);
    },
    /** Takes an import off the list (station mode no longer scans it); closes it when it is on screen. */
    removeImport: async (importId: string) => {
      const answer = await removeAction.run(importId);
      if (answer.ok && preview?.importId === importId) {
        setPreview(null);
        setRunId(null);
      }
    },
    /** Courier and product for the whole file (the import step): a change to what was last asked for. */
    setOptions: (change: Partial<ImportOptions>) => {
      if (!preview) return Promise.resolve();
      const last = askedOptions.current?.importId === preview.importId ? askedOptions.current.options : preview.options;
      const options = { ...last, ...change };
      askedOptions.current = { importId: preview.importId, options };
      return update({ options });
    },
    /** A file the operator picked: a new preview, and no run on screen. */
    importFile: async (file: File) => {
      setRunId(null);
      setProgress(null);
      await importFile.run(file, encoding);
    },
    /** Another page of the preview, in the filter on screen unless one is given. */
    showPage: (offset: number, filter: BatchPreviewFilter = preview?.page.filter ?? 'all') => update({ offset, filter }),
    /** A field's new source: a column (a header), joined columns, a constant, or null for none. */
    mapField: (field: BatchField, source: FieldSource | null) =>
      preview ? update({ mapping: { ...preview.mapping, [field]: source || null } }) : Promise.resolve(),
    chooseSavedMapping: (id: string) => {
      const saved = preview?.savedMappings.find((m) => m.id === id);
      return saved ? update({ mapping: saved.mapping }) : Promise.resolve();
    },
    saveMapping: async () => {
      if (preview) await saveMappingAction.run(preview, mappingName);
    },
    /** The new value of one cell of the file (the row and column an issue names). */
    fixCell: (row: number, column: string, value: string) => update({ fix: { row, column, value } }),
    setIncluded: (orderNumber: string, included: boolean) => update({ exclude: { orderNumber, excluded: !included } }),
    start: async () => {
      if (!preview) return;
      setProgress(null);
      await startAction.run(preview, { includeAlreadyLabelled: includeLabelled, printWhenDone });
    },
    control: async (action: Control) => {
      if (run) await controlAction.run(run.runId, action);
    },
    downloadSample: async () => {
      await sample.run();
    },
    exportResults: async () => {
      if (run) await results.run(run.runId);
    },
  };
}
export type BatchState = ReturnType<typeof useBatch>;
