import { useMemo, type ReactNode } from 'react';
import type { Party } from '../../../shared/flexforward/schemas';
import { ISO_COUNTRY_CODES } from '../../../shared/flexforward/iso-codes';
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
  error?: string;
}

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
  const countries = useMemo(() => {
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    return ISO_COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name));
  }, []);
  const field = (key: keyof PartyDraft) => ({
    value: value[key],
    onChange: (e: { target: { value: string } }) => onChange({ ...value, [key]: e.target.value }),
    name: `${idPrefix}.${partyFieldPaths[key]}`,
  });
  const streetError = errors['address.streetLines'] ?? errors['address.streetLines[0]'];
  return (
    <div className="party-fields">
      <div className="grid-2">
        {renderFirstName ? (
          renderFirstName({ ...field('firstName'), error: errors['contact.firstName'] })
        ) : (
          <TextField label="First name" autoComplete="off" required {...field('firstName')} error={errors['contact.firstName']} />
        )}
        <TextField label="Last name" autoComplete="off" {...field('lastName')} error={errors['contact.lastName']} />
        <TextField label="Phone" type="tel" {...field('phone')} error={errors['contact.phone']} />
        <TextField label="Email" type="email" {...field('email')} error={errors['contact.email']} />
      </div>
      <TextField label="Street address" required {...field('street1')} error={streetError} />
      <TextField label="Street address line 2" {...field('street2')} error={errors['address.streetLines[1]']} />
      <div className="grid-4">
        <TextField label="City" required {...field('city')} error={errors['address.city']} />
        <TextField label="State or prefecture" {...field('state')} error={errors['address.state']} />
        <TextField label="Postal code" required {...field('postalCode')} error={errors['address.postalCode']} />
        <SelectField
          label="Country"
          required
          {...field('countryCode')}
          error={errors['address.countryCode'] && !value.countryCode ? 'Choose a country.' : errors['address.countryCode']}
        >
          <option value="">Choose a country</option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name} ({c.code})
            </option>
          ))}
        </SelectField>
      </div>
    </div>
  );
}
