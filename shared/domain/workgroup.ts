import { z } from 'zod';

/**
 * A workgroup: several stations on one shared PostgreSQL server (issue 18). These are the
 * connection settings the operator enters in Settings → Workgroup; the password is not among
 * them: it lives in the OS keychain (electron/core/workgroup/password.ts), and the renderer
 * only learns whether one is saved.
 */
export const WORKGROUP_TLS_MODES = ['disable', 'require', 'verify-full'] as const;
/**
 * libpq's sslmode names for the three choices: `disable` (no TLS), `require` (encrypted, the
 * server's certificate not checked), `verify-full` (encrypted, the certificate checked against
 * the system's CAs or the chosen CA file, and the host name against the certificate).
 */
export const WorkgroupTlsMode = z.enum(WORKGROUP_TLS_MODES);
export type WorkgroupTlsMode = z.infer<typeof WorkgroupTlsMode>;

export const MAX_WORKGROUP_TEXT = 200;
export const MAX_CA_PATH_LENGTH = 4096;
export const MAX_WORKGROUP_PASSWORD_LENGTH = 1000;

const text = (missing: `workgroup:validation.${string}`) =>
  z.string().trim().min(1, { error: missing }).max(MAX_WORKGROUP_TEXT, { error: 'workgroup:validation.tooLong' });

/** Where the shared database is and how to log in to it (no password). */
export const WorkgroupConnection = z.object({
  host: text('workgroup:validation.host'),
  port: z
    .number({ error: 'workgroup:validation.port' })
    .int({ error: 'workgroup:validation.port' })
    .min(1, { error: 'workgroup:validation.port' })
    .max(65535, { error: 'workgroup:validation.port' }),
  database: text('workgroup:validation.database'),
  user: text('workgroup:validation.user'),
  tlsMode: WorkgroupTlsMode,
  /** verify-full only: a CA certificate file (PEM) to trust besides the system's; chosen through main's file dialog. */
  caFile: z.string().max(MAX_CA_PATH_LENGTH).nullable(),
});
export type WorkgroupConnection = z.infer<typeof WorkgroupConnection>;

/** The workgroup settings of a station that joined one: the connection and the name other stations see. */
export const WorkgroupSettings = WorkgroupConnection.extend({
  /** Shown to other stations ("being packed at <station> by …"). */
  stationName: text('workgroup:validation.stationName'),
});
export type WorkgroupSettings = z.infer<typeof WorkgroupSettings>;

/** What the settings file keeps: the settings and the station's id in the workgroup (made once by main, never shown). */
export const StoredWorkgroup = WorkgroupSettings.extend({ stationId: z.uuid() });
export type StoredWorkgroup = z.infer<typeof StoredWorkgroup>;

/** Whether the workgroup database can be used right now (electron/core/workgroup/health.ts). */
export const WorkgroupStatus = z.object({
  /** off: not in a workgroup; connecting: joined, first check running; connected; unreachable. */
  state: z.enum(['off', 'connecting', 'connected', 'unreachable']),
  /** Since when it is in this state (null: off). */
  since: z.iso.datetime().nullable(),
  /** Unreachable: why, in the operator's words, and the error code. */
  reason: z.string().nullable(),
  code: z.string().nullable(),
});
export type WorkgroupStatus = z.infer<typeof WorkgroupStatus>;

/** What the Workgroup tab shows: the settings (null: a single station), whether a password is saved, the status. */
export const WorkgroupView = z.object({
  settings: WorkgroupSettings.nullable(),
  passwordSaved: z.boolean(),
  status: WorkgroupStatus,
});
export type WorkgroupView = z.infer<typeof WorkgroupView>;

/** A successful "Test connection". */
export const WorkgroupTestResult = z.object({
  /** The server's version as it reports it, e.g. `15.18 (Debian 15.18-0+deb12u1)`. */
  serverVersion: z.string(),
  /** Whether the connection is encrypted. */
  tls: z.boolean(),
  /** verify-full: the certificate was checked. */
  certificateVerified: z.boolean(),
});
export type WorkgroupTestResult = z.infer<typeof WorkgroupTestResult>;

/**
 * The password typed in the form. Absent: the one saved in the keychain (Test connection) or
 * keep it (Save). It travels renderer → main only; no channel sends it back.
 */
export const WorkgroupPassword = z.string().min(1).max(MAX_WORKGROUP_PASSWORD_LENGTH);
