import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/logger';
import { createWindowsBackend, type WindowsPrinter } from '../../electron/core/printing/windows';
import { createTestStation } from '../support/test-station';

/**
 * On Windows a printer name goes to SumatraPDF, and a UNC name (\\server\share) makes Windows
 * contact that server. Only names Windows lists are accepted: when printing and when a
 * printer profile is saved. pdf-to-printer's functions are fakes, so this runs on any OS.
 */

const UNC = '\\\\attacker.example\\share';
const LISTED: WindowsPrinter[] = [
  { deviceId: 'zebra', name: 'ZDesigner ZD421-203dpi ZPL' },
  // A network printer the operator added in Windows is listed, UNC name and all.
  { deviceId: 'office', name: '\\\\printsrv\\Office A4' },
];

function fakeWindows(list: () => Promise<WindowsPrinter[]> = async () => LISTED) {
  const tempDir = mkdtempSync(join(tmpdir(), 'ffs-win-printers-'));
  const printed: string[] = [];
  const backend = createWindowsBackend({
    print: async (_path, options) => void printed.push(String(options?.printer)),
    getPrinters: list,
    getDefaultPrinter: async () => LISTED[0]!,
    tempDir,
  });
  return { backend, printed, tempDir };
}

const request = (printer: string) => ({
  printer,
  title: 't',
  copies: 1,
  labelSize: '4x6in' as const,
  pdf: new Uint8Array([0x25, 0x50, 0x44, 0x46]),
});

describe('Windows printing accepts only printers Windows lists', () => {
  it('refuses a UNC path before anything is written or started', async () => {
    const { backend, printed, tempDir } = fakeWindows();
    await expect(backend.print(request(UNC))).rejects.toMatchObject({
      code: 'printer_not_found',
      message: expect.stringContaining('not set up on this computer'),
    });
    await expect(backend.print(request('zdesigner zd421-203dpi zpl'))).rejects.toMatchObject({ code: 'printer_not_found' });
    expect(printed).toEqual([]);
    expect(readdirSync(tempDir)).toEqual([]);
    await expect(backend.checkPrinter!(UNC)).rejects.toMatchObject({ code: 'printer_not_found' });
  });

  it('prints on a listed printer, a network one included', async () => {
    const { backend, printed } = fakeWindows();
    await backend.print(request('ZDesigner ZD421-203dpi ZPL'));
    await backend.print(request('\\\\printsrv\\Office A4'));
    expect(printed).toEqual(['ZDesigner ZD421-203dpi ZPL', '\\\\printsrv\\Office A4']);
    await expect(backend.checkPrinter!('\\\\printsrv\\Office A4')).resolves.toBeUndefined();
  });

  it('a printer list Windows cannot give is printing_unavailable, and nothing is printed', async () => {
    const { backend, printed } = fakeWindows(async () => {
      throw new Error('Get-Printer failed');
    });
    await expect(backend.print(request('ZDesigner ZD421-203dpi ZPL'))).rejects.toMatchObject({
      code: 'printing_unavailable',
      message: expect.stringContaining('Get-Printer failed'),
    });
    expect(printed).toEqual([]);
  });
});

describe('a station on Windows', () => {
  it('refuses to save a printer profile for a printer Windows does not list, through dispatch', async () => {
    const { backend } = fakeWindows();
    const station = createTestStation({ printBackend: backend, logger: silentLogger });
    const before = await station.dispatch('settings:get', undefined);
    const refused = await station.dispatch('printers:saveProfile', { name: 'Desk', printer: UNC, role: 'labels' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'printer_not_found' } });
    expect(await station.dispatch('settings:get', undefined)).toEqual(before);

    const saved = await station.dispatch('printers:saveProfile', { name: 'Desk', printer: 'ZDesigner ZD421-203dpi ZPL', role: 'labels' });
    expect(saved).toMatchObject({ ok: true, value: { printerProfiles: [{ printer: 'ZDesigner ZD421-203dpi ZPL' }] } });
    await station.close();
  });

  it('a profile saved before the printer disappeared from Windows fails its job without reaching SumatraPDF', async () => {
    let listed = LISTED;
    const { backend, printed } = fakeWindows(async () => listed);
    const station = createTestStation({ printBackend: backend, logger: silentLogger });
    const saved = await station.dispatch('printers:saveProfile', { name: 'Office', printer: '\\\\printsrv\\Office A4', role: 'labels' });
    const id = saved.ok ? (saved.value as { printerProfiles: { id: string }[] }).printerProfiles[0]!.id : '';
    listed = LISTED.slice(0, 1);
    const job = await station.dispatch('print:calibration', { id });
    expect(job).toMatchObject({ ok: true, value: { state: 'failed', errorCode: 'printer_not_found' } });
    expect(printed).toEqual([]);
    await station.close();
  });
});
