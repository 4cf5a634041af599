import { describe, expect, it } from 'vitest';
import {
  addressFieldOrder,
  addressLayout,
  checkPostalCode,
  familyNameFirst,
  formatAddressLines,
  formatPersonName,
  nameFieldOrder,
  normalisePostalCode,
} from '../../shared/domain/address-format';

describe('names as each country writes them', () => {
  it('family name first for Japan, mainland China, Taiwan and Hong Kong', () => {
    expect(formatPersonName('太郎', '山田', 'JP')).toBe('山田 太郎');
    expect(formatPersonName('小明', '王', 'CN')).toBe('王 小明');
    expect(formatPersonName('美玲', '陳', 'tw')).toBe('陳 美玲');
    expect(formatPersonName('Siu Ming', 'Chan', 'HK')).toBe('Chan Siu Ming');
    for (const c of ['JP', 'CN', 'TW', 'HK']) {
      expect(familyNameFirst(c)).toBe(true);
      expect(nameFieldOrder(c)).toEqual(['lastName', 'firstName']);
    }
  });

  it('given name first elsewhere, and blank parts left out', () => {
    expect(formatPersonName('Maria', 'Garcia', 'US')).toBe('Maria Garcia');
    expect(formatPersonName('Maria', 'Garcia', '')).toBe('Maria Garcia');
    expect(formatPersonName('太郎', undefined, 'JP')).toBe('太郎');
    expect(formatPersonName(' Maria ', '  ', 'DE')).toBe('Maria');
    for (const c of ['US', 'GB', 'DE', 'KR', '', null]) {
      expect(familyNameFirst(c)).toBe(false);
      expect(nameFieldOrder(c)).toEqual(['firstName', 'lastName']);
    }
  });
});

describe('the address form per country', () => {
  it('Japan: postal code, prefecture, city, street and building', () => {
    expect(addressFieldOrder('JP')).toEqual(['countryCode', 'postalCode', 'state', 'city', 'street1', 'street2']);
    expect(addressLayout('JP')).toMatchObject({ state: 'prefecture', city: 'cityWard', street1: 'streetBuilding' });
  });

  it('mainland China: province, city, district and street, then the postal code', () => {
    expect(addressFieldOrder('CN')).toEqual(['countryCode', 'state', 'city', 'street1', 'street2', 'postalCode']);
    expect(addressLayout('CN')).toMatchObject({ state: 'province', city: 'city', street1: 'districtStreet' });
  });

  it('Taiwan: postal code, county or city, district, street', () => {
    expect(addressFieldOrder('TW')).toEqual(['countryCode', 'postalCode', 'state', 'city', 'street1', 'street2']);
    expect(addressLayout('TW')).toMatchObject({ state: 'countyOrCity', city: 'district' });
  });

  it('Hong Kong: region, district, street; the postal code field last', () => {
    expect(addressFieldOrder('HK')).toEqual(['countryCode', 'state', 'city', 'street1', 'street2', 'postalCode']);
    expect(addressLayout('HK')).toMatchObject({ state: 'region', city: 'district' });
  });

  it('every other country keeps the order the form had: street, city, state, postal code, country', () => {
    for (const c of ['US', 'GB', 'DE', 'FR', '', undefined]) {
      expect(addressFieldOrder(c)).toEqual(['street1', 'street2', 'city', 'state', 'postalCode', 'countryCode']);
      expect(addressLayout(c)).toMatchObject({ state: 'stateOrPrefecture', city: 'city', street1: 'street' });
    }
  });

  it('every layout holds each field once', () => {
    for (const c of ['JP', 'CN', 'TW', 'HK', 'US']) expect(new Set(addressFieldOrder(c)).size).toBe(6);
  });
});

describe('formatAddressLines', () => {
  it('Japan: 〒 postal code, prefecture and city run together, then the street', () => {
    const jp = { streetLines: ['千代田1-1', '皇居ビル3階'], city: '千代田区', state: '東京都', postalCode: '100-0001', countryCode: 'JP' };
    expect(formatAddressLines(jp)).toEqual(['〒100-0001', '東京都千代田区', '千代田1-1', '皇居ビル3階']);
    // Latin script keeps its spaces.
    expect(formatAddressLines({ ...jp, state: 'Tokyo', city: 'Chiyoda-ku', streetLines: ['1-1 Chiyoda'] })).toEqual([
      '〒100-0001',
      'Tokyo Chiyoda-ku',
      '1-1 Chiyoda',
    ]);
  });

  it('China: province and city, the street, then the postal code', () => {
    expect(formatAddressLines({ streetLines: ['南山区科技园路1号'], city: '深圳市', state: '广东省', postalCode: '518057' }, 'CN')).toEqual(
      ['广东省深圳市', '南山区科技园路1号', '518057'],
    );
  });

  it('Taiwan: postal code before county and district; Hong Kong: no postal code', () => {
    expect(
      formatAddressLines({ streetLines: ['重慶南路一段122號'], city: '中正區', state: '臺北市', postalCode: '100', countryCode: 'TW' }),
    ).toEqual(['100 臺北市中正區', '重慶南路一段122號']);
    expect(
      formatAddressLines({ streetLines: ['彌敦道1號'], city: '油尖旺區', state: '九龍', postalCode: '000000', countryCode: 'HK' }),
    ).toEqual(['九龍油尖旺區', '彌敦道1號']);
  });

  it('elsewhere: street lines, then "City, State Postal"', () => {
    expect(
      formatAddressLines({
        streetLines: ['742 Evergreen Terrace'],
        city: 'Los Angeles',
        state: 'CA',
        postalCode: '90001',
        countryCode: 'US',
      }),
    ).toEqual(['742 Evergreen Terrace', 'Los Angeles, CA 90001']);
    expect(formatAddressLines({ streetLines: ['Unter den Linden 1'], city: 'Berlin', postalCode: '10117' }, 'DE')).toEqual([
      'Unter den Linden 1',
      'Berlin 10117',
    ]);
  });
});

describe('checkPostalCode: a hint as you type', () => {
  it('Japan: NNN-NNNN is right; seven digits and full-width input get the hyphenated form suggested', () => {
    expect(checkPostalCode('100-0001', 'JP')).toEqual({ kind: 'valid' });
    expect(checkPostalCode('1000001', 'JP')).toEqual({ kind: 'suggest', suggestion: '100-0001' });
    expect(checkPostalCode('１００－０００１', 'JP')).toEqual({ kind: 'suggest', suggestion: '100-0001' });
    expect(checkPostalCode('１０００００１', 'JP')).toEqual({ kind: 'suggest', suggestion: '100-0001' });
    expect(checkPostalCode('100ー0001', 'JP')).toEqual({ kind: 'suggest', suggestion: '100-0001' });
    expect(checkPostalCode('10-0001', 'JP')).toEqual({ kind: 'invalid', format: 'labels:postal.format.JP', example: '100-0001' });
  });

  it('China 6 digits; Taiwan 3, 5 or 6; Hong Kong has none', () => {
    expect(checkPostalCode('518057', 'CN')).toEqual({ kind: 'valid' });
    expect(checkPostalCode('５１８０５７', 'CN')).toEqual({ kind: 'suggest', suggestion: '518057' });
    expect(checkPostalCode('51805', 'CN')).toMatchObject({ kind: 'invalid', format: 'labels:postal.format.CN' });
    for (const ok of ['100', '10058', '100012']) expect(checkPostalCode(ok, 'TW')).toEqual({ kind: 'valid' });
    expect(checkPostalCode('1000', 'TW')).toMatchObject({ kind: 'invalid' });
    expect(checkPostalCode('', 'HK')).toEqual({ kind: 'none' });
    expect(checkPostalCode('000000', 'HK')).toEqual({ kind: 'none' });
  });

  it('US ZIP and ZIP+4; GB; DE and FR 5 digits; CA; AU 4 digits', () => {
    expect(checkPostalCode('90001', 'US')).toEqual({ kind: 'valid' });
    expect(checkPostalCode('90001-1234', 'US')).toEqual({ kind: 'valid' });
    expect(checkPostalCode('900011234', 'US')).toEqual({ kind: 'suggest', suggestion: '90001-1234' });
    expect(checkPostalCode('9000', 'US')).toMatchObject({ kind: 'invalid', example: '90001' });
    expect(checkPostalCode('SW1A 1AA', 'GB')).toEqual({ kind: 'valid' });
    expect(checkPostalCode('sw1a1aa', 'GB')).toEqual({ kind: 'suggest', suggestion: 'SW1A 1AA' });
    expect(checkPostalCode('M1 1AE', 'GB')).toEqual({ kind: 'valid' });
    expect(checkPostalCode('12345', 'GB')).toMatchObject({ kind: 'invalid' });
    expect(checkPostalCode('10115', 'DE')).toEqual({ kind: 'valid' });
    expect(checkPostalCode('7500', 'FR')).toMatchObject({ kind: 'invalid', format: 'labels:postal.format.FR' });
    expect(checkPostalCode('K1A 0B1', 'CA')).toEqual({ kind: 'valid' });
    expect(checkPostalCode('k1a0b1', 'CA')).toEqual({ kind: 'suggest', suggestion: 'K1A 0B1' });
    expect(checkPostalCode('D1A 0B1', 'CA')).toMatchObject({ kind: 'invalid' });
    expect(checkPostalCode('2000', 'AU')).toEqual({ kind: 'valid' });
    expect(checkPostalCode('20000', 'AU')).toMatchObject({ kind: 'invalid' });
  });

  it('no hint for a blank code or a country whose format the station does not know', () => {
    expect(checkPostalCode('', 'JP')).toBeNull();
    expect(checkPostalCode('   ', 'US')).toBeNull();
    expect(checkPostalCode('12345', 'KR')).toBeNull();
    expect(checkPostalCode('12345', '')).toBeNull();
  });

  it('normalises full-width digits, letters and dashes', () => {
    expect(normalisePostalCode('１００－０００１')).toBe('100-0001');
    expect(normalisePostalCode(' ｓｗ１ａ  １ａａ ')).toBe('SW1A 1AA');
  });
});
