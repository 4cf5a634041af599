import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ISO_COUNTRY_CODES, ISO_CURRENCY_CODES } from '../../shared/flexforward/iso-codes';
import {
  Checkpoint,
  CourierList,
  CreateLabelRequest,
  LabelDocument,
  LabelDocumentBatch,
  LabelResult,
  PartyRead,
  ProductList,
  StandardError,
  TrackingResponse,
  TrackingTag,
  ValidationErrorBody,
  formatIssuePath,
} from '../../shared/flexforward/schemas';
import { formatPath } from '../../shared/ipc/result';
import * as examples from '../fixtures/flexforward-examples';

/** A deep copy that tests can mutate freely. */
const clone = <T>(value: T): T => structuredClone(value);
const valid = () => clone(examples.createLabelJapan) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Parses and returns `{ path: message }` for every issue (empty when valid). */
function issues(input: unknown): Record<string, string> {
  const result = CreateLabelRequest.safeParse(input);
  if (result.success) return {};
  const out: Record<string, string> = {};
  for (const issue of result.error.issues) out[formatIssuePath(issue.path)] ??= issue.message;
  return out;
}

describe('documented examples', () => {
  it.each(Object.entries(examples.createLabelRequestExamples))('accepts the request example %s unchanged', (_name, example) => {
    const result = CreateLabelRequest.safeParse(example);
    expect(result.success ? 'ok' : result.error.issues).toBe('ok');
    // Requests have no transforms: what we validate is exactly what we send.
    expect(result.data).toEqual(example);
  });

  it.each(Object.entries(examples.labelResultExamples))('accepts the label result example %s', (_name, example) => {
    expect(LabelResult.safeParse(example).success).toBe(true);
  });

  it('accepts the label document examples, old (no customerOrderNumber) and new', () => {
    for (const doc of [examples.labelDocumentNew, examples.labelDocumentOld, examples.labelDocumentPng]) {
      expect(LabelDocument.parse(doc)).toEqual(doc);
    }
    expect(LabelDocumentBatch.parse(examples.labelDocumentBatch).labels).toHaveLength(2);
  });

  it('accepts tracking examples with and without milliseconds, null location and null tracking number', () => {
    const inTransit = TrackingResponse.parse(examples.trackingInTransit);
    expect(inTransit.tag).toBe('InTransit');
    expect(inTransit.checkpoints.map((c) => c.location)).toEqual(['Shenzhen Sorting Center', null]);
    expect(TrackingResponse.parse(examples.trackingPending).trackingNumber).toBeNull();
  });

  it('accepts the standard and validation error bodies', () => {
    for (const body of examples.standardErrorExamples) expect(StandardError.parse(body)).toEqual(body);
    expect(ValidationErrorBody.parse(examples.validationErrorExample).details[0]).toEqual({
      field: 'shipment.parcels[0].weight',
      message: 'must be greater than 0',
    });
  });

  it('refuses the numeric phone/postal sample in a request, naming both fields', () => {
    const request = valid();
    request.shipment.shipTo = clone(examples.numericPhoneAndPostalParty);
    expect(issues(request)).toEqual({
      'shipment.shipTo.contact.phone': expect.stringContaining('Phone must be text'),
      'shipment.shipTo.address.postalCode': 'Postal code must be text.',
    });
  });

  it('reads the numeric phone/postal sample as strings on the lenient side', () => {
    const party = PartyRead.parse(examples.numericPhoneAndPostalParty);
    expect(party.contact.phone).toBe('8554377467');
    expect(party.address.postalCode).toBe('8817');
  });
});

describe('CreateLabelRequest (strict)', () => {
  it('refuses unknown top-level fields and names them', () => {
    expect(issues({ ...valid(), webhookUrl: 'https://x' })).toEqual({ '': 'The label request has an unknown field: "webhookUrl".' });
  });

  it('refuses unknown nested fields too (a typo must not be dropped silently)', () => {
    const request = valid();
    request.shipment.shipTo.contact.firstname = 'typo';
    expect(issues(request)).toEqual({ 'shipment.shipTo.contact': 'Contact has an unknown field: "firstname".' });
  });

  it('keeps idempotencyKey between 1 and 100 characters', () => {
    expect(issues({ ...valid(), idempotencyKey: 'k'.repeat(100) })).toEqual({});
    expect(issues({ ...valid(), idempotencyKey: 'k'.repeat(101) })).toEqual({
      idempotencyKey: 'Idempotency key must be at most 100 characters.',
    });
    expect(issues({ ...valid(), idempotencyKey: '' })).toEqual({ idempotencyKey: 'Idempotency key must not be empty.' });
  });

  it('requires the courier, the service product code and the shipment', () => {
    const { shipment: _s, ...noShipment } = valid();
    expect(issues({ ...noShipment, courier: '', service: {} })).toEqual({
      courier: 'Courier must not be empty.',
      'service.productCode': 'Product code is required.',
      shipment: 'Shipment is required.',
    });
  });

  it('accepts a UUID shipper account and refuses anything else', () => {
    const withAccount = (id: string) => ({ ...valid(), service: { productCode: 'JPTHZXR', shipperAccountId: id } });
    expect(issues(withAccount('3fa85f64-5717-4562-b3fc-2c963f66afa6'))).toEqual({});
    expect(issues(withAccount('account-1'))).toEqual({ 'service.shipperAccountId': 'Shipper account must be a UUID.' });
  });

  it('requires the recipient first name, city, postal code and at least one street line', () => {
    const request = valid();
    request.shipment.shipTo = { contact: { lastName: 'Yamada' }, address: { countryCode: 'JP', streetLines: [] } };
    expect(issues(request)).toEqual({
      'shipment.shipTo.contact.firstName': 'First name is required.',
      'shipment.shipTo.address.streetLines': 'Enter at least one street line.',
      'shipment.shipTo.address.city': 'City is required.',
      'shipment.shipTo.address.postalCode': 'Postal code is required.',
    });
  });

  it('refuses blank text where a value is required', () => {
    const request = valid();
    request.shipment.shipTo.address.city = '   ';
    request.shipment.shipTo.address.streetLines = [' '];
    expect(issues(request)).toEqual({
      'shipment.shipTo.address.city': 'City must not be empty.',
      'shipment.shipTo.address.streetLines[0]': 'Street line must not be empty.',
    });
  });

  it('validates country codes against the ISO 3166-1 list, not just two capital letters', () => {
    const withCountry = (code: string) => {
      const request = valid();
      request.shipment.shipTo.address.countryCode = code;
      return issues(request)['shipment.shipTo.address.countryCode'];
    };
    for (const code of ['US', 'JP', 'GB', 'HK', 'AX', 'SS']) expect(withCountry(code)).toBeUndefined();
    for (const code of ['ZZ', 'UK', 'XK', 'us', 'USA', '']) expect(withCountry(code)).toMatch(/ISO country code/);
  });

  it('holds exactly the 249 assigned ISO 3166-1 codes, each one a region the platform can name', () => {
    expect(new Set(ISO_COUNTRY_CODES).size).toBe(249);
    const names = new Intl.DisplayNames(['en'], { type: 'region' });
    expect(ISO_COUNTRY_CODES.filter((code) => names.of(code) === code)).toEqual([]);
  });

  it('validates currencies against ISO 4217 circulating codes', () => {
    const withCurrency = (currency: string) => {
      const request = valid();
      request.shipment.parcels[0].items[0].unitPrice.currency = currency;
      return issues(request)['shipment.parcels[0].items[0].unitPrice.currency'];
    };
    for (const code of ['USD', 'EUR', 'JPY', 'HKD', 'CNY']) expect(withCurrency(code)).toBeUndefined();
    for (const code of ['ABC', 'usd', 'US', 'XAU', 'XXX']) expect(withCurrency(code)).toMatch(/ISO currency code/);
    const names = new Intl.DisplayNames(['en'], { type: 'currency' });
    expect(ISO_CURRENCY_CODES.filter((code) => names.of(code) === code)).toEqual([]);
  });

  it('requires at least one parcel with a weight above 0 and at least one item', () => {
    const noParcels = valid();
    noParcels.shipment.parcels = [];
    expect(issues(noParcels)).toEqual({ 'shipment.parcels': 'Add at least one parcel.' });

    const bad = valid();
    bad.shipment.parcels = [
      { weight: 0, items: [] },
      { weight: -1, items: bad.shipment.parcels[0].items },
    ];
    expect(issues(bad)).toEqual({
      'shipment.parcels[0].weight': 'Weight must be greater than 0.',
      'shipment.parcels[0].items': 'Add at least one item to the parcel.',
      'shipment.parcels[1].weight': 'Weight must be greater than 0.',
    });
  });

  it('checks item quantity, price and unit weight', () => {
    const request = valid();
    request.shipment.parcels[0].items[0] = {
      descriptionEn: '',
      quantity: 1.5,
      unitPrice: { amount: -0.01, currency: 'USD' },
      unitWeight: 0,
    };
    expect(issues(request)).toEqual({
      'shipment.parcels[0].items[0].descriptionEn': 'English description must not be empty.',
      'shipment.parcels[0].items[0].quantity': 'Quantity must be a whole number.',
      'shipment.parcels[0].items[0].unitPrice.amount': 'Amount must not be negative.',
      'shipment.parcels[0].items[0].unitWeight': 'Unit weight must be greater than 0.',
    });
    request.shipment.parcels[0].items[0] = {
      descriptionEn: 'Gift',
      quantity: 0,
      unitPrice: { amount: 0, currency: 'USD' },
      unitWeight: 0.1,
    };
    expect(issues(request)).toEqual({ 'shipment.parcels[0].items[0].quantity': 'Quantity must be at least 1.' });
  });

  it('checks dimensions only when a dimension is given', () => {
    const request = valid();
    delete request.shipment.parcels[0].dimension;
    expect(issues(request)).toEqual({});
    request.shipment.parcels[0].dimension = { length: 10, width: 0 };
    expect(issues(request)).toEqual({
      'shipment.parcels[0].dimension.width': 'Width must be greater than 0.',
      'shipment.parcels[0].dimension.height': 'Height is required.',
    });
  });

  it('validates email only when present', () => {
    const request = valid();
    request.shipment.shipTo.contact.email = 'not-an-email';
    expect(issues(request)).toEqual({ 'shipment.shipTo.contact.email': 'Enter a valid email address, such as name@example.com.' });
    request.shipment.shipTo.contact.email = 'taro@example.jp';
    expect(issues(request)).toEqual({});
  });

  it('allows label format PDF or PNG and units KG/LB, CM/IN only', () => {
    expect(issues({ ...valid(), label: { format: 'PNG' }, units: { weight: 'LB', dimension: 'IN' } })).toEqual({});
    expect(issues({ ...valid(), label: { format: 'ZPL' }, units: { weight: 'G', dimension: 'MM' } })).toEqual({
      'label.format': 'Label format must be PDF or PNG.',
      'units.weight': 'Weight unit must be KG or LB.',
      'units.dimension': 'Dimension unit must be CM or IN.',
    });
  });

  it('keeps undocumented sections open but JSON-only', () => {
    const open = {
      ...valid(),
      customs: { incoterm: 'DDP', taxId: { type: 'IOSS', value: 'IM1234567890' } },
      dangerousGoods: { containsBattery: false },
      pickup: { pointId: 'P-1' },
      courierOptions: { yunexpress: { insured: true, ratio: 0.5, tags: ['a'] } },
      serviceOptions: [{ code: 'V1', value: { nested: [1, 'two', null] } }, { code: 'V2' }],
    };
    expect(issues(open)).toEqual({});
    expect(issues({ ...valid(), customs: 'DDP' })).toEqual({ customs: 'Customs must be an object.' });
    expect(issues({ ...valid(), serviceOptions: [{ value: 1 }] })).toEqual({
      'serviceOptions[0].code': 'Service option code is required.',
    });
  });

  it('never shows zod’s generic wording to operators', () => {
    const hopeless = {
      idempotencyKey: 7,
      courier: null,
      service: 'x',
      shipment: { shipTo: { contact: 1, address: [] }, parcels: [{ weight: '1', items: [{ quantity: '2', unitPrice: {} }] }] },
      label: 1,
      units: { weight: 1 },
      order: { customerOrderNumber: 5, orderNumbers: { referenceNumbers: 'r' } },
      serviceOptions: {},
    };
    const messages = Object.values(issues(hopeless));
    expect(messages.length).toBeGreaterThan(8);
    for (const message of messages) {
      expect(message).not.toMatch(/Invalid input|expected|received/i);
      expect(message).toMatch(/[.]$/);
    }
  });
});

describe('responses (lenient)', () => {
  it('keeps unknown fields the vendor may add', () => {
    const parsed = LabelResult.parse({ ...examples.labelResultCreated, carbonGrams: 120 });
    expect(parsed.carbonGrams).toBe(120);
  });

  it('fills missing nullable label fields with null', () => {
    const parsed = LabelResult.parse({ id: 'f47ac10b-58cc-4372-a567-0e02b2c3d479', status: 'created', courier: 'yunexpress' });
    expect(parsed).toMatchObject({ courierOrderNumber: null, courierTrackingNumber: null, error: null });
  });

  it('refuses a label status it does not know, rather than guessing whether a label exists', () => {
    expect(LabelResult.safeParse({ ...examples.labelResultCreated, status: 'pending' }).success).toBe(false);
  });

  it('maps unknown or missing tracking tags to Unknown', () => {
    expect(TrackingTag.parse('Delivered')).toBe('Delivered');
    expect(TrackingTag.parse('ReturnedToSender')).toBe('Unknown');
    expect(TrackingTag.parse(undefined)).toBe('Unknown');
    const tracking = TrackingResponse.parse({
      ...examples.trackingInTransit,
      tag: 'OutForDelivery',
      checkpoints: [{ checkpointTime: '2026-05-28T09:15:00Z', tag: 'Scanned' }],
    });
    expect(tracking.tag).toBe('Unknown');
    expect(tracking.checkpoints[0]?.tag).toBe('Unknown');
  });

  it('reads checkpoint fields the spec is unsure about as null when absent', () => {
    expect(Checkpoint.parse({ checkpointTime: '2026-05-28T09:15:00Z', city: null })).toMatchObject({
      city: null,
      state: null,
      countryRegion: null,
      location: null,
      message: null,
      subtag: null,
    });
  });

  it('reads a label document without customerOrderNumber (older API) and refuses one without a URL', () => {
    expect(LabelDocument.parse(examples.labelDocumentOld).customerOrderNumber).toBeUndefined();
    expect(LabelDocument.safeParse({ ...examples.labelDocumentNew, url: 'not a url' }).success).toBe(false);
  });

  it('normalises product and courier lists, bare or wrapped, to arrays', () => {
    expect(ProductList.parse(examples.productListBare)).toEqual(examples.productListBare);
    expect(ProductList.parse(examples.productListWrapped)).toEqual(examples.productListBare);
    expect(CourierList.parse(examples.courierListBare)).toEqual(examples.courierListBare);
    expect(CourierList.parse(examples.courierListWrapped)).toEqual(examples.courierListBare);
    expect(ProductList.parse([{ code: 'X', name: null, extra: 1 }])[0]).toMatchObject({ code: 'X', extra: 1 });
  });

  it('refuses product or courier entries without a code', () => {
    expect(ProductList.safeParse([{ name: 'Express' }]).success).toBe(false);
    expect(CourierList.safeParse({ couriers: [{ code: '' }] }).success).toBe(false);
    expect(CourierList.safeParse({ items: [] }).success).toBe(false);
  });
});

describe('formatIssuePath', () => {
  it('writes API-style paths with brackets for array indices', () => {
    expect(formatIssuePath(['shipment', 'parcels', 0, 'weight'])).toBe('shipment.parcels[0].weight');
    expect(formatIssuePath(['serviceOptions', 2, 'code'])).toBe('serviceOptions[2].code');
    expect(formatIssuePath([])).toBe('');
  });

  it('is the shared IPC formatter, so form errors and API errors use one path style', () => {
    const segment = fc.oneof(fc.nat({ max: 20 }), fc.stringMatching(/^[a-zA-Z]{1,8}$/));
    fc.assert(fc.property(fc.array(segment, { maxLength: 6 }), (path) => formatIssuePath(path) === formatPath(path)));
  });
});
