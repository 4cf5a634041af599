// The standalone simulator (`npm run simulator -- …`), spawned as a real process.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, DEMO_TOKEN } from '../../electron/simulator';
import { call, createLabel, validBody } from './simulator-test-helpers';

const CLI = 'electron/simulator/cli.ts';
const LISTENING = /^Flex Forward simulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/;

const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
  lines: string[];
}

/** Spawns the CLI and resolves once it printed its listening line (and what follows it). */
function startCli(args: string[]): Promise<Started> {
  // One process (node with tsx's loader), not the tsx wrapper: a signal must reach the simulator itself.
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: 'pipe' });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const lines = out.split('\n');
      const url = LISTENING.exec(lines[0] ?? '')?.[1];
      // Wait for the whole first write (it ends with a newline) so extra lines are in.
      if (url && out.endsWith('\n')) resolve({ child, url, lines: lines.filter(Boolean) });
    });
    child.on('exit', (code) => reject(new Error(`simulator exited with ${code}: ${err}${out}`)));
  });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

describe('simulator CLI', () => {
  it('starts with a given token and accounts on --port 0, prints the real URL, serves, and stops on SIGTERM', async () => {
    const account = '11111111-2222-4333-8444-555555555555';
    const { child, url, lines } = await startCli(['--port', '0', '--token', 'cli-token', '--account', account, '--latency-ms', '5']);
    expect(lines[0]).toMatch(LISTENING);
    expect(Number(LISTENING.exec(lines[0]!)?.[2])).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(DEMO_TOKEN);

    expect((await call(url, 'GET', '/couriers', { token: 'cli-token' })).status).toBe(200);
    expect((await call(url, 'GET', '/couriers', { token: DEMO_TOKEN })).status).toBe(401);
    expect((await createLabel(url, 'cli-token', validBody({ account }))).status).toBe(201);
    expect((await createLabel(url, 'cli-token', validBody({ account: DEMO_ACCOUNTS[0]!.id }))).status).toBe(403);

    child.kill('SIGTERM');
    expect(await exitOf(child)).toBe(0);
  });

  it('uses and prints the demo token and accounts when given no credentials; stops on SIGINT', async () => {
    const { child, url, lines } = await startCli(['--port', '0']);
    const text = lines.join('\n');
    expect(text).toContain(DEMO_TOKEN);
    for (const account of DEMO_ACCOUNTS) expect(text).toContain(account.id);
    expect(
      (await call(url, 'GET', `/products?courier=yamato&shipperAccountId=${DEMO_ACCOUNTS[0]!.id}`, { token: DEMO_TOKEN })).status,
    ).toBe(200);
    child.kill('SIGINT');
    expect(await exitOf(child)).toBe(0);
  });

  it('applies fault flags', async () => {
    const { url } = await startCli(['--port', '0', '--fail-500', '1', '--rate-limit', '100']);
    const res = await call(url, 'GET', '/couriers', { token: DEMO_TOKEN });
    expect(res.status).toBe(500);
    expect(res.headers.get('x-ratelimit-limit')).toBe('100');
  });

  it('refuses bad flag values with exit code 2 and a message', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', '--hang', '1.5'], { stdio: 'pipe' });
    children.push(child);
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    expect(await exitOf(child)).toBe(2);
    expect(err).toContain('--hang must be a number between 0 and 1');
  });
});
