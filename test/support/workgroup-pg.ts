import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { WorkgroupConnection } from '../../shared/domain/workgroup';

/** A PostgreSQL cluster made by test/services/start-postgres.sh (its printed FFS_PG_* lines). */
export interface PgCluster {
  url: string;
  adminUrl: string;
  dir: string;
  bin: string;
  port: number;
  ca: string;
}

const root = join(import.meta.dirname, '..', '..');
const SCRIPT = join(root, 'test', 'services', 'start-postgres.sh');

function parse(vars: Record<string, string | undefined>): PgCluster | null {
  const { FFS_PG_URL, FFS_PG_ADMIN_URL, FFS_PG_DIR, FFS_PG_BIN, FFS_PG_PORT, FFS_PG_CA } = vars;
  if (!FFS_PG_URL || !FFS_PG_ADMIN_URL || !FFS_PG_DIR || !FFS_PG_BIN || !FFS_PG_PORT || !FFS_PG_CA) return null;
  return { url: FFS_PG_URL, adminUrl: FFS_PG_ADMIN_URL, dir: FFS_PG_DIR, bin: FFS_PG_BIN, port: Number(FFS_PG_PORT), ca: FFS_PG_CA };
}

/**
 * The PostgreSQL server `npm test` starts (test/run-all.sh exports its FFS_PG_* lines). Missing
 * is a failure, never a skip: the workgroup tests need a real server.
 */
export function pgFromEnv(): PgCluster {
  const cluster = parse(process.env);
  if (!cluster) {
    throw new Error(
      'No PostgreSQL for the workgroup tests: FFS_PG_URL (and FFS_PG_ADMIN_URL, FFS_PG_DIR, FFS_PG_BIN, FFS_PG_PORT, FFS_PG_CA) are not set. ' +
        'npm test sets them; by hand: eval "$(bash test/services/start-postgres.sh | sed \'s/^/export /\')"',
    );
  }
  return cluster;
}

/** A cluster of this test's own (to stop, restart or reconfigure without disturbing other tests). */
export function startCluster(): PgCluster {
  const out = execFileSync('bash', [SCRIPT], { encoding: 'utf8' });
  const vars = Object.fromEntries(out.split('\n').flatMap((line) => (line.includes('=') ? [line.split(/=(.*)/s).slice(0, 2)] : [])));
  const cluster = parse(vars);
  if (!cluster) throw new Error(`start-postgres.sh printed no cluster:\n${out}`);
  return cluster;
}

export function stopCluster(cluster: PgCluster): void {
  execFileSync('bash', [SCRIPT, '--stop', cluster.dir]);
}

const asPostgres = (command: string, args: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** Stops the server (fast: connections are cut, as in a crash of the network or a restart). */
export function stopServer(cluster: PgCluster): void {
  asPostgres(join(cluster.bin, 'pg_ctl'), ['-D', join(cluster.dir, 'data'), '-m', 'fast', '-w', 'stop']);
}

/**
 * Starts the server again with start-postgres.sh's options (same port, TLS on), and `settings`
 * after them (`ssl=off`, `hba_file=…`), which win over the defaults.
 */
export function startServer(cluster: PgCluster, settings: string[] = []): void {
  const options = [
    `-p ${cluster.port} -k ${cluster.dir} -c listen_addresses=127.0.0.1 -c ssl=on -c fsync=off -c synchronous_commit=off`,
    '-c full_page_writes=off -c max_connections=200',
    ...settings.map((s) => `-c ${s}`),
  ].join(' ');
  asPostgres(join(cluster.bin, 'pg_ctl'), [
    '-D',
    join(cluster.dir, 'data'),
    '-l',
    join(cluster.dir, 'server.log'),
    '-w',
    '-t',
    '30',
    '-o',
    options,
    'start',
  ]);
}

/** The settings the Workgroup tab would hold for the cluster's `ffs` user, and its password. */
export function workgroupOf(cluster: Pick<PgCluster, 'url'>, overrides: Partial<WorkgroupConnection> = {}): WorkgroupConnection {
  const url = new URL(cluster.url);
  return {
    host: url.hostname,
    port: Number(url.port),
    database: url.pathname.slice(1),
    user: decodeURIComponent(url.username),
    tlsMode: 'disable',
    caFile: null,
    ...overrides,
  };
}

export const passwordOf = (cluster: PgCluster) => decodeURIComponent(new URL(cluster.url).password);
