import { labelDraft } from '../fixtures/label-drafts';
import { pdfinfo, pdftotext, startCups } from './cups-output';
import { expect, screenshot, test } from './fixtures';

/**
 * Print with no printer set up yet (issue 16 item 2): Print is still offered, the first Print
 * asks which system printer and what paper, saves that as the default label printer and prints;
 * the hint links to Settings → Printers; a stopped queue is flagged as soon as it is chosen.
 * Prints for real to the CUPS-PDF A4 queue (test/services/start-cups.sh).
 */

let outputOf: ReturnType<typeof startCups>['outputOf'];

test.beforeAll(() => {
  ({ outputOf } = startCups());
});

test('the first Print asks for printer and paper, saves the default profile and prints on A4, two labels per sheet', async ({
  harness,
}) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  const one = await harness.station.client.labels.create({ draft: labelDraft('FIRST-1') });
  const two = await harness.station.client.labels.create({ draft: labelDraft('FIRST-2') });
  const tracking = [one, two].map((r) => (r.ok && r.value.kind === 'created' ? r.value.label.trackingNumber! : ''));

  await page.getByRole('button', { name: 'History' }).click();
  const row = page.getByRole('row').filter({ hasText: 'FIRST-1' });
  // No profile: the button is there anyway, and the hint is a link to Settings → Printers.
  await expect(row.getByText('No printer set up yet')).toBeVisible();
  await row.getByRole('button', { name: 'Settings → Printers' }).click();
  await expect(page.getByRole('tab', { name: 'Printers' })).toHaveAttribute('aria-selected', 'true');
  const stoppedRow = page.getByRole('listitem').filter({ hasText: 'ffs-stopped' });
  await expect(stoppedRow.getByText(/^stopped: Paused/)).toBeVisible();
  await expect(
    page
      .getByRole('listitem')
      .filter({ hasText: 'ffs-rejecting' })
      .getByText('not accepting jobs: Rejecting jobs (Flex Forward test queue)', { exact: true }),
  ).toBeVisible();

  await screenshot(harness, 'printers-queue-states');

  await page.getByRole('button', { name: 'History' }).click();
  await row.getByRole('button', { name: 'Print', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Set up printing' });
  await expect(dialog).toBeVisible();
  await screenshot(harness, 'first-print');

  // A stopped queue is flagged the moment it is chosen.
  await dialog.getByLabel('System printer').selectOption('ffs-stopped');
  await expect(dialog.getByRole('alert')).toContainText('This printer is stopped (Paused (Flex Forward test queue))');
  await dialog.getByRole('button', { name: 'Save and print' }).click();
  await expect(dialog.getByRole('button', { name: 'Use this printer anyway and print' })).toBeVisible();
  await expect(dialog.getByText(/The printer “ffs-stopped” is stopped/)).toBeVisible();
  await screenshot(harness, 'first-print-stopped');

  await dialog.getByLabel('System printer').selectOption('ffs-a4-pdf');
  await dialog.getByLabel('4 × 6 in label on A4 paper, two per sheet').check();
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await screenshot(harness, 'paper-choice');
  await dialog.getByRole('button', { name: 'Save and print' }).click();
  await expect(dialog).toBeHidden();

  // "Sent to" until CUPS says the job printed, then "Printed on" (the job is followed): either names the job.
  const sent = row.getByText(/^(Sent to|Printed on) ffs-a4-pdf \(job ffs-a4-pdf-\d+\)$/);
  await expect(sent).toBeVisible();
  const file = await outputOf(/\(job (.+)\)/.exec((await sent.textContent())!)![1]!);
  expect(pdfinfo(file)).toMatch(/Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
  expect(pdftotext(file)).toContain(tracking[0]);

  // Saved as the default label printer: every Print button now names it.
  const settings = await harness.station.client.settings.get();
  expect(settings.ok && settings.value.printerProfiles).toMatchObject([
    { printer: 'ffs-a4-pdf', role: 'labels', paper: 'A4', labelsPerSheet: 2, labelSize: '4x6in' },
  ]);
  expect(settings.ok && settings.value.defaultLabelProfileId).toBe(settings.ok && settings.value.printerProfiles[0]!.id);
  await expect(page.getByRole('row').filter({ hasText: 'FIRST-2' }).getByText('on ffs-a4-pdf, A4 paper (ffs-a4-pdf)')).toBeVisible();

  await screenshot(harness, 'first-print-sent');

  // Print all of both: one A4 sheet, the first picked on top.
  await page.getByRole('checkbox', { name: /Select FIRST-2 for printing/ }).check();
  await page.getByRole('checkbox', { name: /Select FIRST-1 for printing/ }).check();
  const bar = page.getByRole('region', { name: 'Selected labels' });
  await bar.getByRole('button', { name: /Print all 2 as one job/ }).click();
  const all = bar.getByText(/^(Sent to|Printed on) ffs-a4-pdf \(job .+\)$/);
  await expect(all).toBeVisible();
  const sheet = await outputOf(/\(job (.+)\)/.exec((await all.textContent())!)![1]!);
  expect(pdfinfo(sheet)).toMatch(/Pages:\s+1\b/);
  const text = pdftotext(sheet);
  expect(text).toContain(tracking[0]);
  expect(text).toContain(tracking[1]);

  // Settings → Printers: the profile says its paper; the calibration print comes on that paper;
  // the paper can be changed there (to Letter, one per sheet).
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Printers' }).click();
  const profileRow = page.getByRole('listitem').filter({ hasText: 'Default label printer' });
  await expect(profileRow).toContainText('4 × 6 in label on A4 paper, two per sheet');
  await profileRow.getByRole('button', { name: /Edit/ }).click();
  const form = page.getByRole('form', { name: 'Printer profile' });
  await form.getByLabel('System printer').selectOption('ffs-letter-pdf');
  await form.getByLabel('Paper', { exact: true }).selectOption('Letter');
  await form.getByLabel('Labels per sheet').selectOption('1');
  await screenshot(harness, 'settings-paper-profile');
  await form.getByRole('button', { name: 'Save profile' }).click();
  await expect(profileRow).toContainText('4 × 6 in label on Letter paper, one per sheet');
  await profileRow.getByRole('button', { name: /Print a calibration label/ }).click();
  const calibration = page
    .getByRole('region', { name: 'Printer profiles' })
    .getByText(/^Sent to ffs-letter-pdf \(job ffs-letter-pdf-\d+\)$/);
  await expect(calibration).toBeVisible();
  const calibrationFile = await outputOf(/\(job (.+)\)/.exec((await calibration.textContent())!)![1]!);
  expect(pdfinfo(calibrationFile)).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  expect(pdftotext(calibrationFile)).toContain('Paper: Letter, one label per sheet, 100 %');
});
