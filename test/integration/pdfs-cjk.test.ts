import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer } from '../../electron/core/demo-server';
import { setStationLanguage } from '../../electron/core/i18n';
import { calibrationLabel } from '../../electron/core/printing/label-pdf';
import { commandSheetPdf } from '../../electron/core/scan/command-sheet';
import type { Language } from '../../shared/i18n/languages';
import { call, createLabel, validBody, type AnyJson } from './simulator-test-helpers';
import { hasTool } from '../support/tools';
import { DEMO_TOKEN } from '../../electron/simulator';

/**
 * Japanese and Chinese text in every PDF the station draws, read back the way poppler reads it:
 * the Demo label of the embedded simulator (a Japanese address), the calibration label (a
 * Japanese or Chinese printer name) and the command-barcode sheet, each in the station's language.
 */

const skipReason = !hasTool('pdftotext') && process.env.FFS_TEST_SESSION !== '1' ? 'pdftotext not installed (poppler-utils)' : null;
if (skipReason) console.warn(`pdfs-cjk.test.ts skipped: ${skipReason}`);

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ffs-pdfs-cjk-'));
});
afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});
afterEach(() => setStationLanguage('en'));

let files = 0;
function textOf(bytes: Uint8Array): string {
  const file = join(tmp, `doc-${++files}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
}

/** A Demo label for 山田 太郎 at 〒150-0001 東京都渋谷区神宮前1-2-3, fetched from the embedded simulator like the station fetches it. */
async function demoLabelText(language: Language): Promise<{ text: string; tracking: string }> {
  setStationLanguage(language);
  const demo = await startDemoServer({ clock: { timeZone: 'Asia/Tokyo', locale: 'ja-JP' } });
  try {
    const body = validBody({ orderNumber: 'JP-渋谷-1' }) as AnyJson;
    body.shipment.shipTo.contact = { firstName: '太郎', lastName: '山田', phone: '03-1234-5678' };
    body.shipment.shipTo.address = {
      streetLines: ['神宮前1-2-3'],
      city: '渋谷区',
      state: '東京都',
      postalCode: '150-0001',
      countryCode: 'JP',
    };
    const created = await createLabel(demo.url, DEMO_TOKEN, body);
    expect(created.status).toBe(201);
    const doc = await call(demo.url, 'GET', `/labels/${created.json.id}`, { token: DEMO_TOKEN });
    const res = await fetch(doc.json.url);
    expect(res.status).toBe(200);
    return { text: textOf(new Uint8Array(await res.arrayBuffer())), tracking: created.json.courierTrackingNumber };
  } finally {
    await demo.close();
  }
}

const PROFILE = { labelSize: '4x6in', dpi: 203, orientation: 'portrait', offsetXmm: 0, offsetYmm: 0 } as const;

describe.skipIf(skipReason !== null)('CJK text in the PDFs the station draws', () => {
  it('the Demo label prints a Japanese address and name as written, in Japanese order', async () => {
    const { text, tracking } = await demoLabelText('en');
    expect(text).toContain('山田 太郎');
    expect(text).toContain('〒150-0001');
    expect(text).toContain('東京都渋谷区');
    expect(text).toContain('神宮前1-2-3');
    expect(text).toContain('JP-渋谷-1');
    expect(text).toContain(tracking);
    expect(text).not.toMatch(/\?\s*\?/);
    // The address reads from the postal code down.
    expect(text.indexOf('〒150-0001')).toBeLessThan(text.indexOf('東京都渋谷区'));
    expect(text.indexOf('東京都渋谷区')).toBeLessThan(text.indexOf('神宮前1-2-3'));
    expect(text).toContain('SHIP TO');
  });

  it('the Demo label speaks the station language: Japanese words in ja', async () => {
    const { text } = await demoLabelText('ja');
    for (const word of ['差出人', 'お届け先', '追跡番号', '注文番号: JP-渋谷-1', 'デモ用ラベルです']) expect(text).toContain(word);
    expect(text).not.toContain('SHIP TO');
    expect(text).toContain('山田 太郎');
    // The time in the station's format (ja-JP, Tokyo: the fixed clock of the simulator is not used here, only its shape).
    expect(text).toMatch(/作成日時: \d{4}\/\d{1,2}\/\d{1,2}/);
  });

  it('the Demo label in zh-Hant uses Taiwan words', async () => {
    const { text } = await demoLabelText('zh-Hant');
    for (const word of ['寄件人', '收件人', '追蹤號碼', '示範標籤']) expect(text).toContain(word);
  });

  it('the calibration label prints a Japanese or Chinese printer name, and its words in the station language', async () => {
    const english = textOf(await calibrationLabel(PROFILE, 'ラベルプリンター 1号'));
    expect(english).toContain('Printer: ラベルプリンター 1号');
    expect(english).toContain('Flex Forward Station calibration');

    setStationLanguage('ja');
    const japanese = textOf(await calibrationLabel({ ...PROFILE, paper: 'A4', labelsPerSheet: 2 }, '倉庫 2 階の印刷機'));
    expect(japanese).toContain('プリンター: 倉庫 2 階の印刷機');
    expect(japanese).toContain('位置調整ラベル');
    expect(japanese).toContain('1 枚に 2 ラベル');
    expect(japanese).not.toContain('Printer:');

    setStationLanguage('zh-Hans');
    const chinese = textOf(await calibrationLabel(PROFILE, '仓库打印机'));
    expect(chinese).toContain('打印机: 仓库打印机');
    expect(chinese).toContain('校准面单');
  });

  it('the command-barcode sheet is in the station language, Japanese and Chinese included', async () => {
    setStationLanguage('ja');
    const japanese = textOf(await commandSheetPdf());
    for (const word of ['コマンドバーコード', '直前のラベルを再印刷', 'ステーションモードを終了', 'FFSCMD-REPRINT-LAST'])
      expect(japanese).toContain(word);
    expect(japanese).not.toContain('Reprint last label');

    setStationLanguage('zh-Hant');
    const chinese = textOf(await commandSheetPdf({ paper: 'letter' }));
    for (const word of ['指令條碼', '重新列印上一張標籤', '離開工作站模式', 'FFSCMD-LEAVE']) expect(chinese).toContain(word);
  });
});
