import { afterEach, describe, expect, it } from 'vitest';
import type { CreateOutcome } from '../../shared/domain/label-draft';
import type { Simulator } from '../../electron/simulator';
import type { DemoServer } from '../../electron/core/connections';
import { controlledDemo, labelDraft } from '../fixtures/label-drafts';
import { createTestStation, type TestStationOptions } from '../support/test-station';

/**
 * The same-shipment guard (issue 15 item 1): a label request without an order number gets a
 * fresh key each time, so the shipment's fingerprint is what stops a second purchase.
 */
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((x) => x.close()));
});

async function demoStation(sim: Simulator, startDemo: () => Promise<DemoServer>, extra: TestStationOptions = {}) {
  const station = createTestStation({ startDemo, ...extra });
  opened.push(station, sim);
  expect((await station.client.env.switch({ environment: 'demo' })).ok).toBe(true);
  return station;
}

const created = (r: { ok: boolean; value?: CreateOutcome }) => {
  expect(r).toMatchObject({ ok: true, value: { kind: 'created' } });
  return r.value as Extract<CreateOutcome, { kind: 'created' }>;
};
const labelsAt = (sim: Simulator) => sim.stats().labelsCreated;

/** A clock the test moves. */
function clock(start = Date.UTC(2026, 4, 4, 9, 0, 0)) {
  let t = start;
  return { now: () => new Date(t), advanceHours: (h: number) => (t += h * 3_600_000) };
}

describe('a second purchase of the same shipment without an order number', () => {
  it('is refused with duplicate_shipment naming the existing label; the simulator sees one label', async () => {
    const { sim, startDemo } = await controlledDemo();
    const station = await demoStation(sim, startDemo);
    const first = created(await station.client.labels.create({ draft: labelDraft(null) }));

    // Typed again, with other case and spacing, another phone and the weight written 0.80: the same shipment.
    const again = labelDraft(null);
    again.shipment.shipTo.contact = { firstName: 'MARIA ', lastName: ' garcia', phone: '+1 213 555 0000' };
    again.shipment.shipTo.address.postalCode = ' 90012';
    again.shipment.parcels[0]!.weight = 0.8;
    const second = await station.client.labels.create({ draft: again });
    expect(second).toMatchObject({
      ok: false,
      error: {
        code: 'duplicate_shipment',
        message: expect.stringContaining(first.label.trackingNumber!),
        fields: {
          'duplicateOf.kind': 'label',
          'duplicateOf.labelId': first.label.id,
          'duplicateOf.trackingNumber': first.label.trackingNumber,
          'duplicateOf.createdAt': String(first.label.createdAt),
        },
      },
    });
    expect(labelsAt(sim)).toBe(1);
    const history = await station.client.labels.history({});
    expect(history.ok && history.value.items.map((l) => l.id)).toEqual([first.label.id]);
  });

  it('another parcel (another weight) or another recipient is not the same shipment', async () => {
    const { sim, startDemo } = await controlledDemo();
    const station = await demoStation(sim, startDemo);
    created(await station.client.labels.create({ draft: labelDraft(null) }));
    const heavier = labelDraft(null);
    heavier.shipment.parcels[0]!.weight = 1.2;
    created(await station.client.labels.create({ draft: heavier }));
    created(await station.client.labels.create({ draft: labelDraft(null, { firstName: 'Mario' }) }));
    expect(labelsAt(sim)).toBe(3);
  });

  it('with the explicit confirmation naming the existing label, a second label is bought', async () => {
    const { sim, startDemo } = await controlledDemo();
    const station = await demoStation(sim, startDemo);
    const first = created(await station.client.labels.create({ draft: labelDraft(null) }));
    // A confirmation naming some other label does not count.
    const wrong = await station.client.labels.create({ draft: labelDraft(null), confirmDuplicateOf: 'not-that-label' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'duplicate_shipment' } });

    const second = created(await station.client.labels.create({ draft: labelDraft(null), confirmDuplicateOf: first.label.id }));
    expect(second.label.id).not.toBe(first.label.id);
    expect(labelsAt(sim)).toBe(2);
    // The third asks again, naming the newest one.
    const third = await station.client.labels.create({ draft: labelDraft(null) });
    expect(third).toMatchObject({ ok: false, error: { code: 'duplicate_shipment', fields: { 'duplicateOf.labelId': second.label.id } } });
    expect(labelsAt(sim)).toBe(2);
  });

  it('outside the window (24 h by default, set in Settings → Defaults; 0 is off) it is allowed', async () => {
    const time = clock();
    const { sim, startDemo } = await controlledDemo();
    const station = await demoStation(sim, startDemo, { now: time.now });
    expect((await station.client.settings.get()).ok && (await station.client.settings.get())).toMatchObject({
      value: { defaults: { duplicateWindowHours: 24 } },
    });
    created(await station.client.labels.create({ draft: labelDraft(null) }));
    time.advanceHours(23.5);
    expect(await station.client.labels.create({ draft: labelDraft(null) })).toMatchObject({
      ok: false,
      error: { code: 'duplicate_shipment' },
    });
    time.advanceHours(1);
    created(await station.client.labels.create({ draft: labelDraft(null) }));
    expect(labelsAt(sim)).toBe(2);

    // A shorter window: two hours later the same shipment may be labelled again.
    expect(await station.client.settings.setDefaults({ duplicateWindowHours: 1 })).toMatchObject({ ok: true });
    time.advanceHours(2);
    created(await station.client.labels.create({ draft: labelDraft(null) }));
    // Off: no question at all.
    await station.client.settings.setDefaults({ duplicateWindowHours: 0 });
    created(await station.client.labels.create({ draft: labelDraft(null) }));
    expect(labelsAt(sim)).toBe(4);
    expect(await station.client.settings.setDefaults({ duplicateWindowHours: -1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('an unconfirmed (in doubt) request of the same shipment blocks a new one until it is resolved', async () => {
    const { sim, startDemo } = await controlledDemo({ faults: { dropAfterCreate: 1 } });
    const station = await demoStation(sim, startDemo, {
      clientOptions: { retryDelaysMs: [], connectTimeoutMs: 400, responseTimeoutMs: 800 },
    });
    const doubt = await station.client.labels.create({ draft: labelDraft(null) });
    expect(doubt).toMatchObject({ ok: true, value: { kind: 'in_doubt' } });
    const key = doubt.ok && doubt.value.kind === 'in_doubt' ? doubt.value.idempotencyKey : '';
    expect(labelsAt(sim)).toBe(1);

    sim.setFaults({});
    const blocked = await station.client.labels.create({ draft: labelDraft(null) });
    expect(blocked).toMatchObject({
      ok: false,
      error: { code: 'duplicate_shipment', fields: { 'duplicateOf.kind': 'request', 'duplicateOf.idempotencyKey': key } },
    });
    expect(labelsAt(sim)).toBe(1);

    // Checking it again finds the label it bought; the next Create names that label.
    const resolved = created(await station.client.labels.resolve({ idempotencyKey: key }));
    expect(resolved.replayed).toBe(true);
    expect(await station.client.labels.create({ draft: labelDraft(null) })).toMatchObject({
      ok: false,
      error: { code: 'duplicate_shipment', fields: { 'duplicateOf.labelId': resolved.label.id } },
    });
    expect(labelsAt(sim)).toBe(1);
  });
});

describe('with an order number', () => {
  it('the order-number logic is unchanged: the same order warns already_labelled; another order of the same shipment is bought', async () => {
    const { sim, startDemo } = await controlledDemo();
    const station = await demoStation(sim, startDemo);
    const first = created(await station.client.labels.create({ draft: labelDraft('DUP-1') }));
    expect(await station.client.labels.create({ draft: labelDraft('DUP-1') })).toMatchObject({
      ok: true,
      value: { kind: 'already_labelled', orderNumber: 'DUP-1', labels: [{ id: first.label.id }] },
    });
    created(await station.client.labels.create({ draft: labelDraft('DUP-2') }));
    created(await station.client.labels.create({ draft: labelDraft('DUP-1'), another: true }));
    expect(sim.stats().labelsByKey).toEqual({ 'DUP-1': 1, 'DUP-2': 1, 'DUP-1#2': 1 });
  });
});

describe('Duplicate and recent recipients', () => {
  it('"Duplicate" gives the draft of a label’s own request, without its key or account, and buys nothing', async () => {
    const { sim, startDemo } = await controlledDemo();
    const station = await demoStation(sim, startDemo);
    const { label } = created(await station.client.labels.create({ draft: labelDraft(null, { format: 'PNG' }) }));
    const before = sim.stats().requests.length;
    const draft = await station.client.labels.draftOf({ id: label.id });
    expect(draft).toEqual({ ok: true, value: labelDraft(null, { format: 'PNG' }) });
    expect(sim.stats().requests.length).toBe(before);
    expect(await station.client.labels.draftOf({ id: 'no-such-label' })).toMatchObject({ ok: false, error: { code: 'label_not_found' } });
  });

  it('offers recent recipients by the start of their name, newest first, one per person and address, from the active environment', async () => {
    const { sim, startDemo } = await controlledDemo();
    const station = await demoStation(sim, startDemo);
    created(await station.client.labels.create({ draft: labelDraft('R-1') }));
    created(await station.client.labels.create({ draft: labelDraft('R-2', { postalCode: '90013' }) }));
    created(await station.client.labels.create({ draft: labelDraft('R-3') }));
    created(await station.client.labels.create({ draft: labelDraft('R-4', { firstName: 'Kenji' }) }));
    // The courier's refusal is not a recipient to offer.
    await station.client.labels.create({ draft: labelDraft('R-5', { firstName: 'REJECT' }) });

    const found = await station.client.labels.recentRecipients({ text: 'mar' });
    expect(found.ok && found.value.map((r) => [r.name, r.party.address.postalCode])).toEqual([
      ['Maria Garcia', '90012'],
      ['Maria Garcia', '90013'],
    ]);
    expect(found.ok && found.value[0]!.party).toEqual(labelDraft(null).shipment.shipTo);
    expect(await station.client.labels.recentRecipients({ text: 'Kenji G' })).toMatchObject({
      ok: true,
      value: [{ name: 'Kenji Garcia' }],
    });
    expect(await station.client.labels.recentRecipients({ text: 'REJ' })).toEqual({ ok: true, value: [] });
    expect(await station.client.labels.recentRecipients({ text: 'zz' })).toEqual({ ok: true, value: [] });
    expect(await station.client.labels.recentRecipients({ text: ' ' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
