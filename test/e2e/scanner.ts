import type { Page } from '@playwright/test';

/** Types like a barcode scanner (or a person at the weight field): fast keystrokes into whatever has the focus, then Enter. */
export async function scan(page: Page, code: string): Promise<void> {
  await page.keyboard.type(code, { delay: 4 });
  await page.keyboard.press('Enter');
}
