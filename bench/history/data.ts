import { randomUUID } from 'node:crypto';
import type { EnvironmentId } from '../../shared/domain/environment';
import type { NewLabel } from '../../electron/core/labels/label-store';

/** Deterministic PRNG (mulberry32), so two runs build the same history. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const digits = (n: number) => Array.from({ length: n }, () => int(10)).join('');
  const letters = (n: number) => Array.from({ length: n }, () => String.fromCharCode(65 + int(26))).join('');
  return { next, int, pick, digits, letters };
}
export type Random = ReturnType<typeof random>;

const names: Record<string, { first: readonly string[]; last: readonly string[]; join: (f: string, l: string) => string }> = {
  english: {
    first: [
      'James',
      'Mary',
      'Robert',
      'Patricia',
      'John',
      'Jennifer',
      'Michael',
      'Linda',
      'David',
      'Elizabeth',
      'Sarah',
      'Thomas',
      'Emma',
      'Oliver',
      'Amelia',
      'Harry',
    ],
    last: [
      'Smith',
      'Johnson',
      'Williams',
      'Brown',
      'Jones',
      'Miller',
      'Davis',
      'Wilson',
      'Anderson',
      'Taylor',
      'Thomas',
      'Moore',
      'Jackson',
      'Martin',
      'Harrison',
      'Robinson',
    ],
    join: (f, l) => `${f} ${l}`,
  },
  european: {
    first: ['José', 'María', 'Zoë', 'Jürgen', 'Françoise', 'Søren', 'Łukasz', 'Ágnes', 'Chloé', 'Mathéo', 'Björn', 'Inés'],
    last: ['García', 'Müller', 'Lefèvre', 'Nørgaard', 'Kowalski', 'Rossi', 'Schröder', 'Fernández', 'Dubois', 'Nowak', 'Ødegård', 'Şahin'],
    join: (f, l) => `${f} ${l}`,
  },
  japanese: {
    first: ['太郎', '花子', '翔太', 'さくら', '健一', '由美', '大輔', '美咲', 'ヒロシ', '陽菜'],
    last: ['山田', '佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤'],
    join: (f, l) => `${l} ${f}`,
  },
  chinese: {
    first: ['伟', '芳', '娜', '秀英', '敏', '静', '磊', '洋'],
    last: ['王', '李', '张', '刘', '陈', '杨', '黄', '赵'],
    join: (f, l) => `${l}${f}`,
  },
  korean: { first: ['민준', '서연', '도윤', '지우', '하준'], last: ['김', '이', '박', '최', '정'], join: (f, l) => `${l}${f}` },
  cyrillic: {
    first: ['Иван', 'Анна', 'Дмитрий', 'Ольга', 'Сергей', 'Мария'],
    last: ['Иванов', 'Петрова', 'Смирнов', 'Кузнецова', 'Попов', 'Соколова'],
    join: (f, l) => `${f} ${l}`,
  },
};
const scripts = [
  ...Array<string>(45).fill('english'),
  ...Array<string>(20).fill('european'),
  ...Array<string>(15).fill('japanese'),
  ...Array<string>(10).fill('chinese'),
  ...Array<string>(5).fill('korean'),
  ...Array<string>(5).fill('cyrillic'),
];
const cities = [
  ['US', 'New York'],
  ['GB', 'London'],
  ['DE', 'Berlin'],
  ['FR', 'Paris'],
  ['JP', '東京'],
  ['JP', '大阪'],
  ['CN', '上海'],
  ['ES', 'Madrid'],
  ['PL', 'Kraków'],
  ['KR', '서울'],
  ['RU', 'Москва'],
] as const;
const couriers = ['yunexpress', 'yanwen', 'dhl', 'ups', 'fedex', 'usps', 'japan-post', 'sf-express'] as const;
const environments: readonly EnvironmentId[] = [
  ...Array<EnvironmentId>(70).fill('production'),
  ...Array<EnvironmentId>(15).fill('development'),
  ...Array<EnvironmentId>(10).fill('demo'),
  ...Array<EnvironmentId>(5).fill('custom'),
];

export function recipientName(r: Random) {
  const script = names[r.pick(scripts)]!;
  return script.join(r.pick(script.first), r.pick(script.last));
}

export function orderNumber(r: Random, i: number) {
  switch (r.int(5)) {
    case 0:
      return `#${1000 + i}`; // Shopify
    case 1:
      return `${r.digits(3)}-${r.digits(7)}-${r.digits(7)}`; // Amazon
    case 2:
      return `${r.digits(2)}-${r.digits(5)}-${r.digits(5)}`; // eBay
    case 3:
      return `${r.digits(6)}-2025${r.digits(4)}-${r.digits(7)}`; // Rakuten
    default:
      return `SO-${2024 + r.int(2)}-${String(i).padStart(7, '0')}`;
  }
}

/** A postal code in the country's own format. */
export function postalCode(r: Random, country: string) {
  switch (country) {
    case 'JP':
      return `${r.digits(3)}-${r.digits(4)}`;
    case 'GB':
      return `${r.letters(2)}${1 + r.int(9)} ${r.digits(1)}${r.letters(2)}`;
    case 'PL':
      return `${r.digits(2)}-${r.digits(3)}`;
    case 'RU':
    case 'CN':
      return r.digits(6);
    default:
      return r.digits(5);
  }
}

export function trackingNumber(r: Random) {
  switch (r.int(4)) {
    case 0:
      return `1Z${r.letters(3)}${r.digits(13)}`;
    case 1:
      return `YT${r.digits(16)}`;
    case 2:
      return `${r.letters(2)}${r.digits(9)}${r.pick(['CN', 'JP', 'DE', 'GB'])}`;
    default:
      return `JD${r.digits(18)}`;
  }
}

const PRODUCT_SERVICES = ['STD', 'STD', 'STD', 'EXP', 'EXP', 'ECO', 'PRI', 'DDP', 'SMALL'] as const;

/** A generator of N labels in time order over the two years before `end`, some sharing a millisecond. */
export function* labels(count: number, end: number, seed = 42): Generator<NewLabel> {
  const r = random(seed);
  const start = end - 2 * 365 * 24 * 3600 * 1000;
  const accounts = Object.fromEntries(
    ['production', 'development', 'demo', 'custom'].map((env) => [env, Array.from({ length: 1 + r.int(4) }, () => randomUUID())]),
  ) as Record<EnvironmentId, string[]>;
  let at = start;
  const step = (end - start) / count;
  for (let i = 0; i < count; i++) {
    if (r.next() > 0.05) at = start + Math.round(i * step); // ~5% share the previous label's createdAt
    const environment = r.pick(environments);
    const failed = r.next() < 0.04;
    const [country, city] = r.pick(cities);
    const age = end - at;
    const tag = failed
      ? null
      : age > 30 * 86_400_000
        ? r.pick(['Delivered', 'Delivered', 'Delivered', 'Delivered', 'Exception', 'Cancelled'] as const)
        : r.pick(['Pending', 'InfoReceived', 'InTransit', 'InTransit', 'Delivered'] as const);
    const order = r.next() < 0.97 ? orderNumber(r, i) : null;
    const courier = r.pick(couriers);
    yield {
      id: randomUUID(),
      environment,
      accountId: r.next() < 0.05 ? null : r.pick(accounts[environment]),
      idempotencyKey: order ?? randomUUID(),
      status: failed ? 'failed' : 'created',
      courier,
      // A courier's few services (a station uses a handful; 48 in all), 20% without a product code.
      productCode: r.next() < 0.8 ? `${courier.slice(0, 3).toUpperCase()}-${r.pick(PRODUCT_SERVICES)}` : null,
      customerOrderNumber: order,
      platformOrderNumber: r.next() < 0.4 ? `PL${r.digits(10)}` : null,
      courierOrderNumber: failed ? null : `C${r.digits(12)}`,
      trackingNumber: failed ? null : trackingNumber(r),
      recipientName: recipientName(r),
      recipientCountry: country,
      recipientCity: city,
      recipientPostalCode: postalCode(r, country),
      errorCode: failed ? 'ADDRESS_INVALID' : null,
      errorMessage: failed ? 'The courier could not validate the postal code.' : null,
      createdAt: at,
      documentUrl: failed ? null : `https://docs.flexforward.com/labels/${i}.pdf`,
      documentFormat: failed ? null : 'pdf',
      trackingTag: tag,
      trackingMessage: tag ? `Status: ${tag}` : null,
      trackingUpdatedAt: tag ? at + 86_400_000 : null,
    };
  }
}
