import { describe, expect, it } from 'vitest';
import { LabelDraft } from '../../shared/domain/label-draft';
import { CreateLabelRequest } from '../../shared/flexforward/schemas';
import { schemaMessages } from '../../shared/flexforward/schema-messages';
import { tIn, translateStationMessage, setStationLanguage } from '../../electron/core/i18n';
import { issuesToFields } from '../../shared/ipc/result';
import { labelDraft } from '../fixtures/label-drafts';

/**
 * The request schemas speak the API's English (the simulator answers with their messages); each
 * message is registered under a catalogue key so that an operator reads it in their language
 * (shared/flexforward/schema-messages.ts).
 */

/** A draft with something wrong in most fields the schemas check. */
function brokenDraft(): unknown {
  const draft: unknown = structuredClone(labelDraft('SCHEMA-1'));
  const set = (path: string, value: unknown) => {
    const parts = path.split('.');
    let node = draft as Record<string, unknown>;
    for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
    node[parts.at(-1)!] = value;
  };
  set('shipment.shipTo.contact.firstName', ' ');
  set('shipment.shipTo.contact.phone', 81312345678);
  set('shipment.shipTo.contact.email', 'not-an-email');
  set('shipment.shipTo.contact.nickname', 'x');
  set('shipment.shipTo.address.streetLines', []);
  set('shipment.shipTo.address.postalCode', undefined);
  set('shipment.shipTo.address.countryCode', 'Japan');
  set('shipment.parcels.0.weight', 0);
  set('shipment.parcels.0.dimension.length', 'ten');
  set('shipment.parcels.0.items.0.quantity', 1.5);
  set('shipment.parcels.0.items.0.unitPrice', { amount: -1, currency: 'yen' });
  set('label', { format: 'GIF' });
  set('units', { weight: 'G', dimension: 'MM' });
  set('customs', { contents: 'gift', nested: { a: { b: { c: { d: { e: { f: { g: { h: 1 } } } } } } } } });
  set('pickup', ['not', 'an', 'object']);
  set('serviceOptions', [{ code: 'INSURANCE', value: () => 1 }]);
  return draft;
}

const fieldsOf = (language: 'en' | 'ja' | 'zh-Hans' | 'zh-Hant') => {
  setStationLanguage(language);
  const parsed = LabelDraft.safeParse(brokenDraft());
  if (parsed.success) throw new Error('the broken draft passed');
  return Object.fromEntries(Object.entries(issuesToFields(parsed.error.issues)).map(([k, v]) => [k, translateStationMessage(v)]));
};

describe('request schema messages in the operator’s language', () => {
  it('each message the schemas give is the English catalogue’s sentence, word for word (what the API and the simulator say)', () => {
    CreateLabelRequest.safeParse(brokenDraft());
    const registered = schemaMessages();
    expect(registered.length).toBeGreaterThan(15);
    const en = tIn('en') as unknown as (key: string, values?: Record<string, string>) => string;
    for (const [english, { key, values }] of registered) {
      const named = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.startsWith('errors:') ? en(v) : v]));
      expect(en(key, named), key).toBe(english);
    }
  });

  it('a broken draft’s field messages read in English, Japanese, Simplified and Traditional Chinese', () => {
    try {
      const english = fieldsOf('en');
      expect(english).toMatchObject({
        'shipment.shipTo.contact.firstName': 'First name must not be empty.',
        'shipment.shipTo.address.postalCode': 'Postal code is required.',
        'shipment.parcels[0].weight': 'Weight must be greater than 0.',
        'shipment.shipTo.contact': 'Contact has an unknown field: "nickname".',
      });
      expect(fieldsOf('ja')).toMatchObject({
        'shipment.shipTo.contact.firstName': '「名」を入力してください。',
        'shipment.shipTo.address.postalCode': '「郵便番号」は必須です。',
        'shipment.parcels[0].weight': '「重量」は 0 より大きい値にしてください。',
        'shipment.shipTo.contact': '「連絡先」に不明な項目があります: "nickname"。',
        'shipment.shipTo.address.streetLines': '住所を 1 行以上入力してください。',
      });
      expect(fieldsOf('zh-Hans')).toMatchObject({
        'shipment.shipTo.contact.firstName': '请填写“名”。',
        'shipment.shipTo.address.postalCode': '“邮政编码”为必填项。',
        'shipment.parcels[0].items[0].quantity': '数量必须是整数。',
      });
      const traditional = fieldsOf('zh-Hant');
      expect(traditional).toMatchObject({
        'shipment.shipTo.address.postalCode': '「郵遞區號」為必填。',
        'shipment.parcels[0].items[0].unitPrice.amount': '金額不可為負數。',
        'label.format': '標籤格式必須是 PDF 或 PNG。',
        customs: '「報關資訊」巢狀層級過深（最多 8 層）。',
        pickup: '「攬收」的格式不正確。',
      });
      // Every message of the broken draft is translated: none is left in English.
      for (const [path, message] of Object.entries(traditional)) expect(message, path).not.toMatch(/[A-Za-z]{2,}( [A-Za-z]{2,}){2,}/);
    } finally {
      setStationLanguage('en');
    }
  });
});
