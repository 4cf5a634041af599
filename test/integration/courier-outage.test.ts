import { afterEach, describe, expect, it } from 'vitest';
import { controlledDemo, labelDraft } from '../fixtures/label-drafts';
import { createTestStation } from '../support/test-station';

/** Issue 15 item 5: a courier-side outage (the courier's own 5xx) versus a refusal. */
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((x) => x.close()));
});

async function demoStation(faults: { courierDown?: number } = {}) {
  const { sim, startDemo } = await controlledDemo({ faults });
  const station = createTestStation({ startDemo });
  opened.push(station, sim);
  expect((await station.client.env.switch({ environment: 'demo' })).ok).toBe(true);
  const outbox = (key: string) =>
    station.services.database.db.prepare('SELECT state, label_id AS labelId FROM outbox WHERE idempotency_key = ?').get(key) as
      { state: string; labelId: string | null } | undefined;
  return { sim, station, client: station.client, outbox };
}

describe('a courier outage', () => {
  it('says to try again later, is not recorded as a refusal to fix, and the same draft goes through once the courier is back', async () => {
    const { sim, client, outbox } = await demoStation({ courierDown: 1 });
    const draft = labelDraft('OUT-1001');

    const down = await client.labels.create({ draft });
    expect(down).toMatchObject({ ok: false, error: { code: 'courier_unavailable' } });
    const message = down.ok ? '' : down.error.message;
    expect(message).toMatch(/not answering right now/);
    expect(message).toMatch(/Nothing was bought\. Try again in a few minutes; the shipment is kept as it is\./);
    expect(message).not.toMatch(/refused|Fix/i);
    // The API keeps the failure under that key; the outbox closes it as an outage, not as a courier refusal.
    expect(outbox('OUT-1001')).toMatchObject({ state: 'unavailable' });
    expect(sim.stats().labelsByKey).toEqual({ 'OUT-1001': 1 });

    // The courier is back: the unchanged draft, with no "create another", gets its label under the next key.
    sim.setFaults({});
    const up = await client.labels.create({ draft });
    expect(up).toMatchObject({ ok: true, value: { kind: 'created', label: { customerOrderNumber: 'OUT-1001', status: 'created' } } });
    expect(outbox('OUT-1001#2')).toMatchObject({ state: 'done' });
    expect(sim.stats().labelsByKey).toEqual({ 'OUT-1001': 1, 'OUT-1001#2': 1 });
    // And it is now labelled: a third Create asks before buying another.
    expect(await client.labels.create({ draft })).toMatchObject({ ok: true, value: { kind: 'already_labelled', lastRejected: false } });
  });

  it('a courier refusal still says what to fix, and its entry is a refusal', async () => {
    const { client, outbox } = await demoStation();
    const refused = await client.labels.create({ draft: labelDraft('REF-1001', { postalCode: '00000' }) });
    expect(refused).toMatchObject({
      ok: true,
      value: { kind: 'rejected', label: { errorMessage: expect.stringMatching(/HTTP 400: Invalid postal code/) } },
    });
    expect(outbox('REF-1001')).toMatchObject({ state: 'rejected' });
  });

  it('the COURIER-DOWN recipient (the deterministic trigger) reads as an outage too', async () => {
    const { client, outbox } = await demoStation();
    const down = await client.labels.create({ draft: labelDraft('OUT-1002', { firstName: 'COURIER-DOWN' }) });
    expect(down).toMatchObject({ ok: false, error: { code: 'courier_unavailable' } });
    expect(outbox('OUT-1002')).toMatchObject({ state: 'unavailable' });
  });
});
