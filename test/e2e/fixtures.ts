import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test as base } from '@playwright/test';
import { attachHarness, repoRoot, type Harness, type HarnessOptions } from '../harness/harness';

export const screenshotDir = join(repoRoot, '.test-output', 'screenshots');

/** `harness`: the app in this test's page, wired to a fresh real core. */
export const test = base.extend<{ harnessOptions: HarnessOptions; harness: Harness }>({
  harnessOptions: [{}, { option: true }],
  harness: async ({ page, harnessOptions }, use) => {
    const harness = await attachHarness(page, harnessOptions);
    await use(harness);
    await harness.close();
  },
});

export async function screenshot(harness: Harness, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await harness.page.screenshot({ path, fullPage: true });
  return path;
}

export { expect } from '@playwright/test';
