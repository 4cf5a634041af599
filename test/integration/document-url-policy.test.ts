import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreateOutcome } from '../../shared/domain/label-draft';
import { startSimulator, type Simulator } from '../../electron/simulator';
import { controlledDemo, labelDraft } from '../fixtures/label-drafts';
import { createTestStation } from '../support/test-station';

/**
 * The document address policy through a whole station: which hosts a label's document may
 * come from is decided by the environment the label was created in, not by the environment
 * the station is in when the document is fetched. A Custom API on loopback (a second
 * simulator) hands out loopback document URLs, which only a Demo label may use, and only from
 * the Demo simulator itself.
 */

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((x) => x.close()));
});

const TOKEN = 'ff_custom_policy_test_token_5a1e';

const created = (r: { ok: boolean; value?: CreateOutcome }) => {
  expect(r).toMatchObject({ ok: true, value: { kind: 'created' } });
  return r.value as Extract<CreateOutcome, { kind: 'created' }>;
};
const documentRequests = (sim: Simulator) => sim.stats().requests.filter((r) => r.path.startsWith('/documents/'));

describe('the document URL policy follows the label’s environment', () => {
  it('refuses a Custom label’s loopback document even while Demo is active, and fetches a Demo label’s document while Custom is active', async () => {
    const custom = await startSimulator({ tokens: [{ token: TOKEN, accounts: [] }] });
    const { sim: demo, startDemo } = await controlledDemo();
    const station = createTestStation({ startDemo });
    opened.push(station, custom, demo);

    expect(await station.client.env.setBaseUrl({ environment: 'custom', baseUrl: custom.url })).toMatchObject({ ok: true });
    expect(await station.client.token.set({ environment: 'custom', token: TOKEN })).toMatchObject({ ok: true, value: { verified: true } });
    expect(await station.client.env.switch({ environment: 'custom' })).toMatchObject({ ok: true });

    // A Custom label: bought, but its document on http://127.0.0.1 is not fetched.
    const customLabel = created(await station.client.labels.create({ draft: labelDraft('POLICY-C1') }));
    expect(customLabel.label.environment).toBe('custom');
    expect(customLabel.label.documentUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
    expect(customLabel.documentError).toMatch(/address is not allowed: plain http is allowed only for the Demo simulator/);
    expect(documentRequests(custom)).toHaveLength(0);

    // Switching to Demo does not make it allowed.
    expect(await station.client.env.switch({ environment: 'demo' })).toMatchObject({ ok: true });
    const refused = await station.client.labels.document({ id: customLabel.label.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'document_url_refused' } });
    expect(documentRequests(custom)).toHaveLength(0);

    // A Demo label: its document comes from the Demo simulator…
    const demoLabel = created(await station.client.labels.create({ draft: labelDraft('POLICY-D1') }));
    expect(demoLabel).toMatchObject({ documentError: null, label: { environment: 'demo', documentStored: true } });
    expect(documentRequests(demo)).toHaveLength(1);

    // …and is fetched again from there while Custom is active (the stored file is gone).
    await station.services.documents.flush();
    rmSync((await station.services.labelStore.documentPath(demoLabel.label.id))!);
    expect(await station.client.env.switch({ environment: 'custom' })).toMatchObject({ ok: true });
    const again = await station.client.labels.document({ id: demoLabel.label.id });
    expect(again).toMatchObject({ ok: true, value: { format: 'pdf' } });
    expect(documentRequests(demo)).toHaveLength(2);
    expect(documentRequests(custom)).toHaveLength(0);
  });
});
