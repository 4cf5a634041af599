import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from './fixtures';

export const CUPS_PDF_PRINTER = 'ffs-label-pdf';

/**
 * CUPS with the CUPS-PDF printer and a queue that rejects jobs (test/services/start-cups.sh,
 * idempotent: npm test already ran it). Answers where CUPS-PDF writes its PDFs; `outputOf`
 * finds the PDF of one job there.
 */
export function startCups() {
  const out = execFileSync('bash', ['test/services/start-cups.sh'], { encoding: 'utf8' });
  const outDir = /^CUPS_PDF_OUT=(.+)$/m.exec(out)![1]!.trim();
  const startedAt = Date.now();

  /** The finished PDF CUPS-PDF wrote for an lp job id ("ffs-label-pdf-12"). */
  async function outputOf(osJobId: string): Promise<string> {
    const n = /-(\d+)$/.exec(osJobId)![1]!;
    let found = '';
    await expect
      .poll(
        () => {
          // Every queue's jobs: the A4 and Letter queues (ffs-a4-pdf, ffs-letter-pdf) write here too.
          const active = execFileSync('lpstat', ['-o'], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
          const file = readdirSync(outDir).find(
            (f) => f.endsWith(`-job_${n}.pdf`) && statSync(join(outDir, f)).mtimeMs >= startedAt - 2000,
          );
          found = file && !active.includes(`${osJobId} `) && statSync(join(outDir, file)).size > 0 ? join(outDir, file) : '';
          return found;
        },
        { timeout: 30_000 },
      )
      .not.toBe('');
    return found;
  }
  return { outDir, outputOf };
}

export const pdfinfo = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });
export const pdftotext = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
