import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Vitest global setup: a throw-away PostgreSQL server (test/services/start-postgres.sh) for a
 * run that was not given one (npm test starts its own and sets FFS_PG_URL), stopped after the
 * run, so that `vitest run test/contract` works alone. When none can be started, the reason is
 * kept in FFS_PG_UNAVAILABLE and every PostgreSQL test fails saying how to get a server
 * (test/support/postgres.ts); the other tests run as usual.
 */
export default function setup(): (() => void) | undefined {
  if (process.env.FFS_PG_URL) return undefined;
  const script = join(import.meta.dirname, '..', 'services', 'start-postgres.sh');
  let output: string;
  try {
    output = execFileSync('bash', [script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    process.env.FFS_PG_UNAVAILABLE = stderr || (error as Error).message;
    return undefined;
  }
  for (const line of output.split('\n')) {
    const match = /^(FFS_PG_[A-Z_]+)=(.*)$/.exec(line);
    if (match) process.env[match[1]!] = match[2]!;
  }
  const dir = process.env.FFS_PG_DIR;
  return () => {
    if (dir) execFileSync('bash', [script, '--stop', dir], { stdio: 'ignore' });
  };
}
