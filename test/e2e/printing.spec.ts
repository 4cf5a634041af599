import { execFileSync } from 'node:child_process';
import { labelDraft } from '../fixtures/label-drafts';
import { CUPS_PDF_PRINTER, pdfinfo, pdftotext, startCups } from './cups-output';
import { expect, screenshot, test } from './fixtures';

const PRINTER = CUPS_PDF_PRINTER;
let outputOf: ReturnType<typeof startCups>['outputOf'];

test.beforeAll(() => {
  ({ outputOf } = startCups());
});

test('printer profiles, calibration, auto-print and reprint print at 4x6 in through the OS', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Printers' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: PRINTER })).toBeVisible();

  await page.getByRole('button', { name: 'Add printer profile' }).click();
  const form = page.getByRole('form', { name: 'Printer profile' });
  await form.getByLabel('Profile name').fill('Desk label printer');
  await form.getByLabel('System printer').selectOption(PRINTER);
  await form.getByLabel('Label size').selectOption('4x6in');
  await form.getByLabel(/Print each new label automatically/).check();
  await form.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByText('Default label printer')).toBeVisible();

  await page.getByRole('button', { name: 'Print a calibration label on Desk label printer' }).click();
  const calibration = page.getByText(/^(Sent to|Printed on) ffs-label-pdf \(job ffs-label-pdf-\d+\)$/).first();
  await expect(calibration).toBeVisible();
  const calibrationJob = /\(job (.+)\)/.exec((await calibration.textContent())!)![1]!;
  expect(pdfinfo(await outputOf(calibrationJob))).toMatch(/Page size:\s+288 x 432 pts/);
  await screenshot(harness, 'settings-printers');

  // A new label prints itself once (auto-print), from the stored document.
  const created = await harness.station.client.labels.create({ draft: labelDraft('PRINT-1') });
  expect(created.ok && created.value.kind === 'created' && created.value.printJob).toMatchObject({ state: 'sent', printer: PRINTER });
  const autoJob = created.ok && created.value.kind === 'created' ? created.value.printJob!.osJobId! : '';
  const autoFile = await outputOf(autoJob);
  expect(pdfinfo(autoFile)).toMatch(/Pages:\s+1\b/);
  const tracking = created.ok && created.value.kind === 'created' ? created.value.label.trackingNumber! : '';
  expect(pdftotext(autoFile)).toContain(tracking);

  // Reprint from history: the printer's name is shown next to the button.
  await harness.station.client.labels.create({ draft: labelDraft('PRINT-2') });
  await page.getByRole('button', { name: 'History' }).click();
  const row = page.getByRole('row').filter({ hasText: 'PRINT-1' });
  await expect(row.getByText('on Desk label printer (ffs-label-pdf)')).toBeVisible();
  await row.getByRole('button', { name: 'Reprint on Desk label printer' }).click();
  await expect(row.getByText(/^(Sent to|Printed on) ffs-label-pdf/)).toBeVisible();

  // Print all: two labels picked in this order become one two-page job in that order.
  await page.getByRole('checkbox', { name: /Select PRINT-2 for printing/ }).check();
  await page.getByRole('checkbox', { name: /Select PRINT-1 for printing/ }).check();
  await screenshot(harness, 'history-print-controls');
  const bar = page.getByRole('region', { name: 'Selected labels' });
  await bar.getByRole('button', { name: /Print all 2 as one job/ }).click();
  const sent = bar.getByText(/^(Sent to|Printed on) ffs-label-pdf \(job .+\)$/);
  await expect(sent).toBeVisible();
  const allFile = await outputOf(/\(job (.+)\)/.exec((await sent.textContent())!)![1]!);
  expect(pdfinfo(allFile)).toMatch(/Pages:\s+2\b/);
  const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', allFile, '-'], { encoding: 'utf8' });
  expect(first).toContain('PRINT-2');

  // Every job is in the log: calibration, two auto-prints, the reprint and print-all (each sent, or printed once CUPS finished it).
  const log = await harness.station.client.print.log({});
  expect(log.ok && log.value.map((j) => [j.state === 'printed' ? 'sent' : j.state, j.labelIds.length])).toEqual([
    ['sent', 2],
    ['sent', 1],
    ['sent', 1],
    ['sent', 1],
    ['sent', 0],
  ]);
});
