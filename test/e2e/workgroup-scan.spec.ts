import { labelDraft } from '../fixtures/label-drafts';
import { stationCsv } from '../fixtures/station-orders';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { createTestStation } from '../support/test-station';
import { connectionOf, joinWorkgroup } from '../support/workgroup-station';
import { CUPS_PDF_PRINTER, startCups } from './cups-output';
import { expect, screenshot, test } from './fixtures';
import { scan } from './scanner';

/**
 * A station moving into a workgroup (issue 18 item 2: its own history copied up, with progress
 * in Settings → Workgroup) and an order packed at another bench (item 4: station mode says who
 * packs it since when, and offers the release while the workgroup has no operators), on a
 * database of this spec's own, the other bench a real station in this process.
 * Screenshots: workgroup-move-in.png, workgroup-held.png, workgroup-held-released.png.
 */
let db: TestDatabase;
let other: ReturnType<typeof createTestStation> | null = null;
test.beforeAll(async () => {
  startCups();
  db = await createTestDatabase();
});
test.afterAll(async () => {
  await other?.close();
  await db.drop();
});

const ORDERS = stationCsv([{ orderNumber: 'WG-1001' }, { orderNumber: 'WG-HELD', weight: '' }]);

test('a station with history joins (copied up, with progress); an order packed at another bench is shown as held, then released', async ({
  harness,
}) => {
  test.setTimeout(90_000);
  const { page } = harness;
  const { client } = harness.station;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  // History of its own before joining: two labels.
  for (const order of ['OWN-1', 'OWN-2']) expect((await client.labels.create({ draft: labelDraft(order) })).ok).toBe(true);
  await client.printers.saveProfile({ name: 'Desk label printer', printer: CUPS_PDF_PRINTER, role: 'labels' });

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Workgroup' }).click();
  const joined = await client.workgroup.save({
    settings: { ...connectionOf(db), stationName: 'Bench 1' },
    password: decodeURIComponent(new URL(db.url).password),
  });
  expect(joined.ok).toBe(true);
  await expect(page.getByTestId('workgroup-move-in')).toContainText("This station's history is in the workgroup now (labels: 2");
  await screenshot(harness, 'workgroup-move-in');

  // Orders loaded once (shared); Bench 2 scans the one without a weight and holds it.
  expect((await client.batch.import({ fileName: 'today.csv', base64: Buffer.from(ORDERS).toString('base64') })).ok).toBe(true);
  other = createTestStation();
  expect((await other.client.env.switch({ environment: 'demo' })).ok).toBe(true);
  expect((await other.client.printers.saveProfile({ name: 'Bench 2 printer', printer: CUPS_PDF_PRINTER, role: 'labels' })).ok).toBe(true);
  await joinWorkgroup(other, db, 'Bench 2');
  const held = await other.client.scan.submit({ input: 'WG-HELD' });
  expect(held.ok && held.value.result.status).toBe('needs_weight');

  await page.getByRole('button', { name: 'Station mode' }).click();
  await expect(page.getByTestId('station-orders')).toContainText('2 orders loaded from today.csv');
  await scan(page, 'WG-HELD');
  const card = page.getByTestId('scan-held');
  // Nobody signed in at Bench 2: the station's name is said once, and no "Packed by" line.
  await expect(card).toContainText('Order WG-HELD is being packed at Bench 2 since');
  await expect(card).not.toContainText('by Bench 2');
  await expect(card).not.toContainText('Packed by');
  await screenshot(harness, 'workgroup-held');
  // No operators in this workgroup yet: anyone may release (as main's gate allows).
  await card.getByRole('button', { name: 'Release claim' }).click();
  await expect(card).toContainText('Released. Scan order WG-HELD again to pack it here.');
  await screenshot(harness, 'workgroup-held-released');
  // Now this bench packs it: it asks for the weight.
  await scan(page, 'WG-HELD');
  await expect(page.getByTestId('scan-result')).toContainText(/weight/i);
});
