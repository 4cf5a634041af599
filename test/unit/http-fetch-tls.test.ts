import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFetch } from '../../electron/core/api/http-fetch';

/**
 * httpFetch over TLS, the way the real API is reached: the server's certificate is verified
 * against the trusted CAs (a self-signed one is refused), and a certificate from a trusted CA
 * works. The CA is made for the test with openssl and trusted in a child process through
 * NODE_EXTRA_CA_CERTS (read only at start-up, hence the child).
 */

const dir = mkdtempSync(join(tmpdir(), 'ffs-tls-'));
const file = (name: string) => join(dir, name);
let server: Server;
let url: string;

beforeAll(async () => {
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '2',
    '-subj',
    '/CN=Flex Forward Test CA',
    '-keyout',
    file('ca.key'),
    '-out',
    file('ca.pem'),
  );
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', file('server.key'), '-out', file('server.csr'));
  execFileSync('sh', ['-c', `printf 'subjectAltName=DNS:localhost,IP:127.0.0.1' > '${file('ext.cnf')}'`]);
  openssl(
    'x509',
    '-req',
    '-in',
    file('server.csr'),
    '-CA',
    file('ca.pem'),
    '-CAkey',
    file('ca.key'),
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    file('ext.cnf'),
    '-out',
    file('server.pem'),
  );
  server = createServer({ key: readFileSync(file('server.key')), cert: readFileSync(file('server.pem')) }, (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ path: req.url, authorization: req.headers.authorization ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/labels/1`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe('httpFetch over https', () => {
  it('refuses a server whose certificate no trusted CA signed', async () => {
    const error = await httpFetch(new URL(url), { headers: { Authorization: 'Bearer secret' } }).then(
      () => null,
      (e: NodeJS.ErrnoException) => e,
    );
    expect(error?.code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/);
  });

  it('talks to a server whose certificate a trusted CA signed', async () => {
    const script = `
      import { httpFetch } from './electron/core/api/http-fetch.ts';
      const res = await httpFetch(new URL(process.argv[1]), { headers: { Authorization: 'Bearer secret' } });
      console.log(JSON.stringify({ status: res.status, body: JSON.parse(await res.text()) }));
      process.exit(0);
    `;
    // Asynchronous: the server answers from this process.
    const child = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, url], {
      cwd: join(import.meta.dirname, '..', '..'),
      env: { ...process.env, NODE_EXTRA_CA_CERTS: file('ca.pem') },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(JSON.parse(child.stdout.trim().split('\n').at(-1)!)).toEqual({
      status: 200,
      body: { path: '/labels/1', authorization: 'Bearer secret' },
    });
  });
});
