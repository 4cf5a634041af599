import type { Page } from '@playwright/test';

/** Every screen of the app and how to reach it; `npm run harness` screenshots each one. */
export const screens: { name: string; open(page: Page): Promise<void> }[] = [
  {
    name: 'status',
    open: async (page) => {
      await page.getByRole('heading', { name: 'Station status' }).waitFor();
    },
  },
];
