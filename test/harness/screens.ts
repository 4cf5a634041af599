import type { Page } from '@playwright/test';

/**
 * Every screen of the app and how to reach it from the previous one, starting at first
 * start; `npm run harness` (headless) screenshots each one in order. Reached by keys and
 * positions, not by words, so the same walk works in every language (`--lang ja`).
 */
const go = async (page: Page, digit: string) => {
  await page.keyboard.press(`Alt+${digit}`);
};
const heading = (page: Page) => page.locator('h1').first().waitFor();

// Alt+digit as in renderer/src/features/shell/shortcuts.ts `screens`.
// Settings tabs in their order (renderer/src/features/settings/SettingsScreen.tsx `tabs`).
const SETTINGS_TABS = ['environments', 'defaults', 'senders', 'presets', 'catalogue', 'printers'];

export const screens: { name: string; open(page: Page): Promise<void> }[] = [
  { name: 'first-start', open: (page) => page.locator('.onboarding h1').waitFor() },
  {
    name: 'new-label',
    open: async (page) => {
      await page.locator('.onboarding section').first().getByRole('button').click();
      await page.locator('.new-label-layout').waitFor();
    },
  },
  { name: 'today', open: async (page) => (await go(page, '1'), heading(page)) },
  { name: 'batch', open: async (page) => (await go(page, '3'), heading(page)) },
  { name: 'history', open: async (page) => (await go(page, '4'), heading(page)) },
  { name: 'status', open: async (page) => (await go(page, '6'), heading(page)) },
  ...SETTINGS_TABS.map((tab) => ({
    name: `settings-${tab}`,
    open: async (page: Page) => {
      await go(page, '7');
      await page.locator(`#tab-${tab}`).click();
      await page.locator(`#tab-${tab}[aria-selected="true"]`).waitFor();
    },
  })),
  // Last: station mode has no header to reach the other screens from.
  { name: 'station-mode', open: async (page) => (await go(page, '5'), heading(page)) },
];
