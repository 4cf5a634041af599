/**
 * Names and addresses as each country writes them (issue 17 item 4). Pure: the New label form,
 * History and the hand-over sheet read the same rules.
 *
 * The data model stays the API's (shared/flexforward/schemas.ts): `contact.firstName` is the
 * given name, `contact.lastName` the family name, `address.state` the first-level division
 * (state, prefecture, province, Taiwan's county or city, Hong Kong's region), `address.city`
 * the city (Taiwan's and Hong Kong's district), `address.streetLines` the rest. Only the order
 * in which they are shown and typed, and what their fields are called, follow the country.
 */

/** Countries that write the family name first: Japan, mainland China, Taiwan, Hong Kong. */
const FAMILY_NAME_FIRST: ReadonlySet<string> = new Set(['JP', 'CN', 'TW', 'HK']);

const upper = (country: string | null | undefined) => (country ?? '').trim().toUpperCase();

/** Does this country (ISO 3166-1 alpha-2) write the family name before the given name? */
export function familyNameFirst(country: string | null | undefined): boolean {
  return FAMILY_NAME_FIRST.has(upper(country));
}

/**
 * A person's name as their country writes it: `山田 太郎` for Japan (family name first, given
 * `first` 太郎 and `last` 山田), `Maria Garcia` elsewhere. Blank parts are left out.
 */
export function formatPersonName(
  first: string | null | undefined,
  last: string | null | undefined,
  country: string | null | undefined,
): string {
  const given = (first ?? '').trim();
  const family = (last ?? '').trim();
  const parts = familyNameFirst(country) ? [family, given] : [given, family];
  return parts.filter(Boolean).join(' ');
}

/** The name fields of the form, in the order the country writes them. */
export function nameFieldOrder(
  country: string | null | undefined,
): readonly ['firstName', 'lastName'] | readonly ['lastName', 'firstName'] {
  return familyNameFirst(country) ? (['lastName', 'firstName'] as const) : (['firstName', 'lastName'] as const);
}

/** An address field of the form (the draft's names: street1 and street2 are `streetLines[0]` and `[1]`). */
export type AddressField = 'countryCode' | 'postalCode' | 'state' | 'city' | 'street1' | 'street2';

/** What the first-level division is called in a country (a catalogue key under `labels:party.state.*`). */
export type StateName = 'stateOrPrefecture' | 'prefecture' | 'province' | 'countyOrCity' | 'region';
/** What `address.city` is called (under `labels:party.city.*`). */
export type CityName = 'city' | 'cityWard' | 'district';
/** What the first street line holds (under `labels:party.street1.*`). */
export type StreetName = 'street' | 'streetBuilding' | 'districtStreet';
/** What the second street line holds (under `labels:party.street2.*`). */
export type Street2Name = 'line2' | 'building';

export interface AddressLayout {
  /** The form's rows, top to bottom, each a row of fields left to right. */
  rows: readonly (readonly AddressField[])[];
  state: StateName;
  city: CityName;
  street1: StreetName;
  street2: Street2Name;
}

const DEFAULT_LAYOUT: AddressLayout = {
  // Today's order (Western: street, then city, state, postal code, country).
  rows: [['street1'], ['street2'], ['city', 'state', 'postalCode', 'countryCode']],
  state: 'stateOrPrefecture',
  city: 'city',
  street1: 'street',
  street2: 'line2',
};

const LAYOUTS: Record<string, AddressLayout> = {
  // 〒100-0001 東京都 千代田区 千代田1-1 ビル名: postal code, prefecture, city (市区町村), street and building.
  JP: {
    rows: [['countryCode', 'postalCode'], ['state', 'city'], ['street1'], ['street2']],
    state: 'prefecture',
    city: 'cityWard',
    street1: 'streetBuilding',
    street2: 'building',
  },
  // 广东省 深圳市 南山区 科技园路1号, 518057: province, city, district and street; the postal code after.
  CN: {
    rows: [['countryCode', 'state', 'city'], ['street1'], ['street2'], ['postalCode']],
    state: 'province',
    city: 'city',
    street1: 'districtStreet',
    street2: 'line2',
  },
  // 100 臺北市 中正區 重慶南路一段122號: postal code, county or city (縣市), district (鄉鎮市區), street.
  TW: {
    rows: [['countryCode', 'postalCode'], ['state', 'city'], ['street1'], ['street2']],
    state: 'countyOrCity',
    city: 'district',
    street1: 'street',
    street2: 'line2',
  },
  // 香港 九龍 油尖旺區 彌敦道1號: region (Hong Kong Island, Kowloon, New Territories), district, street;
  // Hong Kong has no postal codes, the field (the API asks for one) comes last.
  HK: {
    rows: [['countryCode', 'state', 'city'], ['street1'], ['street2'], ['postalCode']],
    state: 'region',
    city: 'district',
    street1: 'street',
    street2: 'line2',
  },
};

/** The address form of a country: rows in the order it writes an address, and what its fields are called. */
export function addressLayout(country: string | null | undefined): AddressLayout {
  return LAYOUTS[upper(country)] ?? DEFAULT_LAYOUT;
}

/** The address fields in the order the form shows them for a country. */
export function addressFieldOrder(country: string | null | undefined): AddressField[] {
  return addressLayout(country).rows.flat();
}

/** The parts of an address `formatAddressLines` reads (the API's `address`, or a record's columns). */
export interface AddressParts {
  streetLines?: readonly string[];
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  countryCode?: string | null;
}

/**
 * An address as lines the way its country writes them (the country itself is left out: callers
 * add its name in their language if they need it):
 * - JP: `〒100-0001`, `東京都千代田区`, then the street lines;
 * - CN: `广东省深圳市`, the street lines, `518057`;
 * - TW: `100 臺北市中正區`, then the street lines;
 * - HK: `九龍油尖旺區`, then the street lines (no postal code);
 * - others: the street lines, then `Los Angeles, CA 90001`.
 * `country` decides the format (usually `address.countryCode`). Blank parts are left out.
 */
export function formatAddressLines(address: AddressParts, country: string | null | undefined = address.countryCode): string[] {
  const clean = (s: string | null | undefined) => (s ?? '').trim();
  const streets = (address.streetLines ?? []).map(clean).filter(Boolean);
  const city = clean(address.city);
  const state = clean(address.state);
  const postal = clean(address.postalCode);
  const lines = (...parts: string[]) => parts.filter(Boolean);
  // CJK addresses run their parts together; a space keeps Latin-script parts apart.
  const join = (a: string, b: string) =>
    a && b ? (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u.test(a) ? `${a}${b}` : `${a} ${b}`) : a || b;
  switch (upper(country)) {
    case 'JP':
      return lines(postal ? `〒${postal}` : '', join(state, city), ...streets);
    case 'CN':
      return lines(join(state, city), ...streets, postal);
    case 'TW':
      return lines([postal, join(state, city)].filter(Boolean).join(' '), ...streets);
    case 'HK':
      return lines(join(state, city), ...streets);
    default:
      return lines(...streets, [[city, state].filter(Boolean).join(', '), postal].filter(Boolean).join(' '));
  }
}

/** What the postal code check says as you type (a hint: nothing is refused for it). */
export type PostalCodeCheck =
  /** Written as its country writes it. */
  | { kind: 'valid' }
  /** The same code, written the country's way (`1000001` → `100-0001`, full-width digits → ASCII). */
  | { kind: 'suggest'; suggestion: string }
  /** Not a postal code of that country: `format` names the rule (`labels:postal.format.*`), `example` shows one. */
  | { kind: 'invalid'; format: string; example: string }
  /** The country has no postal codes (Hong Kong). */
  | { kind: 'none' };

interface PostalRule {
  /** The code as the country writes it (after normalising: ASCII, upper case, single spaces). */
  pattern: RegExp;
  /** Other spellings of a valid code, and how they are written properly. */
  rewrite?: (code: string) => string | null;
  example: string;
}

const digitsOnly = (code: string) => code.replace(/[\s-]/g, '');

/**
 * The postal code formats the station knows, one per country. A country not listed gets no hint.
 * Sources: each country's postal operator (Japan Post, China Post, Chunghwa Post, USPS, Royal
 * Mail, Deutsche Post, La Poste, Canada Post, Australia Post).
 */
const POSTAL_RULES: Record<string, PostalRule | 'none'> = {
  // Japan: 7 digits written NNN-NNNN (〒100-0001). 1000001 is the same code: suggest the hyphen.
  JP: {
    pattern: /^\d{3}-\d{4}$/,
    rewrite: (code) => (/^\d{7}$/.test(digitsOnly(code)) ? `${digitsOnly(code).slice(0, 3)}-${digitsOnly(code).slice(3)}` : null),
    example: '100-0001',
  },
  // Mainland China: 6 digits (518057).
  CN: { pattern: /^\d{6}$/, rewrite: (code) => (/^\d{6}$/.test(digitsOnly(code)) ? digitsOnly(code) : null), example: '518057' },
  // Taiwan: 3 digits (the district, 100), or 3+2 / 3+3 for the street (10058, 100012).
  TW: {
    pattern: /^(\d{3}|\d{5}|\d{6})$/,
    rewrite: (code) => (/^(\d{3}|\d{5}|\d{6})$/.test(digitsOnly(code)) ? digitsOnly(code) : null),
    example: '100',
  },
  // Hong Kong has no postal codes.
  HK: 'none',
  // United States: ZIP (90001) or ZIP+4 (90001-1234); nine digits are a ZIP+4 without its hyphen.
  US: {
    pattern: /^\d{5}(-\d{4})?$/,
    rewrite: (code) => {
      const digits = digitsOnly(code);
      return /^\d{5}$/.test(digits) ? digits : /^\d{9}$/.test(digits) ? `${digits.slice(0, 5)}-${digits.slice(5)}` : null;
    },
    example: '90001',
  },
  // United Kingdom: outward code (SW1A, M1, B33) and inward code (1AA) with one space: SW1A 1AA.
  GB: {
    pattern: /^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/,
    rewrite: (code) => {
      const compact = code.replace(/\s/g, '');
      return /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact) ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : null;
    },
    example: 'SW1A 1AA',
  },
  // Germany: 5 digits (10115).
  DE: { pattern: /^\d{5}$/, example: '10115' },
  // France: 5 digits (75001).
  FR: { pattern: /^\d{5}$/, example: '75001' },
  // Canada: letter digit letter, space, digit letter digit (K1A 0B1); D F I O Q U are never used, nor W Z first.
  CA: {
    pattern: /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d$/,
    rewrite: (code) => {
      const compact = code.replace(/[\s-]/g, '');
      return /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d$/.test(compact)
        ? `${compact.slice(0, 3)} ${compact.slice(3)}`
        : null;
    },
    example: 'K1A 0B1',
  },
  // Australia: 4 digits (2000).
  AU: { pattern: /^\d{4}$/, example: '2000' },
};

/** Full-width digits, letters and dashes (１００－０００１, as a Japanese keyboard types them) as ASCII; upper case; single spaces. */
export function normalisePostalCode(code: string): string {
  return code
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212\u30fc\uff70]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

/**
 * The postal code checked against its country's format, for a hint as the operator types.
 * `null`: nothing to say (nothing typed yet, or a country whose format the station does not know).
 */
export function checkPostalCode(code: string, country: string | null | undefined): PostalCodeCheck | null {
  const rule = POSTAL_RULES[upper(country)];
  if (!rule) return null;
  if (rule === 'none') return { kind: 'none' };
  if (!code.trim()) return null;
  const normalised = normalisePostalCode(code);
  if (rule.pattern.test(normalised)) return normalised === code ? { kind: 'valid' } : { kind: 'suggest', suggestion: normalised };
  const rewritten = rule.rewrite?.(normalised) ?? null;
  if (rewritten && rule.pattern.test(rewritten)) return { kind: 'suggest', suggestion: rewritten };
  return { kind: 'invalid', format: `labels:postal.format.${upper(country)}`, example: rule.example };
}
