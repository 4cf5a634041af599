import { afterAll, describe, expect, it } from 'vitest';
import type { PrintBackend } from '../../electron/core/printing/print-service';
import type { Language } from '../../shared/i18n/languages';
import { controlledDemo } from '../fixtures/label-drafts';
import { stationCsv, type StationOrder } from '../fixtures/station-orders';
import { createTestStation } from '../support/test-station';

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

const printBackend: PrintBackend = {
  kind: 'cups',
  listPrinters: async () => [],
  print: async (request) => ({ osJobId: `${request.printer}-1` }),
};

const ORDERS: StationOrder[] = [
  { orderNumber: 'I18N-1001' },
  { orderNumber: 'I18N-NOWEIGHT', weight: '' },
  { orderNumber: 'I18N-BADPOSTAL', postalCode: '' },
];
const base64 = (text: string) => Buffer.from(text).toString('base64');

/** A real station (the Demo simulator, a recording printer) in `language`, with the orders imported through the import worker. */
async function stationIn(language: Language) {
  const { sim, startDemo } = await controlledDemo();
  cleanup.push(() => sim.close());
  const station = createTestStation({ startDemo, printBackend });
  cleanup.push(() => station.close());
  const { client } = station;
  await client.env.switch({ environment: 'demo' });
  await client.printers.saveProfile({ name: 'Desk printer', printer: 'desk-queue', role: 'labels' });
  expect((await client.settings.setPreferences({ language })).ok).toBe(true);
  const imported = await client.batch.import({ fileName: 'today.csv', base64: base64(stationCsv(ORDERS)) });
  if (!imported.ok) throw new Error(`${imported.error.code}: ${imported.error.message}`);
  const scan = async (input: string) => {
    const answer = await client.scan.submit({ input });
    if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
    return answer.value.result;
  };
  return { client, preview: imported.value, scan };
}

// What each language must say: the words of shared/i18n/locales/<language>/{batch,scan}.json,
// spelled out here so that a sentence left in English (or the worker writing in English) fails.
const EXPECTED = {
  ja: {
    issueRow: /^\d+ 行目「Postal code」: /,
    unknown: '不明な注文 NOPE-404',
    notAmong: '取り込み済みの注文 3 件（today.csv）にありません。バーコードを確認するか、この注文を含むファイルを取り込んでください。',
    weigh: '注文 I18N-NOWEIGHT の重量を量ってください',
    weighMessage: 'この注文には重量がありません。荷物をはかりに載せるか、重量を kg で入力して Enter を押してください。',
    cannotSend: '注文 I18N-BADPOSTAL を送信できません',
    fixInBatch: '一括作成（取り込みプレビュー）で直して、もう一度スキャンしてください。',
    empty: 'このファイルは空です。注文をもう一度書き出すか、別のファイルを選んでください。',
    mappingIncomplete: '先に 注文番号 に列を対応付けてください。',
  },
  'zh-Hant': {
    issueRow: /^第 \d+ 列，Postal code：/,
    unknown: '找不到訂單 NOPE-404',
    notAmong: '不在已匯入的 3 筆訂單中（today.csv）。請檢查條碼，或匯入包含此訂單的檔案。',
    weigh: '請為訂單 I18N-NOWEIGHT 秤重',
    weighMessage: '此訂單沒有重量。請將包裹放上磅秤，或以 kg 輸入重量，再按 Enter。',
    cannotSend: '訂單 I18N-BADPOSTAL 無法送出',
    fixInBatch: '請在批次（匯入預覽）中修正後再掃描。',
    empty: '這個檔案是空的。請重新匯出訂單，或選擇其他檔案。',
    mappingIncomplete: '請先為 訂單編號 指定欄位。',
  },
} as const;

describe.each(Object.keys(EXPECTED) as (keyof typeof EXPECTED)[])('Batch and station mode in %s', (language) => {
  const expected = EXPECTED[language];

  it('the import preview, its issues and its errors are in the operator’s language; the importer still matches the English headers', async () => {
    const { client, preview } = await stationIn(language);
    // The file's own (English) headers still map by themselves: only the words a person reads change.
    expect(preview.missingText).toBeNull();
    expect(preview.counts).toMatchObject({ orders: 3, withIssues: 2 });
    const bad = preview.orders.find((o) => o.orderNumber === 'I18N-BADPOSTAL')!;
    expect(bad.issues[0]!.message).toMatch(expected.issueRow);

    // An error from the worker thread (it reads the file) and one from main (the mapping), same codes as in English.
    const empty = await client.batch.import({ fileName: 'empty.csv', base64: base64('\r\n') });
    expect(empty).toMatchObject({ ok: false, error: { code: 'csv_empty', message: expected.empty } });
    const unmapped = await client.batch.preview({ importId: preview.importId, mapping: { ...preview.mapping, orderNumber: null } });
    expect(unmapped.ok && unmapped.value.missingText).toBe(language === 'ja' ? '注文番号' : '訂單編號');
    const start = await client.batch.start({ importId: preview.importId, includeAlreadyLabelled: false, printWhenDone: false });
    expect(start).toMatchObject({ ok: false, error: { code: 'batch_mapping_incomplete', message: expected.mappingIncomplete } });
  });

  it('station mode answers in the operator’s language: not found, the weight question, an order that cannot be sent', async () => {
    const { scan } = await stationIn(language);
    const unknown = await scan('NOPE-404');
    expect(unknown).toMatchObject({ status: 'unknown_order', title: expected.unknown, message: expected.notAmong });
    const weigh = await scan('I18N-NOWEIGHT');
    expect(weigh).toMatchObject({ status: 'needs_weight', title: expected.weigh, message: expected.weighMessage });
    const bad = await scan('I18N-BADPOSTAL');
    expect(bad.status).toBe('validation');
    expect(bad.title).toBe(expected.cannotSend);
    // The issue's sentence, then what to do.
    expect(bad.message).toMatch(expected.issueRow);
    expect(bad.message.endsWith(expected.fixInBatch)).toBe(true);
  });
});
