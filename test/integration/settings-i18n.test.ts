import { afterAll, describe, expect, it } from 'vitest';
import { createTestStation } from '../support/test-station';

/**
 * Settings in the operator's language through a whole station (issue 17): a shared schema's
 * message (a catalogue key) comes back translated by main's dispatch, main's own sentences
 * follow the language chosen in Settings at once, and the error codes stay the same.
 */

const station = createTestStation();
afterAll(() => station.close());
const { client } = station;
const ACCOUNT = '3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f';
const base64 = (text: string) => Buffer.from(text).toString('base64');

async function speak(language: 'en' | 'ja' | 'zh-Hant') {
  const set = await client.settings.setPreferences({ language });
  expect(set.ok).toBe(true);
}

describe('Settings in Japanese and Traditional Chinese', () => {
  const cases = [
    {
      language: 'ja',
      accountName: 'アカウントに名前を付けてください。',
      accountId: '荷主アカウント ID は 3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f のような UUID です。',
      tokenEmpty: '先に APIトークンを貼り付けてください。',
      production: '本番環境',
      csvRow: '2 行目、HS code：HS コードは 6～10 桁の数字です（6109.10 や 6109100010 など）。（セルの値：「61A」）',
    },
    {
      language: 'zh-Hant',
      accountName: '請為帳戶命名。',
      accountId: '出貨帳戶 ID 是 UUID，例如 3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f。',
      tokenEmpty: '請先貼上 API 權杖。',
      production: '正式環境',
      csvRow: '第 2 列，HS code：HS 編碼為 6 到 10 位數字，例如 6109.10 或 6109100010。（儲存格內容為「61A」）',
    },
  ] as const;

  for (const c of cases) {
    it(`${c.language}: an account with no name, a bad ID, an empty token, an environment's name and a CSV row`, async () => {
      await speak(c.language);

      const noName = await client.accounts.add({ environment: 'development', id: ACCOUNT, name: '   ' });
      expect(noName).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { name: c.accountName } } });
      const badId = await client.accounts.add({ environment: 'development', id: 'not-a-uuid', name: 'Main' });
      expect(badId).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { id: c.accountId } } });

      const token = await client.token.set({ environment: 'development', token: '  ' });
      expect(token).toMatchObject({ ok: false, error: { code: 'token_empty', message: c.tokenEmpty, fields: { token: c.tokenEmpty } } });

      const view = await client.settings.get();
      expect(view.ok && view.value.environments.find((e) => e.id === 'production')?.label).toBe(c.production);

      const csv = ['SKU,English description,HS code', 'A-1,Socks,61A'].join('\r\n');
      const imported = await client.skuCatalogue.importCsv({ fileName: 'p.csv', base64: base64(csv) });
      expect(imported.ok && imported.value.issues.map((i) => i.message)).toEqual([c.csvRow]);
    });
  }

  it('back in English, the same requests answer in English with the same codes', async () => {
    await speak('en');
    const noName = await client.accounts.add({ environment: 'development', id: ACCOUNT, name: '' });
    expect(noName).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { name: 'Give the account a name.' } } });
    const info = await client.app.info();
    expect(info.ok && info.value.environment.label).toBe('Development');
  });
});
