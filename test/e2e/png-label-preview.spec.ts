import { expect, screenshot, test } from './fixtures';
import { fillShipment } from './shipment-form';

/**
 * A PNG Demo label for a Japanese address as the operator sees it in the preview: the simulator
 * draws 山田 太郎 and 東京都渋谷区 in the station's fonts (electron/simulator/png-text.ts), where
 * it used to print "?". Screenshot in .test-output/screenshots (png-label-preview-ja.png).
 */

/** Dark pixels of the preview image inside a box, in the PNG's own pixels (812 x 1218 at 203 dpi). */
const darkIn = async (img: HTMLImageElement, box: { x: number; y: number; w: number; h: number }) => {
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = img.naturalHeight;
  const context = canvas.getContext('2d')!;
  context.drawImage(img, 0, 0);
  const data = context.getImageData(box.x, box.y, box.w, box.h).data;
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! < 128) dark++;
  return dark;
};
const px = (pt: number) => Math.round((pt * 203) / 72);

test('a PNG Demo label for a Japanese address shows the name and address in the preview (screenshot)', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await fillShipment(page, { orderNumber: 'JP-PNG-1', postalCode: '150-0001' });
  const to = page.getByRole('group', { name: 'Recipient' });
  await to.getByLabel('First name').fill('太郎');
  await to.getByLabel('Last name').fill('山田');
  await to.getByLabel('Street address', { exact: true }).fill('神宮前1-2-3');
  await to.getByLabel('City').fill('渋谷区');
  await to.getByLabel('State or prefecture').fill('東京都');
  await to.getByLabel('Country').selectOption('JP');
  await page.getByLabel('Label format').selectOption('PNG');
  await page.getByLabel('Customer order number').press('Enter');

  const outcome = page.getByRole('region', { name: 'Label created' });
  await expect(outcome).toBeVisible();
  const image = outcome.getByRole('img', { name: 'PNG label' });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(812);
  // label-layout.ts: the name (14 pt) at 130 pt, then 〒150-0001 (11 pt) and 東京都渋谷区 at 161 pt, from the 14 pt margin.
  // The strokes of 山田 太郎 and of 東京都渋谷区 (about 1500 and 1800 dark pixels), where each run used to be one "?".
  const name = await image.evaluate(darkIn, { x: px(14), y: px(128), w: px(56), h: px(17) });
  const city = await image.evaluate(darkIn, { x: px(14), y: px(159), w: px(66), h: px(13) });
  expect(name).toBeGreaterThan(700);
  expect(city).toBeGreaterThan(900);
  await screenshot(harness, 'png-label-preview-ja');
});
