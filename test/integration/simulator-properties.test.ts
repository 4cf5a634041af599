// Property tests: whatever is wrong with a label request, the simulator answers 400 with field
// paths that point at the problem, never a 500 and never a label.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../electron/simulator';
import { TOKEN_A, TWO_TOKENS, createLabel, freshKey, validBody, type AnyJson } from './simulator-test-helpers';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ tokens: TWO_TOKENS });
});
afterAll(async () => {
  await sim?.close();
});

type Path = (string | number)[];
type Json = AnyJson;

const formatPath = (path: Path) => path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${p}` : p), '');

const REQUIRED: Path[] = [
  ['idempotencyKey'],
  ['courier'],
  ['service'],
  ['service', 'productCode'],
  ['shipment'],
  ['shipment', 'shipTo'],
  ['shipment', 'shipTo', 'contact'],
  ['shipment', 'shipTo', 'contact', 'firstName'],
  ['shipment', 'shipTo', 'address'],
  ['shipment', 'shipTo', 'address', 'countryCode'],
  ['shipment', 'shipTo', 'address', 'city'],
  ['shipment', 'shipTo', 'address', 'postalCode'],
  ['shipment', 'shipTo', 'address', 'streetLines'],
  ['shipment', 'parcels'],
  ['shipment', 'parcels', 0, 'weight'],
  ['shipment', 'parcels', 0, 'items'],
  ['shipment', 'parcels', 0, 'items', 0, 'descriptionEn'],
  ['shipment', 'parcels', 0, 'items', 0, 'quantity'],
  ['shipment', 'parcels', 0, 'items', 0, 'unitPrice'],
  ['shipment', 'parcels', 0, 'items', 0, 'unitPrice', 'amount'],
  ['shipment', 'parcels', 0, 'items', 0, 'unitPrice', 'currency'],
  ['shipment', 'parcels', 0, 'items', 0, 'unitWeight'],
];

const STRINGS: Path[] = [
  ['idempotencyKey'],
  ['courier'],
  ['service', 'productCode'],
  ['shipment', 'shipTo', 'contact', 'firstName'],
  ['shipment', 'shipTo', 'contact', 'lastName'],
  ['shipment', 'shipTo', 'contact', 'phone'],
  ['shipment', 'shipTo', 'address', 'city'],
  ['shipment', 'shipTo', 'address', 'postalCode'],
  ['shipment', 'shipFrom', 'address', 'city'],
  ['shipment', 'parcels', 0, 'items', 0, 'descriptionEn'],
  ['order', 'customerOrderNumber'],
];

const NUMBERS: Path[] = [
  ['shipment', 'parcels', 0, 'weight'],
  ['shipment', 'parcels', 0, 'dimension', 'length'],
  ['shipment', 'parcels', 0, 'items', 0, 'quantity'],
  ['shipment', 'parcels', 0, 'items', 0, 'unitWeight'],
  ['shipment', 'parcels', 0, 'items', 0, 'unitPrice', 'amount'],
];

const POSITIVE: Path[] = [
  ['shipment', 'parcels', 0, 'weight'],
  ['shipment', 'parcels', 0, 'items', 0, 'unitWeight'],
  ['shipment', 'parcels', 0, 'dimension', 'height'],
];

const OBJECTS: Path[] = [
  [],
  ['service'],
  ['shipment'],
  ['shipment', 'shipTo'],
  ['shipment', 'shipTo', 'contact'],
  ['shipment', 'shipTo', 'address'],
  ['shipment', 'shipFrom', 'address'],
  ['shipment', 'parcels', 0],
  ['shipment', 'parcels', 0, 'dimension'],
  ['shipment', 'parcels', 0, 'items', 0],
  ['shipment', 'parcels', 0, 'items', 0, 'unitPrice'],
  ['label'],
  ['units'],
  ['order'],
];

const COUNTRIES: Path[] = [
  ['shipment', 'shipTo', 'address', 'countryCode'],
  ['shipment', 'shipFrom', 'address', 'countryCode'],
];
const CURRENCY: Path = ['shipment', 'parcels', 0, 'items', 0, 'unitPrice', 'currency'];

interface Mutation {
  describe: string;
  apply(body: Json): void;
  /** Path a detail must name (exactly, or a field below it). */
  expect: Path;
}

const parentOf = (body: Json, path: Path) => path.slice(0, -1).reduce((node, key) => node[key], body);
const set = (path: Path, value: unknown) => (body: Json) => {
  parentOf(body, path)[path.at(-1)!] = value;
};

const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }),
);
const notANumber = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.constant({}));
const notAnObject = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.integer(), { maxLength: 2 }));
const badCountry = fc.oneof(fc.constantFrom('us', 'USA', 'XX', 'ZZ', 'U', '', '日本', 'J P'), fc.string({ minLength: 3, maxLength: 5 }));
const badCurrency = fc.oneof(fc.constantFrom('usd', 'DOLLAR', 'XYZ', 'US', '', '円'), fc.string({ minLength: 4, maxLength: 6 }));
// A key the schema does not know: avoid real field names and prototype-polluting names.
const unknownKey = fc.string({ minLength: 1, maxLength: 12 }).map((s) => `x_${s}`);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.constantFrom(...REQUIRED).map((path) => ({
    describe: `delete ${formatPath(path)}`,
    apply: (body: Json) => {
      delete parentOf(body, path)[path.at(-1)!];
    },
    expect: path,
  })),
  fc
    .tuple(fc.constantFrom(...STRINGS), notAString)
    .map(([path, v]) => ({ describe: `${formatPath(path)} = ${JSON.stringify(v)}`, apply: set(path, v), expect: path })),
  fc
    .tuple(fc.constantFrom(...NUMBERS), notANumber)
    .map(([path, v]) => ({ describe: `${formatPath(path)} = ${JSON.stringify(v)}`, apply: set(path, v), expect: path })),
  fc
    .tuple(
      fc.constantFrom(...POSITIVE),
      fc.oneof(fc.constant(0), fc.double({ max: -Number.MIN_VALUE, noNaN: true }), fc.integer({ max: -1 })),
    )
    .map(([path, v]) => ({
      describe: `${formatPath(path)} = ${v}`,
      apply: set(path, v),
      expect: path,
    })),
  fc
    .tuple(fc.constantFrom(...OBJECTS.filter((p) => p.length > 0)), notAnObject)
    .map(([path, v]) => ({ describe: `${formatPath(path)} = ${JSON.stringify(v)}`, apply: set(path, v), expect: path })),
  fc.tuple(fc.constantFrom(...OBJECTS), unknownKey, fc.jsonValue()).map(([path, key, v]) => ({
    describe: `unknown field ${formatPath([...path, key])}`,
    apply: (body: Json) => {
      const target = path.reduce((node: Json, k) => node[k], body);
      Object.defineProperty(target, key, { value: v, enumerable: true, writable: true, configurable: true });
    },
    expect: [...path, key],
  })),
  fc
    .tuple(fc.constantFrom(...COUNTRIES), badCountry)
    .map(([path, v]) => ({ describe: `${formatPath(path)} = ${v}`, apply: set(path, v), expect: path })),
  badCurrency.map((v) => ({ describe: `currency = ${v}`, apply: set(CURRENCY, v), expect: CURRENCY })),
  fc.double({ min: 0.01, max: 100, noInteger: true, noNaN: true }).map((v) => {
    const path: Path = ['shipment', 'parcels', 0, 'items', 0, 'quantity'];
    return { describe: `quantity = ${v}`, apply: set(path, v), expect: path };
  }),
  fc
    .constantFrom<[Path, unknown]>(
      [['shipment', 'parcels'], []],
      [['shipment', 'parcels', 0, 'items'], []],
      [['shipment', 'shipTo', 'address', 'streetLines'], []],
      [['idempotencyKey'], ''],
      [['idempotencyKey'], 'k'.repeat(101)],
      [['shipment', 'shipTo', 'contact', 'firstName'], '   '],
      [['shipment', 'shipTo', 'contact', 'email'], 'not-an-email'],
      [['label', 'format'], 'GIF'],
      [['units', 'weight'], 'STONE'],
    )
    .map(([path, v]) => ({ describe: `${formatPath(path)} = ${JSON.stringify(v).slice(0, 20)}`, apply: set(path, v), expect: path })),
);

function namesPath(field: string, expected: Path): boolean {
  const want = formatPath(expected);
  if (want === '') return field.length > 0;
  return field === want || field.startsWith(`${want}.`) || field.startsWith(`${want}[`);
}

describe('POST /labels with invalid bodies', () => {
  it('answers 400 with non-empty field paths naming the mutated field, for one or more mutations', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const body = validBody({ key: freshKey('prop') });
        for (const m of mutations) {
          try {
            m.apply(body);
          } catch {
            // An earlier mutation removed the parent: this one has nothing to change.
          }
        }
        // Mutations applied after a parent vanished are moot: check only the ones still reachable.
        const res = await createLabel(sim.url, TOKEN_A, body);
        expect(res.status, mutations.map((m) => m.describe).join('; ')).toBe(400);
        expect(res.json.error).toBe('Validation failed');
        const details = res.json.details as { field: string; message: string }[];
        expect(details.length).toBeGreaterThan(0);
        for (const d of details) {
          expect(d.field.length).toBeGreaterThan(0);
          expect(d.message.length).toBeGreaterThan(0);
        }
        const first = mutations[0]!;
        if (mutations.length === 1) {
          expect(
            details.some((d) => namesPath(d.field, first.expect)),
            `${first.describe} → ${JSON.stringify(details)}`,
          ).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
    expect(sim.stats().labelsCreated).toBe(0);
  });

  it('answers 400 for arbitrary JSON and for text that is not JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v) ?? 'null'),
          fc.string(),
        ),
        async (raw) => {
          const res = await createLabel(sim.url, TOKEN_A, raw);
          expect(res.status).toBe(400);
          expect(res.json.details.length).toBeGreaterThan(0);
          for (const d of res.json.details) expect(d.field.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60 },
    );
    expect(sim.stats().labelsCreated).toBe(0);
  });
});

describe('POST /labels with valid bodies', () => {
  it('creates labels whose PDF renders for any names and addresses, whatever the script', async () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => /\S/.test(s));
    await fc.assert(
      fc.asyncProperty(text, text, text, fc.double({ min: 0.001, max: 70, noNaN: true }), async (firstName, street, city, weight) => {
        const body = validBody({ key: freshKey('valid') }) as Json;
        body.shipment.shipTo.contact.firstName = firstName;
        body.shipment.shipTo.address.streetLines = [street];
        body.shipment.shipTo.address.city = city;
        body.shipment.parcels[0].weight = weight;
        const res = await createLabel(sim.url, TOKEN_A, body);
        if (firstName.trim().toUpperCase() === 'REJECT' || firstName.trim().toUpperCase() === 'COURIER-DOWN') return;
        expect(res.status).toBe(201);
        const doc = await fetch(`${sim.url}/documents/${res.json.id}.pdf`);
        expect(doc.status).toBe(200);
        const bytes = Buffer.from(await doc.arrayBuffer());
        expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      }),
      { numRuns: 40 },
    );
  });
});
