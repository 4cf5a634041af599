import type { Page } from '@playwright/test';

/**
 * Every screen of the app and how to reach it from the previous one, starting at first
 * start; `npm run harness` (headless) screenshots each one in order.
 */
export const screens: { name: string; open(page: Page): Promise<void> }[] = [
  {
    name: 'first-start',
    open: async (page) => {
      await page.getByRole('heading', { name: 'Welcome to Flex Forward Station' }).waitFor();
    },
  },
  {
    name: 'new-label',
    open: async (page) => {
      await page.getByRole('button', { name: 'Start in Demo mode' }).click();
      await page.getByRole('heading', { name: 'New label' }).waitFor();
    },
  },
  {
    name: 'today',
    open: async (page) => {
      await page.getByRole('button', { name: 'Today' }).click();
      await page.getByRole('heading', { name: 'Today', exact: true }).waitFor();
    },
  },
  {
    name: 'batch',
    open: async (page) => {
      await page.getByRole('button', { name: 'Batch' }).click();
      await page.getByRole('heading', { name: 'Batch labels from a CSV' }).waitFor();
    },
  },
  {
    name: 'history',
    open: async (page) => {
      await page.getByRole('button', { name: 'History' }).click();
      await page.getByRole('heading', { name: 'History' }).waitFor();
    },
  },
  {
    name: 'status',
    open: async (page) => {
      await page.getByRole('button', { name: 'Status' }).click();
      await page.getByRole('heading', { name: 'Station status' }).waitFor();
    },
  },
  ...(['Environments', 'Label defaults', 'Sender addresses', 'Package presets', 'Printers'] as const).map((tab) => ({
    name: `settings-${tab.toLowerCase().replace(/ /g, '-')}`,
    open: async (page: Page) => {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('tab', { name: tab, selected: true }).waitFor();
    },
  })),
  // Last: station mode has no header to reach the other screens from.
  {
    name: 'station-mode',
    open: async (page) => {
      await page.getByRole('button', { name: 'Station mode' }).click();
      await page.getByRole('heading', { name: 'Station mode' }).waitFor();
    },
  },
  {
    name: 'station-command-sheet',
    open: async (page) => {
      await page.getByRole('button', { name: 'Command barcodes' }).click();
      await page.getByRole('img', { name: 'Command barcode sheet' }).waitFor();
    },
  },
];
