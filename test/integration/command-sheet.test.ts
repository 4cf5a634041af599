import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandSheetPdf } from '../../electron/core/scan/command-sheet';
import { COMMAND_CODES, commandOf, ScanCommand } from '../../shared/domain/scan';
import documents from '../../shared/i18n/locales/en/documents.json';
import { hasTool } from '../support/tools';

/**
 * The printed command-barcode sheet, checked the way a station would meet it: poppler measures
 * the page and reads its text, and zbar decodes the barcodes from a 200 dpi rendering (a
 * rough stand-in for an office printer and a handheld scanner).
 */

// `npm test` (FFS_TEST_SESSION=1) requires poppler-utils and zbar-tools; a bare vitest run
// without them skips.
const missing = ['pdfinfo', 'pdftotext', 'pdftoppm', 'zbarimg'].filter((tool) => !hasTool(tool));
const skipReason =
  missing.length > 0 && process.env.FFS_TEST_SESSION !== '1'
    ? `${missing.join(', ')} not installed (apt-get install poppler-utils zbar-tools)`
    : null;
if (skipReason) console.warn(`command-sheet.test.ts skipped: ${skipReason}`);

let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ffs-command-sheet-'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const run = (tool: string, args: string[]) => execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

async function sheetFile(paper?: 'a4' | 'letter'): Promise<string> {
  const file = join(tmp, `sheet-${paper ?? 'default'}.pdf`);
  writeFileSync(file, await commandSheetPdf(paper ? { paper } : undefined));
  return file;
}

function pdfInfo(file: string) {
  const info = run('pdfinfo', [file]);
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)![1]), pageSize: /^Page size:\s+(.+)$/m.exec(info)![1]!.trim() };
}

/** Every barcode zbar finds on the page rendered at 200 dpi, one entry per symbol. */
function decoded(file: string): string[] {
  const base = join(tmp, 'page');
  run('pdftoppm', ['-r', '200', '-png', '-singlefile', file, base]);
  // --raw prints each symbol's data on its own line, without the symbology prefix.
  return run('zbarimg', ['--raw', '-q', `${base}.png`])
    .split('\n')
    .filter((line) => line.length > 0);
}

const ALL_CODES = ScanCommand.options.map((command) => COMMAND_CODES[command]);

describe.skipIf(skipReason !== null)('command barcode sheet', () => {
  it('is one A4 page by default', async () => {
    const info = pdfInfo(await sheetFile());
    expect(info.pages).toBe(1);
    expect(info.pageSize).toBe('595.28 x 841.89 pts (A4)');
  });

  it('is one Letter page with the letter option', async () => {
    const info = pdfInfo(await sheetFile('letter'));
    expect(info.pages).toBe(1);
    expect(info.pageSize).toBe('612 x 792 pts (letter)');
  });

  it.each(['a4', 'letter'] as const)('on %s scans as exactly the four command codes, each once', async (paper) => {
    const codes = decoded(await sheetFile(paper));
    expect(ALL_CODES).toHaveLength(4);
    expect(codes).toHaveLength(ALL_CODES.length);
    expect([...codes].sort()).toEqual([...ALL_CODES].sort());
    // Each scan maps back to its own command, and together they cover every command.
    const commands = codes.map((code) => commandOf(code));
    for (const [i, code] of codes.entries()) expect(COMMAND_CODES[commands[i]!]).toBe(code);
    expect([...commands].sort()).toEqual([...ScanCommand.options].sort());
  });

  it('prints the heading, the instruction, every title and every code as text, in command order', async () => {
    const text = run('pdftotext', [await sheetFile(), '-']);
    expect(text).toContain('Flex Forward Station — command barcodes');
    expect(text).toContain('Scan a code at the station-mode scan input. Keep this sheet at the packing station.');
    let at = 0;
    for (const command of ScanCommand.options) {
      const title = text.indexOf(documents.commandSheet.commands[command], at);
      expect(title, `title of ${command}`).toBeGreaterThanOrEqual(0);
      const code = text.indexOf(COMMAND_CODES[command], title);
      expect(code, `code of ${command} under its title`).toBeGreaterThan(title);
      at = code;
    }
  });
});
