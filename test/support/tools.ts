import { execFileSync } from 'node:child_process';

/** Whether a command-line tool (pdfinfo, zbarimg, …) is on PATH. */
export function hasTool(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
