import { afterEach, describe, expect, it } from 'vitest';
import { controlledDemo, labelDraft } from '../fixtures/label-drafts';
import { createTestStation } from '../support/test-station';

/**
 * Operator errors built in main follow the operator's language (issue 17): the code stays the
 * same, the sentence is the station language's, through a real station (Demo mode, simulator).
 */
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((x) => x.close()));
});

async function demoStation(language: 'ja' | 'zh-Hant') {
  const { sim, startDemo } = await controlledDemo();
  const station = createTestStation({ startDemo });
  opened.push(station, sim);
  expect((await station.client.env.switch({ environment: 'demo' })).ok).toBe(true);
  expect((await station.client.settings.setPreferences({ language })).ok).toBe(true);
  return { sim, station };
}

/** A Japanese recipient, written as a Japanese operator types it. */
function japaneseDraft(orderNumber: string | null) {
  const draft = labelDraft(orderNumber);
  draft.shipment.shipTo = {
    contact: { firstName: '太郎', lastName: '山田', phone: '+81-3-1234-5678' },
    address: { streetLines: ['千代田1-1'], city: '千代田区', state: '東京都', postalCode: '100-0001', countryCode: 'JP' },
  };
  return draft;
}

describe('operator errors from main in the operator’s language', () => {
  it('ja: weight_implausible says the weight, the range and what to do in Japanese, on the field too', async () => {
    const { sim, station } = await demoStation('ja');
    const draft = japaneseDraft('W-JA');
    draft.shipment.parcels[0]!.weight = 120;
    const refused = await station.client.labels.create({ draft });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'weight_implausible',
        message:
          '120 kg は 0.01～30 kg の範囲外です。120 kg は品目の重量（0.6 kg）の 10 倍を超えています。' +
          '重量を確認してください。正しい場合は「この重量で正しい」にチェックを入れて、もう一度ラベルを作成してください。',
        fields: {
          'shipment.parcels[0].weight': '120 kg は 0.01～30 kg の範囲外です。120 kg は品目の重量（0.6 kg）の 10 倍を超えています。',
        },
      },
    });
    expect(sim.stats().labelsCreated).toBe(0);
  });

  it('zh-Hant: duplicate_shipment names the label with the recipient family name first, in Traditional Chinese', async () => {
    const { sim, station } = await demoStation('zh-Hant');
    const first = await station.client.labels.create({ draft: japaneseDraft(null) });
    expect(first).toMatchObject({ ok: true, value: { kind: 'created', label: { recipientName: '山田 太郎' } } });
    const again = await station.client.labels.create({ draft: japaneseDraft(null) });
    expect(again).toMatchObject({
      ok: false,
      error: {
        code: 'duplicate_shipment',
        message: expect.stringMatching(
          /^這個包裹已有標籤：山田 太郎，追蹤號碼 \S+，建立於 .+（標籤 \S+）。請重新列印該標籤；只有確實是第二個包裹時才再購買。$/,
        ),
        fields: { 'duplicateOf.recipientName': '山田 太郎' },
      },
    });
    expect(sim.stats().labelsCreated).toBe(1);
  });

  it('ja: a label the history lacks is said in Japanese; switched back, in English', async () => {
    const { station } = await demoStation('ja');
    const missing = await station.client.labels.draftOf({ id: 'no-such-label' });
    expect(missing).toMatchObject({
      ok: false,
      error: { code: 'label_not_found', message: 'そのラベルはこのステーションの履歴にありません。' },
    });
    await station.client.settings.setPreferences({ language: 'en' });
    expect(await station.client.labels.draftOf({ id: 'no-such-label' })).toMatchObject({
      ok: false,
      error: { code: 'label_not_found', message: 'That label is not in this station’s history.' },
    });
  });
});
