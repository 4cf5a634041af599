/**
 * The keys of the renderer's query cache. A key is a path: invalidating `catalog` also
 * invalidates `catalog/couriers` and `catalog/products/ups`.
 */
export const queryKeys = {
  appInfo: 'app-info',
  /** Whether the API can be reached (the Offline banner; main's connection:changed event sets it). */
  connection: 'connection',
  settings: 'settings',
  /** Courier and product lists: what main answers depends on the environment, the shipper account and the language. */
  catalog: 'catalog',
  couriers: 'catalog/couriers',
  products: (courier: string) => `catalog/products/${courier}`,
  unresolved: 'labels/unresolved',
  /** The Today screen's numbers (read again each time it opens). */
  today: 'today/summary',
  document: (labelId: string) => `labels/document/${labelId}`,
  tracking: (labelId: string) => `tracking/${labelId}`,
  /** The product catalogue by SKU (Settings → Products by SKU, New label's SKU lookups). */
  skuCatalogue: 'sku-catalogue',
  skuLookup: (skus: readonly string[]) => `sku-catalogue/lookup/${skus.join('\u0000')}`,
  printers: 'printers',
  printLog: 'print-log',
  scanSession: 'scan/session',
  commandSheet: (paper: string) => `scan/command-sheet/${paper}`,
  /** The imports kept in main (Batch → Imports, station mode's files). */
  batchImports: 'batch/imports',
  /** The import on the Batch screen (its last preview), so leaving the screen and coming back keeps it. */
  batchCurrent: 'batch/current',
  /** A batch run's results table (start and pause/resume/cancel answer it; read again while it runs). */
  batchRun: (runId: string) => `batch/run/${runId}`,
} as const;

/** What main's `settings:changed` event makes stale: the settings themselves and everything read from them. */
export const SETTINGS_DEPENDENT: readonly string[] = [queryKeys.settings, queryKeys.appInfo, queryKeys.catalog];
