import { execFileSync } from 'node:child_process';
import { chownSync, chmodSync, copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../electron/core/secret-store';
import { WORKGROUP_PASSWORD_ACCOUNT } from '../../electron/core/workgroup/password';
import type { WorkgroupConnection } from '../../shared/domain/workgroup';
import { closedPort } from '../support/closed-port';
import { createTestStation } from '../support/test-station';
import {
  passwordOf,
  pgFromEnv,
  startCluster,
  startServer,
  stopCluster,
  stopServer,
  workgroupOf,
  type PgCluster,
} from '../support/workgroup-pg';

// Settings → Workgroup against a real PostgreSQL with TLS (test/services/start-postgres.sh):
// every TLS mode, each operator error with its code, and the password only in the keychain.
const pg = pgFromEnv();
const password = passwordOf(pg);
const work = mkdtempSync(join(tmpdir(), 'ffs-wg-conn-'));

/** A self-signed certificate the server was not made with (a "wrong CA"). */
function otherCa(): string {
  const file = join(work, 'other-ca.crt');
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost'].concat([
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout',
      join(work, 'other-ca.key'),
      '-out',
      file,
    ]),
    { stdio: 'ignore' },
  );
  return file;
}

/** What main's file dialog answers next (the operator picks a CA file there; the page cannot name one). */
let offered: string | null = null;
const chooseOpenPath = async () => offered;
async function choose(station: ReturnType<typeof createTestStation>, caFile: string | null | undefined) {
  if (!caFile) return;
  offered = caFile;
  expect(await station.client.workgroup.chooseCaFile()).toEqual({ ok: true, value: { path: caFile } });
}

describe('workgroup connection settings (real PostgreSQL)', () => {
  const station = createTestStation({ secrets: createMemorySecretStore(), chooseOpenPath });
  /** `typed` null: no password typed (the saved one, here none). The CA file is chosen in main's dialog first. */
  const test = async (connection: Partial<WorkgroupConnection>, typed: string | null = password) => {
    await choose(station, connection.caFile);
    return station.client.workgroup.test({ connection: workgroupOf(pg, connection), ...(typed === null ? {} : { password: typed }) });
  };
  afterAll(() => station.close());

  it('disable: connects without TLS and reports the server version', async () => {
    const result = await test({ tlsMode: 'disable' });
    expect(result).toMatchObject({ ok: true, value: { tls: false, certificateVerified: false } });
    expect(result.ok && result.value.serverVersion).toMatch(/^\d+\.\d+/);
  });

  it('require: encrypted, the certificate not checked', async () => {
    expect(await test({ tlsMode: 'require' })).toMatchObject({ ok: true, value: { tls: true, certificateVerified: false } });
  });

  it('verify-full: passes with the server’s CA (by IP and by name); without it or with another CA, the certificate is not trusted', async () => {
    expect(await test({ tlsMode: 'verify-full', caFile: pg.ca })).toMatchObject({
      ok: true,
      value: { tls: true, certificateVerified: true },
    });
    expect(await test({ tlsMode: 'verify-full', caFile: pg.ca, host: 'localhost' })).toMatchObject({ ok: true, value: { tls: true } });

    const untrusted = { ok: false, error: { code: 'workgroup_certificate_untrusted', message: expect.stringContaining('not trusted') } };
    expect(await test({ tlsMode: 'verify-full', caFile: null })).toMatchObject(untrusted);
    expect(await test({ tlsMode: 'verify-full', caFile: otherCa() })).toMatchObject(untrusted);
  });

  it('reads only a CA file the operator chose in main’s dialog (or the saved one): a file the page names is refused', async () => {
    const fresh = createTestStation({ secrets: createMemorySecretStore(), chooseOpenPath });
    try {
      const named = { connection: workgroupOf(pg, { tlsMode: 'verify-full', caFile: pg.ca }), password };
      expect(await fresh.client.workgroup.test(named)).toMatchObject({
        ok: false,
        error: { code: 'workgroup_ca_file_unreadable', message: 'Choose the CA certificate file with “Choose file…”.' },
      });
      expect(await fresh.client.workgroup.save({ settings: { ...named.connection, stationName: 'Bench 9' }, password })).toMatchObject({
        ok: false,
        error: { code: 'workgroup_ca_file_unreadable' },
      });
      await choose(fresh, pg.ca);
      expect(await fresh.client.workgroup.test(named)).toMatchObject({ ok: true, value: { certificateVerified: true } });
    } finally {
      await fresh.close();
    }
  });

  it('a CA file that cannot be read, or is no certificate, is named', async () => {
    const missing = join(work, 'nope.crt');
    expect(await test({ tlsMode: 'verify-full', caFile: missing })).toMatchObject({
      ok: false,
      error: { code: 'workgroup_ca_file_unreadable', message: expect.stringContaining(missing) },
    });
    const notPem = join(work, 'not-a-cert.txt');
    writeFileSync(notPem, 'hello');
    expect(await test({ tlsMode: 'verify-full', caFile: notPem })).toMatchObject({
      ok: false,
      error: { code: 'workgroup_ca_file_unreadable' },
    });
  });

  it('a wrong password, none, a missing database, a closed port, an unknown host: each its own code and sentence', async () => {
    expect(await test({}, 'not-the-password')).toMatchObject({
      ok: false,
      error: { code: 'workgroup_password_wrong', message: 'The workgroup database did not accept the password for user “ffs”.' },
    });
    expect(await test({}, null)).toMatchObject({ ok: false, error: { code: 'workgroup_password_missing' } });
    expect(await test({ database: 'no_such_db' })).toMatchObject({
      ok: false,
      error: { code: 'workgroup_database_missing', message: expect.stringContaining('“no_such_db”') },
    });
    const port = await closedPort();
    expect(await test({ port })).toMatchObject({
      ok: false,
      error: { code: 'workgroup_refused', message: expect.stringContaining(`port ${port}`) },
    });
    expect(await test({ host: 'no-such-host.invalid' })).toMatchObject({ ok: false, error: { code: 'workgroup_host_not_found' } });
  });

  it('the sentences follow the station’s language; the codes stay', async () => {
    await station.client.settings.setPreferences({ language: 'ja' });
    try {
      expect(await test({ database: 'no_such_db' })).toMatchObject({
        ok: false,
        error: { code: 'workgroup_database_missing', message: expect.stringContaining('データベースがありません') },
      });
    } finally {
      await station.client.settings.setPreferences({ language: 'en' });
    }
  });

  it('checks the settings: a port out of range and an empty host are refused with the catalogue’s sentences', async () => {
    const result = await station.client.workgroup.test({ connection: { ...workgroupOf(pg), port: 70000, host: ' ' }, password });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(!result.ok && result.error.fields).toEqual({
      'connection.port': 'The port is a whole number from 1 to 65535.',
      'connection.host': "Enter the server's name or IP address.",
    });
  });

  it('keeps the password in the keychain only: never in the settings file, an IPC answer or the log', async () => {
    const secrets = createMemorySecretStore();
    const own = createTestStation({ secrets, chooseOpenPath });
    try {
      const settings = { ...workgroupOf(pg, { tlsMode: 'verify-full', caFile: pg.ca }), stationName: 'Bench 2' };
      await choose(own, pg.ca);
      const answers: unknown[] = [];
      const keep = <T>(answer: T) => (answers.push(answer), answer);

      expect(keep(await own.client.workgroup.get())).toMatchObject({ ok: true, value: { settings: null, passwordSaved: false } });
      const saved = keep(await own.client.workgroup.save({ settings, password }));
      expect(saved).toMatchObject({ ok: true, value: { settings, passwordSaved: true } });
      expect(await secrets.get(WORKGROUP_PASSWORD_ACCOUNT)).toBe(password);

      // Test connection without a typed password uses the saved one; Save without one keeps it.
      expect(keep(await own.client.workgroup.test({ connection: workgroupOf(pg, { tlsMode: 'require' }) }))).toMatchObject({ ok: true });
      keep(await own.client.workgroup.save({ settings: { ...settings, stationName: 'Bench 3' } }));
      expect(await secrets.get(WORKGROUP_PASSWORD_ACCOUNT)).toBe(password);
      keep(await own.client.workgroup.test({ connection: workgroupOf(pg), password: 'typed-wrong-password' }));
      keep(await own.client.workgroup.get());
      keep(await own.client.workgroup.status());
      keep(await own.client.settings.get());

      const file = readFileSync(join(own.userDataDir, 'settings.json'), 'utf8');
      expect(JSON.parse(file).workgroup).toMatchObject({ host: settings.host, stationName: 'Bench 3', stationId: expect.any(String) });
      expect(file).not.toContain(password);
      expect(JSON.stringify(answers)).not.toContain(password);
      expect(JSON.stringify(answers)).not.toContain('typed-wrong-password');
      expect(readFileSync(own.logFile, 'utf8')).not.toContain(password);

      // Leave: the settings and the saved password go.
      expect(await own.client.workgroup.leave()).toMatchObject({
        ok: true,
        value: { settings: null, passwordSaved: false, status: { state: 'off' } },
      });
      expect(await secrets.get(WORKGROUP_PASSWORD_ACCOUNT)).toBeNull();
      expect(JSON.parse(readFileSync(join(own.userDataDir, 'settings.json'), 'utf8')).workgroup).toBeNull();
      expect(await own.client.workgroup.leave()).toMatchObject({ ok: false, error: { code: 'workgroup_not_joined' } });
    } finally {
      await own.close();
    }
  });
});

describe('workgroup TLS against a server configured otherwise (a cluster of this test’s own)', () => {
  let own: PgCluster;
  const station = createTestStation({ secrets: createMemorySecretStore(), chooseOpenPath });
  const test = async (connection: Partial<WorkgroupConnection>) => {
    await choose(station, connection.caFile);
    return station.client.workgroup.test({ connection: workgroupOf(own, connection), password: passwordOf(own) });
  };
  beforeAll(() => {
    own = startCluster();
  }, 60_000);
  afterAll(async () => {
    await station.close();
    if (own) stopCluster(own);
  });

  it('TLS off on the server: require and verify-full are refused (workgroup_tls_refused); disable connects', async () => {
    stopServer(own);
    startServer(own, ['ssl=off']);
    expect(await test({ tlsMode: 'require' })).toMatchObject({ ok: false, error: { code: 'workgroup_tls_refused' } });
    expect(await test({ tlsMode: 'verify-full', caFile: own.ca })).toMatchObject({ ok: false, error: { code: 'workgroup_tls_refused' } });
    expect(await test({ tlsMode: 'disable' })).toMatchObject({ ok: true, value: { tls: false } });
  }, 60_000);

  it('TLS required by the server (hostssl only): disable is refused (workgroup_tls_required); require connects', async () => {
    const hba = join(own.dir, 'hba-ssl-only.conf');
    writeFileSync(hba, 'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\n');
    chownSync(hba, uid('postgres'), gid('postgres'));
    stopServer(own);
    startServer(own, [`hba_file=${hba}`]);
    expect(await test({ tlsMode: 'disable' })).toMatchObject({ ok: false, error: { code: 'workgroup_tls_required' } });
    expect(await test({ tlsMode: 'require' })).toMatchObject({ ok: true, value: { tls: true } });
  }, 60_000);

  it('a certificate from a real CA made out to another name: verify-full names the host (workgroup_certificate_host)', async () => {
    // A CA, and a server certificate it signs for "localhost" only (no IP address in it).
    const ca = join(own.dir, 'test-ca');
    const sh = (args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
    sh([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=FFS test CA',
      '-keyout',
      `${ca}.key`,
      '-out',
      `${ca}.crt`,
    ]);
    sh([
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-subj',
      '/CN=localhost',
      '-keyout',
      join(own.dir, 'named.key'),
      '-out',
      join(own.dir, 'named.csr'),
    ]);
    writeFileSync(join(own.dir, 'named.ext'), 'subjectAltName=DNS:localhost\n');
    sh(
      [
        'x509',
        '-req',
        '-in',
        join(own.dir, 'named.csr'),
        '-CA',
        `${ca}.crt`,
        '-CAkey',
        `${ca}.key`,
        '-CAcreateserial',
        '-days',
        '1',
      ].concat(['-extfile', join(own.dir, 'named.ext'), '-out', join(own.dir, 'named.crt')]),
    );
    for (const [from, to] of [
      ['named.crt', 'server.crt'],
      ['named.key', 'server.key'],
    ] as const) {
      const target = join(own.dir, 'data', to);
      copyFileSync(join(own.dir, from), target);
      chownSync(target, uid('postgres'), gid('postgres'));
      chmodSync(target, 0o600);
    }
    stopServer(own);
    startServer(own);
    expect(await test({ tlsMode: 'verify-full', caFile: `${ca}.crt`, host: 'localhost' })).toMatchObject({
      ok: true,
      value: { tls: true, certificateVerified: true },
    });
    expect(await test({ tlsMode: 'verify-full', caFile: `${ca}.crt`, host: '127.0.0.1' })).toMatchObject({
      ok: false,
      error: { code: 'workgroup_certificate_host', message: expect.stringContaining('“127.0.0.1”') },
    });
    // The first server's own CA does not sign this certificate.
    expect(await test({ tlsMode: 'verify-full', caFile: own.ca, host: 'localhost' })).toMatchObject({
      ok: false,
      error: { code: 'workgroup_certificate_untrusted' },
    });
  }, 60_000);
});

const uid = (user: string) => Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
const gid = (user: string) => Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
