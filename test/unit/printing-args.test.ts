import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StationError } from '../../electron/core/errors';
import {
  createCupsBackend,
  CUPS_MEDIA,
  lpArgs,
  lpError,
  parseLpstat,
  parseRequestId,
  type RunCommand,
} from '../../electron/core/printing/cups';
import { createWindowsBackend, windowsPrintOptions } from '../../electron/core/printing/windows';
import { LabelSize, PrinterProfile } from '../../shared/domain/printing';

/**
 * What the station hands the OS: lp's argument arrays, what it reads back from lpstat and lp,
 * and the options the Windows adapter builds for pdf-to-printer. The real CUPS round trip is
 * in test/integration/printing-cups.test.ts.
 */

const job = { printer: 'Zebra_ZD421', title: 'Flex Forward label abc', copies: 1, labelSize: '4x6in' as const };

describe('lp arguments', () => {
  it('names the printer, copies, title, the 4x6 in media and 1:1 scaling, as separate array items', () => {
    expect(lpArgs(job)).toEqual([
      '-d',
      'Zebra_ZD421',
      '-n',
      '1',
      '-t',
      'Flex Forward label abc',
      '-o',
      'media=oe_4x6-label_4x6in',
      '-o',
      'print-scaling=none',
      '-o',
      'fit-to-page=false',
      '-o',
      'orientation-requested=3',
      '-o',
      'collate=true',
    ]);
  });

  it.each([
    ['4x6in', 'media=oe_4x6-label_4x6in'],
    ['100x150mm', 'media=om_100x150mm_100x150mm'],
    ['A6', 'media=iso_a6_105x148mm'],
  ] as const)('asks for explicit media for %s stock', (labelSize, media) => {
    const args = lpArgs({ ...job, labelSize });
    expect(args[args.indexOf(media) - 1]).toBe('-o');
    expect(args.filter((a) => a.startsWith('media='))).toEqual([media]);
    expect(args).toContain('print-scaling=none');
  });

  it.each([
    ['A4', 'media=iso_a4_210x297mm'],
    ['Letter', 'media=na_letter_8.5x11in'],
  ] as const)('asks for %s paper, not the label stock, when the labels are laid out on sheets, still 1:1', (sheet, media) => {
    const args = lpArgs({ ...job, sheet });
    expect(args.filter((a) => a.startsWith('media='))).toEqual([media]);
    expect(args).toEqual(expect.arrayContaining(['print-scaling=none', 'fit-to-page=false']));
  });

  it('has a media name for every label size', () => {
    for (const size of LabelSize.options) expect(CUPS_MEDIA[size]).toMatch(/^[a-z]+_[\w.-]+_[\d.]+x[\d.]+(in|mm)$/);
  });

  it('passes copies as a number and refuses nonsense', () => {
    expect(lpArgs({ ...job, copies: 3 }).slice(2, 4)).toEqual(['-n', '3']);
    expect(() => lpArgs({ ...job, copies: 0 })).toThrow(RangeError);
    expect(() => lpArgs({ ...job, copies: 1000 })).toThrow(RangeError);
  });

  it('keeps a hostile printer name or title as one inert argument (no shell ever sees it)', () => {
    const printer = 'x; rm -rf / #';
    const title = '$(reboot) `id` "quoted" \'single\' && echo';
    const args = lpArgs({ ...job, printer, title });
    expect(args[args.indexOf('-d') + 1]).toBe(printer);
    expect(args[args.indexOf('-t') + 1]).toBe(title);
    expect(args).toHaveLength(16);
  });

  it('runs lp itself with the PDF on stdin and LC_ALL=C, never through a shell', async () => {
    const calls: { program: string; args: readonly string[]; env: NodeJS.ProcessEnv; input?: Uint8Array }[] = [];
    const run: RunCommand = async (program, args, options) => {
      calls.push({ program, args, env: options.env, input: options.input });
      return { code: 0, stdout: 'request id is Zebra_ZD421-42 (1 file(s))\n', stderr: '' };
    };
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]);
    const backend = createCupsBackend({ run, env: { LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8', PATH: '/usr/bin' } });
    await expect(backend.print({ ...job, copies: 2, pdf })).resolves.toEqual({ osJobId: 'Zebra_ZD421-42' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.program).toBe('lp');
    expect(calls[0]!.args).toEqual(lpArgs({ ...job, copies: 2 }));
    expect(calls[0]!.input).toBe(pdf);
    expect(calls[0]!.env.LC_ALL).toBe('C');
    expect(calls[0]!.env.PATH).toBe('/usr/bin');
  });
});

describe("lp's answers", () => {
  it('reads the job id from "request id is …"', () => {
    expect(parseRequestId('request id is ffs-label-pdf-12 (1 file(s))\n')).toBe('ffs-label-pdf-12');
    expect(parseRequestId('')).toBeNull();
  });

  it('maps a missing printer, a rejecting printer, a stopped scheduler and anything else to their codes', () => {
    const notFound = lpError('Zebra', 'lp: Error - The printer or class does not exist.', true);
    expect(notFound.code).toBe('printer_not_found');
    expect(notFound.message).toContain('The printer “Zebra” is not set up on this computer');

    // Without a scheduler lp says the same "does not exist": the scheduler check decides.
    const down = lpError('Zebra', 'lp: Error - The printer or class does not exist.', false);
    expect(down.code).toBe('printing_unavailable');
    expect(lpError('Zebra', 'lp: Unable to connect to server: Connection refused', true).code).toBe('printing_unavailable');
    expect(lpError('Zebra', 'lpstat: Scheduler is not running.', true).code).toBe('printing_unavailable');

    const rejected = lpError('Zebra', 'lp: Destination "Zebra" is not accepting jobs.', true);
    expect(rejected.code).toBe('printer_rejected');
    expect(rejected.message).toContain('Destination "Zebra" is not accepting jobs.');

    const other = lpError('Zebra', 'lp: Unsupported document-format "application/x-foo".', true);
    expect(other.code).toBe('print_failed');
    expect(other.message).toContain('Unsupported document-format');
  });

  it('asks the scheduler after a failed lp before saying the printer is missing', async () => {
    const seen: string[] = [];
    const run: RunCommand = async (program, args) => {
      seen.push(`${program} ${args.join(' ')}`);
      if (program === 'lp') return { code: 1, stdout: '', stderr: 'lp: Error - The printer or class does not exist.\n' };
      return { code: 0, stdout: 'scheduler is not running\n', stderr: '' };
    };
    const error = await createCupsBackend({ run })
      .print({ ...job, pdf: new Uint8Array(1) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StationError);
    expect((error as StationError).code).toBe('printing_unavailable');
    expect(seen).toEqual([`lp ${lpArgs(job).join(' ')}`, 'lpstat -r']);
  });

  it('says CUPS is not installed when there is no lp program', async () => {
    const run: RunCommand = async () => {
      throw Object.assign(new Error('spawn lp ENOENT'), { code: 'ENOENT' });
    };
    const error = (await createCupsBackend({ run })
      .print({ ...job, pdf: new Uint8Array(1) })
      .catch((e: unknown) => e)) as StationError;
    expect(error.code).toBe('printing_unavailable');
  });
});

describe('lpstat parsing', () => {
  it('reads idle, printing and disabled printers, their reasons, the default and who rejects jobs', () => {
    const out = [
      'printer Zebra_ZD421 is idle.  enabled since Sat Nov 28 03:36:59 2026',
      'printer Office_Laser now printing Office_Laser-7.  enabled since Sat Nov 28 03:36:59 2026',
      'printer Old_Brother disabled since Sat Nov 28 03:38:05 2026 -',
      '\tPaper out',
      'printer Spare is idle.  enabled since Sat Nov 28 03:38:05 2026',
      '\tRejecting jobs for maintenance',
      'system default destination: Zebra_ZD421',
      'Zebra_ZD421 accepting requests since Sat Nov 28 03:36:59 2026',
      'Office_Laser accepting requests since Sat Nov 28 03:36:59 2026',
      'Old_Brother accepting requests since Sat Nov 28 03:38:05 2026',
      'Spare not accepting requests since Sat Nov 28 03:38:05 2026 -',
      '\tRejecting jobs for maintenance',
      '',
    ].join('\n');
    expect(parseLpstat(out)).toEqual([
      { name: 'Zebra_ZD421', isDefault: true, state: 'idle', message: null },
      { name: 'Office_Laser', isDefault: false, state: 'printing', message: null },
      { name: 'Old_Brother', isDefault: false, state: 'stopped', message: 'Paper out' },
      { name: 'Spare', isDefault: false, state: 'rejecting', message: 'Not accepting jobs: Rejecting jobs for maintenance' },
    ]);
  });

  it('has no default when lpstat says so', () => {
    const out = 'printer A is idle.  enabled since Sat Nov 28 03:36:59 2026\nno system default destination\n';
    expect(parseLpstat(out)).toEqual([{ name: 'A', isDefault: false, state: 'idle', message: null }]);
  });

  it('an unknown state line still lists the printer', () => {
    expect(parseLpstat('printer Weird is something new\n')).toEqual([{ name: 'Weird', isDefault: false, state: 'unknown', message: null }]);
  });

  it('no printers at all is an empty list, not an error', async () => {
    const run: RunCommand = async () => ({
      code: 1,
      stdout: 'no system default destination\n',
      stderr: 'lpstat: No destinations added.\n',
    });
    await expect(createCupsBackend({ run }).listPrinters()).resolves.toEqual([]);
  });

  it('runs lpstat -p -d -a under LC_ALL=C', async () => {
    const calls: { args: readonly string[]; lc?: string }[] = [];
    const run: RunCommand = async (_program, args, { env }) => {
      calls.push({ args, lc: env.LC_ALL });
      return { code: 0, stdout: 'printer A is idle.  enabled since x\nsystem default destination: A\n', stderr: '' };
    };
    await expect(createCupsBackend({ run, env: { LC_ALL: 'ja_JP.UTF-8' } }).listPrinters()).resolves.toEqual([
      { name: 'A', isDefault: true, state: 'idle', message: null },
    ]);
    expect(calls).toEqual([{ args: ['-p', '-d', '-a'], lc: 'C' }]);
  });

  it('a stopped scheduler is printing_unavailable', async () => {
    const run: RunCommand = async (_program, args) =>
      args[0] === '-r'
        ? { code: 0, stdout: 'scheduler is not running\n', stderr: '' }
        : { code: 1, stdout: '', stderr: 'lpstat: Scheduler is not running.\n' };
    await expect(createCupsBackend({ run }).listPrinters()).rejects.toMatchObject({ code: 'printing_unavailable' });
  });
});

describe('Windows adapter (pdf-to-printer)', () => {
  it.each([
    ['4x6in', undefined],
    ['100x150mm', undefined],
    ['A6', 'A6'],
  ] as const)('prints %s stock unscaled, portrait and silent on the named printer', (labelSize, paperSize) => {
    const options = windowsPrintOptions({ printer: 'ZDesigner ZD421-203dpi ZPL', copies: 2, labelSize });
    expect(options).toEqual({
      printer: 'ZDesigner ZD421-203dpi ZPL',
      scale: 'noscale',
      orientation: 'portrait',
      copies: 2,
      silent: true,
      ...(paperSize ? { paperSize } : {}),
    });
    if (!paperSize) expect(options).not.toHaveProperty('paperSize');
  });

  it.each([
    ['A4', 'A4'],
    ['Letter', 'letter'],
  ] as const)('labels on %s paper: that paper, still noscale', (sheet, paperSize) => {
    expect(windowsPrintOptions({ printer: 'Office', copies: 1, labelSize: '4x6in', sheet })).toMatchObject({ paperSize, scale: 'noscale' });
  });

  it('prints a temporary file holding exactly the PDF, then removes it', async () => {
    const tempDir = mkdtempSync(join(tmpdir(), 'ffs-win-print-'));
    const printed: { path: string; bytes: Buffer; options: unknown }[] = [];
    const backend = createWindowsBackend({
      print: async (path, options) => {
        printed.push({ path, bytes: readFileSync(path), options });
      },
      getPrinters: async () => [{ deviceId: 'z', name: 'Zebra' }],
      getDefaultPrinter: async () => null,
      tempDir,
    });
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 1, 2, 3]);
    await expect(backend.print({ printer: 'Zebra', title: 't', copies: 1, labelSize: '4x6in', pdf })).resolves.toEqual({ osJobId: null });
    expect(printed).toHaveLength(1);
    expect(printed[0]!.bytes.equals(Buffer.from(pdf))).toBe(true);
    expect(printed[0]!.options).toEqual(windowsPrintOptions({ printer: 'Zebra', copies: 1, labelSize: '4x6in' }));
    expect(readdirSync(tempDir)).toEqual([]);
  });

  it('a printer Windows does not know is printer_not_found; other failures keep the OS message', async () => {
    const backend = (names: string[]) =>
      createWindowsBackend({
        print: async () => {
          throw new Error('Command failed: SumatraPDF.exe printing failed');
        },
        getPrinters: async () => names.map((name) => ({ deviceId: name, name })),
        getDefaultPrinter: async () => null,
      });
    const request = { printer: 'Zebra', title: 't', copies: 1, labelSize: '4x6in' as const, pdf: new Uint8Array(4) };
    await expect(backend([]).print(request)).rejects.toMatchObject({ code: 'printer_not_found' });
    await expect(backend(['Zebra']).print(request)).rejects.toMatchObject({
      code: 'print_failed',
      message: expect.stringContaining('SumatraPDF.exe printing failed'),
    });
  });

  it('lists printers with the default marked; state is unknown on Windows', async () => {
    const backend = createWindowsBackend({
      print: async () => {},
      getPrinters: async () => [
        { deviceId: 'a', name: 'Zebra' },
        { deviceId: 'b', name: 'Office' },
      ],
      getDefaultPrinter: async () => ({ deviceId: 'b', name: 'Office' }),
    });
    await expect(backend.listPrinters()).resolves.toEqual([
      { name: 'Zebra', isDefault: false, state: 'unknown', message: null },
      { name: 'Office', isDefault: true, state: 'unknown', message: null },
    ]);
  });
});

describe('printer profile', () => {
  it('defaults to 4x6 in at 203 dpi, portrait, no offsets, no auto-print', () => {
    expect(PrinterProfile.parse({ id: 'p1', name: 'Labels', printer: 'Zebra', role: 'labels' })).toEqual({
      id: 'p1',
      name: 'Labels',
      printer: 'Zebra',
      role: 'labels',
      labelSize: '4x6in',
      paper: 'label',
      labelsPerSheet: 1,
      dpi: 203,
      orientation: 'portrait',
      offsetXmm: 0,
      offsetYmm: 0,
      autoPrint: false,
    });
  });

  it('refuses an unknown DPI or stock', () => {
    expect(PrinterProfile.safeParse({ id: 'p', name: 'n', printer: 'x', role: 'labels', dpi: 600 }).success).toBe(false);
    expect(PrinterProfile.safeParse({ id: 'p', name: 'n', printer: 'x', role: 'labels', labelSize: 'Letter' }).success).toBe(false);
  });
});
