import type { Page } from '@playwright/test';
import { COMMAND_CODES } from '../../shared/domain/scan';
import { stationCsv } from '../fixtures/station-orders';
import { CUPS_PDF_PRINTER, pdfinfo, pdftotext, startCups } from './cups-output';
import { expect, screenshot, test } from './fixtures';
import { scan } from './scanner';

const PRINTER = CUPS_PDF_PRINTER;
let outputOf: ReturnType<typeof startCups>['outputOf'];

test.beforeAll(() => {
  ({ outputOf } = startCups());
});

/** Load orders: the shared import step in a dialog (the same as Batch), then back to scanning. */
async function loadOrders(page: Page, name: string, csv: string) {
  await page.getByRole('button', { name: 'Load orders (CSV)' }).click();
  const dialog = page.getByRole('dialog', { name: 'Load orders' });
  await dialog.getByLabel('CSV file of orders').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(dialog.getByTestId('import-summary')).toContainText(name);
  await dialog.getByRole('button', { name: /^Done/ }).click();
}

const ORDERS = stationCsv([
  { orderNumber: 'ST-1001' },
  { orderNumber: 'ST-1002' },
  { orderNumber: 'ST-NOWEIGHT', weight: '' },
  { orderNumber: 'ST-BADPOSTAL', postalCode: '' },
  { orderNumber: 'ST-REFUSED', firstName: 'REJECT' },
]);

test('station mode: scans print, reprint, ask for a weight, and fail clearly; command barcodes work', async ({ harness }) => {
  test.setTimeout(90_000);
  const { page } = harness;
  const { client } = harness.station;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await client.printers.saveProfile({ name: 'Desk label printer', printer: PRINTER, role: 'labels' });
  // A queue that refuses jobs is only taken with the operator's confirmation (queue-check.ts).
  await client.printers.saveProfile({ name: 'Jammed printer', printer: 'ffs-rejecting', role: 'labels', confirmNotReady: true });

  await page.getByRole('button', { name: 'Station mode' }).click();
  const scanInput = page.getByLabel(/^Scan an order barcode/);
  const weightInput = page.getByLabel(/^Weight/);
  const result = page.getByTestId('scan-result');
  await expect(scanInput).toBeFocused();
  await expect(page.getByTestId('station-printer')).toHaveText(`Printer: Desk label printer (${PRINTER})`);
  await loadOrders(page, 'today.csv', ORDERS);
  await expect(page.getByTestId('station-orders')).toHaveText('5 orders loaded from today.csv');
  await expect(scanInput).toBeFocused();
  await screenshot(harness, 'station-ready');

  // Success: the label is created and printed; the output is a 4x6 in page with its tracking number.
  await scan(page, 'ST-1001');
  await expect(result).toContainText(/Printed \S+/);
  await expect(result).toContainText('Printed onDesk label printer (ffs-label-pdf)');
  await expect(result).toContainText('Dana Reyes, New York, US');
  const tracking = (await page.getByTestId('scan-tracking').textContent())!;
  const log = await client.print.log({});
  const job = log.ok ? log.value.find((j) => (j.state === 'sent' || j.state === 'printed') && j.printer === PRINTER) : undefined;
  expect(job?.osJobId).toBeTruthy();
  const file = await outputOf(job!.osJobId!);
  expect(pdfinfo(file)).toMatch(/Page size:\s+288 x 432 pts/);
  expect(pdftotext(file)).toContain(tracking);
  await expect(scanInput).toBeFocused();
  await screenshot(harness, 'station-printed');

  // Already labelled: the stored label is printed again, nothing is bought.
  await scan(page, 'ST-1001');
  await expect(result).toContainText(`Reprinted ${tracking}`);
  await expect(result).toContainText('no new label was bought');

  // Unknown order.
  await scan(page, 'NOPE-404');
  await expect(result).toContainText('Unknown order NOPE-404');
  await expect(result).toContainText('not among the 5 imported orders (today.csv)');

  // No weight in the file: the weight field takes over; the weight is cleared once used.
  await scan(page, 'ST-NOWEIGHT');
  await expect(result).toContainText('Weigh order ST-NOWEIGHT');
  await expect(weightInput).toBeFocused();
  await screenshot(harness, 'station-weight');
  await scan(page, '1.4');
  await expect(result).toContainText(/Printed \S+/);
  await expect(result).toContainText('ST-NOWEIGHT');
  await expect(weightInput).toHaveValue('');
  await expect(scanInput).toBeFocused();

  // A validation failure and a courier's refusal, each with its reason.
  await scan(page, 'ST-BADPOSTAL');
  await expect(result).toContainText('Order ST-BADPOSTAL cannot be sent');
  await expect(result).toContainText('Postal code');
  await scan(page, 'ST-REFUSED');
  await expect(result).toContainText('Courier refused order ST-REFUSED');
  await expect(result).toHaveClass(/tone-failure/);
  await screenshot(harness, 'station-failure');

  // Command barcodes: switch to a printer that rejects jobs → the label is kept, the error says what to do.
  await scan(page, COMMAND_CODES.next_printer);
  await expect(result).toContainText('Printing on Jammed printer');
  await scan(page, 'ST-1002');
  await expect(result).toContainText(/Not printed: \S+/);
  await expect(result).toContainText('No new label is bought');
  await scan(page, COMMAND_CODES.next_printer);
  await expect(result).toContainText('Printing on Desk label printer');
  await scan(page, COMMAND_CODES.reprint_last);
  await expect(result).toContainText('Reprinted');
  await expect(result).toContainText('order ST-1002');

  // Keys typed while a button has the focus still reach the scan input.
  await page.getByRole('button', { name: 'New session' }).focus();
  await scan(page, 'ST-1001');
  await expect(result).toContainText(`Reprinted ${tracking}`);

  const counters = page.getByTestId('station-counters');
  await expect(counters).toContainText('Labels made3');
  await expect(counters).toContainText('Reprints3');
  await expect(counters).toContainText('Failures4');
  const recent = page.getByRole('table', { name: 'Last 20 scans' });
  await expect(recent.getByRole('row')).toHaveCount(1 + 12);
  await expect(recent.getByRole('row').nth(1)).toContainText('ST-1001');

  // Three labels were bought in all (the refused order has a failed record), each order once.
  const history = await client.labels.history({ limit: 50 });
  const orders = history.ok ? history.value.items.map((l) => `${l.customerOrderNumber}:${l.status}`).sort() : [];
  expect(orders).toEqual(['ST-1001:created', 'ST-1002:created', 'ST-NOWEIGHT:created', 'ST-REFUSED:failed']);

  // The printable command sheet, from the keyboard; Esc closes it and the scan input has the focus again.
  await page.getByRole('button', { name: 'Command barcodes' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Command barcodes' });
  await expect(dialog.getByRole('img', { name: 'Command barcode sheet' })).toBeVisible();
  await expect(dialog.getByLabel('Paper')).toBeFocused();
  await page.waitForTimeout(300);
  await screenshot(harness, 'station-command-sheet');
  await dialog.getByRole('button', { name: 'Save as PDF' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog).toContainText('Saved to');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(scanInput).toBeFocused();

  // Leaving by its barcode.
  await scan(page, COMMAND_CODES.leave);
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
});

test('station keys: Esc cancels the order waiting for a weight, F2 reprints the last label, F10 leaves', async ({ harness }) => {
  const { page } = harness;
  const { client } = harness.station;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await client.printers.saveProfile({ name: 'Desk label printer', printer: PRINTER, role: 'labels' });
  await page.getByRole('button', { name: 'Station mode' }).click();
  const result = page.getByTestId('scan-result');

  // Sounds are a saved preference, off by default.
  await expect(result).toContainText('No orders are loaded yet');
  await page.getByRole('checkbox', { name: 'Sounds' }).check();
  const settings = await client.settings.get();
  expect(settings.ok && settings.value.preferences.stationSounds).toBe(true);
  await loadOrders(page, 'today.csv', ORDERS);
  await expect(result).not.toContainText('No orders are loaded yet');

  await scan(page, 'ST-NOWEIGHT');
  await expect(page.getByLabel(/^Weight/)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(result).toContainText('Cancelled order ST-NOWEIGHT');
  await expect(page.getByLabel(/^Scan an order barcode/)).toBeFocused();

  await scan(page, 'ST-1002');
  await expect(result).toContainText(/Printed \S+/);
  await page.keyboard.press('F2');
  await expect(result).toContainText('Reprinted');
  await page.keyboard.press('F10');
  await expect(page.getByRole('navigation', { name: 'Screens' })).toBeVisible();
  const history = await client.labels.history({ limit: 50 });
  expect(history.ok && history.value.items.map((l) => l.customerOrderNumber)).toEqual(['ST-1002']);
});

test('station mode without a label printer: the hint links to Settings → Printers', async ({ harness }) => {
  const { page } = harness;
  await page.getByRole('button', { name: 'Start in Demo mode' }).click();
  await page.getByRole('button', { name: 'Station mode' }).click();
  const hint = page.getByTestId('station-printer');
  await expect(hint).toContainText('No label printer: add one in');
  await screenshot(harness, 'station-no-printer');
  await hint.getByRole('button', { name: 'Settings → Printers' }).click();
  await expect(page.getByRole('tab', { name: 'Printers' })).toHaveAttribute('aria-selected', 'true');
});
