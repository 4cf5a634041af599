import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createCupsBackend, runCommand } from '../../electron/core/printing/cups';
import { labelDraft } from '../fixtures/label-drafts';
import { CUPS_PDF_PRINTER, startCups } from './cups-output';
import { expect, screenshot, test } from './fixtures';

/**
 * Closed-loop printing on screen, through real CUPS (start-cups.sh, start-cups-faults.sh):
 * History's print state per label and its filter, a failed print that stays failed after
 * leaving the screen, "Reprint on…" another printer, the print log naming order and tracking
 * number, and station mode's big card showing that the printer gave the job up.
 */

test.use({ harnessOptions: { printFollow: { intervalMs: 200, timeoutMs: 30_000 } } });

const paused: string[] = [];
test.beforeAll(() => void startCups());
test.afterAll(() => paused.forEach((job) => execFileSync('cancel', [job], { stdio: 'ignore' })));

/** `lp` as the station runs it, plus `-H hold` while `hold.on`: a job CUPS keeps waiting in the queue. */
const hold = { on: false };
test.use({
  harnessOptions: {
    printBackend: createCupsBackend({ run: (p, args, o) => runCommand(p, p === 'lp' && hold.on ? ['-H', 'hold', ...args] : args, o) }),
  },
});

const rowOf = (page: Page, order: string) => page.getByRole('row').filter({ hasText: order });

test('History shows and filters print states; a failed print stays failed until reprinted on another printer', async ({ harness }) => {
  test.setTimeout(90_000);
  const { page, station } = harness;
  const { client } = station;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  // A stopped queue is only taken with the operator's confirmation (queue-check.ts).
  const profile = async (name: string, printer: string, confirmNotReady = false) => {
    const saved = await client.printers.saveProfile({ name, printer, role: 'labels', confirmNotReady });
    if (!saved.ok) throw new Error(saved.error.message);
    return saved.value.printerProfiles.find((p) => p.name === name)!.id;
  };
  await profile('Desk label printer', CUPS_PDF_PRINTER);
  const failing = await profile('Out of paper printer', 'ffs-failing');
  const pausedProfile = await profile('Paused printer', 'ffs-paused', true);

  const label = async (order: string) => {
    const created = await client.labels.create({ draft: labelDraft(order) });
    if (!created.ok || created.value.kind !== 'created') throw new Error(`no label for ${order}`);
    return created.value.label;
  };
  const printOn = async (labelId: string, profileId?: string) => {
    const sent = await client.print.labels({ labelIds: [labelId], profileId });
    if (!sent.ok) throw new Error(sent.error.message);
    if ((profileId === pausedProfile || hold.on) && sent.value.osJobId) paused.push(sent.value.osJobId);
    return (await station.services.printing.settled(sent.value.id))!;
  };
  const ok = await label('LOOP-OK');
  expect((await printOn(ok.id)).state).toBe('printed');
  const fail = await label('LOOP-FAIL');
  expect((await printOn(fail.id, failing)).state).toBe('failed');
  const wait = await label('LOOP-WAIT');
  hold.on = true;
  try {
    expect((await printOn(wait.id)).state).toBe('waiting');
  } finally {
    hold.on = false;
  }
  await label('LOOP-NEVER');

  await page.getByRole('button', { name: 'History' }).click();
  await expect(rowOf(page, 'LOOP-OK').getByTestId('print-state')).toContainText('Printed');
  await expect(rowOf(page, 'LOOP-FAIL').getByTestId('print-state')).toContainText('Print failed');
  await expect(rowOf(page, 'LOOP-FAIL').getByTestId('print-state')).toContainText('Out of paper (Flex Forward test backend)');
  await expect(rowOf(page, 'LOOP-WAIT').getByTestId('print-state')).toContainText('Waiting at printer');
  await expect(rowOf(page, 'LOOP-WAIT').getByTestId('print-state')).toContainText('held');
  await expect(rowOf(page, 'LOOP-NEVER').getByTestId('print-state')).toContainText('Never printed');
  await screenshot(harness, 'history-print-states');

  // The filter: only the failed print.
  await page.getByLabel('Print state').selectOption('failed');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(rowOf(page, 'LOOP-FAIL')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'LOOP-' })).toHaveCount(1);
  await page.getByLabel('Print state').selectOption('never');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(rowOf(page, 'LOOP-NEVER')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'LOOP-' })).toHaveCount(1);

  // Leaving History and coming back: the failed print is still there.
  await page.getByRole('button', { name: 'New label' }).click();
  await page.getByRole('button', { name: 'History' }).click();
  await expect(rowOf(page, 'LOOP-FAIL').getByTestId('print-state')).toContainText('Print failed');

  // Reprint on another printer (a system printer), from the row: it prints, and the row says so.
  const failRow = rowOf(page, 'LOOP-FAIL');
  await failRow.getByRole('button', { name: 'Reprint LOOP-FAIL on another printer' }).click();
  await failRow.getByLabel('Printer to reprint LOOP-FAIL on').selectOption({ label: CUPS_PDF_PRINTER });
  await failRow.getByRole('button', { name: 'Reprint', exact: true }).click();
  await expect(failRow.getByTestId('print-state').locator('.tag')).toHaveText('Printed');
  await expect(failRow.getByText(/^Printed on ffs-label-pdf \(job ffs-label-pdf-\d+\)$/)).toBeVisible();

  // The print log names order and tracking number, and offers "Reprint on…".
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Printers' }).click();
  const log = page.getByRole('table', { name: 'Recent print jobs, newest first' });
  const failedEntry = log.getByRole('row').filter({ hasText: 'ffs-failing' });
  await expect(failedEntry).toContainText(`Order LOOP-FAIL · ${fail.trackingNumber}`);
  await expect(failedEntry).toContainText('Not printed: The printer “ffs-failing” did not print the label');
  await expect(log.getByRole('row').filter({ hasText: 'Order LOOP-FAIL' }).first()).toContainText('Printed on ffs-label-pdf');
  await expect(log.getByRole('row').filter({ hasText: 'Order LOOP-WAIT' })).toContainText('Waiting at the printer');
  await failedEntry.getByRole('button', { name: 'Reprint LOOP-FAIL on another printer' }).click();
  const chooser = failedEntry.getByLabel('Printer to reprint LOOP-FAIL on');
  await expect(chooser.locator('optgroup[label="Printer profiles"] option')).toHaveText([
    'Desk label printer (ffs-label-pdf)',
    'Out of paper printer (ffs-failing)',
    'Paused printer (ffs-paused)',
  ]);
  await expect(chooser.locator('optgroup[label="System printers"] option', { hasText: 'ffs-paused' })).toHaveText('ffs-paused (stopped)');
  await chooser.selectOption({ label: 'Desk label printer (ffs-label-pdf)' });
  await screenshot(harness, 'print-log-reprint');
  await failedEntry.getByRole('button', { name: 'Reprint', exact: true }).click();
  await expect(failedEntry.getByText(/^Printed on ffs-label-pdf \(job ffs-label-pdf-\d+\)$/)).toBeVisible();
  // The new job is at the top of the log, with its label named.
  await expect(log.getByRole('row').nth(1)).toContainText(`Order LOOP-FAIL · ${fail.trackingNumber}`);
  await expect(log.getByRole('row').nth(1)).toContainText('Printed on ffs-label-pdf');
  // Nothing retried by itself: the failed job is one entry, and LOOP-FAIL's jobs are those the operator sent.
  const jobsOf = async () => {
    const jobs = await client.print.log({ labelId: fail.id });
    return jobs.ok ? jobs.value.map((j) => [j.printer, j.state]) : [];
  };
  await expect.poll(jobsOf).toEqual([
    [CUPS_PDF_PRINTER, 'printed'],
    [CUPS_PDF_PRINTER, 'printed'],
    ['ffs-failing', 'failed'],
  ]);
});

test('station mode: the big card shows that the printer gave the job up', async ({ harness }) => {
  test.setTimeout(60_000);
  const { page, station } = harness;
  const { client } = station;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  const saved = await client.printers.saveProfile({ name: 'Out of paper printer', printer: 'ffs-failing', role: 'labels' });
  expect(saved.ok).toBe(true);
  const created = await client.labels.create({ draft: labelDraft('LOOP-DESK') });
  expect(created.ok).toBe(true);

  await page.getByRole('button', { name: 'Station mode' }).click();
  await expect(page.getByLabel(/^Scan an order barcode/)).toBeFocused();
  // An order that has a label: scanning it reprints the stored label on the default printer, which is out of paper.
  await page.keyboard.type('LOOP-DESK', { delay: 4 });
  await page.keyboard.press('Enter');
  const card = page.getByTestId('scan-result');
  await expect(card).toContainText('Reprinted');
  await expect(card.getByTestId('scan-print-outcome')).toContainText('Not printed: the printer gave up');
  await expect(card.getByTestId('scan-print-outcome')).toContainText('Out of paper (Flex Forward test backend)');
  await screenshot(harness, 'station-print-failed');
});
