import { Fragment, useMemo, type ReactNode } from 'react';
import {
  addressLayout,
  checkPostalCode,
  familyNameFirst,
  nameFieldOrder,
  type AddressField,
  type PostalCodeCheck,
} from '../../../shared/domain/address-format';
import type { Party } from '../../../shared/flexforward/schemas';
import { ISO_COUNTRY_CODES } from '../../../shared/flexforward/iso-codes';
import { messageText, useT } from '../i18n';
import { SelectField, TextField } from './ui';

/** What the operator types: every field a string, so half-filled forms are fine. */
export interface PartyDraft {
  firstName: string;
  lastName: string;
  phone: string;
  email: string;
  countryCode: string;
  state: string;
  city: string;
  postalCode: string;
  street1: string;
  street2: string;
}

export const emptyParty: PartyDraft = {
  firstName: '',
  lastName: '',
  phone: '',
  email: '',
  countryCode: '',
  state: '',
  city: '',
  postalCode: '',
  street1: '',
  street2: '',
};

/** Draft → request shape: blank optional fields are left out; the shared schema judges the rest. */
export function partyFromDraft(d: PartyDraft): Party {
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  return {
    contact: { firstName: d.firstName.trim(), lastName: optional(d.lastName), phone: optional(d.phone), email: optional(d.email) },
    address: {
      streetLines: [d.street1, d.street2].map((s) => s.trim()).filter(Boolean),
      city: d.city.trim(),
      state: optional(d.state),
      postalCode: d.postalCode.trim(),
      countryCode: d.countryCode as Party['address']['countryCode'],
    },
  } as Party;
}

export function draftFromParty(p: Party): PartyDraft {
  return {
    firstName: p.contact.firstName,
    lastName: p.contact.lastName ?? '',
    phone: p.contact.phone ?? '',
    email: p.contact.email ?? '',
    countryCode: p.address.countryCode,
    state: p.address.state ?? '',
    city: p.address.city,
    postalCode: p.address.postalCode,
    street1: p.address.streetLines[0] ?? '',
    street2: p.address.streetLines[1] ?? '',
  };
}

/** The request path (under the party) each draft field feeds; errors and "touched" use these. */
export const partyFieldPaths: Record<keyof PartyDraft, string> = {
  firstName: 'contact.firstName',
  lastName: 'contact.lastName',
  phone: 'contact.phone',
  email: 'contact.email',
  countryCode: 'address.countryCode',
  state: 'address.state',
  city: 'address.city',
  postalCode: 'address.postalCode',
  street1: 'address.streetLines',
  street2: 'address.streetLines[1]',
};

/** Field errors keyed by the request path under this party (`contact.firstName`, `address.streetLines[0]`…). */
export type PartyErrors = Record<string, string | undefined>;

/** What a replacement first-name field gets (New label's recipient offers recent recipients as you type). */
export interface FirstNameFieldProps {
  value: string;
  onChange: (e: { target: { value: string } }) => void;
  name: string;
  /** "First name", or "Given name" where the family name comes first. */
  label: string;
  error?: string;
}

/**
 * A person's name and address, in the order the country writes them (shared/domain/address-format.ts):
 * for Japan, China, Taiwan and Hong Kong the family name comes before the given name and the
 * address runs from the largest part down (Japan: postal code, prefecture, city, street); other
 * countries keep the Western order. The country picker is part of the address either way, and
 * the postal code is checked against the country's format as it is typed (a hint, never a block).
 */
export function PartyFields({
  value,
  onChange,
  errors = {},
  idPrefix,
  renderFirstName,
}: {
  value: PartyDraft;
  onChange: (next: PartyDraft) => void;
  errors?: PartyErrors;
  idPrefix: string;
  renderFirstName?: (props: FirstNameFieldProps) => ReactNode;
}) {
  const { t, language } = useT('labels');
  const countries = useMemo(() => {
    const names = new Intl.DisplayNames([language, 'en'], { type: 'region' });
    return ISO_COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, language));
  }, [language]);
  const field = (key: keyof PartyDraft) => ({
    value: value[key],
    onChange: (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value }),
    name: `${idPrefix}.${partyFieldPaths[key]}`,
  });
  const fields = Object.fromEntries((Object.keys(partyFieldPaths) as (keyof PartyDraft)[]).map((key) => [key, field(key)])) as Record<
    keyof PartyDraft,
    ReturnType<typeof field>
  >;
  const country = value.countryCode;
  const layout = addressLayout(country);
  const familyFirst = familyNameFirst(country);
  const streetError = errors['address.streetLines'] ?? errors['address.streetLines[0]'];
  const postal = checkPostalCode(value.postalCode, country);

  const nameField = (key: 'firstName' | 'lastName') => {
    if (key === 'firstName') {
      const label = t(familyFirst ? 'party.givenName' : 'party.firstName');
      return renderFirstName ? (
        <Fragment key="firstName">{renderFirstName({ ...fields.firstName, label, error: errors['contact.firstName'] })}</Fragment>
      ) : (
        <TextField key="firstName" label={label} autoComplete="off" required {...fields.firstName} error={errors['contact.firstName']} />
      );
    }
    return (
      <TextField
        key="lastName"
        label={t(familyFirst ? 'party.familyName' : 'party.lastName')}
        autoComplete="off"
        {...fields.lastName}
        error={errors['contact.lastName']}
      />
    );
  };

  const addressField = (key: AddressField) => {
    switch (key) {
      case 'street1':
        return <TextField key={key} label={t(`party.street1.${layout.street1}`)} required {...fields.street1} error={streetError} />;
      case 'street2':
        return (
          <TextField key={key} label={t(`party.street2.${layout.street2}`)} {...fields.street2} error={errors['address.streetLines[1]']} />
        );
      case 'city':
        return <TextField key={key} label={t(`party.city.${layout.city}`)} required {...fields.city} error={errors['address.city']} />;
      case 'state':
        return <TextField key={key} label={t(`party.state.${layout.state}`)} {...fields.state} error={errors['address.state']} />;
      case 'postalCode':
        return (
          <TextField
            key={key}
            label={t('party.postalCode')}
            required
            {...fields.postalCode}
            error={errors['address.postalCode']}
            hint={
              postal && postal.kind !== 'valid' ? (
                <PostalHint check={postal} onUse={(suggestion) => onChange({ ...value, postalCode: suggestion })} />
              ) : undefined
            }
          />
        );
      case 'countryCode':
        return (
          <SelectField
            key={key}
            label={t('party.country')}
            required
            {...fields.countryCode}
            error={errors['address.countryCode'] && !value.countryCode ? t('party.chooseCountryError') : errors['address.countryCode']}
          >
            <option value="">{t('party.chooseCountry')}</option>
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {t('party.countryOption', { name: c.name, code: c.code })}
              </option>
            ))}
          </SelectField>
        );
    }
  };

  return (
    <div className="party-fields" data-name-order={familyFirst ? 'family-first' : 'given-first'}>
      <div className="grid-2">
        {nameFieldOrder(country).map(nameField)}
        <TextField label={t('party.phone')} type="tel" {...fields.phone} error={errors['contact.phone']} />
        <TextField label={t('party.email')} type="email" {...fields.email} error={errors['contact.email']} />
      </div>
      {layout.rows.map((row) =>
        row.length === 1 ? (
          addressField(row[0]!)
        ) : (
          <div key={row.join('-')} className={`grid-${row.length}`}>
            {row.map(addressField)}
          </div>
        ),
      )}
    </div>
  );
}

/** What the postal code check says under the field: a suggestion to take with one click, a format, or nothing. */
function PostalHint({ check, onUse }: { check: PostalCodeCheck | null; onUse: (suggestion: string) => void }) {
  const { t } = useT('labels');
  if (!check || check.kind === 'valid') return null;
  if (check.kind === 'none') return <span data-testid="postal-hint">{t('postal.none')}</span>;
  if (check.kind === 'suggest') {
    return (
      <span data-testid="postal-hint" className="postal-hint">
        {t('postal.suggest', { suggestion: check.suggestion })}{' '}
        <button type="button" className="link-button" onClick={() => onUse(check.suggestion)}>
          {t('postal.useSuggestion', { suggestion: check.suggestion })}
        </button>
      </span>
    );
  }
  return <span data-testid="postal-hint">{t('postal.invalid', { format: messageText(check.format), example: check.example })}</span>;
}
