// @vitest-environment happy-dom
import { act, cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DataProvider, useQuery } from '../../renderer/src/data/hooks';
import { queryKeys } from '../../renderer/src/data/keys';
import { createQueryCache } from '../../renderer/src/data/query-cache';
import { buildDraft } from '../../renderer/src/features/labels/draft';
import { useShipmentForm } from '../../renderer/src/features/labels/use-shipment-form';
import { station } from '../../renderer/src/station';
import type { CreateOutcome } from '../../shared/domain/label-draft';
import { failed, installFakeStation, ok, type FakeHandlers } from './fake-station';
import { settingsView } from './fixtures';

afterEach(cleanup);

const BOX = { id: 'box', name: 'Small box', weight: 0.4, dimension: { length: 20, width: 15, height: 10 } };
const settings = settingsView({
  defaults: { ...settingsView().defaults, courier: 'yunexpress', productCode: 'YEXP01', packagePresetId: 'box' },
  packagePresets: [BOX, { id: 'env', name: 'Envelope', dimension: { length: 30, width: 22, height: 1 } }],
});

const outcome: CreateOutcome = { kind: 'in_doubt', idempotencyKey: 'WEB-1', message: 'The API did not answer in time.' };

/** The form's hook over a fake main that lists couriers and products and creates labels. */
function setup(more: FakeHandlers = {}) {
  const fake = installFakeStation({
    'catalog:couriers': () =>
      ok({
        available: true as const,
        items: [
          { code: 'yunexpress', name: 'YunExpress' },
          { code: 'ups', name: 'UPS' },
        ],
        fetchedAt: '2026-05-01T00:00:00Z',
      }),
    'catalog:products': ({ courier }) =>
      ok({
        available: true as const,
        items: [{ code: `${courier.toUpperCase()}-1`, name: 'Standard' }],
        fetchedAt: '2026-05-01T00:00:00Z',
      }),
    'labels:create': () => ok(outcome),
    'labels:unresolved': () => ok([]),
    ...more,
  });
  const onOutcome = vi.fn();
  const cache = createQueryCache();
  const wrapper = ({ children }: { children: ReactNode }) => <DataProvider cache={cache}>{children}</DataProvider>;
  const hook = renderHook(
    () => ({ form: useShipmentForm(settings, onOutcome), unresolved: useQuery(queryKeys.unresolved, () => station().labels.unresolved()) }),
    { wrapper },
  );
  const form = () => hook.result.current.form;
  return { fake, onOutcome, form, hook };
}

/** Types a whole valid shipment, field by field, the way the form's inputs do. */
function fillValid(form: () => ReturnType<typeof useShipmentForm>) {
  act(() =>
    form().setParty('shipTo', {
      ...form().values.shipTo,
      firstName: 'Maria',
      countryCode: 'US',
      city: 'Los Angeles',
      postalCode: '90001',
      street1: '742 Evergreen Terrace',
    }),
  );
  act(() => form().setParcel(0, { weight: '0,8' }, 'shipment.parcels[0].weight'));
  const ib = 'shipment.parcels[0].items[0]';
  act(() => form().setItem(0, 0, { descriptionEn: 'Notebook' }, `${ib}.descriptionEn`));
  act(() => form().setItem(0, 0, { quantity: '2' }, `${ib}.quantity`));
  act(() => form().setItem(0, 0, { amount: '6.50' }, `${ib}.unitPrice.amount`));
  act(() => form().setItem(0, 0, { unitWeight: '0.3' }, `${ib}.unitWeight`));
  act(() => form().set('customerOrderNumber', 'WEB-1', 'order.customerOrderNumber'));
}

describe('useShipmentForm', () => {
  it('starts from the defaults: default package, courier and product, with their lists from main', async () => {
    const { form } = setup();
    expect(form().values).toMatchObject({
      courier: 'yunexpress',
      productCode: 'YEXP01',
      parcels: [{ presetId: 'box', weight: '0.4', length: '20', width: '15', height: '10' }],
    });
    await waitFor(() => expect(form().couriers).toMatchObject({ available: true, items: [{ code: 'yunexpress' }, { code: 'ups' }] }));
    await waitFor(() => expect(form().products).toMatchObject({ available: true, items: [{ code: 'YUNEXPRESS-1' }] }));
    expect(form().units).toEqual({ weight: 'kg', dimension: 'cm' });
  });

  it('validates as you type: a field shows the schema’s message once edited, every field after a submit attempt', () => {
    const { form, fake } = setup();
    // Nothing typed yet: the draft is incomplete, but no field says so.
    expect(form().problems).toBeGreaterThan(0);
    expect(form().errors).toEqual({});
    act(() => form().setParcel(0, { weight: '0' }, 'shipment.parcels[0].weight'));
    expect(form().errors).toEqual({ 'shipment.parcels[0].weight': 'Weight must be greater than 0.' });
    act(() => form().setParcel(0, { weight: 'a lot' }, 'shipment.parcels[0].weight'));
    expect(form().errors['shipment.parcels[0].weight']).toBe('Weight must be a number.');
    act(() => form().setParcel(0, { weight: '1,5' }, 'shipment.parcels[0].weight'));
    expect(form().errors['shipment.parcels[0].weight']).toBeUndefined();

    act(() => void form().submit());
    expect(form().submitted).toBe(true);
    expect(form().errors['shipment.shipTo.contact.firstName']).toBe('First name must not be empty.');
    expect(form().errors['shipment.parcels[0].items[0].descriptionEn']).toBeDefined();
    // Nothing is sent while the schema objects.
    expect(fake.callsTo('labels:create')).toHaveLength(0);
  });

  it('reads numbers the way people type them, into the draft it sends', async () => {
    const { form, fake, onOutcome, hook } = setup();
    fillValid(form);
    act(() => form().setParcel(0, { weight: '1.234,5', length: '1,234.5' }, 'shipment.parcels[0].weight'));
    expect(form().draft.shipment.parcels[0]).toMatchObject({
      weight: 1234.5,
      dimension: { length: 1234.5, width: 15, height: 10 },
      items: [{ quantity: 2, unitPrice: { amount: 6.5 }, unitWeight: 0.3 }],
    });
    expect(form().problems).toBe(0);
    await waitFor(() => expect(hook.result.current.unresolved.data).toEqual([]));

    // 1234.5 kg is implausible: Create sends it only once the operator said the weight is right.
    await act(() => form().submit());
    expect(fake.callsTo('labels:create')).toEqual([]);
    act(() => form().weight.setConfirmed(true));
    await act(() => form().submit());
    expect(fake.callsTo('labels:create')).toEqual([{ draft: buildDraft(form().values, settings.senders), weightConfirmed: true }]);
    expect(onOutcome).toHaveBeenCalledWith(outcome);
    // A request was sent: the list of requests in doubt is read again.
    await waitFor(() => expect(fake.callsTo('labels:unresolved')).toHaveLength(2));

    // The explicit "create another label for this order" sends the same draft with `another`.
    await act(() => form().submit(undefined, true));
    expect(fake.callsTo('labels:create')[1]).toEqual({ draft: form().draft, another: true, weightConfirmed: true });
  });

  it('adds and removes parcels and items: a new parcel from the default package, a new item in the currency above it', () => {
    const { form } = setup();
    act(() => form().setItem(0, 0, { currency: 'EUR' }, 'shipment.parcels[0].items[0].unitPrice.currency'));
    act(() => form().parcels.addItem(0));
    expect(form().values.parcels[0]!.items.map((i) => i.currency)).toEqual(['EUR', 'EUR']);
    act(() => form().setItem(0, 1, { descriptionEn: 'Second' }, 'shipment.parcels[0].items[1].descriptionEn'));
    act(() => form().parcels.removeItem(0, 0));
    expect(form().values.parcels[0]!.items.map((i) => i.descriptionEn)).toEqual(['Second']);

    act(() => form().parcels.add());
    expect(form().values.parcels).toHaveLength(2);
    expect(form().values.parcels[1]).toMatchObject({
      presetId: 'box',
      weight: '0.4',
      length: '20',
      items: [{ currency: 'USD', quantity: '1' }],
    });
    // Another package: its dimensions, and the weight typed so far when it has no usual weight.
    act(() => form().setParcel(1, { weight: '2' }, 'shipment.parcels[1].weight'));
    act(() => form().parcels.choosePreset(1, 'env'));
    expect(form().values.parcels[1]).toMatchObject({ presetId: 'env', weight: '2', length: '30', width: '22', height: '1' });
    act(() => form().parcels.remove(0));
    expect(form().values.parcels.map((p) => p.presetId)).toEqual(['env']);
    expect(form().draft.shipment.parcels).toHaveLength(1);
  });

  it('puts the API’s field messages on their fields until the field changes, and keeps what was typed', async () => {
    const refusal = failed('invalid_input', 'The API refused 1 field.', {
      'shipment.shipTo.address.postalCode': 'Postal code does not match the city.',
      'service.option': 'Unknown option.',
    });
    const { form, onOutcome } = setup({ 'labels:create': () => refusal });
    fillValid(form);
    await act(() => form().submit());
    expect(form().formError).toEqual(refusal.ok ? null : refusal.error);
    expect(form().errors['shipment.shipTo.address.postalCode']).toBe('Postal code does not match the city.');
    expect(form().values.shipTo.city).toBe('Los Angeles');
    expect(onOutcome).not.toHaveBeenCalled();
    act(() => form().setParty('shipTo', { ...form().values.shipTo, postalCode: '90012' }));
    expect(form().errors['shipment.shipTo.address.postalCode']).toBeUndefined();
    expect(form().serverErrors).toEqual({ 'service.option': 'Unknown option.' });
  });

  it('a courier picked from the list asks for a product again, with that courier’s products', async () => {
    const { form, fake } = setup();
    act(() => form().chooseCourier('ups'));
    expect(form().values).toMatchObject({ courier: 'ups', productCode: '' });
    await waitFor(() => expect(form().products).toMatchObject({ items: [{ code: 'UPS-1' }] }));
    expect(fake.callsTo('catalog:products').map((c) => c.courier)).toEqual(['yunexpress', 'ups']);
  });

  it('a courier list main cannot give becomes a typed code field with the reason', async () => {
    const { form } = setup({ 'catalog:couriers': () => failed('unauthorized', 'The token for Demo was refused.') });
    await waitFor(() => expect(form().couriers).toEqual({ available: false, reason: 'The token for Demo was refused.' }));
  });

  it('New label empties the form back to the defaults and forgets every message', async () => {
    const { form } = setup({ 'labels:create': () => failed('network', 'The Flex Forward API could not be reached.') });
    fillValid(form);
    act(() => form().setParcel(0, { weight: '0' }, 'shipment.parcels[0].weight'));
    await act(() => form().submit());
    expect(form().formError).toBeNull(); // the schema objected first: nothing was sent
    act(() => form().setParcel(0, { weight: '1' }, 'shipment.parcels[0].weight'));
    await act(() => form().submit());
    expect(form().formError?.code).toBe('network');
    act(() => form().reset());
    expect(form()).toMatchObject({ submitted: false, formError: null, errors: {}, serverErrors: {} });
    expect(form().values.shipTo.firstName).toBe('');
    expect(form().values.parcels[0]!.weight).toBe('0.4');
  });
});
