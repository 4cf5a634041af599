import { afterEach, describe, expect, it } from 'vitest';
import { createTestStation } from '../support/test-station';
import { closedPort } from '../support/closed-port';

// An operator error built in main keeps its stable code in every language; its sentence follows
// the station's language (Settings → Language), switched without a restart.

const TOKEN = 'ff_dev_i18n_errors_token_7e2a';
const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((f) => f()));
});

async function offlineStation(systemLocale = 'en-US') {
  const station = createTestStation({ systemLocale, connectionProbeEveryMs: 60_000 });
  cleanup.push(() => station.close());
  const { client } = station;
  await client.env.setBaseUrl({ environment: 'development', baseUrl: `http://127.0.0.1:${await closedPort()}` });
  await client.token.set({ environment: 'development', token: TOKEN, allowUnverified: true });
  await client.env.switch({ environment: 'development' });
  return station;
}

describe('operator errors from main in the operator’s language', () => {
  it('“nothing was sent” in English, Japanese and Traditional Chinese, with the same code', async () => {
    const station = await offlineStation();
    const english = await station.dispatch('catalog:couriers', {});
    expect(english).toMatchObject({ ok: false, error: { code: 'network', message: expect.stringMatching(/^Nothing was sent: /) } });

    await station.client.settings.setPreferences({ language: 'ja' });
    const japanese = await station.dispatch('catalog:couriers', { refresh: true });
    expect(japanese).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(!japanese.ok && japanese.error.message).toMatch(/^何も送信されていません。Flex Forward API に接続できませんでした（.+）。/);

    await station.client.settings.setPreferences({ language: 'zh-Hant' });
    const traditional = await station.dispatch('catalog:couriers', { refresh: true });
    expect(traditional).toMatchObject({ ok: false, error: { code: 'network' } });
    expect(!traditional.ok && traditional.error.message).toMatch(/^沒有送出任何資料：工作站無法連線到 Flex Forward API（.+）。/);
  });

  it('a printing refusal from main in Japanese and Traditional Chinese, with the same code', async () => {
    const station = createTestStation({ systemLocale: 'ja-JP' });
    cleanup.push(() => station.close());
    const ja = await station.dispatch('print:calibration', { id: 'no-such-profile' });
    expect(ja).toEqual({ ok: false, error: { code: 'no_printer_profile', message: 'そのプリンタープロファイルはもうありません。' } });
    await station.client.settings.setPreferences({ language: 'zh-Hant' });
    expect(await station.dispatch('print:calibration', { id: 'no-such-profile' })).toEqual({
      ok: false,
      error: { code: 'no_printer_profile', message: '該印表機設定檔已不存在。' },
    });
  });

  it('follows the operating system’s language until one is picked, and IPC refusals too', async () => {
    const station = createTestStation({ systemLocale: 'zh-TW' });
    cleanup.push(() => station.close());
    expect(await station.dispatch('app:info', undefined)).toMatchObject({
      ok: true,
      value: { language: 'zh-Hant', languageChosen: false },
    });
    expect(await station.dispatch('no:such-channel', {})).toEqual({
      ok: false,
      error: { code: 'unknown_channel', message: '此版本的工作站不支援這項請求。' },
    });
    await station.client.settings.setPreferences({ language: 'ja' });
    expect(await station.dispatch('app:info', undefined)).toMatchObject({
      ok: true,
      value: { language: 'ja', languageChosen: true, clock: { locale: 'ja-JP' } },
    });
    expect(await station.dispatch('no:such-channel', {})).toMatchObject({
      error: { message: 'このバージョンのステーションでは扱えない要求です。' },
    });
  });
});
