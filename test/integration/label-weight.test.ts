import { afterEach, describe, expect, it } from 'vitest';
import { controlledDemo, labelDraft } from '../fixtures/label-drafts';
import { createTestStation } from '../support/test-station';

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((x) => x.close()));
});

async function demoStation() {
  const { sim, startDemo } = await controlledDemo();
  const station = createTestStation({ startDemo });
  opened.push(station, sim);
  expect((await station.client.env.switch({ environment: 'demo' })).ok).toBe(true);
  return { sim, station };
}

const weighing = (orderNumber: string | null, weight: number) => {
  const draft = labelDraft(orderNumber);
  draft.shipment.parcels[0]!.weight = weight;
  return draft;
};

describe('New label: an implausible parcel weight needs the operator’s confirmation', () => {
  it('120 kg is refused with weight_implausible naming the weight and the range, and nothing is sent; confirmed, it is bought once', async () => {
    const { sim, station } = await demoStation();
    const refused = await station.client.labels.create({ draft: weighing('W-120', 120) });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'weight_implausible',
        message: expect.stringMatching(/^120 kg is outside 0\.01–30 kg\. .*confirm it \(“Yes, the weight is right”\)/),
        fields: { 'shipment.parcels[0].weight': expect.stringMatching(/^120 kg is outside 0\.01–30 kg\./) },
      },
    });
    // Nothing reached the API, and nothing waits in the outbox.
    expect(sim.stats().requests.filter((r) => r.method === 'POST')).toEqual([]);
    expect(station.services.database.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 0 });

    const confirmed = await station.client.labels.create({ draft: weighing('W-120', 120), weightConfirmed: true });
    expect(confirmed.ok && confirmed.value.kind).toBe('created');
    expect(sim.stats().labelsByKey).toEqual({ 'W-120': 1 });
  });

  it('a parcel lighter than its items, or a weight outside the range set in Settings → Defaults, is refused too; a plausible one is not', async () => {
    const { sim, station } = await demoStation();
    // labelDraft's items: 2 × 0.3 kg.
    expect(await station.client.labels.create({ draft: weighing(null, 0.4) })).toMatchObject({
      ok: false,
      error: {
        code: 'weight_implausible',
        fields: { 'shipment.parcels[0].weight': expect.stringMatching(/less than its items weigh \(0\.6 kg/) },
      },
    });
    await station.client.settings.setDefaults({ weightRange: { minKg: 1, maxKg: 5 } });
    expect(await station.client.labels.create({ draft: weighing('W-2', 0.8) })).toMatchObject({
      ok: false,
      error: { code: 'weight_implausible', message: expect.stringMatching(/^0\.8 kg is outside 1–5 kg\./) },
    });
    expect(sim.stats().labelsCreated).toBe(0);
    const fine = await station.client.labels.create({ draft: weighing('W-3', 2) });
    expect(fine.ok && fine.value.kind).toBe('created');
    expect(sim.stats().labelsByKey).toEqual({ 'W-3': 1 });
  });
});
