import { ISO_COUNTRY_CODES } from '../../../../shared/flexforward/iso-codes';

/**
 * Country names and aliases as shop exports write them (Shopify and eBay write "United States",
 * Japanese platforms 米国 or アメリカ, Chinese ones 美国), by ISO code. Compared after `key`, so
 * case, dots, spaces and full-width forms do not matter. Shared kanji/hanzi names (中国, 英国, 日本)
 * appear once.
 */
const NAMES: Record<string, readonly string[]> = {
  US: [
    'United States',
    'United States of America',
    'USA',
    'U.S.A.',
    'U.S.',
    'America',
    'アメリカ合衆国',
    'アメリカ',
    '米国',
    '美国',
    '美利坚合众国',
  ],
  CA: ['Canada', 'カナダ', '加拿大'],
  MX: ['Mexico', 'México', 'メキシコ', '墨西哥'],
  GB: [
    'United Kingdom',
    'UK',
    'U.K.',
    'Great Britain',
    'Britain',
    'England',
    'Scotland',
    'Wales',
    'Northern Ireland',
    'イギリス',
    '英国',
    '英國',
    '連合王国',
  ],
  IE: ['Ireland', 'アイルランド', '爱尔兰'],
  DE: ['Germany', 'Deutschland', 'ドイツ', '德国', '德國'],
  FR: ['France', 'フランス', '法国', '法國'],
  IT: ['Italy', 'Italia', 'イタリア', '意大利'],
  ES: ['Spain', 'España', 'スペイン', '西班牙'],
  PT: ['Portugal', 'ポルトガル', '葡萄牙'],
  NL: ['Netherlands', 'The Netherlands', 'Holland', 'Nederland', 'オランダ', '荷兰', '荷蘭'],
  BE: ['Belgium', 'België', 'Belgique', 'ベルギー', '比利时', '比利時'],
  LU: ['Luxembourg', 'ルクセンブルク', '卢森堡'],
  CH: ['Switzerland', 'Schweiz', 'Suisse', 'スイス', '瑞士'],
  AT: ['Austria', 'Österreich', 'オーストリア', '奥地利'],
  DK: ['Denmark', 'Danmark', 'デンマーク', '丹麦'],
  SE: ['Sweden', 'Sverige', 'スウェーデン', '瑞典'],
  NO: ['Norway', 'Norge', 'ノルウェー', '挪威'],
  FI: ['Finland', 'Suomi', 'フィンランド', '芬兰'],
  IS: ['Iceland', 'アイスランド', '冰岛'],
  PL: ['Poland', 'Polska', 'ポーランド', '波兰'],
  CZ: ['Czech Republic', 'Czechia', 'チェコ', '捷克'],
  SK: ['Slovakia', 'スロバキア', '斯洛伐克'],
  HU: ['Hungary', 'ハンガリー', '匈牙利'],
  RO: ['Romania', 'ルーマニア', '罗马尼亚'],
  BG: ['Bulgaria', 'ブルガリア', '保加利亚'],
  GR: ['Greece', 'ギリシャ', '希腊'],
  HR: ['Croatia', 'クロアチア', '克罗地亚'],
  SI: ['Slovenia', 'スロベニア', '斯洛文尼亚'],
  EE: ['Estonia', 'エストニア', '爱沙尼亚'],
  LV: ['Latvia', 'ラトビア', '拉脱维亚'],
  LT: ['Lithuania', 'リトアニア', '立陶宛'],
  UA: ['Ukraine', 'ウクライナ', '乌克兰'],
  RU: ['Russia', 'Russian Federation', 'ロシア', '俄罗斯'],
  TR: ['Turkey', 'Türkiye', 'トルコ', '土耳其'],
  IL: ['Israel', 'イスラエル', '以色列'],
  AE: ['United Arab Emirates', 'UAE', 'アラブ首長国連邦', '阿联酋'],
  SA: ['Saudi Arabia', 'サウジアラビア', '沙特阿拉伯'],
  IN: ['India', 'インド', '印度'],
  PK: ['Pakistan', 'パキスタン', '巴基斯坦'],
  BD: ['Bangladesh', 'バングラデシュ', '孟加拉国'],
  LK: ['Sri Lanka', 'スリランカ', '斯里兰卡'],
  NP: ['Nepal', 'ネパール', '尼泊尔'],
  CN: ['China', "People's Republic of China", 'PRC', 'Mainland China', '中国', '中華人民共和国', '中华人民共和国', '中国大陆', '中國'],
  HK: ['Hong Kong', 'Hong Kong SAR', 'Hong Kong SAR China', '香港', '中国香港'],
  MO: ['Macau', 'Macao', 'マカオ', '澳门', '澳門', '中国澳门'],
  TW: ['Taiwan', 'Taiwan, Province of China', 'Republic of China', '台湾', '臺灣', '台灣', '中国台湾'],
  JP: ['Japan', 'Nippon', '日本', '日本国'],
  KR: ['South Korea', 'Korea', 'Korea, Republic of', 'Republic of Korea', '韓国', '大韓民国', '韩国', '南韩'],
  MN: ['Mongolia', 'モンゴル', '蒙古'],
  SG: ['Singapore', 'シンガポール', '新加坡'],
  MY: ['Malaysia', 'マレーシア', '马来西亚', '馬來西亞'],
  TH: ['Thailand', 'タイ', '泰国', '泰國'],
  VN: ['Vietnam', 'Viet Nam', 'ベトナム', '越南'],
  PH: ['Philippines', 'フィリピン', '菲律宾', '菲律賓'],
  ID: ['Indonesia', 'インドネシア', '印度尼西亚', '印尼'],
  KH: ['Cambodia', 'カンボジア', '柬埔寨'],
  MM: ['Myanmar', 'Burma', 'ミャンマー', '缅甸'],
  LA: ['Laos', 'ラオス', '老挝'],
  AU: ['Australia', 'オーストラリア', '澳大利亚', '澳洲'],
  NZ: ['New Zealand', 'ニュージーランド', '新西兰'],
  BR: ['Brazil', 'Brasil', 'ブラジル', '巴西'],
  AR: ['Argentina', 'アルゼンチン', '阿根廷'],
  CL: ['Chile', 'チリ', '智利'],
  CO: ['Colombia', 'コロンビア', '哥伦比亚'],
  PE: ['Peru', 'ペルー', '秘鲁'],
  ZA: ['South Africa', '南アフリカ', '南非'],
  EG: ['Egypt', 'エジプト', '埃及'],
  NG: ['Nigeria', 'ナイジェリア', '尼日利亚'],
  KE: ['Kenya', 'ケニア', '肯尼亚'],
  MA: ['Morocco', 'モロッコ', '摩洛哥'],
  PR: ['Puerto Rico', 'プエルトリコ', '波多黎各'],
};

/** ISO 3166 alpha-3 codes of the same countries (some exports, e.g. Shopee's, write those). */
const ALPHA3: Record<string, string> = {
  USA: 'US',
  CAN: 'CA',
  MEX: 'MX',
  GBR: 'GB',
  IRL: 'IE',
  DEU: 'DE',
  FRA: 'FR',
  ITA: 'IT',
  ESP: 'ES',
  PRT: 'PT',
  NLD: 'NL',
  BEL: 'BE',
  LUX: 'LU',
  CHE: 'CH',
  AUT: 'AT',
  DNK: 'DK',
  SWE: 'SE',
  NOR: 'NO',
  FIN: 'FI',
  POL: 'PL',
  CZE: 'CZ',
  RUS: 'RU',
  TUR: 'TR',
  ISR: 'IL',
  ARE: 'AE',
  IND: 'IN',
  CHN: 'CN',
  HKG: 'HK',
  MAC: 'MO',
  TWN: 'TW',
  JPN: 'JP',
  KOR: 'KR',
  SGP: 'SG',
  MYS: 'MY',
  THA: 'TH',
  VNM: 'VN',
  PHL: 'PH',
  IDN: 'ID',
  AUS: 'AU',
  NZL: 'NZ',
  BRA: 'BR',
  ARG: 'AR',
  ZAF: 'ZA',
};

const key = (name: string) =>
  name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s.'’,()-]+/g, '');

const byName = new Map<string, string>();
for (const [code, names] of Object.entries(NAMES)) for (const name of names) byName.set(key(name), code);
const iso = new Set<string>(ISO_COUNTRY_CODES);

/**
 * A country cell → its ISO 3166 two-letter code: a code in any case ("us" → "US"), an alpha-3
 * code, or a name or alias in English, Japanese or Chinese. Anything else comes back as typed,
 * so the schema names it ("Use a two-letter ISO country code…") with the cell's text.
 */
export function toCountryCode(raw: string): string {
  const value = raw.normalize('NFKC').trim();
  if (value === '') return '';
  const upper = value.toUpperCase();
  if (iso.has(upper)) return upper;
  return ALPHA3[upper] ?? byName.get(key(value)) ?? value;
}
