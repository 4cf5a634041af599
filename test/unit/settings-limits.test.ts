import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../electron/core/logger';
import { createTestStation } from '../support/test-station';

const ACCOUNT = '3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f';
const long = (n: number) => 'x'.repeat(n);
// The bounds (shared/domain/settings.ts and printing.ts), spelled out so the test pins them.
const MAX_NAME_LENGTH = 80;
const MAX_ADDRESS_TEXT_LENGTH = 200;
const MAX_STREET_LINES = 4;
const MAX_PRINTER_NAME_LENGTH = 256;

const sender = (overrides: { name?: string; firstName?: string; streetLines?: string[]; city?: string; phone?: string } = {}) => ({
  name: overrides.name ?? 'Warehouse',
  party: {
    contact: { firstName: overrides.firstName ?? 'Aiko', phone: overrides.phone ?? '+81-3-1234-5678' },
    address: {
      streetLines: overrides.streetLines ?? ['1-2-3 Shibuya'],
      city: overrides.city ?? 'Tokyo',
      postalCode: '150-0002',
      countryCode: 'JP',
    },
  },
});
const profile = (overrides: { name?: string; printer?: string } = {}) => ({
  name: overrides.name ?? 'Desk',
  printer: overrides.printer ?? 'desk-queue',
  role: 'labels' as const,
});

describe('free-text settings fields are bounded', () => {
  const station = () => createTestStation({ logger: silentLogger });

  /** Every save that is too long is refused as invalid_input naming the field, and nothing is saved. */
  const cases: { name: string; channel: string; input: (s: ReturnType<typeof station>) => Promise<unknown> | unknown; field: string }[] = [
    {
      name: 'an account name',
      channel: 'accounts:add',
      input: () => ({ environment: 'development', id: ACCOUNT, name: long(MAX_NAME_LENGTH + 1) }),
      field: 'name',
    },
    {
      name: 'a renamed account',
      channel: 'accounts:rename',
      input: async (s) => {
        await s.dispatch('accounts:add', { environment: 'development', id: ACCOUNT, name: 'Main' });
        return { environment: 'development', id: ACCOUNT, name: long(MAX_NAME_LENGTH + 1) };
      },
      field: 'name',
    },
    { name: 'a sender name', channel: 'senders:save', input: () => sender({ name: long(MAX_NAME_LENGTH + 1) }), field: 'name' },
    {
      name: "a sender's first name",
      channel: 'senders:save',
      input: () => sender({ firstName: long(MAX_ADDRESS_TEXT_LENGTH + 1) }),
      field: 'party.contact.firstName',
    },
    {
      name: "a sender's phone",
      channel: 'senders:save',
      input: () => sender({ phone: long(MAX_ADDRESS_TEXT_LENGTH + 1) }),
      field: 'party.contact.phone',
    },
    {
      name: "a sender's city",
      channel: 'senders:save',
      input: () => sender({ city: long(MAX_ADDRESS_TEXT_LENGTH + 1) }),
      field: 'party.address.city',
    },
    {
      name: "a sender's street line",
      channel: 'senders:save',
      input: () => sender({ streetLines: ['1 Main St', long(MAX_ADDRESS_TEXT_LENGTH + 1)] }),
      field: 'party.address.streetLines[1]',
    },
    {
      name: "a sender's street lines",
      channel: 'senders:save',
      input: () => sender({ streetLines: Array(MAX_STREET_LINES + 1).fill('line') }),
      field: 'party.address.streetLines',
    },
    {
      name: 'a package preset name',
      channel: 'presets:save',
      input: () => ({ name: long(MAX_NAME_LENGTH + 1), weight: 1 }),
      field: 'name',
    },
    {
      name: 'a printer profile name',
      channel: 'printers:saveProfile',
      input: () => profile({ name: long(MAX_NAME_LENGTH + 1) }),
      field: 'name',
    },
    {
      name: 'a printer name',
      channel: 'printers:saveProfile',
      input: () => profile({ printer: long(MAX_PRINTER_NAME_LENGTH + 1) }),
      field: 'printer',
    },
  ];

  it.each(cases)('$name over the limit is refused as invalid_input ($channel)', async ({ channel, input, field }) => {
    const s = station();
    const request = await input(s);
    const before = await s.dispatch('settings:get', undefined);
    const answer = await s.dispatch(channel, request);
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { [field]: expect.any(String) } } });
    expect(await s.dispatch('settings:get', undefined)).toEqual(before);
  });

  it('the longest allowed values are saved', async () => {
    const s = station();
    expect(await s.dispatch('accounts:add', { environment: 'development', id: ACCOUNT, name: long(MAX_NAME_LENGTH) })).toMatchObject({
      ok: true,
    });
    const streetLines = Array(MAX_STREET_LINES).fill(long(MAX_ADDRESS_TEXT_LENGTH));
    expect(
      await s.dispatch('senders:save', sender({ name: long(MAX_NAME_LENGTH), firstName: long(MAX_ADDRESS_TEXT_LENGTH), streetLines })),
    ).toMatchObject({ ok: true });
    expect(await s.dispatch('presets:save', { name: long(MAX_NAME_LENGTH), weight: 1 })).toMatchObject({ ok: true });
    const saved = await s.dispatch(
      'printers:saveProfile',
      profile({ name: long(MAX_NAME_LENGTH), printer: long(MAX_PRINTER_NAME_LENGTH) }),
    );
    expect(saved).toMatchObject({
      ok: true,
      value: { printerProfiles: [{ printer: long(MAX_PRINTER_NAME_LENGTH) }], senders: [{ party: { address: { streetLines } } }] },
    });
  });
});
