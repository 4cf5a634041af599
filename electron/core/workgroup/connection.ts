import { readFile } from 'node:fs/promises';
import { rootCertificates } from 'node:tls';
import pg from 'pg';
import type { WorkgroupConnection, WorkgroupTestResult } from '../../../shared/domain/workgroup';
import { StationError } from '../errors';
import { t } from '../i18n';

/** How long connecting (and one check query) may take before the server counts as unreachable. */
export const WORKGROUP_CONNECT_TIMEOUT_MS = 5_000;

export interface WorkgroupPoolOptions {
  /** Connections the pool keeps at most (pg's default is 10). */
  max?: number;
  connectTimeoutMs?: number;
  /** Shown in the server's pg_stat_activity (the station name helps an administrator). */
  applicationName?: string;
}

/**
 * The pg Pool configuration of a workgroup: the settings (no password), the password from the
 * keychain (null: none saved; the server then refuses with `workgroup_password_missing` unless
 * it trusts the user) and TLS as libpq's sslmode names it:
 * - `disable`: plain TCP;
 * - `require`: TLS, the certificate not checked (libpq's `require` does not check it either);
 * - `verify-full`: TLS, the certificate must chain to the system's CAs or the chosen CA file,
 *   and name the host (Node's checkServerIdentity; pg sends the host as SNI unless it is an IP).
 * The store helper's openStorage builds its Pool from this; `Test connection` and the health
 * check connect with it too, so all three see the same server the same way.
 */
export async function workgroupPoolConfig(
  connection: WorkgroupConnection,
  password: string | null,
  options: WorkgroupPoolOptions = {},
): Promise<pg.PoolConfig> {
  const timeout = options.connectTimeoutMs ?? WORKGROUP_CONNECT_TIMEOUT_MS;
  return {
    host: connection.host,
    port: connection.port,
    database: connection.database,
    user: connection.user,
    // Never undefined: pg would then look for PGPASSWORD or ~/.pgpass, which the operator did not choose.
    password: password ?? '',
    ssl: await sslOptions(connection),
    max: options.max,
    connectionTimeoutMillis: timeout,
    application_name: options.applicationName ?? 'Flex Forward Station',
    keepAlive: true,
  };
}

async function sslOptions(connection: WorkgroupConnection): Promise<pg.PoolConfig['ssl']> {
  if (connection.tlsMode === 'disable') return false;
  if (connection.tlsMode === 'require') return { rejectUnauthorized: false };
  if (!connection.caFile) return { rejectUnauthorized: true };
  let ca: string;
  try {
    ca = await readFile(connection.caFile, 'utf8');
  } catch {
    throw new StationError('workgroup_ca_file_unreadable', t('workgroup:errors.caFileUnreadable', { file: connection.caFile }));
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----')) {
    throw new StationError('workgroup_ca_file_unreadable', t('workgroup:errors.caFileUnreadable', { file: connection.caFile }));
  }
  // Node trusts only `ca` when it is given: the system's CAs stay trusted beside the chosen file.
  return { rejectUnauthorized: true, ca: [...rootCertificates, ca] };
}

/** The certificate errors of Node's TLS that mean "not signed by anyone trusted" (or expired, revoked). */
const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
]);
const UNREACHABLE = new Set(['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'ECONNRESET', 'EPIPE']);
/** The server is shutting down, restarting or starting up (admin_shutdown, crash_shutdown, cannot_connect_now). */
const SERVER_GOING = new Set(['57P01', '57P02', '57P03']);
const HOST_NOT_FOUND = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL']);

/**
 * What went wrong, as an operator error with a stable code. `hadPassword`: whether a password
 * was sent (a refusal without one asks for it rather than calling it wrong).
 */
export function workgroupError(error: unknown, connection: WorkgroupConnection, hadPassword: boolean): StationError {
  if (error instanceof StationError) return error;
  const { host, port, user, database } = connection;
  const e = (error ?? {}) as { code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const message = typeof e.message === 'string' ? e.message : String(error);
  if (HOST_NOT_FOUND.has(code)) return new StationError('workgroup_host_not_found', t('workgroup:errors.hostNotFound', { host }));
  if (code === 'ECONNREFUSED') return new StationError('workgroup_refused', t('workgroup:errors.refused', { host, port }));
  if (
    UNREACHABLE.has(code) ||
    SERVER_GOING.has(code) ||
    /timeout expired|timeout exceeded|Connection terminated unexpectedly|Query read timeout/i.test(message)
  ) {
    return new StationError('workgroup_unreachable', t('workgroup:errors.unreachable', { host, port }));
  }
  // The server asks for a password and none was saved or typed (pg refuses to send an empty one).
  if (/client password must be a (non-empty )?string/.test(message)) {
    return new StationError('workgroup_password_missing', t('workgroup:errors.passwordMissing'), {
      password: t('workgroup:errors.passwordMissing'),
    });
  }
  if (code === '28P01') {
    return hadPassword
      ? new StationError('workgroup_password_wrong', t('workgroup:errors.passwordWrong', { user }), {
          password: t('workgroup:errors.passwordWrong', { user }),
        })
      : new StationError('workgroup_password_missing', t('workgroup:errors.passwordMissing'), {
          password: t('workgroup:errors.passwordMissing'),
        });
  }
  if (code === '3D000') return new StationError('workgroup_database_missing', t('workgroup:errors.databaseMissing', { database }));
  // pg_hba.conf has only `hostssl` lines for this client: "no pg_hba.conf entry for host …, no encryption".
  if (code === '28000' && /no encryption/i.test(message))
    return new StationError('workgroup_tls_required', t('workgroup:errors.tlsRequired'));
  if (code === '28000' || code === '42501') {
    return new StationError('workgroup_access_denied', t('workgroup:errors.accessDenied', { user, reason: message }));
  }
  if (/does not support SSL/i.test(message)) return new StationError('workgroup_tls_refused', t('workgroup:errors.tlsRefused'));
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID')
    return new StationError('workgroup_certificate_host', t('workgroup:errors.certificateHost', { host }));
  if (UNTRUSTED_CERTIFICATE.has(code))
    return new StationError('workgroup_certificate_untrusted', t('workgroup:errors.certificateUntrusted'));
  return new StationError('workgroup_failed', t('workgroup:errors.failed', { reason: message }));
}

/**
 * Connects once with one client and asks the server its version and whether this connection is
 * encrypted (pg_stat_ssl); every failure becomes a workgroup_* operator error.
 */
export async function testWorkgroupConnection(
  connection: WorkgroupConnection,
  password: string | null,
  options: WorkgroupPoolOptions = {},
): Promise<WorkgroupTestResult> {
  const config = await workgroupPoolConfig(connection, password, options);
  const client = new pg.Client(config);
  // A connection that breaks after connect() would otherwise be an unhandled 'error' event.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string; ssl: boolean | null }>(
      `SELECT current_setting('server_version') AS version,
              (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS ssl`,
    );
    const tls = rows[0]?.ssl === true;
    return { serverVersion: rows[0]?.version ?? '', tls, certificateVerified: tls && connection.tlsMode === 'verify-full' };
  } catch (error) {
    throw workgroupError(error, connection, Boolean(password));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A pool over the workgroup database whose idle connections may break (server restart) without crashing main. */
export async function openWorkgroupPool(
  connection: WorkgroupConnection,
  password: string | null,
  onIdleError: (error: StationError) => void,
  options: WorkgroupPoolOptions = {},
): Promise<pg.Pool> {
  const pool = new pg.Pool(await workgroupPoolConfig(connection, password, options));
  pool.on('error', (error) => onIdleError(workgroupError(error, connection, Boolean(password))));
  return pool;
}
