/**
 * The synchronous twin of an async interface: each method returns what the interface's
 * method resolves to. The SQLite stores are written against node:sqlite, which is
 * synchronous; the services see them through the async interface that PostgreSQL also
 * implements (docs/architecture.md, "Storage backends").
 */
export type Synchronous<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};

/**
 * An async interface over its synchronous implementation: every method resolves to what the
 * synchronous one returns, and a throw becomes a rejection (never a throw before the Promise).
 * Each call runs to its end before it resolves, so one SQLite call stays one atomic step.
 */
export function promised<T extends object>(sync: Synchronous<T>): T {
  const methods = Object.entries(sync as Record<string, (...args: unknown[]) => unknown>).map(([name, method]) => [
    name,
    async (...args: unknown[]) => method(...args),
  ]);
  return Object.fromEntries(methods) as T;
}
