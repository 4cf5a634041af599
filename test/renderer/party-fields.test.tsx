// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyParty, PartyFields, type PartyDraft } from '../../renderer/src/components/PartyFields';
import { provideNamespace, switchLanguage } from '../../renderer/src/i18n';
import ja from '../../shared/i18n/locales/ja/index';

afterEach(async () => {
  cleanup();
  await act(() => switchLanguage('en'));
});

/** PartyFields holding its own draft, as the New label form and Settings → Senders do. */
function Party({ initial = emptyParty, onDraft }: { initial?: PartyDraft; onDraft?: (d: PartyDraft) => void }) {
  const [value, setValue] = useState(initial);
  return (
    <PartyFields
      idPrefix="shipment.shipTo"
      value={value}
      onChange={(next) => {
        setValue(next);
        onDraft?.(next);
      }}
    />
  );
}

/** The fields' labels in the order the form shows them (what a person reads, and where Tab goes). */
const labelOrder = (container: HTMLElement) => [...container.querySelectorAll('label')].map((l) => l.textContent);
const chooseCountry = (code: string) => fireEvent.change(screen.getByLabelText('Country'), { target: { value: code } });

describe('PartyFields: the name and address form in the order the recipient’s country writes them', () => {
  it('given name first and the street first for the US (the order the form always had)', () => {
    const { container } = render(<Party />);
    chooseCountry('US');
    expect(labelOrder(container)).toEqual([
      'First name',
      'Last name',
      'Phone',
      'Email',
      'Street address',
      'Street address line 2',
      'City',
      'State or prefecture',
      'Postal code',
      'Country',
    ]);
  });

  it('Japan: family name before given name; postal code, prefecture, city, then street and building', () => {
    let draft: PartyDraft = emptyParty;
    const { container } = render(<Party onDraft={(d) => (draft = d)} />);
    chooseCountry('JP');
    expect(container.querySelector('.party-fields')?.getAttribute('data-name-order')).toBe('family-first');
    expect(labelOrder(container)).toEqual([
      'Family name',
      'Given name',
      'Phone',
      'Email',
      'Country',
      'Postal code',
      'Prefecture',
      'City, ward, town or village',
      'Block and number',
      'Building and room',
    ]);
    // The data model stays the API's: the family name is `lastName`, the given name `firstName`.
    fireEvent.change(screen.getByLabelText('Family name'), { target: { value: '山田' } });
    fireEvent.change(screen.getByLabelText('Given name'), { target: { value: '太郎' } });
    expect(draft).toMatchObject({ lastName: '山田', firstName: '太郎', countryCode: 'JP' });
    expect(screen.getByLabelText('Family name').getAttribute('name')).toBe('shipment.shipTo.contact.lastName');
  });

  it('mainland China: province, city, district and street, postal code last; Hong Kong and Taiwan their own', () => {
    const { container } = render(<Party />);
    chooseCountry('CN');
    expect(labelOrder(container).slice(4)).toEqual([
      'Country',
      'Province',
      'City',
      'District and street',
      'Street address line 2',
      'Postal code',
    ]);
    chooseCountry('TW');
    expect(labelOrder(container).slice(0, 2)).toEqual(['Family name', 'Given name']);
    expect(labelOrder(container).slice(4, 8)).toEqual(['Country', 'Postal code', 'County or city', 'District']);
    chooseCountry('HK');
    expect(labelOrder(container).slice(4, 7)).toEqual(['Country', 'Region', 'District']);
    expect(labelOrder(container).at(-1)).toBe('Postal code');
  });

  it('in Japanese, the labels are Japanese and keep the Japanese order', async () => {
    provideNamespace('ja', 'labels', ja.labels);
    await act(() => switchLanguage('ja'));
    const { container } = render(<Party initial={{ ...emptyParty, countryCode: 'JP' }} />);
    expect(labelOrder(container)).toEqual([
      '姓',
      '名',
      '電話番号',
      'メールアドレス',
      '国・地域',
      '郵便番号',
      '都道府県',
      '市区町村',
      '町名・番地',
      '建物名・部屋番号',
    ]);
    // Country names in the screen's language.
    expect(screen.getByRole('option', { name: '日本（JP）' })).toBeDefined();
  });
});

describe('PartyFields: the postal code checked as you type (a hint, never a block)', () => {
  const postal = () => screen.getByLabelText('Postal code') as HTMLInputElement;
  const type = (value: string) => fireEvent.change(postal(), { target: { value } });

  it('Japan: seven digits or full-width input suggest the hyphenated form, which one click takes', () => {
    render(<Party initial={{ ...emptyParty, countryCode: 'JP' }} />);
    type('１００－０００１');
    expect(screen.getByTestId('postal-hint').textContent).toContain('Usually written 100-0001.');
    fireEvent.click(screen.getByRole('button', { name: 'Use 100-0001' }));
    expect(postal().value).toBe('100-0001');
    expect(screen.queryByTestId('postal-hint')).toBeNull();
    type('1000001');
    expect(screen.getByRole('button', { name: 'Use 100-0001' })).toBeDefined();
    type('10-001');
    expect(screen.getByTestId('postal-hint').textContent).toBe(
      'This does not look like a postal code of this country: 7 digits, written 123-4567, for example 100-0001.',
    );
    // Only a hint: the field is not marked invalid.
    expect(postal().getAttribute('aria-invalid')).toBeNull();
  });

  it('Hong Kong says it has none; a country without a known format says nothing', () => {
    render(<Party initial={{ ...emptyParty, countryCode: 'HK' }} />);
    expect(screen.getByTestId('postal-hint').textContent).toContain('Hong Kong has no postal codes.');
    chooseCountry('KR');
    type('12345');
    expect(screen.queryByTestId('postal-hint')).toBeNull();
  });
});
