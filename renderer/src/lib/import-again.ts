/**
 * Dynamic imports that can be tried again after a failed fetch.
 *
 * Chromium keeps a module whose fetch failed in the document's module map for good: a second
 * `import()` of the same URL fails at once without a request (seen with Chromium 150, which
 * Electron 45 is built on). A screen or a catalogue chunk that could not be fetched once would
 * then never load until the window is reloaded. So when the bundler's import fails and the
 * error names the module's URL, the same file is fetched once more under a new query, which
 * the module map has not seen. Its imports are the already loaded modules (same URLs), so
 * React and the rest stay one instance each.
 *
 * Limit: when the file that failed was not the imported chunk but one of its own imports, the
 * error names only the chunk, and that import stays failed until the window is reloaded.
 */

/** The module URL a failed dynamic import names ("Failed to fetch dynamically imported module: <url>"). */
export function failedModuleUrl(error: unknown): string | null {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const found = /\b(?:https?|file|app):\/\/\S+/i.exec(message);
  return found ? found[0].replace(/[.,;)]+$/, '') : null;
}

let attempts = 0;

/** The same URL with a query no earlier attempt used (an earlier `retry` is replaced). */
export function freshUrl(url: string): string {
  const next = new URL(url);
  attempts += 1;
  next.searchParams.set('retry', String(attempts));
  return next.href;
}

const nativeImport = (url: string): Promise<unknown> => import(/* @vite-ignore */ url);

/**
 * Runs `load` (a bundler-resolved `import()`); when it fails with a module URL, imports that URL
 * afresh. The first error is the one reported when the fresh import fails too.
 */
export async function importAgain<M>(load: () => Promise<M>, importUrl: (url: string) => Promise<unknown> = nativeImport): Promise<M> {
  try {
    return await load();
  } catch (error) {
    const url = failedModuleUrl(error);
    if (!url) throw error;
    try {
      return (await importUrl(freshUrl(url))) as M;
    } catch {
      throw error;
    }
  }
}
