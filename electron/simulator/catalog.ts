/**
 * Couriers and products the simulator offers (GET /couriers, GET /products). The real payloads
 * are undocumented (docs/api-contract.md §9, §10); these shapes are the simulator's choice, see README.md.
 */

export type Locale = 'en' | 'ja' | 'zh';
type Localised = Record<Locale, string>;

export interface CourierInfo {
  code: string;
  name: Localised;
  /** Name used in courier error messages ("YunExpress API returned HTTP 400: …"). */
  apiName: string;
  /** Where parcels start when the request has no shipFrom. */
  hub: { city: string; state: string; countryRegion: string; facility: string };
}

export interface ProductInfo {
  code: string;
  courier: string;
  name: Localised;
}

export const COURIERS: readonly CourierInfo[] = [
  {
    code: 'yunexpress',
    name: { en: 'YunExpress', ja: 'YunExpress（雲途物流）', zh: '云途物流' },
    apiName: 'YunExpress',
    hub: { city: 'Shenzhen', state: 'Guangdong', countryRegion: 'CN', facility: 'Shenzhen Sorting Center' },
  },
  {
    code: 'sfexpress',
    name: { en: 'SF Express', ja: 'SFエクスプレス', zh: '顺丰速运' },
    apiName: 'SF Express',
    hub: { city: 'Shenzhen', state: 'Guangdong', countryRegion: 'CN', facility: 'SF Shenzhen Hub' },
  },
  {
    code: 'yamato',
    name: { en: 'Yamato Transport', ja: 'ヤマト運輸', zh: '大和运输' },
    apiName: 'Yamato',
    hub: { city: 'Tokyo', state: 'Tokyo', countryRegion: 'JP', facility: 'Haneda Chronogate' },
  },
  {
    code: 'japanpost',
    name: { en: 'Japan Post', ja: '日本郵便', zh: '日本邮政' },
    apiName: 'Japan Post',
    hub: { city: 'Tokyo', state: 'Tokyo', countryRegion: 'JP', facility: 'Tokyo International Post Office' },
  },
];

export const PRODUCTS: readonly ProductInfo[] = [
  { code: 'YEXP01', courier: 'yunexpress', name: { en: 'Yun Express Standard', ja: 'Yunエクスプレス スタンダード', zh: '云途标准快递' } },
  { code: 'JPTHZXR', courier: 'yunexpress', name: { en: 'Japan Line, tracked', ja: '日本専線（追跡あり）', zh: '日本专线挂号' } },
  { code: 'HKMUZXR', courier: 'yunexpress', name: { en: 'Hong Kong Line, tracked', ja: '香港専線（追跡あり）', zh: '香港专线挂号' } },
  { code: 'SFIE', courier: 'sfexpress', name: { en: 'SF International Express', ja: 'SF国際エクスプレス', zh: '顺丰国际特快' } },
  { code: 'SFIS', courier: 'sfexpress', name: { en: 'SF International Standard', ja: 'SF国際スタンダード', zh: '顺丰国际标快' } },
  { code: 'TAQBIN', courier: 'yamato', name: { en: 'TA-Q-BIN', ja: '宅急便', zh: '宅急便' } },
  { code: 'TAQBIN_COMPACT', courier: 'yamato', name: { en: 'TA-Q-BIN Compact', ja: '宅急便コンパクト', zh: '宅急便紧凑型' } },
  { code: 'NEKOPOS', courier: 'yamato', name: { en: 'Nekopos (small parcel)', ja: 'ネコポス', zh: '猫邮小包' } },
  {
    code: 'EMS',
    courier: 'japanpost',
    name: { en: 'EMS (Express Mail Service)', ja: '国際スピード郵便（EMS）', zh: '国际特快专递（EMS）' },
  },
  { code: 'EPACKET', courier: 'japanpost', name: { en: 'International ePacket', ja: '国際eパケット', zh: '国际e小包' } },
];

/** Maps a `locale` query value (ja, ja-JP, zh-Hans, zh_TW, en-GB, …) to a name language. */
export function pickLocale(locale: string | undefined): Locale {
  const lang = (locale ?? '').toLowerCase().split(/[-_]/)[0];
  return lang === 'ja' || lang === 'zh' ? lang : 'en';
}

export const findCourier = (code: string): CourierInfo | undefined => COURIERS.find((c) => c.code === code);

export const productsOf = (courier: string): ProductInfo[] => PRODUCTS.filter((p) => p.courier === courier);
