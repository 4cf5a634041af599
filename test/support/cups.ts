import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const cupsdInstalled = ['/usr/sbin', '/usr/local/sbin', ...(process.env.PATH ?? '').split(delimiter)].some(
  (dir) => dir && existsSync(join(dir, 'cupsd')),
);

/**
 * Why a printing test against real CUPS cannot run here, or null when it must. In `npm test`
 * (FFS_TEST_SESSION=1) it always runs: a machine without CUPS fails it. Outside it (a plain
 * `vitest run` on a machine without CUPS) it is skipped, with the reason printed once.
 */
export function cupsSkipReason(testFile: string): string | null {
  const reason =
    !cupsdInstalled && process.env.FFS_TEST_SESSION !== '1'
      ? 'cupsd is not installed (apt-get install cups printer-driver-cups-pdf poppler-utils zbar-tools)'
      : null;
  if (reason) console.warn(`${testFile} skipped: ${reason}`);
  return reason;
}
