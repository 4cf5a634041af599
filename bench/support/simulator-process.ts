import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_TOKEN, type SimulatorStats } from '../../electron/simulator';

const root = join(import.meta.dirname, '..', '..');

export interface SimulatorProcess {
  url: string;
  child: ChildProcess;
  /** `documents`: include the (token-less) document downloads. */
  stats(options?: { documents?: boolean }): Promise<SimulatorStats>;
  close(): void;
}

/**
 * The simulator in its own process (`npm run simulator`), so its work (rendering label
 * documents, keeping labels in memory) is not counted as the station's time or memory.
 * Spawned as `node --import tsx` (the tsx wrapper would not pass a kill on).
 */
export async function startSimulatorProcess(options: { latencyMs: number }): Promise<SimulatorProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'electron/simulator/cli.ts', '--port', '0', '--latency-ms', String(options.latencyMs)],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code}): ${out}`)));
  });
  const stats = async (options: { documents?: boolean } = {}) =>
    (await (
      await fetch(`${url}/__simulator/stats${options.documents ? '?include=documents' : ''}`, {
        headers: { Authorization: `Bearer ${DEMO_TOKEN}` },
      })
    ).json()) as SimulatorStats;
  return { url, child, stats, close: () => void child.kill('SIGKILL') };
}
